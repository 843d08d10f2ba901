import type { Db } from '../../src/db/database.ts';
import { approveMentorshipCycle } from '../../src/domain/mentorship/approve-cycle.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import { startMentorshipProgramme } from '../../src/domain/mentorship/programmes.ts';
import { type SignupInput, saveSignup } from '../../src/domain/mentorship/save-signup.ts';
import type { MentorshipSettings } from '../../src/domain/mentorship/settings.ts';

/** Starts a programme in `channelId` and returns its id; fails the test when it is refused. */
export async function startProgramme(
  db: Db,
  workspaceId: string,
  now: Date,
  settings: Partial<MentorshipSettings> = {},
  channelId = 'C0MENTOR',
): Promise<string> {
  const started = await startMentorshipProgramme(db, { workspaceId, channelId, createdBy: 'U0ADMIN', settings, now });
  if (!started.ok) throw new Error(`programme refused: ${JSON.stringify(started)}`);
  return started.programmeId;
}

/** A valid sign-up unless `overrides` says otherwise. */
export function signupInput(
  workspaceId: string,
  programmeId: string,
  userId: string,
  now: Date,
  overrides: Partial<SignupInput> = {},
): SignupInput {
  return {
    workspaceId,
    programmeId,
    userId,
    role: 'mentee',
    learns: ['Rust'],
    teaches: [],
    goals: 'ship a service',
    preferOtherTeam: false,
    preferOverlap: true,
    now,
    ...overrides,
  };
}

export async function signUp(
  db: Db,
  workspaceId: string,
  programmeId: string,
  userId: string,
  now: Date,
  overrides: Partial<SignupInput> = {},
): Promise<void> {
  const saved = await saveSignup(db, signupInput(workspaceId, programmeId, userId, now, overrides));
  if (!saved.ok) throw new Error(`sign-up refused: ${JSON.stringify(saved)}`);
}

/** The active pairs of a programme as [mentor, mentee], by mentee. */
export async function activePairs(db: Db, workspaceId: string, programmeId: string): Promise<string[][]> {
  const rows = await db
    .selectFrom('mentorship_pairs')
    .select(['mentor_id', 'mentee_id'])
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .orderBy('mentee_id')
    .execute();
  return rows.map((r) => [r.mentor_id, r.mentee_id]);
}

/** Plans and approves the programme's next cycle at `now`; returns the new pairs' ids by mentee. */
export async function approveNextCycle(
  db: Db,
  workspaceId: string,
  programmeId: string,
  now: Date,
): Promise<Map<string, string>> {
  const planned = await planMentorshipCycle(db, { workspaceId, programmeId, now });
  if (!planned.ok) throw new Error(`plan refused: ${JSON.stringify(planned)}`);
  const approved = await approveMentorshipCycle(db, {
    workspaceId,
    cycleId: planned.cycleId,
    approvedBy: 'U0ADMIN',
    now,
  });
  if (!approved.ok) throw new Error(`approval refused: ${JSON.stringify(approved)}`);
  const rows = await db
    .selectFrom('mentorship_pairs')
    .select(['id', 'mentee_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', approved.pairIds.length > 0 ? approved.pairIds : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  return new Map(rows.map((r) => [r.mentee_id, r.id]));
}

/** A pair's row as stored. */
export async function pairRow(db: Db, workspaceId: string, pairId: string) {
  return await db
    .selectFrom('mentorship_pairs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', pairId)
    .executeTakeFirstOrThrow();
}

export const days = (n: number) => n * 24 * 3600 * 1000;
export const plus = (start: Date, millis: number) => new Date(start.getTime() + millis);

/**
 * The same pair in two workspaces with the same user ids: in each, a programme in the default channel where U0ANA
 * mentors U0CY in Rust, approved at `at`. Returns each workspace's programme and pair.
 */
export async function anaMentorsCyInBoth(
  db: Db,
  at: Date,
): Promise<{ programmeA: string; programmeB: string; pairA: string; pairB: string }> {
  const [programmeA, programmeB] = [await startProgramme(db, 'TA', at), await startProgramme(db, 'TB', at)];
  for (const [ws, programme] of [
    ['TA', programmeA],
    ['TB', programmeB],
  ] as const) {
    await signUp(db, ws, programme, 'U0ANA', at, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
    await signUp(db, ws, programme, 'U0CY', at, { learns: ['Rust'] });
  }
  const pairA = (await approveNextCycle(db, 'TA', programmeA, at)).get('U0CY')!;
  const pairB = (await approveNextCycle(db, 'TB', programmeB, at)).get('U0CY')!;
  return { programmeA, programmeB, pairA, pairB };
}
