import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { saveMembers } from '../../src/domain/directory/save-members.ts';
import { storeReportDrawings } from '../../src/domain/insights/insights-drawings.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { kudosLeaderboard } from '../../src/domain/kudos/leaderboard.ts';
import { purgeDepartedMembers } from '../../src/domain/retention/purge-departed-members.ts';
import { purgeUninstalledWorkspaces, purgeWorkspace } from '../../src/domain/retention/purge-workspace.ts';
import {
  defaultRetention,
  type RetentionInput,
  readRetentionSettings,
  updateRetentionSettings,
} from '../../src/domain/retention/retention-settings.ts';
import { sweepRetention } from '../../src/domain/retention/sweep-retention.ts';
import { deactivateWorkspace } from '../../src/domain/workspaces/deactivate-workspace.ts';
import { createTestDatabase } from '../support/databases.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const day = 86_400_000;
const daysAgo = (n: number) => new Date(now.getTime() - n * day);

beforeAll(async () => {
  db = await createMigratedDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

async function seedEvents(workspaceId: string, count: number, at: Date, prefix: string): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => ({
    workspace_id: workspaceId,
    event_id: `${prefix}${i}`,
    received_at: at,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('processed_events')
      .values(rows.slice(i, i + 1000))
      .execute();
}

async function countWhere(table: 'processed_events' | 'slack_sends', workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function seedSend(workspaceId: string, key: string, at: Date): Promise<void> {
  await db
    .insertInto('slack_sends')
    .values({
      workspace_id: workspaceId,
      idempotency_key: key,
      channel_id: 'C0GENERAL',
      status: 'sent',
      message_ts: '1.2',
      attempted_at: at,
      lease_until: at,
      sent_at: at,
    })
    .execute();
}

const asInput = (s: typeof defaultRetention): RetentionInput =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v === null ? '' : String(v)])) as RetentionInput;

describe('the retention sweep', () => {
  beforeAll(async () => {
    for (const id of ['TS1', 'TS2']) await seedWorkspace(db, { id, now });
    await seedEvents('TS1', 2_500, daysAgo(3), 'old');
    await seedEvents('TS1', 10, daysAgo(0), 'new');
    await seedEvents('TS2', 2_500, daysAgo(3), 'old');
  });

  test('deletes 2,500 expired rows in 3 batches, keeps fresh rows and leaves the other workspace alone', async () => {
    const result = await sweepRetention(db, { workspaceId: 'TS1', now, batchSize: 1_000, pauseMs: 0 });
    expect(result.tables.processed_events).toEqual({ deleted: 2_500, batches: 3 });
    expect(await countWhere('processed_events', 'TS1')).toBe(10);
    expect(await countWhere('processed_events', 'TS2')).toBe(2_500);
    // Nothing left to do: a second sweep deletes nothing.
    expect((await sweepRetention(db, { workspaceId: 'TS1', now, pauseMs: 0 })).tables.processed_events).toEqual({
      deleted: 0,
      batches: 0,
    });
  });

  test("an admin's shorter period is what the sweep enforces, and the change is audited", async () => {
    await seedSend('TS1', 'send-20-days', daysAgo(20));
    await seedSend('TS1', 'send-5-days', daysAgo(5));
    await seedSend('TS2', 'send-20-days', daysAgo(20));
    await sweepRetention(db, { workspaceId: 'TS1', now, pauseMs: 0 });
    expect(await countWhere('slack_sends', 'TS1')).toBe(2);

    const refused = await updateRetentionSettings(db, {
      workspaceId: 'TS1',
      actorId: 'U0ADMIN',
      values: { ...asInput(defaultRetention), send_ledger_days: '3', departed_grace_days: 'soon' },
      now,
    });
    expect(refused).toEqual({
      ok: false,
      errors: {
        send_ledger_days: 'Enter a whole number of days from 14 to 3650.',
        departed_grace_days: 'Enter a whole number of days from 0 to 365.',
      },
    });
    expect(await readRetentionSettings(db, 'TS1')).toEqual(defaultRetention);

    const saved = await updateRetentionSettings(db, {
      workspaceId: 'TS1',
      actorId: 'U0ADMIN',
      values: { ...asInput(defaultRetention), send_ledger_days: '14', kudos_history_days: '730' },
      now,
    });
    expect(saved.ok).toBe(true);
    const audit = await db
      .selectFrom('admin_audit_log')
      .select(['actor_id', 'action', 'changes'])
      .where('workspace_id', '=', 'TS1')
      .execute();
    expect(audit).toEqual([
      {
        actor_id: 'U0ADMIN',
        action: 'retention.settings_changed',
        changes: { send_ledger_days: { from: 90, to: 14 }, kudos_history_days: { from: null, to: 730 } },
      },
    ]);

    await sweepRetention(db, { workspaceId: 'TS1', now, pauseMs: 0 });
    const left = await db
      .selectFrom('slack_sends')
      .select('idempotency_key')
      .where('workspace_id', '=', 'TS1')
      .execute();
    expect(left).toEqual([{ idempotency_key: 'send-5-days' }]);
    expect(await countWhere('slack_sends', 'TS2')).toBe(1);
  });
});

describe('the retention sweep’s pace', () => {
  // The sweep's own connection, with every statement it sends recorded (SQL and parameters).
  let logged: Db;
  const sent: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const ageOf = (i: number) => new Date(daysAgo(3).getTime() - i * 60_000);
  const cutoff = daysAgo(1);

  beforeAll(async () => {
    logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await createTestDatabase() }) }),
      log: (event) => {
        sent.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    await migrateToLatest(logged);
  });
  afterAll(async () => {
    await logged?.destroy();
  });

  /** 250 expired events, stored newest first (so the table's physical order is the reverse of their age), and 10 fresh. */
  async function seedExpired(workspaceId: string): Promise<void> {
    await seedWorkspace(logged, { id: workspaceId, now });
    await logged
      .insertInto('processed_events')
      .values(
        Array.from({ length: 250 }, (_, i) => ({
          workspace_id: workspaceId,
          event_id: `ev${i}`,
          received_at: ageOf(i),
        })),
      )
      .execute();
    await logged
      .insertInto('processed_events')
      .values(
        Array.from({ length: 10 }, (_, i) => ({ workspace_id: workspaceId, event_id: `new${i}`, received_at: now })),
      )
      .execute();
    // With statistics saying nearly every row is expired, the planner reads the table in its physical order unless
    // the statement asks for an order.
    await sql`analyze processed_events`.execute(logged);
  }
  const eventIds = async (workspaceId: string) =>
    (await logged.selectFrom('processed_events').select('event_id').where('workspace_id', '=', workspaceId).execute())
      .map((r) => r.event_id)
      .sort();
  const purgeStatements = (workspaceId: string) =>
    sent.filter((s) => s.parameters[0] === workspaceId && /delete from "processed_events"/.test(s.sql));
  /** A clock on which every statement appears to take `statementMs`. */
  const clockOf = (statementMs: number) => {
    let ticks = 0;
    return () => {
      ticks += 1;
      return ticks * statementMs;
    };
  };

  test('deletes the oldest rows first, each batch starting where the last stopped, without waiting for the disk', async () => {
    await seedExpired('TP1');
    sent.length = 0;
    const leftAfterEachBatch: string[][] = [];
    const result = await sweepRetention(logged, {
      workspaceId: 'TP1',
      now,
      batchSize: 100,
      pauseMs: 0,
      pacing: { clock: clockOf(1), sleep: async () => void leftAfterEachBatch.push(await eventIds('TP1')) },
    });
    expect(result.tables.processed_events).toEqual({ deleted: 250, batches: 3 });
    // The oldest hundred went first (ev249 … ev150), then the next hundred.
    const expected = (from: number) =>
      [...Array.from({ length: from }, (_, i) => `ev${i}`), ...Array.from({ length: 10 }, (_, i) => `new${i}`)].sort();
    expect(leftAfterEachBatch).toEqual([expected(150), expected(50)]);
    expect(await eventIds('TP1')).toEqual(expected(0));
    // The second and third statements start at the age of the last row the one before deleted.
    expect(purgeStatements('TP1').map((s) => s.parameters)).toEqual([
      ['TP1', 'TP1', cutoff, 100],
      ['TP1', 'TP1', cutoff, ageOf(150), 100],
      ['TP1', 'TP1', cutoff, ageOf(50), 100],
    ]);
    // Each in its own transaction, told first not to wait for its commit to reach the disk.
    const purges = sent.flatMap((s, i) => (/delete from "processed_events"/.test(s.sql) ? [i] : []));
    expect(purges.map((i) => sent[i - 1]?.sql.trim())).toEqual(purges.map(() => 'set local synchronous_commit = off'));
  });

  test('a slow statement shrinks the next batch, and the rest after each batch grows with its time', async () => {
    await seedExpired('TP2');
    sent.length = 0;
    const rests: number[] = [];
    const result = await sweepRetention(logged, {
      workspaceId: 'TP2',
      now,
      batchSize: 100,
      pauseMs: 100,
      restRatio: 4,
      targetStatementMs: 50,
      pacing: { clock: clockOf(300), sleep: async (ms) => void rests.push(ms) },
    });
    expect(result.tables.processed_events).toEqual({ deleted: 250, batches: 4 });
    expect(purgeStatements('TP2').map((s) => s.parameters.at(-1))).toEqual([100, 50, 50, 50, 50]);
    expect(rests).toEqual([1200, 1200, 1200, 1200]);
  });
});

describe('departed members', () => {
  const leftAt = daysAgo(40);
  const gone = {
    id: 'U0GONE',
    team_id: 'TD1',
    name: 'gone',
    real_name: 'Gone Person',
    deleted: true,
    profile: { display_name: 'gone', real_name: 'Gone Person', title: 'Engineer', email: 'gone@example.com' },
  };

  async function personalRows(workspaceId: string) {
    const overrides = await db
      .selectFrom('member_team_overrides')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    const values = await db
      .selectFrom('pairing_profile_values')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    const blocks = await db
      .selectFrom('pairing_blocks')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    const skills = await db
      .selectFrom('skill_profile_entries')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    return [...overrides, ...values, ...blocks, ...skills].filter((r) => r.user_id === 'U0GONE').length;
  }

  /** Keep-in-touch rows naming them from either side: their switch, their list and prompts, and others'. */
  async function keepInTouchRows(workspaceId: string) {
    const people = await db
      .selectFrom('keep_in_touch_people')
      .select('user_id as a')
      .where('workspace_id', '=', workspaceId)
      .execute();
    const contacts = await db
      .selectFrom('keep_in_touch_contacts')
      .select(['owner_id as a', 'contact_id as b'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const prompts = await db
      .selectFrom('keep_in_touch_prompts')
      .select(['user_id as a', 'partner_id as b'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    return [...people, ...contacts, ...prompts].filter((r) => r.a === 'U0GONE' || ('b' in r && r.b === 'U0GONE'))
      .length;
  }

  beforeAll(async () => {
    for (const id of ['TD1', 'TD2']) {
      await seedWorkspace(db, { id, now });
      await seedMembers(db, id, [{ user_id: 'U0GONE', email: 'gone@example.com' }, 'U0STAY']);
      await db
        .insertInto('member_team_overrides')
        .values({
          workspace_id: id,
          user_id: 'U0GONE',
          team: 'Design',
          department: null,
          set_by: 'U0STAY',
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('pairing_profile_values')
        .values({ workspace_id: id, user_id: 'U0GONE', fields: '{"a":"b"}', fetched_at: now })
        .execute();
      await db
        .insertInto('pairing_blocks')
        .values({ workspace_id: id, user_id: 'U0GONE', blocked_user_id: 'U0STAY', created_at: now })
        .execute();
      await db
        .insertInto('skill_profile_entries')
        .values({
          workspace_id: id,
          user_id: 'U0GONE',
          list: 'want_to_learn',
          skill: 'Rust',
          skill_key: 'rust',
          position: 0,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('keep_in_touch_people')
        .values({ workspace_id: id, user_id: 'U0GONE', updated_at: now })
        .execute();
      await db
        .insertInto('keep_in_touch_contacts')
        .values(
          [
            { owner_id: 'U0GONE', contact_id: 'U0STAY' },
            { owner_id: 'U0STAY', contact_id: 'U0GONE' },
          ].map((c) => ({ workspace_id: id, ...c, cadence_weeks: 4, anchor_at: now, created_at: now })),
        )
        .execute();
      await db
        .insertInto('keep_in_touch_prompts')
        .values(
          [
            { user_id: 'U0GONE', partner_id: 'U0STAY' },
            { user_id: 'U0STAY', partner_id: 'U0GONE' },
          ].map((p) => ({ workspace_id: id, ...p, source: 'pairing' as const, met_at: now, created_at: now })),
        )
        .execute();
    }
    // Only in TD1 does the person leave, 40 days ago, as the directory sync sees it.
    await saveMembers(db, { workspaceId: 'TD1', users: [gone], now: leftAt });
  });

  test('are purged once the grace period is over, stay blank through later syncs, and only in their workspace', async () => {
    const early = await sweepRetention(db, { workspaceId: 'TD1', now: daysAgo(11), pauseMs: 0 });
    expect(early.departedPurged).toBe(0);
    expect(await personalRows('TD1')).toBe(4);
    expect(await keepInTouchRows('TD1')).toBe(5);

    const due = await sweepRetention(db, { workspaceId: 'TD1', now, pauseMs: 0 });
    expect(due.departedPurged).toBe(1);
    expect(await personalRows('TD1')).toBe(0);
    expect(await personalRows('TD2')).toBe(4);
    expect(await keepInTouchRows('TD1')).toBe(0);
    expect(await keepInTouchRows('TD2')).toBe(5);

    // The next sync still lists them as deleted: the tombstone stays blank.
    await saveMembers(db, { workspaceId: 'TD1', users: [gone], now });
    const row = await db
      .selectFrom('members')
      .select(['name', 'real_name', 'title', 'email', 'is_deleted'])
      .where('workspace_id', '=', 'TD1')
      .where('user_id', '=', 'U0GONE')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '', real_name: '', title: '', email: null, is_deleted: true });
    const other = await db
      .selectFrom('members')
      .select(['name', 'email'])
      .where('workspace_id', '=', 'TD2')
      .where('user_id', '=', 'U0GONE')
      .executeTakeFirstOrThrow();
    expect(other).toEqual({ name: 'U0GONE', email: 'gone@example.com' });
  });

  test('leave the kudos boards at once, in their own workspace only', async () => {
    for (const workspaceId of ['TD1', 'TD2']) {
      await seedMembers(db, workspaceId, ['U0GIVER']);
      const given = await giveKudos(db, {
        workspaceId,
        giverId: 'U0GIVER',
        recipientIds: workspaceId === 'TD1' ? ['U0STAY'] : ['U0GONE', 'U0STAY'],
        reason: 'for the work',
        tags: [],
        channelId: null,
        source: 'command',
        requestKey: `k-${workspaceId}`,
        messageLink: null,
        now: daysAgo(50),
      });
      expect(given.ok).toBe(true);
    }
    // TD1's U0GONE got kudos before leaving (seeded straight into the totals, as a gift 50 days ago would have).
    await db
      .insertInto('kudos_totals')
      .values({
        workspace_id: 'TD1',
        board: 'received',
        period: 'all',
        period_start: '1970-01-01',
        user_id: 'U0GONE',
        total: 4,
      })
      .execute();
    const board = async (workspaceId: string) =>
      (await kudosLeaderboard(db, { workspaceId, board: 'received', period: 'all', now })).map((e) => e.userId);
    expect(await board('TD1')).toEqual(['U0STAY']);
    expect(await board('TD2')).toEqual(['U0GONE', 'U0STAY']);
  });

  test('someone still in Slack is never purged', async () => {
    expect(await purgeDepartedMembers(db, { workspaceId: 'TD2', userIds: ['U0GONE'], now })).toEqual({ purged: 0 });
    expect(await personalRows('TD2')).toBe(4);
  });
});

describe('uninstalled workspaces', () => {
  async function rowsOf(workspaceId: string): Promise<Record<string, number>> {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id'`.execute(db);
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      const r = await sql<{
        n: string;
      }>`select count(*) as n from ${sql.table(table_name)} where workspace_id = ${workspaceId}`.execute(db);
      const n = Number(r.rows[0]?.n ?? 0);
      if (n > 0) counts[table_name] = n;
    }
    return counts;
  }

  async function seedData(id: string): Promise<void> {
    await seedWorkspace(db, { id, now: daysAgo(60) });
    await seedMembers(db, id, ['U0ANA', 'U0BEN']);
    await seedEvents(id, 3, now, 'e');
    await seedSend(id, 'k1', now);
    await db
      .insertInto('member_team_overrides')
      .values({
        workspace_id: id,
        user_id: 'U0ANA',
        team: 'Design',
        department: null,
        set_by: 'U0BEN',
        updated_at: now,
      })
      .execute();
    await updateRetentionSettings(db, {
      workspaceId: id,
      actorId: 'U0ANA',
      values: { ...asInput(defaultRetention), feedback_days: '100' },
      now,
    });
    await storeReportDrawings(db, {
      workspaceId: id,
      now,
      draw: () => ({ keys: ['chart'], drawn: [{ key: 'chart', svg: '<svg></svg>' }] }),
    });
  }

  test('are purged from every table 30 days after the uninstall; a reinstalled one keeps everything', async () => {
    await seedData('TU1');
    await seedData('TU2');
    await deactivateWorkspace(db, { workspaceId: 'TU1', now: daysAgo(31) });
    await deactivateWorkspace(db, { workspaceId: 'TU2', now: daysAgo(31) });
    // TU2 comes back.
    await seedWorkspace(db, { id: 'TU2', now: daysAgo(2) });
    const kept = await rowsOf('TU2');
    expect(Object.keys(kept).length).toBeGreaterThanOrEqual(5);
    expect(kept).toHaveProperty('insights_drawings', 1);
    expect(Object.keys(await rowsOf('TU1')).sort()).toEqual(Object.keys(kept).sort());

    expect((await purgeUninstalledWorkspaces(db, { now: daysAgo(2) })).purged).toEqual([]);
    expect(await purgeUninstalledWorkspaces(db, { now })).toEqual({ purged: ['TU1'] });

    expect(await rowsOf('TU1')).toEqual({});
    expect(await db.selectFrom('workspaces').select('id').where('id', '=', 'TU1').execute()).toEqual([]);
    expect(await rowsOf('TU2')).toEqual(kept);
  });

  test('the operator can purge at once, but never an installed workspace', async () => {
    await seedData('TU3');
    expect(await purgeWorkspace(db, { workspaceId: 'TU3', now, immediately: true })).toEqual({
      ok: false,
      refused: 'still_installed',
    });
    await deactivateWorkspace(db, { workspaceId: 'TU3', now });
    expect(await purgeWorkspace(db, { workspaceId: 'TU3', now })).toEqual({ ok: false, refused: 'too_recent' });
    expect((await purgeWorkspace(db, { workspaceId: 'TU3', now, immediately: true })).ok).toBe(true);
    expect(await rowsOf('TU3')).toEqual({});
  });
});
