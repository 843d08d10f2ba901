import { z } from 'zod';

/**
 * Every background job: its queue, payload schema and deterministic id. Listeners enqueue through this file
 * only. Payloads carry IDs, never tokens or message text that a retry could need to rebuild. The one payload
 * with a person's words is `kudos.give`: it is the request itself, queued so Slack is answered at once.
 */

const slackId = z.string().regex(/^[A-Z0-9]{2,30}$/, 'must be a Slack ID');

/** nudge-interactions answers people who just did something, so it never waits behind a round's intros. */
export const queueNames = ['nudge-interactions', 'nudge-messages', 'nudge-tasks'] as const;
export type QueueName = (typeof queueNames)[number];

export const jobContracts = {
  'home.publish': {
    queue: 'nudge-messages',
    schema: z.object({
      workspaceId: slackId,
      userId: slackId,
      eventId: z.string().max(64).optional(),
      /** The person opened the Home: the job also queues their welcome DM (sent once per person, ever). */
      welcome: z.boolean().optional(),
    }),
    jobId: (d: { workspaceId: string; userId: string; eventId?: string | undefined }) =>
      d.eventId ? `home.publish.${d.workspaceId}.${d.userId}.${d.eventId}` : undefined,
  },
  'onboarding.welcome': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, userId: slackId }),
    jobId: (d: { workspaceId: string; userId: string }) => `onboarding.welcome.${d.workspaceId}.${d.userId}`,
  },
  'members.sync': {
    queue: 'nudge-tasks',
    schema: z.object({
      workspaceId: slackId,
      /** Why this sync runs; part of the job id so a new install syncs again but a retried event does not. */
      reason: z.string().regex(/^[a-z0-9-]{1,64}$/),
      /** users.list cursor saved as pages land, so a rate-limited sync resumes instead of starting over. */
      cursor: z.string().max(512).optional(),
      /** On an org-wide install, the Slack workspace whose users.list the cursor belongs to. */
      teamId: slackId.optional(),
    }),
    jobId: (d: { workspaceId: string; reason: string }) => `members.sync.${d.workspaceId}.${d.reason}`,
  },
  'kudos.give': {
    queue: 'nudge-interactions',
    schema: z.discriminatedUnion('source', [
      z.object({
        source: z.literal('command'),
        workspaceId: slackId,
        giverId: slackId,
        channelId: slackId,
        /** The `/kudos` text as typed; parsed again by the job (parsing is pure). */
        text: z.string().max(12_000),
        triggerId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
        /** On an org-wide install, the Slack workspace the command was typed in (its user groups are its own). */
        teamId: slackId.optional(),
        /** Slack's response_url, sealed with the SecretBox: it lets anyone answer the person for 30 minutes. */
        sealedResponseUrl: z.string().max(4_000),
      }),
      z.object({
        source: z.literal('reaction'),
        workspaceId: slackId,
        giverId: slackId,
        recipientId: slackId,
        channelId: slackId,
        messageTs: z.string().regex(/^\d{1,12}\.\d{1,9}$/),
        /** The emoji, checked again by the give (the web process matched it against a cached copy). */
        reaction: z.string().max(100).optional(),
      }),
    ]),
    jobId: (
      d:
        | { source: 'command'; workspaceId: string; triggerId: string }
        | { source: 'reaction'; workspaceId: string; channelId: string; messageTs: string; giverId: string },
    ) =>
      d.source === 'command'
        ? `kudos.give.${d.workspaceId}.command.${d.triggerId}`
        : `kudos.give.${d.workspaceId}.reaction.${d.channelId}.${d.messageTs}.${d.giverId}`,
  },
  'kudos.announce': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, giftId: z.uuid() }),
    jobId: (d: { workspaceId: string; giftId: string }) => `kudos.announce.${d.giftId}`,
  },
  'kudos.retract': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, giftId: z.uuid() }),
    jobId: (d: { workspaceId: string; giftId: string }) => `kudos.retract.${d.giftId}`,
  },
  'kudos.prompt': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'kudos.digest': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'kudos.sweep': {
    queue: 'nudge-tasks',
    schema: z.object({}),
    jobId: () => undefined,
  },
  'schedules.reconcile': {
    queue: 'nudge-tasks',
    schema: z.object({}),
    jobId: () => undefined,
  },
  'pairing.tick': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId, programmeId: z.uuid() }),
    jobId: () => undefined,
  },
  'pairing.round': {
    queue: 'nudge-tasks',
    schema: z.object({
      workspaceId: slackId,
      programmeId: z.uuid(),
      roundDate: z.iso.date(),
      /** An admin's "run a round now": intros go out at once instead of at each group's local send hour. */
      deliverNow: z.boolean().default(false),
    }),
    jobId: (d: { programmeId: string; roundDate: string }) => `pairing.round.${d.programmeId}.${d.roundDate}`,
  },
  'pairing.resume': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId, roundId: z.uuid() }),
    jobId: () => undefined,
  },
  'mentorship.announce': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, programmeId: z.uuid() }),
    jobId: (d: { programmeId: string }) => `mentorship.announce.${d.programmeId}`,
  },
  'mentorship.intro': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, pairId: z.uuid() }),
    jobId: (d: { pairId: string }) => `mentorship.intro.${d.pairId}`,
  },
  'mentorship.sweep': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId, programmeId: z.uuid() }),
    jobId: () => undefined,
  },
  'mentorship.checkin': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, pairId: z.uuid(), number: z.number().int().min(1).max(1000) }),
    jobId: (d: { pairId: string; number: number }) => `mentorship.checkin.${d.pairId}.${d.number}`,
  },
  'mentorship.fit-check': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, pairId: z.uuid() }),
    jobId: (d: { pairId: string }) => `mentorship.fit-check.${d.pairId}`,
  },
  'mentorship.idle': {
    queue: 'nudge-messages',
    schema: z.object({
      workspaceId: slackId,
      pairId: z.uuid(),
      notice: z.enum(['nudge', 'warn']),
      /** When the quiet stretch began (ms): each stretch has its own nudge and warning. */
      since: z.number().int().nonnegative(),
    }),
    jobId: (d: { pairId: string; notice: string; since: number }) =>
      `mentorship.idle.${d.pairId}.${d.notice}.${d.since}`,
  },
  'mentorship.feedback': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, pairId: z.uuid() }),
    jobId: (d: { pairId: string }) => `mentorship.feedback.${d.pairId}`,
  },
  'mentorship.ended': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, pairId: z.uuid() }),
    jobId: (d: { pairId: string }) => `mentorship.ended.${d.pairId}`,
  },
  'mentorship.rematch': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId, pairId: z.uuid() }),
    jobId: (d: { pairId: string }) => `mentorship.rematch.${d.pairId}`,
  },
  'pairing.deliver': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, groupId: z.uuid() }),
    jobId: (d: { groupId: string }) => `pairing.deliver.${d.groupId}`,
  },
  'pairing.unmatched': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, roundId: z.uuid() }),
    jobId: (d: { roundId: string }) => `pairing.unmatched.${d.roundId}`,
  },
  'pairing.checkin': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, roundId: z.uuid() }),
    jobId: (d: { roundId: string }) => `pairing.checkin.${d.roundId}`,
  },
  'pairing.checkin-update': {
    queue: 'nudge-interactions',
    schema: z.object({
      workspaceId: slackId,
      groupId: z.uuid(),
      userId: slackId,
      /** When the person gave the answer they now have (ms): one job per answer, so a repeated click adds none. */
      answeredAt: z.number().int().nonnegative(),
    }),
    jobId: (d: { groupId: string; userId: string; answeredAt: number }) =>
      `pairing.checkin-update.${d.groupId}.${d.userId}.${d.answeredAt}`,
  },
  'pairing.close': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, roundId: z.uuid() }),
    jobId: (d: { roundId: string }) => `pairing.close.${d.roundId}`,
  },
  'pairing.stranded': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, roundId: z.uuid(), userId: slackId }),
    jobId: (d: { roundId: string; userId: string }) => `pairing.stranded.${d.roundId}.${d.userId}`,
  },
  'pairing.welcome': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, programmeId: z.uuid() }),
    jobId: (d: { programmeId: string }) => `pairing.welcome.${d.programmeId}`,
  },
  'pairing.greet': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, programmeId: z.uuid(), userId: slackId }),
    jobId: (d: { programmeId: string; userId: string }) => `pairing.greet.${d.programmeId}.${d.userId}`,
  },
  'mentorship.request': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, requestId: z.uuid() }),
    jobId: (d: { requestId: string }) => `mentorship.request.${d.requestId}`,
  },
  'mentorship.accepted': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, requestId: z.uuid() }),
    jobId: (d: { requestId: string }) => `mentorship.accepted.${d.requestId}`,
  },
  'mentorship.handoff': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, requestId: z.uuid() }),
    jobId: (d: { requestId: string }) => `mentorship.handoff.${d.requestId}`,
  },
  'mentorship.expire': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'learning.request': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, requestId: z.uuid() }),
    jobId: (d: { requestId: string }) => `learning.request.${d.requestId}`,
  },
  'learning.accepted': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, requestId: z.uuid() }),
    jobId: (d: { requestId: string }) => `learning.accepted.${d.requestId}`,
  },
  'learning.handoff': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, requestId: z.uuid(), suggestedId: slackId.optional() }),
    jobId: (d: { requestId: string }) => `learning.handoff.${d.requestId}`,
  },
  'learning.expire': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'insights.home-picture': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, userId: slackId, hash: z.string().regex(/^[0-9a-f]{32}$/) }),
    // One upload per person and picture: Home opens while it is queued or done add nothing.
    jobId: (d: { workspaceId: string; userId: string; hash: string }) =>
      `insights.home-picture.${d.workspaceId}.${d.userId}.${d.hash}`,
  },
  'insights.recap-tick': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'insights.recap': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, userId: slackId, quarter: z.string().regex(/^\d{4}-Q[1-4]$/) }),
    jobId: (d: { workspaceId: string; userId: string; quarter: string }) =>
      `insights.recap.${d.workspaceId}.${d.userId}.${d.quarter}`,
  },
  'keep-in-touch.sweep': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'keep-in-touch.prompt': {
    queue: 'nudge-messages',
    schema: z.object({
      workspaceId: slackId,
      promptId: z.uuid(),
      /** The sweep's day: a prompt held back (its person was away) is tried again the next day, sent once by its key. */
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    jobId: (d: { promptId: string; day: string }) => `keep-in-touch.prompt.${d.promptId}.${d.day}`,
  },
  'keep-in-touch.reconnect': {
    queue: 'nudge-messages',
    schema: z.object({
      workspaceId: slackId,
      userId: slackId,
      /** When the DM this one follows was sent (ms, 0 for the first): each week's DM has its own key. */
      since: z.number().int().nonnegative(),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    jobId: (d: { workspaceId: string; userId: string; since: number; day: string }) =>
      `keep-in-touch.reconnect.${d.workspaceId}.${d.userId}.${d.since}.${d.day}`,
  },
  'keep-in-touch.hello': {
    queue: 'nudge-messages',
    schema: z.object({
      workspaceId: slackId,
      ownerId: slackId,
      contactId: slackId,
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    jobId: (d: { workspaceId: string; ownerId: string; contactId: string; day: string }) =>
      `keep-in-touch.hello.${d.workspaceId}.${d.ownerId}.${d.contactId}.${d.day}`,
  },
  'celebrations.post': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId, celebrationId: z.uuid() }),
    jobId: (d: { celebrationId: string }) => `celebrations.post.${d.celebrationId}`,
  },
  'celebrations.tick': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'celebrations.digest': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'celebrations.ask-dates': {
    queue: 'nudge-messages',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'privacy.erase': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId, userId: slackId }),
    // One per person and workspace: a second confirmation while the first is queued adds nothing.
    jobId: (d: { workspaceId: string; userId: string }) => `privacy.erase.${d.workspaceId}.${d.userId}`,
  },
  'privacy.export': {
    queue: 'nudge-interactions',
    schema: z.object({ workspaceId: slackId, userId: slackId, day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    // One per person, workspace and day: asking twice sends the files once.
    jobId: (d: { workspaceId: string; userId: string; day: string }) =>
      `privacy.export.${d.workspaceId}.${d.userId}.${d.day}`,
  },
  'audit.export': {
    queue: 'nudge-interactions',
    schema: z.object({ workspaceId: slackId, userId: slackId, requestedAt: z.iso.datetime() }),
    // One per admin and moment asked: a retried job shares the file once, a later request makes a new one.
    jobId: (d: { workspaceId: string; userId: string; requestedAt: string }) =>
      `audit.export.${d.workspaceId}.${d.userId}.${Date.parse(d.requestedAt)}`,
  },
  'retention.sweep': {
    queue: 'nudge-tasks',
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'insights.recompute': {
    queue: 'nudge-tasks',
    version: 1,
    schema: z.object({ workspaceId: slackId }),
    jobId: () => undefined,
  },
  'insights.update': {
    queue: 'nudge-tasks',
    version: 1,
    /** `bucket`: the 5-minute slot the events fell in; every event of a slot queues the same job (a debounce). */
    schema: z.object({ workspaceId: slackId, bucket: z.number().int().nonnegative() }),
    jobId: (d: { workspaceId: string; bucket: number }) => `insights.update.${d.workspaceId}.${d.bucket}`,
  },
  'retention.purge-uninstalled': {
    queue: 'nudge-tasks',
    schema: z.object({}),
    jobId: () => undefined,
  },
} as const;

export type JobName = keyof typeof jobContracts;
export type JobData<N extends JobName> = z.infer<(typeof jobContracts)[N]['schema']>;

export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** The prefix of every job scheduler key of a workspace, so uninstalling can find and remove them all. */
export function workspaceSchedulerPrefix(workspaceId: string): string {
  return `ws.${workspaceId}.`;
}

/**
 * Where a queued payload says which shape it has. Jobs outlive a deploy: during a rolling upgrade an old worker
 * may take a job a newer web queued, and must recognise a shape it cannot read instead of guessing.
 */
export const payloadVersionKey = 'v';

/** Jobs queued before payloads carried a version read as this one. */
export const unversionedPayload = 1;

/**
 * The payload version this code writes for a job: its contract's `version`, or 1. Raise it when a payload changes
 * shape, and keep the schema reading every older version still in queues (a retried job keeps its payload).
 */
export function payloadVersionOf(name: JobName): number {
  return (jobContracts[name] as { version?: number }).version ?? unversionedPayload;
}

/** The payload as queued: the version stamped beside the data (schemas strip it again when they parse). */
export function versionedPayload<N extends JobName>(name: N, data: JobData<N>): JobData<N> & { v: number } {
  return { ...data, [payloadVersionKey]: payloadVersionOf(name) } as JobData<N> & { v: number };
}

/** The version a queued payload carries: 1 when it has none, undefined when what it carries is no version. */
export function payloadVersionIn(data: unknown): number | undefined {
  const version = (data as Record<string, unknown> | null | undefined)?.[payloadVersionKey];
  if (version === undefined) return unversionedPayload;
  return Number.isSafeInteger(version) && (version as number) >= 1 ? (version as number) : undefined;
}

/** Every job this code knows, with the newest payload version it reads. */
export function understoodPayloadVersions(): Record<string, number> {
  return Object.fromEntries(Object.keys(jobContracts).map((name) => [name, payloadVersionOf(name as JobName)]));
}

export function parseJobData<N extends JobName>(name: N, data: unknown): JobData<N> {
  return jobContracts[name].schema.parse(data) as JobData<N>;
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobContracts, name);
}

/**
 * Beside any payload, the W3C trace context of whoever queued the job (only while traces are on), so the job's
 * span continues that trace. The payload schemas drop it: processors never see it.
 */
export const traceContextSchema = z.object({
  traceparent: z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
  tracestate: z.string().max(512).optional(),
});
export type TraceContext = z.infer<typeof traceContextSchema>;

/** The trace context a job's data carries, if any and well-formed. */
export function traceContextOf(data: unknown): TraceContext | undefined {
  const carried = (data as { traceContext?: unknown } | null | undefined)?.traceContext;
  const parsed = traceContextSchema.safeParse(carried);
  return parsed.success ? parsed.data : undefined;
}
