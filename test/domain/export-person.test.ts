import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { columnsNotExported, exportKinds } from '../../src/db/queries/person-export.ts';
import type { Database } from '../../src/db/schema.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { exportFiles } from '../../src/domain/privacy/export-files.ts';
import { exportPerson, type PersonExportResult, recordPersonExport } from '../../src/domain/privacy/export-person.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { others, person, seedPersonEverywhere } from '../support/person-everywhere.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const later = new Date('2027-03-10T12:05:00Z');
const exportedAt = new Date('2027-03-11T09:00:00Z');
let exported: PersonExportResult;

/** A reason with everything CSV must quote: a comma, double quotes and a line break. */
const awkwardReason = 'for the "launch", and\nthe docs';

/** Rows as the export holds them: dates as ISO strings, in an order that does not depend on the query. */
function normalised(rows: unknown[]): unknown[] {
  return (JSON.parse(JSON.stringify(rows)) as unknown[]).map((r) => JSON.stringify(r)).sort();
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedPersonEverywhere(db, 'TA', { now, later });
  // The same people and user ids in another workspace, with a kudos TA does not have.
  await seedPersonEverywhere(db, 'TB', { now, later });
  const given = await giveKudos(db, {
    workspaceId: 'TA',
    giverId: person,
    recipientIds: [others.gina],
    reason: awkwardReason,
    tags: [],
    channelId: 'C0TEAM',
    source: 'command',
    requestKey: 'awkward',
    messageLink: null,
    now,
  });
  expect(given.ok).toBe(true);
  exported = await exportPerson(db, { workspaceId: 'TA', userId: person, now: exportedAt });
});
afterAll(async () => {
  await db?.destroy();
});

/** Every (table, column) that holds the person's id in one workspace, found through the database's own catalogue. */
async function columnsHoldingId(ws: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
      and exists (select 1 from information_schema.columns w where w.table_schema = c.table_schema
                  and w.table_name = c.table_name and w.column_name = 'workspace_id')
    order by c.table_name, c.column_name`.execute(db);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const hits = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}
      where workspace_id = ${ws} and ${sql.ref(column_name)}::text like ${`%${person}%`}`.execute(db);
    if ((hits.rows[0]?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe('exporting a person', () => {
  test('every column of every table that holds their id is exported, or listed as not exported with the reason', async () => {
    const matched = new Set(exportKinds.flatMap((k) => k.matchedBy.map((m) => `${k.table}.${m.column}`)));
    const found = await columnsHoldingId('TA');
    // The seed reaches the tables the export reads, so the check below covers them.
    expect(found).toEqual(expect.arrayContaining(['members.user_id', 'pairing_blocks.blocked_user_id']));
    const unaccounted = found.filter((column) => !matched.has(column) && !columnsNotExported.has(column));
    expect(unaccounted).toEqual([]);
    for (const reason of columnsNotExported.values()) expect(reason.length).toBeGreaterThan(10);
  });

  test('each kind matched by one id column holds exactly the rows the database holds for them, field by field', async () => {
    for (const kind of exportKinds) {
      const [only] = kind.matchedBy;
      if (kind.matchedBy.length !== 1 || only?.holds !== 'id') continue;
      const rows = await db
        .selectFrom(kind.table as keyof Database)
        .selectAll()
        .where('workspace_id', '=', 'TA')
        .where(sql.ref(only.column), '=', person)
        .execute();
      expect({ kind: kind.kind, rows: normalised(exported.data.kinds[kind.kind] ?? []) }).toEqual({
        kind: kind.kind,
        rows: normalised(rows),
      });
    }
  });

  test('profile, dates, kudos both ways, programmes, skills and settings carry what was stored', async () => {
    const { kinds } = exported.data;
    expect(kinds.profile).toEqual([
      expect.objectContaining({ user_id: person, real_name: 'Alex Able', email: 'alex.able@example.com' }),
    ]);
    expect(kinds.dates).toEqual([
      expect.objectContaining({
        birthday_month: 4,
        birthday_day: 2,
        start_date: '2020-01-06',
        birthday_visibility: expect.any(String),
        anniversary_visibility: expect.any(String),
      }),
    ]);
    expect(kinds.kudos_given?.map((g) => g.reason).sort()).toEqual([awkwardReason, 'for the review']);
    expect(kinds.kudos_received?.map((k) => k.giver_id)).toEqual([others.gina]);
    expect(kinds.kudos_taken_back).toHaveLength(1);
    expect(kinds.programmes).toEqual([expect.objectContaining({ user_id: person, status: 'active' })]);
    expect(kinds.programmes_run).toHaveLength(1);
    expect(kinds.pairings?.map((g) => g.members)).toEqual(
      expect.arrayContaining([
        [person, others.bea],
        [person, others.gina],
      ]),
    );
    expect(kinds.pairing_checkins).toEqual([expect.objectContaining({ user_id: person, answer: 'met' })]);
    expect(kinds.skills?.map((s) => s.list).sort()).toEqual([
      'ask_me_about',
      'can_mentor',
      'want_to_improve',
      'want_to_learn',
    ]);
    expect(kinds.mentorship_signups).toEqual([expect.objectContaining({ goals: 'ship a Rust service' })]);
    expect(kinds.mentorship_pairs).toEqual([expect.objectContaining({ mentor_id: others.bea, mentee_id: person })]);
    expect(kinds.mentorship_requests).toEqual([expect.objectContaining({ mentee_id: person, mentor_id: others.gina })]);
    expect(kinds.mentorship_checkins).toEqual([expect.objectContaining({ met: true, usefulness: 4 })]);
    expect(kinds.settings).toEqual([expect.objectContaining({ admin_user_ids: [person, 'U0ADMIN'] })]);
    expect(kinds.audit_log).toEqual([expect.objectContaining({ actor_id: person, action: 'pairing.team_set' })]);
    expect(exported.onlyDirectoryEntry).toBe(false);
  });

  test('only their own answers, feedback and blocks: never blocks made against them or what others said', async () => {
    const { kinds } = exported.data;
    expect(kinds.pairing_blocks).toEqual([expect.objectContaining({ user_id: person, blocked_user_id: others.bea })]);
    expect(kinds.mentorship_feedback).toEqual([
      expect.objectContaining({ user_id: person, rating: 2, comment: 'too busy' }),
    ]);
    const everything = JSON.stringify(kinds);
    expect(everything).not.toContain('Alex Able was great');
    // Gina blocked them: nothing in the export says so.
    expect(everything).not.toMatch(/"user_id":"U0GIVER","blocked_user_id":"U0ALEX"/);
    expect(
      Object.values(kinds)
        .flat()
        .filter((row) => row.blocked_user_id === person),
    ).toEqual([]);
  });

  test('the same user id in another workspace is not included', () => {
    const rows = Object.values(exported.data.kinds).flat();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((row) => row.workspace_id !== 'TA')).toEqual([]);
  });

  test('the files: the JSON holds it all; each CSV one kind, with quoting that keeps awkward text in its cell', () => {
    const files = exportFiles(exported.data);
    expect(files[0]?.filename).toBe('nudge-my-data.json');
    expect(JSON.parse(files[0]?.content ?? '')).toEqual(exported.data);
    const kindsWithRows = Object.entries(exported.data.kinds).filter(([, rows]) => rows.length > 0);
    expect(files.slice(1).map((f) => f.filename)).toEqual(kindsWithRows.map(([k]) => `nudge-my-data-${k}.csv`));
    const given = files.find((f) => f.filename === 'nudge-my-data-kudos_given.csv')?.content ?? '';
    expect(given.split('\n')[0]).toContain('reason');
    expect(given).toContain('"for the ""launch"", and\nthe docs"');
  });

  test('a kind larger than a file may be is split into parts, each a whole CSV within the limit', () => {
    const whole = exportFiles(exported.data).find((f) => f.filename === 'nudge-my-data-skills.csv');
    const maxBytes = Math.ceil(Buffer.byteLength(whole?.content ?? '') / 2);
    const files = exportFiles(exported.data, maxBytes).filter((f) => f.filename.startsWith('nudge-my-data-skills'));
    expect(files.length).toBeGreaterThan(1);
    const header = files[0]?.content.split('\n')[0];
    for (const [index, file] of files.entries()) {
      expect(file.filename).toBe(`nudge-my-data-skills-part-${index + 1}-of-${files.length}.csv`);
      expect(Buffer.byteLength(file.content)).toBeLessThanOrEqual(maxBytes);
      expect(file.content.split('\n')[0]).toBe(header);
    }
    const dataLines = files.flatMap((f) => f.content.trimEnd().split('\n').slice(1));
    expect(dataLines).toHaveLength(4);
  });

  test('someone Nudge knows only from the directory gets that entry and nothing else', async () => {
    await seedWorkspaceSpec(db, kudosWorkspace('TC'), now);
    const result = await exportPerson(db, { workspaceId: 'TC', userId: person, now: exportedAt });
    expect(result.onlyDirectoryEntry).toBe(true);
    expect(result.data.kinds.profile).toEqual([expect.objectContaining({ user_id: person, real_name: 'Alex Able' })]);
  });

  test('the export is recorded in the audit log with the person as actor, once per day however often it runs', async () => {
    for (const at of [exportedAt, new Date('2027-03-11T10:00:00Z')]) {
      await recordPersonExport(db, { workspaceId: 'TA', userId: person, day: '2027-03-11', files: 3, now: at });
    }
    const entries = await db
      .selectFrom('admin_audit_log')
      .select(['actor_id', 'workspace_id', 'changes'])
      .where('action', '=', 'privacy.data_exported')
      .execute();
    expect(entries).toEqual([{ actor_id: person, workspace_id: 'TA', changes: { files: { from: null, to: 3 } } }]);
  });

  test('a decline stays with whoever declined: the one who asked reads "closed", the one who declined "declined"', async () => {
    for (const table of ['mentorship_requests', 'learning_requests'] as const) {
      await db.updateTable(table).set({ status: 'declined' }).where('workspace_id', '=', 'TA').execute();
    }
    const { kinds } = (await exportPerson(db, { workspaceId: 'TA', userId: person, now: exportedAt })).data;
    expect(kinds.mentorship_requests).toEqual([expect.objectContaining({ mentee_id: person, status: 'closed' })]);
    expect(kinds.learning_requests?.map((r) => [r.asker_id, r.status]).sort()).toEqual([
      [person, 'closed'],
      [others.gina, 'declined'],
    ]);
    expect(JSON.stringify(kinds.mentorship_requests)).not.toContain('declined');
  });
});
