import { findMembersByIds } from '../../src/domain/directory/find-members.ts';
import { saveMembers } from '../../src/domain/directory/save-members.ts';
import type { SlackUserObject } from '../../src/domain/directory/slack-user.ts';
import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { deliveryGapMillis } from '../../src/domain/pairing/plan-round.ts';
import { findRoundByDate, findRoundGroups } from '../../src/domain/pairing/rounds.ts';
import { startRound } from '../../src/domain/pairing/start-round.ts';
import { approvalPreviewMessage } from '../../src/slack/pairing/pairing.blocks.ts';
import { enqueueRoundFollowUps } from '../pairing-followups.ts';
import { refreshTeamFacts } from '../pairing-team-facts.ts';
import type { Processor, ProcessorDeps } from '../processor.ts';

const maxLookups = 50;

/** The channel's members, page by page (conversations.members is Tier 4 and paginated). */
async function channelMembers(deps: ProcessorDeps, workspaceId: string, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.sender.call<{ members?: string[]; response_metadata?: { next_cursor?: string } }>(
      workspaceId,
      'conversations.members',
      {
        channel,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      },
    );
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

/** New people since the last directory sync: look them up so they can take part today. */
async function learnUnknownMembers(deps: ProcessorDeps, workspaceId: string, userIds: string[]): Promise<void> {
  const known = await findMembersByIds(deps.db, workspaceId, userIds);
  const unknown = userIds.filter((id) => !known.has(id)).slice(0, maxLookups);
  const found: SlackUserObject[] = [];
  for (const user of unknown) {
    const info = await deps.sender
      .call<{ user?: SlackUserObject }>(workspaceId, 'users.info', { user })
      .catch(() => undefined);
    if (info?.user) found.push(info.user);
  }
  await saveMembers(deps.db, { workspaceId, users: found, now: deps.clock.now() });
}

/** Snapshot → teams from Slack → match → (preview for approval) → queue the deliveries, check-in and close. */
export const processPairingRound: Processor<'pairing.round'> = async (data, { deps }) => {
  const programme = await findProgramme(deps.db, data.workspaceId, data.programmeId);
  if (!programme) return { skipped: 'programme not found' };
  const memberIds = await channelMembers(deps, data.workspaceId, programme.channel_id);
  await learnUnknownMembers(deps, data.workspaceId, memberIds);
  // A round already made (a retried job) keeps the teams it was matched with; only a new one reads Slack.
  if (!(await findRoundByDate(deps.db, data.workspaceId, programme.id, data.roundDate))) {
    await refreshTeamFacts(deps, programme, memberIds);
  }
  const result = await startRound(deps.db, {
    workspaceId: data.workspaceId,
    programmeId: data.programmeId,
    roundDate: data.roundDate,
    channelMemberIds: memberIds,
    now: deps.clock.now(),
    deliverNow: data.deliverNow,
    deliveryGapMillis: deliveryGapMillis / (deps.slackTimeScale ?? 1),
  });
  if (!result.ok) return { skipped: result.reason };
  const { round } = result;
  if (round.status === 'awaiting_approval') {
    const groups = await findRoundGroups(deps.db, data.workspaceId, round.id);
    const preview = approvalPreviewMessage({ roundId: round.id, channelId: programme.channel_id, groups });
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `pairing.preview.${round.id}`,
      to: { users: [programme.created_by] },
      ...preview,
    });
    return { roundId: round.id, status: round.status };
  }
  const followUps = await enqueueRoundFollowUps(deps, round);
  return { roundId: round.id, status: round.status, created: result.created, ...followUps };
};
