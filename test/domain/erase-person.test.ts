import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { kudosLeaderboard } from '../../src/domain/kudos/leaderboard.ts';
import { rebuildKudosTotals } from '../../src/domain/kudos/rebuild-totals.ts';
import { erasePerson } from '../../src/domain/privacy/erase-person.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import {
  findInEveryColumn,
  type Hit,
  publicTables as listPublicTables,
  tablesWithoutPeople,
} from '../support/person-catalogue.ts';
import { others, person, seedPersonEverywhere as seedEverywhere } from '../support/person-everywhere.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const later = new Date('2027-03-10T12:05:00Z');

// Alex is forgotten in TA; TB has the same people with the same user ids and keeps everything.
const needles = [person, 'Alex Able', 'alex', 'alex.able@example.com'];

/**
 * What may still match one of the needles after the erase, and why. Nothing does: the rows others still need carry a
 * random `UERASED…` tombstone id, and the erased person is remembered only as a SHA-256 digest of their id.
 */
const documentedTombstones: ReadonlyArray<{ table: string; column: string; reason: string }> = [];

async function seedPersonEverywhere(ws: string): Promise<void> {
  await seedEverywhere(db, ws, { now, later });
}

const findPerson = (ws: string) => findInEveryColumn(db, ws, needles);
const publicTables = () => listPublicTables(db);

let beforeInTb: Hit[];

beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedPersonEverywhere('TA');
  await seedPersonEverywhere('TB');
  beforeInTb = await findPerson('TB');
});
afterAll(async () => {
  await db?.destroy();
});

describe('erasing a person', () => {
  test('the seed puts the person in every table that can hold people, so the scan below proves something', async () => {
    const found = new Set((await findPerson('TA')).map((h) => h.table));
    const missing = (await publicTables()).filter((t) => !tablesWithoutPeople.has(t) && !found.has(t));
    expect(missing).toEqual([]);
  });

  test('after the erase, no text, JSON or array column of any table holds their id, name or email', async () => {
    const result = await erasePerson(db, { workspaceId: 'TA', userId: person, now: later });
    expect(result).toMatchObject({ erased: true, tombstoneId: expect.stringMatching(/^UERASED[0-9A-F]{12}$/) });
    const left = (await findPerson('TA')).filter(
      (hit) => !documentedTombstones.some((t) => t.table === hit.table && t.column === hit.column),
    );
    expect(left).toEqual([]);
  });

  test('what others need stays, anonymised: kudos they gave count for the recipient, text names a former colleague', async () => {
    const erasure = await db.selectFrom('erased_members').selectAll().where('workspace_id', '=', 'TA').execute();
    expect(erasure).toHaveLength(1);
    const tombstone = erasure[0]?.tombstone_id as string;
    const gifts = await db
      .selectFrom('kudos')
      .select(['giver_id', 'recipient_id'])
      .where('workspace_id', '=', 'TA')
      .orderBy('given_at')
      .orderBy('recipient_id')
      .execute();
    expect(gifts).toEqual(
      expect.arrayContaining([
        { giver_id: tombstone, recipient_id: others.bea },
        { giver_id: others.gina, recipient_id: tombstone },
        { giver_id: others.gina, recipient_id: others.bea },
      ]),
    );
    const beaTotal = await db
      .selectFrom('kudos_totals')
      .select('total')
      .where('workspace_id', '=', 'TA')
      .where('user_id', '=', others.bea)
      .where('board', '=', 'received')
      .where('period', '=', 'all')
      .executeTakeFirstOrThrow();
    // The kudos the erased person gave Bea still counts for her (Gina's was undone).
    expect(beaTotal.total).toBe(1);
    // The running totals still equal a rebuild from the ledger, and no board shows the tombstone.
    const totals = () =>
      db
        .selectFrom('kudos_totals')
        .selectAll()
        .where('workspace_id', '=', 'TA')
        .orderBy(['board', 'period', 'period_start', 'user_id'])
        .execute();
    const before = await totals();
    await rebuildKudosTotals(db, 'TA');
    expect(await totals()).toEqual(before);
    for (const board of ['given', 'received'] as const) {
      const entries = await kudosLeaderboard(db, { workspaceId: 'TA', board, period: 'all', now: later });
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.map((e) => e.userId)).not.toContain(tombstone);
    }
    const reasons = await db.selectFrom('kudos_gifts').select('reason').where('workspace_id', '=', 'TA').execute();
    expect(reasons.map((r) => r.reason).sort()).toEqual([
      'for the review',
      'pairing with a former colleague was fun',
      'thanks a former colleague and a former colleague for the launch',
    ]);
    const members = await db.selectFrom('members').select('user_id').where('workspace_id', '=', 'TA').execute();
    expect(members.map((m) => m.user_id)).not.toContain(person);
    // The pending intro goes to nobody now: one person is left in it.
    const groups = await db
      .selectFrom('round_groups')
      .select(['status', 'members'])
      .where('workspace_id', '=', 'TA')
      .orderBy('deliver_at')
      .execute();
    expect(groups).toEqual([
      { status: 'delivered', members: [tombstone, others.bea] },
      { status: 'cancelled', members: [others.gina] },
    ]);
    const mentorship = await db
      .selectFrom('mentorship_pairs')
      .select(['status', 'end_reason'])
      .where('workspace_id', '=', 'TA')
      .execute();
    expect(mentorship).toEqual([{ status: 'ended', end_reason: 'left' }]);
    const audit = await db
      .selectFrom('admin_audit_log')
      .select(['actor_id', 'subject', 'changes'])
      .where('workspace_id', '=', 'TA')
      .where('action', '=', 'privacy.person_erased')
      .execute();
    expect(audit).toEqual([{ actor_id: tombstone, subject: null, changes: {} }]);
  });

  test('the same user id in another workspace keeps everything', async () => {
    expect(await findPerson('TB')).toEqual(beforeInTb);
  });

  test('erasing twice changes nothing and says it was done before', async () => {
    const before = await findPerson('TA');
    const again = await erasePerson(db, { workspaceId: 'TA', userId: person, now: new Date('2027-03-11T09:00:00Z') });
    expect(again).toEqual({ erased: false, reason: 'already_erased', erasedAt: later });
    expect(await findPerson('TA')).toEqual(before);
    const erasures = await db
      .selectFrom('admin_audit_log')
      .select('id')
      .where('workspace_id', '=', 'TA')
      .where('action', '=', 'privacy.person_erased')
      .execute();
    expect(erasures).toHaveLength(1);
  });

  test('a directory sync never stores them again', async () => {
    await seedWorkspaceSpec(db, kudosWorkspace('TA'), later);
    expect(await findPerson('TA')).toEqual([]);
  });

  test('a kudos job queued before the erase records nothing for them, as giver or as recipient', async () => {
    const common = {
      workspaceId: 'TA',
      reason: 'late thanks',
      tags: [],
      channelId: 'C0TEAM',
      source: 'command' as const,
      messageLink: null,
      now: later,
    };
    const toThem = await giveKudos(db, {
      ...common,
      giverId: others.gina,
      recipientIds: [person],
      requestKey: 'late-1',
    });
    expect(toThem).toEqual({ ok: false, refusal: { kind: 'not_member', userIds: [person] } });
    const fromThem = await giveKudos(db, {
      ...common,
      giverId: person,
      recipientIds: [others.bea],
      requestKey: 'late-2',
    });
    expect(fromThem).toEqual({ ok: false, refusal: { kind: 'giver_erased' } });
    expect(await findPerson('TA')).toEqual([]);
  });
});
