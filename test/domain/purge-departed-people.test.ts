import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { saveMembers } from '../../src/domain/directory/save-members.ts';
import { sweepRetention } from '../../src/domain/retention/sweep-retention.ts';
import { createMigratedDatabase } from '../support/domain-db.ts';
import { findInEveryColumn, type Hit, publicTables, tablesWithoutPeople } from '../support/person-catalogue.ts';
import { others, person, seedPersonEverywhere } from '../support/person-everywhere.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const later = new Date('2027-03-10T12:05:00Z');
const day = 86_400_000;
const afterGrace = new Date(later.getTime() + 31 * day);

// Alex and Gina leave Slack in TA and are purged together; TB has the same people and user ids, still in Slack.
const needles = [person, 'Alex Able', 'alex', 'alex.able@example.com', others.gina, 'Gina Giver', 'gina'];

/** What may still match one of the needles after the purge, and why. */
const documentedTombstones: ReadonlyArray<{ table: string; column: string; rows: number; reason: string }> = [
  {
    table: 'members',
    column: 'user_id',
    rows: 2,
    reason: 'their blanked directory entry, only the Slack user id, so a later sync does not restore their profile',
  },
];

const departedUser = (id: string, name: string, realName: string, email: string) => ({
  id,
  team_id: 'TA',
  name,
  real_name: realName,
  deleted: true,
  profile: { display_name: realName, real_name: realName, email },
});

let beforeInTb: Hit[];

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const ws of ['TA', 'TB']) await seedPersonEverywhere(db, ws, { now, later });
  beforeInTb = await findInEveryColumn(db, 'TB', needles);
});
afterAll(async () => {
  await db?.destroy();
});

/** As the directory sync sees it: they are deleted in Slack. */
async function leaveSlack(): Promise<void> {
  await saveMembers(db, {
    workspaceId: 'TA',
    users: [
      departedUser(person, 'alex', 'Alex Able', 'alex.able@example.com'),
      departedUser(others.gina, 'gina', 'Gina Giver', 'gina@example.com'),
    ],
    now: later,
  });
}

describe('purging people who left Slack', () => {
  test('the seed puts the person in every table that can hold people, so the scan below proves something', async () => {
    const found = new Set((await findInEveryColumn(db, 'TA', needles)).map((h) => h.table));
    const missing = (await publicTables(db)).filter((t) => !tablesWithoutPeople.has(t) && !found.has(t));
    expect(missing).toEqual([]);
  });

  test('within the grace period nothing is purged', async () => {
    await leaveSlack();
    const result = await sweepRetention(db, {
      workspaceId: 'TA',
      now: new Date(later.getTime() + 29 * day),
      pauseMs: 0,
    });
    expect(result.departedPurged).toBe(0);
    const kudos = await db.selectFrom('kudos').select('giver_id').where('workspace_id', '=', 'TA').execute();
    expect(kudos.map((k) => k.giver_id)).toContain(person);
  });

  test('after it, no text, JSON or array column of any table holds their ids, names or emails but the documented tombstones', async () => {
    const result = await sweepRetention(db, { workspaceId: 'TA', now: afterGrace, pauseMs: 0 });
    // Alex, Gina, and U0GONE, who had left Slack before the seed.
    expect(result.departedPurged).toBe(3);
    const left = await findInEveryColumn(db, 'TA', needles);
    expect(left).toEqual(documentedTombstones.map(({ table, column, rows }) => ({ table, column, rows })));
    const entries = await db
      .selectFrom('members')
      .select(['user_id', 'name', 'real_name', 'display_name', 'email', 'is_deleted'])
      .where('workspace_id', '=', 'TA')
      .where('user_id', 'in', [person, others.gina])
      .orderBy('user_id')
      .execute();
    expect(entries).toEqual(
      [person, others.gina]
        .sort()
        .map((user_id) => ({ user_id, name: '', real_name: '', display_name: '', email: null, is_deleted: true })),
    );
  });

  test('what others need stays, under a different random tombstone per person', async () => {
    const gifts = await db
      .selectFrom('kudos')
      .select(['giver_id', 'recipient_id'])
      .where('workspace_id', '=', 'TA')
      .execute();
    const alexGave = gifts.find((g) => g.recipient_id === others.bea && g.giver_id.startsWith('UERASED'));
    const ginaGaveAlex = gifts.find((g) => g.giver_id.startsWith('UERASED') && g.recipient_id.startsWith('UERASED'));
    expect(alexGave).toBeDefined();
    expect(ginaGaveAlex).toBeDefined();
    expect(ginaGaveAlex?.giver_id).not.toBe(ginaGaveAlex?.recipient_id);
    expect(ginaGaveAlex?.recipient_id).toBe(alexGave?.giver_id);
    const reasons = await db.selectFrom('kudos_gifts').select('reason').where('workspace_id', '=', 'TA').execute();
    expect(reasons.map((r) => r.reason).sort()).toEqual([
      'for the review',
      'pairing with a former colleague was fun',
      'thanks a former colleague and a former colleague for the launch',
    ]);
    // Being purged is not an erasure they asked for: nothing is recorded about it and the directory may read them again.
    expect(
      await db.selectFrom('erased_members').select('tombstone_id').where('workspace_id', '=', 'TA').execute(),
    ).toEqual([]);
  });

  test('a second sweep changes nothing, and the other workspace keeps everything', async () => {
    const before = await findInEveryColumn(db, 'TA', needles);
    const again = await sweepRetention(db, {
      workspaceId: 'TA',
      now: new Date(afterGrace.getTime() + day),
      pauseMs: 0,
    });
    expect(again.departedPurged).toBe(0);
    expect(await findInEveryColumn(db, 'TA', needles)).toEqual(before);
    expect(await findInEveryColumn(db, 'TB', needles)).toEqual(beforeInTb);
  });
});
