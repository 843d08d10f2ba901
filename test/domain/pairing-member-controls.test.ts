import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findMembersByIds } from '../../src/db/queries/members.ts';
import { findProgrammeMember, findProgrammeMembers, type Programme } from '../../src/db/queries/pairing.ts';
import { eligiblePool } from '../../src/domain/pairing/eligibility.ts';
import {
  leaveProgramme,
  pauseMember,
  resumeMember,
  skipNextRound,
  unskipNextRound,
} from '../../src/domain/pairing/member-controls.ts';
import { createProgramme } from '../../src/domain/pairing/programmes.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';
import { pairingWorkspace } from '../support/pairing-workspace.ts';

let db: Db;
let coffee: Programme;
let crossTeam: Programme;
const now = new Date('2027-03-10T12:00:00Z');
const today = '2027-03-10';
const nextRound = '2027-03-15';
const people = ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN'];

async function start(channelId: string) {
  const started = await createProgramme(db, {
    workspaceId: 'T0COFFEE',
    channelId,
    kind: 'coffee',
    hostUserId: null,
    createdBy: 'U0ADA',
    now,
  });
  if (!started.ok) throw new Error(`could not start a programme in ${channelId}: ${started.refusal}`);
  return started.programme;
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedWorkspaceSpec(db, pairingWorkspace(), now);
  coffee = await start('C0COFFEE');
  crossTeam = await start('C0XTEAM');
});
afterAll(async () => {
  await db?.destroy();
});
beforeEach(async () => {
  await db.deleteFrom('programme_members').execute();
});

const who = (userId: string, programme = coffee) => ({
  workspaceId: 'T0COFFEE',
  programmeId: programme.id,
  userId,
  now,
});

async function state(userId: string, programme = coffee) {
  const row = await findProgrammeMember(db, 'T0COFFEE', programme.id, userId);
  return row && { status: row.status, pausedUntil: row.paused_until, skipNext: row.skip_next };
}

/** Who the next round of `programme` would take, and who it leaves out and why, from the rows as they are now. */
async function nextRoundOf(programme: Programme) {
  const rows = await findProgrammeMembers(db, 'T0COFFEE', programme.id);
  const snapshot = eligiblePool({
    isAway: () => false,
    channelMemberIds: people,
    directory: await findMembersByIds(db, 'T0COFFEE', people),
    programmeMembers: new Map(rows.map((row) => [row.user_id, row])),
    roundDate: nextRound,
    teamsOf: () => ({ team: null, department: null }),
  });
  return { pool: snapshot.pool.map((p) => p.userId), excluded: snapshot.excluded };
}

test('pause until a date sits out the rounds up to it; resume brings the person back, a pending skip undone', async () => {
  await skipNextRound(db, who('U0BEN'));
  expect(await pauseMember(db, { ...who('U0BEN'), until: nextRound, today })).toEqual({ ok: true });
  expect(await state('U0BEN')).toEqual({ status: 'paused', pausedUntil: nextRound, skipNext: true });
  expect(await nextRoundOf(coffee)).toEqual({
    pool: ['U0ADA', 'U0CAT', 'U0DAN'],
    excluded: [{ userId: 'U0BEN', reason: 'paused' }],
  });

  await resumeMember(db, who('U0BEN'));
  expect(await state('U0BEN')).toEqual({ status: 'active', pausedUntil: null, skipNext: false });
  expect((await nextRoundOf(coffee)).pool).toEqual(people);
});

test('a pause until a day already gone changes nothing', async () => {
  expect(await pauseMember(db, { ...who('U0BEN'), until: '2027-03-09', today })).toEqual({
    ok: false,
    reason: 'date_passed',
  });
  expect(await state('U0BEN')).toBeUndefined();
  expect(await pauseMember(db, { ...who('U0BEN'), until: today, today })).toEqual({ ok: true });
  expect(await state('U0BEN')).toMatchObject({ status: 'paused', pausedUntil: today });
  // Paused through today only: next Monday's round takes them again.
  expect((await nextRoundOf(coffee)).pool).toEqual(people);
});

test('skip leaves out the next round alone, and saying it twice is the same as once', async () => {
  await skipNextRound(db, who('U0CAT'));
  await skipNextRound(db, who('U0CAT'));
  expect(await state('U0CAT')).toEqual({ status: 'active', pausedUntil: null, skipNext: true });
  expect((await nextRoundOf(coffee)).excluded).toEqual([{ userId: 'U0CAT', reason: 'skipping this round' }]);
  await unskipNextRound(db, who('U0CAT'));
  expect(await state('U0CAT')).toMatchObject({ skipNext: false });
  expect((await nextRoundOf(coffee)).pool).toEqual(people);
});

test('leaving one programme keeps the person in the others', async () => {
  await leaveProgramme(db, who('U0DAN'));
  expect(await state('U0DAN')).toMatchObject({ status: 'left' });
  expect(await state('U0DAN', crossTeam)).toBeUndefined();
  expect((await nextRoundOf(coffee)).excluded).toEqual([{ userId: 'U0DAN', reason: 'left the programme' }]);
  expect((await nextRoundOf(crossTeam)).pool).toEqual(people);
  await resumeMember(db, who('U0DAN'));
  expect((await nextRoundOf(coffee)).pool).toEqual(people);
});
