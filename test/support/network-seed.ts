import type { Db } from '../../src/db/database.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { startProgramme } from './mentorship-programme.ts';
import { insertProgrammeRow } from './programme-row.ts';

/**
 * Rows that make Nudge connections, written as the features leave them: a delivered coffee group with a check-in
 * answer, a mentorship pair's first meeting, an answered learning request, a kudos.
 */

async function coffeeProgramme(db: Db, workspaceId: string, now: Date): Promise<string> {
  const existing = await db
    .selectFrom('programmes')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', 'C0NETWORK')
    .executeTakeFirst();
  if (existing) return existing.id;
  return await insertProgrammeRow(db, { workspaceId, channelId: 'C0NETWORK', createdAt: now });
}

let rounds = 0;

/** A coffee group delivered at `at`; `answers` are its check-in answers by person. */
export async function seedCoffeeGroup(
  db: Db,
  workspaceId: string,
  input: { members: string[]; at: Date; answers: Record<string, 'met' | 'scheduled' | 'not_this_time'> },
): Promise<void> {
  const programmeId = await coffeeProgramme(db, workspaceId, input.at);
  rounds += 1;
  const round = await db
    .insertInto('rounds')
    .values({
      workspace_id: workspaceId,
      programme_id: programmeId,
      round_date: input.at.toISOString().slice(0, 10),
      number: rounds,
      status: 'closed',
      seed: 's',
      checkin_at: input.at,
      close_at: input.at,
      approved_by: null,
      created_at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const group = await db
    .insertInto('round_groups')
    .values({
      workspace_id: workspaceId,
      round_id: round.id,
      members: input.members,
      why: 'new faces',
      deliver_at: input.at,
      status: 'delivered',
      rescue_of: null,
      conversation_id: 'G0NETWORK',
      intro_ts: '1.1',
      delivered_at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [userId, answer] of Object.entries(input.answers)) {
    await db
      .insertInto('round_checkins')
      .values({ workspace_id: workspaceId, group_id: group.id, user_id: userId, answer, answered_at: input.at })
      .execute();
  }
}

/** A mentorship pair started at `at`, whose first meeting is `firstMetAt` (null: not met yet). */
export async function seedMentorshipPair(
  db: Db,
  workspaceId: string,
  input: { mentor: string; mentee: string; at: Date; firstMetAt: Date | null },
): Promise<void> {
  const existing = await db
    .selectFrom('mentorship_programmes')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const programmeId = existing?.id ?? (await startProgramme(db, workspaceId, input.at));
  await db
    .insertInto('mentorship_pairs')
    .values({
      workspace_id: workspaceId,
      programme_id: programmeId,
      cycle_id: null,
      request_id: null,
      mentor_id: input.mentor,
      mentee_id: input.mentee,
      score: 1,
      why: 'Rust',
      status: 'active',
      started_at: input.at,
      ended_at: null,
      ends_at: null,
      intro_sent_at: input.at,
      first_met_at: input.firstMetAt,
      last_met_at: input.firstMetAt,
      idle_nudged_at: null,
      end_warned_at: null,
      end_reason: null,
    })
    .execute();
}

export async function seedLearningRequest(
  db: Db,
  workspaceId: string,
  input: { asker: string; expert: string; at: Date; status: 'accepted' | 'declined' | 'open' },
): Promise<void> {
  await db
    .insertInto('learning_requests')
    .values({
      workspace_id: workspaceId,
      asker_id: input.asker,
      expert_id: input.expert,
      skill: 'Rust',
      skill_key: 'rust',
      kind: 'learn',
      status: input.status,
      requested_at: input.at,
      answered_at: input.status === 'open' ? null : input.at,
    })
    .execute();
}

let kudosKeys = 0;

export async function seedKudos(
  db: Db,
  workspaceId: string,
  input: { giver: string; recipients: string[]; at: Date },
): Promise<void> {
  kudosKeys += 1;
  const given = await giveKudos(db, {
    workspaceId,
    giverId: input.giver,
    recipientIds: input.recipients,
    reason: 'for the launch',
    tags: [],
    channelId: 'C0TEAM',
    source: 'command',
    requestKey: `network-${kudosKeys}`,
    messageLink: null,
    now: input.at,
  });
  if (!given.ok) throw new Error(`kudos refused: ${JSON.stringify(given)}`);
}
