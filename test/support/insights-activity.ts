import type { Db } from '../../src/db/database.ts';
import { upsertCheckin } from '../../src/db/queries/pairing-checkins.ts';
import type { CheckinAnswer } from '../../src/db/schema-pairing.ts';
import { seedMembers } from './domain-db.ts';
import { insertProgrammeRow } from './programme-row.ts';

/** Rows written by hand for the insights tests: the facts the insights count, without the Slack round trips. */

export interface InsightsPerson {
  id: string;
  team: string | null;
  department: string | null;
}

export async function seedInsightsPeople(db: Db, workspaceId: string, people: InsightsPerson[]): Promise<void> {
  await seedMembers(
    db,
    workspaceId,
    people.map((p) => ({ user_id: p.id, team: p.team, department: p.department })),
  );
}

/** A coffee programme with one round to hang delivered groups on. */
export async function seedPairingRound(
  db: Db,
  workspaceId: string,
  now: Date,
  kind: 'coffee' | 'cross-team' = 'coffee',
) {
  const programmeId = await insertProgrammeRow(db, {
    workspaceId,
    channelId: kind === 'coffee' ? 'C0COFFEE' : 'C0INTROS',
    kind,
    createdAt: now,
  });
  const round = await db
    .insertInto('rounds')
    .values({
      workspace_id: workspaceId,
      programme_id: programmeId,
      round_date: now.toISOString().slice(0, 10),
      number: 1,
      status: 'delivered',
      seed: 's',
      checkin_at: now,
      close_at: now,
      approved_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { programmeId, roundId: round.id };
}

/** A delivered group and the check-in answers its people gave. */
export async function seedGroup(
  db: Db,
  workspaceId: string,
  roundId: string,
  members: string[],
  deliveredAt: Date,
  answers: Array<{ userId: string; answer: CheckinAnswer; at: Date }> = [],
): Promise<string> {
  const group = await db
    .insertInto('round_groups')
    .values({
      workspace_id: workspaceId,
      round_id: roundId,
      members,
      why: 'new faces',
      deliver_at: deliveredAt,
      status: 'delivered',
      rescue_of: null,
      conversation_id: 'G0MPIM',
      intro_ts: '1.2',
      delivered_at: deliveredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const a of answers) await seedCheckin(db, workspaceId, group.id, a.userId, a.answer, a.at);
  return group.id;
}

/** A check-in answer, written as Nudge writes one (with its group's delivery time). */
export async function seedCheckin(
  db: Db,
  workspaceId: string,
  groupId: string,
  userId: string,
  answer: CheckinAnswer,
  at: Date,
): Promise<void> {
  await upsertCheckin(db, { workspaceId, groupId, userId, answer }, at);
}

let gifts = 0;

/** One kudos from giver to recipient, as a gift of one. */
export async function seedKudos(
  db: Db,
  workspaceId: string,
  giverId: string,
  recipientId: string,
  at: Date,
  teams: { giver: string | null; recipient: string | null } = { giver: null, recipient: null },
): Promise<string> {
  gifts += 1;
  const gift = await db
    .insertInto('kudos_gifts')
    .values({
      workspace_id: workspaceId,
      giver_id: giverId,
      request_key: `insights-${gifts}`,
      source: 'command',
      reason: 'for the help',
      kudos_value: null,
      channel_id: 'C0TEAM',
      message_link: null,
      source_ts: null,
      given_at: at,
      post_channel_id: null,
      post_ts: null,
      announced_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('kudos')
    .values({
      workspace_id: workspaceId,
      gift_id: gift.id,
      giver_id: giverId,
      recipient_id: recipientId,
      kudos_value: null,
      giver_team: teams.giver,
      recipient_team: teams.recipient,
      given_at: at,
    })
    .execute();
  return gift.id;
}

export async function seedMentorshipProgramme(db: Db, workspaceId: string, now: Date): Promise<string> {
  const programme = await db
    .insertInto('mentorship_programmes')
    .values({
      workspace_id: workspaceId,
      channel_id: 'C0MENTOR',
      cycle_months: 3,
      signup_deadline: null,
      matching_mode: 'admin',
      default_capacity: 1,
      max_capacity: 2,
      min_seniority_gap: 0,
      allow_same_team: true,
      skills: '[]',
      created_by: 'U0ADMIN',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return programme.id;
}

export async function seedMentorshipPair(
  db: Db,
  workspaceId: string,
  programmeId: string,
  pair: { mentor: string; mentee: string; startedAt: Date; firstMetAt: Date | null },
): Promise<string> {
  const row = await db
    .insertInto('mentorship_pairs')
    .values({
      workspace_id: workspaceId,
      programme_id: programmeId,
      cycle_id: null,
      request_id: null,
      mentor_id: pair.mentor,
      mentee_id: pair.mentee,
      score: 1,
      why: 'skills',
      status: 'active',
      started_at: pair.startedAt,
      ended_at: null,
      ends_at: null,
      intro_sent_at: pair.startedAt,
      first_met_at: pair.firstMetAt,
      last_met_at: pair.firstMetAt,
      idle_nudged_at: null,
      end_warned_at: null,
      end_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedLearningRequest(
  db: Db,
  workspaceId: string,
  request: {
    asker: string;
    expert: string;
    status: 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
    requestedAt: Date;
    answeredAt: Date | null;
  },
): Promise<void> {
  await db
    .insertInto('learning_requests')
    .values({
      workspace_id: workspaceId,
      asker_id: request.asker,
      expert_id: request.expert,
      skill: 'Rust',
      skill_key: 'rust',
      kind: 'learn',
      status: request.status,
      requested_at: request.requestedAt,
      answered_at: request.answeredAt,
    })
    .execute();
}

/** Six people in each of three teams (two departments) who met, thanked each other, mentored and taught. */
export async function seedTeamsActivity(db: Db, workspaceId: string, at: Date): Promise<void> {
  const teams = ['A', 'B', 'C'];
  await seedInsightsPeople(
    db,
    workspaceId,
    teams.flatMap((team) =>
      Array.from({ length: 6 }, (_, i) => ({
        id: `U0${team}${i}`,
        team: `Team ${team}`,
        department: team === 'C' ? 'Sales' : 'Product',
      })),
    ),
  );
  const { roundId } = await seedPairingRound(db, workspaceId, at);
  for (let i = 0; i < 6; i++) {
    await seedGroup(db, workspaceId, roundId, [`U0A${i}`, `U0B${i}`], at, [{ userId: `U0A${i}`, answer: 'met', at }]);
    await seedGroup(db, workspaceId, roundId, [`U0B${i}`, `U0C${i}`], at, [{ userId: `U0C${i}`, answer: 'met', at }]);
    await seedGroup(db, workspaceId, roundId, [`U0A${i}`, `U0C${i}`], at, [
      { userId: `U0C${i}`, answer: 'not_this_time', at },
    ]);
    await seedKudos(db, workspaceId, `U0A${i}`, `U0C${i}`, at, { giver: 'Team A', recipient: 'Team C' });
    await seedKudos(db, workspaceId, `U0C${i}`, `U0B${i}`, at, { giver: 'Team C', recipient: 'Team B' });
  }
  for (let i = 0; i < 5; i++) {
    await seedGroup(db, workspaceId, roundId, [`U0A${i}`, `U0A${i + 1}`], at, [
      { userId: `U0A${i}`, answer: 'met', at },
    ]);
  }
  const programmeId = await seedMentorshipProgramme(db, workspaceId, at);
  for (let i = 0; i < 6; i++) {
    await seedMentorshipPair(db, workspaceId, programmeId, {
      mentor: `U0A${i}`,
      mentee: `U0C${i}`,
      startedAt: at,
      firstMetAt: i < 5 ? at : null,
    });
    await seedLearningRequest(db, workspaceId, {
      asker: `U0B${i}`,
      expert: `U0C${i}`,
      status: 'accepted',
      requestedAt: at,
      answeredAt: at,
    });
  }
}
