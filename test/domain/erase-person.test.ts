import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { recordAdminAction } from '../../src/domain/audit/record-admin-action.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { erasePerson } from '../../src/domain/privacy/erase-person.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const later = new Date('2027-03-10T12:05:00Z');

// Alex is forgotten in TA; TB has the same people with the same user ids and keeps everything.
const person = 'U0ALEX';
const needles = [person, 'Alex Able', 'alex', 'alex.able@example.com'];
const others = { bea: 'U0BEA', gina: 'U0GIVER' };

/**
 * What may still match one of the needles after the erase, and why. Nothing does: the rows others still need carry a
 * random `UERASED…` tombstone id, and the erased person is remembered only as a SHA-256 digest of their id.
 */
const documentedTombstones: ReadonlyArray<{ table: string; column: string; reason: string }> = [];

/** Tables that never hold anyone's id, name or email; every other table must be seeded with the person below. */
const tablesWithoutPeople = new Map([
  ['workspaces', 'the workspace itself'],
  ['installations', 'the tokens, encrypted'],
  ['profile_field_definitions', "the workspace's custom profile fields"],
  ['processed_events', 'Slack event ids'],
  ['celebration_settings', 'channels and hours'],
  ['celebration_webhook_signatures', 'webhook signatures'],
  ['erased_members', 'digests and tombstones only'],
  ['workspace_skills', "the admin's skill list, naming no one"],
  ['learning_settings', 'the weekly request cap'],
  ['kysely_migration', 'migration names'],
  ['kysely_migration_lock', 'the migration lock'],
]);

async function seedPersonEverywhere(ws: string): Promise<void> {
  await seedWorkspaceSpec(db, kudosWorkspace(ws), now);
  await db
    .updateTable('members')
    .set({ email: 'alex.able@example.com', display_name: 'Alex Able' })
    .where('workspace_id', '=', ws)
    .where('user_id', '=', person)
    .execute();
  const give = async (giverId: string, recipientIds: string[], reason: string, requestKey: string) => {
    const given = await giveKudos(db, {
      workspaceId: ws,
      giverId,
      recipientIds,
      reason,
      tags: [],
      channelId: 'C0TEAM',
      source: 'command',
      requestKey,
      messageLink: null,
      now,
    });
    if (!given.ok) throw new Error(JSON.stringify(given));
    return given.giftId;
  };
  await give(person, [others.bea], 'for the review', 'k1');
  const toAlex = await give(others.gina, [person, others.bea], 'thanks <@U0ALEX> and Alex Able for the launch', 'k2');
  await give(others.bea, [others.gina], 'pairing with alex was fun', 'k3');
  await db
    .insertInto('kudos_revocations')
    .values({
      gift_id: toAlex,
      workspace_id: ws,
      revoked_by: person,
      reason: 'undo',
      revoked_at: now,
      withdrawn_at: null,
    })
    .execute();
  await db
    .insertInto('kudos_settings')
    .values({
      workspace_id: ws,
      allowance: 10,
      allowance_period: 'week',
      pair_cap: 3,
      emoji: 'tada',
      kudos_values: '[]',
      kudos_channel_id: null,
      prompt_channel_ids: '[]',
      prompt_weekday: 1,
      prompt_hour: 9,
      digest_enabled: true,
      admin_user_ids: JSON.stringify([person, 'U0ADMIN']),
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('slack_sends')
    .values({
      workspace_id: ws,
      idempotency_key: `onboarding.welcome.${person}`,
      channel_id: 'D0DM1',
      status: 'sent',
      message_ts: '1.1',
      attempted_at: now,
      lease_until: now,
      sent_at: now,
    })
    .execute();
  await db.insertInto('processed_events').values({ workspace_id: ws, event_id: 'Ev1', received_at: now }).execute();

  // Celebrations.
  await db
    .insertInto('celebration_profiles')
    .values({
      workspace_id: ws,
      user_id: person,
      birthday_month: 4,
      birthday_day: 2,
      start_date: '2020-01-06',
      source: 'self',
      asked_at: null,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('celebration_posts')
    .values({
      workspace_id: ws,
      user_id: person,
      occasion: 'birthday',
      occasion_year: 2027,
      occasion_date: '2027-04-02',
      observed_date: '2027-04-02',
      moment: now,
      years: null,
      delivery: 'channel',
      channel_id: 'C0PARTY',
      send_key: `celebration.birthday.${person}.2027`,
      created_at: now,
      message_ts: null,
      error: null,
      posted_at: null,
    })
    .execute();
  await db
    .insertInto('celebrations')
    .values({
      workspace_id: ws,
      title: 'Alex Able shipped search',
      url: null,
      channel_id: 'C0TEAM',
      contributor_ids: JSON.stringify([person, others.bea]),
      created_by: person,
      source: 'modal',
      request_key: 'c1',
      created_at: now,
      post_channel_id: null,
      post_ts: null,
      posted_at: null,
      failed_at: null,
      failure: null,
    })
    .execute();

  // Pairing.
  const programme = await db
    .insertInto('programmes')
    .values({
      workspace_id: ws,
      channel_id: 'C0COFFEE',
      kind: 'coffee',
      frequency: 'weekly',
      weekday: 1,
      send_hour: 9,
      group_size: 2,
      cooldown_weeks: 4,
      approval_required: false,
      team_source: 'directory',
      team_field_id: null,
      department_field_id: null,
      host_user_id: person,
      status: 'active',
      created_by: person,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const userId of [person, others.bea, others.gina]) {
    await db
      .insertInto('programme_members')
      .values({
        workspace_id: ws,
        programme_id: programme.id,
        user_id: userId,
        status: 'active',
        paused_until: null,
        greeted_at: now,
        team_override: null,
        ghost_round_id: null,
        updated_at: now,
      })
      .execute();
  }
  await db
    .insertInto('pairing_blocks')
    .values([
      { workspace_id: ws, user_id: person, blocked_user_id: others.bea, created_at: now },
      { workspace_id: ws, user_id: others.gina, blocked_user_id: person, created_at: now },
    ])
    .execute();
  const pool = [person, others.bea, others.gina].map((userId) => ({
    userId,
    team: null,
    department: null,
    timeZone: 'UTC',
  }));
  const round = await db
    .insertInto('rounds')
    .values({
      workspace_id: ws,
      programme_id: programme.id,
      round_date: '2027-03-08',
      number: 1,
      status: 'delivering',
      seed: 's',
      checkin_at: later,
      close_at: later,
      approved_by: person,
      created_at: now,
      pool: JSON.stringify(pool),
      debts: JSON.stringify({ trio: [person], unmatched: [] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [delivered, pending] = await db
    .insertInto('round_groups')
    .values([
      {
        workspace_id: ws,
        round_id: round.id,
        members: [person, others.bea],
        why: `<@${person}> and <@${others.bea}> both like tea`,
        deliver_at: now,
        status: 'delivered',
        rescue_of: null,
        conversation_id: 'G0MPIM',
        intro_ts: '1.2',
        delivered_at: now,
      },
      {
        workspace_id: ws,
        round_id: round.id,
        members: [person, others.gina],
        why: 'new faces',
        deliver_at: later,
        status: 'pending',
        rescue_of: null,
        conversation_id: null,
        intro_ts: null,
        delivered_at: null,
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('round_checkins')
    .values({ workspace_id: ws, group_id: delivered?.id as string, user_id: person, answer: 'met', answered_at: now })
    .execute();
  await db
    .insertInto('round_unmatched')
    .values({ workspace_id: ws, round_id: round.id, user_id: person, reason: 'odd one out' })
    .execute();
  await db
    .insertInto('round_swaps')
    .values({
      workspace_id: ws,
      round_id: round.id,
      user_a: person,
      user_b: others.gina,
      group_a: delivered?.id as string,
      group_b: pending?.id as string,
      swapped_by: person,
      swapped_at: now,
    })
    .execute();
  await db
    .insertInto('member_team_overrides')
    .values([
      { workspace_id: ws, user_id: person, team: 'Design', department: null, set_by: person, updated_at: now },
      { workspace_id: ws, user_id: others.bea, team: 'Design', department: null, set_by: person, updated_at: now },
    ])
    .execute();
  await db
    .insertInto('pairing_profile_values')
    .values({ workspace_id: ws, user_id: person, fields: JSON.stringify({ Xf1: 'Design' }), fetched_at: now })
    .execute();
  await db
    .insertInto('pairing_usergroups')
    .values({
      workspace_id: ws,
      usergroup_id: 'S0DESIGN',
      handle: 'design',
      name: 'Design',
      members: [person, others.bea],
      fetched_at: now,
    })
    .execute();

  // Mentorship.
  const mentorship = await startProgramme(db, ws, now, { skills: ['Rust'] });
  await db.updateTable('mentorship_programmes').set({ created_by: person }).where('id', '=', mentorship).execute();
  await signUp(db, ws, mentorship, person, now, { goals: 'ship a Rust service' });
  await signUp(db, ws, mentorship, others.bea, now, {
    role: 'mentor',
    learns: [],
    teaches: ['Rust'],
    goals: 'help Alex Able grow',
  });
  await db
    .insertInto('mentorship_cycles')
    .values({
      workspace_id: ws,
      programme_id: mentorship,
      number: 1,
      status: 'active',
      seed: 's',
      proposal: JSON.stringify({
        pairs: [{ mentor: others.bea, mentee: person, score: 1, why: 'Rust' }],
        unmatched: [],
        stats: {},
      }),
      planned_at: now,
      approved_by: person,
      approved_at: now,
    })
    .execute();
  const pair = await db
    .insertInto('mentorship_pairs')
    .values({
      workspace_id: ws,
      programme_id: mentorship,
      cycle_id: null,
      request_id: null,
      mentor_id: others.bea,
      mentee_id: person,
      score: 1,
      why: `<@${person}> wants to learn Rust`,
      status: 'active',
      started_at: now,
      ended_at: null,
      ends_at: null,
      intro_sent_at: now,
      first_met_at: null,
      last_met_at: null,
      idle_nudged_at: null,
      end_warned_at: null,
      end_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mentorship_requests')
    .values({
      workspace_id: ws,
      programme_id: mentorship,
      mentee_id: person,
      mentor_id: others.gina,
      status: 'open',
      requested_at: now,
      answered_at: null,
      handed_off_at: null,
    })
    .execute();
  await db
    .insertInto('mentorship_checkins')
    .values({
      workspace_id: ws,
      pair_id: pair.id,
      user_id: person,
      number: 1,
      sent_at: now,
      answered_at: now,
      met: true,
      usefulness: 4,
    })
    .execute();
  await db
    .insertInto('mentorship_rematch_requests')
    .values({ workspace_id: ws, pair_id: pair.id, asked_by: person, asked_at: now, rematched_at: null })
    .execute();
  await db
    .insertInto('mentorship_feedback')
    .values([
      {
        workspace_id: ws,
        pair_id: pair.id,
        user_id: person,
        asked_at: now,
        answered_at: now,
        rating: 2,
        comment: 'too busy',
        continue_next: false,
      },
      {
        workspace_id: ws,
        pair_id: pair.id,
        user_id: others.bea,
        asked_at: now,
        answered_at: now,
        rating: 5,
        comment: 'Alex Able was great',
        continue_next: true,
      },
    ])
    .execute();

  // Their skills profile, every list.
  await db
    .insertInto('skill_profile_entries')
    .values(
      (['ask_me_about', 'can_mentor', 'want_to_learn', 'want_to_improve'] as const).map((list, position) => ({
        workspace_id: ws,
        user_id: person,
        list,
        skill: `Alex Able's ${list}`,
        skill_key: `alex-${list}`,
        position,
        updated_at: now,
      })),
    )
    .execute();

  // Learning requests they made and received.
  await db
    .insertInto('learning_requests')
    .values(
      [
        { asker_id: person, expert_id: others.bea },
        { asker_id: others.gina, expert_id: person },
      ].map((r) => ({
        workspace_id: ws,
        ...r,
        skill: 'Rust',
        skill_key: 'rust',
        kind: 'learn' as const,
        status: 'open' as const,
        requested_at: now,
      })),
    )
    .execute();

  // The audit log, with the person as actor and as subject.
  await db.transaction().execute(async (trx) => {
    await recordAdminAction(trx, {
      workspaceId: ws,
      actorId: person,
      action: 'pairing.team_set',
      subject: person,
      changes: { team: { from: null, to: 'Design' }, admins: { from: [], to: [person] } },
      now,
    });
  });
}

interface Hit {
  table: string;
  column: string;
  rows: number;
}

/** Every text, JSON and array column of every table, from the catalogue, searched for the person in one workspace. */
async function findPerson(ws: string): Promise<Hit[]> {
  const columns = await sql<{ table_name: string; column_name: string; scoped: boolean }>`
    select c.table_name, c.column_name,
      exists (select 1 from information_schema.columns w
              where w.table_schema = c.table_schema and w.table_name = c.table_name and w.column_name = 'workspace_id') as scoped
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    order by c.table_name, c.column_name`.execute(db);
  const patterns = needles.map((n) => `%${n}%`);
  const hits: Hit[] = [];
  for (const { table_name, column_name, scoped } of columns.rows) {
    const scope = scoped ? sql`workspace_id = ${ws}` : table_name === 'workspaces' ? sql`id = ${ws}` : sql`true`;
    const found = await sql<{ rows: number }>`
      select count(*)::int as rows from ${sql.table(table_name)}
      where ${scope} and ${sql.ref(column_name)}::text ilike any(${patterns})`.execute(db);
    const rows = found.rows[0]?.rows ?? 0;
    if (rows > 0) hits.push({ table: table_name, column: column_name, rows });
  }
  return hits;
}

async function publicTables(): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  return tables.rows.map((t) => t.table_name);
}

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
    expect(beaTotal.total).toBe(2);
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
