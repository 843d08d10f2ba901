import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/**
 * The benchmark's own seeding, set-based (generate_series), never through the product's queries: a workspace of
 * `people` with, per person, about 10 kudos given and received (with a reason naming the recipient), a year of
 * weekly coffee rounds (26 pairings each), 3 check-in answers, 6 skills, a birthday, a send-ledger row per month,
 * and one in 10 in a mentorship programme (half of them paired).
 */
export interface SeedCounts {
  [table: string]: number;
}

const firstNames = [
  'Ana',
  'Ben',
  'Chen',
  'Dara',
  'Eli',
  'Fatima',
  'Gus',
  'Hana',
  'Ivan',
  'Jo',
  'Kofi',
  'Lea',
  'Mia',
  'Nils',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomas',
  'Uma',
  'Vera',
  'Wei',
  'Xavi',
  'Yara',
  'Zoe',
];

export const userIdOf = (i: number) => `U0B${String(i).padStart(5, '0')}`;

export async function seedWorkspace(db: Db, input: { teamId: string; people: number; now: Date }): Promise<SeedCounts> {
  const { teamId, people, now } = input;
  const uid = (expr: string) => sql.raw(`'U0B' || lpad((${expr})::text, 5, '0')`);
  const exec = (q: ReturnType<typeof sql>) => q.execute(db);
  await exec(sql`insert into workspaces (id, name, status, installed_at)
    values (${teamId}, 'Bench Co', 'active', ${now}) on conflict (id) do nothing`);
  // Names as a company has them: common first names, surnames that rarely repeat, a handle and an email from them.
  await exec(sql`insert into members (workspace_id, user_id, slack_team_id, name, display_name, real_name, title, email,
      time_zone, tz_offset_seconds, is_bot, is_deleted, is_admin, is_owner, is_restricted, profile_fields, synced_at)
    select ${teamId}, ${uid('i')}, ${teamId}, lower(first) || '.' || lower(last), first || ' ' || last,
      first || ' ' || last, 'Engineer', lower(first) || '.' || lower(last) || '@example.com', 'Europe/Berlin', 3600,
      false, false, false, false, false, '{}'::jsonb, ${now}
    from generate_series(0, ${people - 1}) i,
      lateral (select (array[${sql.join(firstNames.map((n) => sql.lit(n)))}])[1 + i % ${firstNames.length}] as first,
        initcap(translate(substr(md5(i::text), 1, 7), '0123456789', 'oaeiuyrstn')) as last) n`);
  // 10 gifts per person, to ten others, over the past year.
  await exec(sql`insert into kudos_gifts (workspace_id, giver_id, request_key, source, reason, given_at)
    select ${teamId}, ${uid('g')}, 'seed-' || g || '-' || k, 'command',
      'thanks <@' || ${uid(`(g + k * 7919 + 1) % ${people}`)} || '> and ' || m.real_name || ' for the help',
      ${now}::timestamptz - ((g * 10 + k) % 360) * interval '1 day'
    from generate_series(0, ${people - 1}) g cross join generate_series(0, 9) k
    join members m on m.workspace_id = ${teamId} and m.user_id = ${uid(`(g + k * 7919 + 1) % ${people}`)}`);
  await exec(sql`insert into kudos (workspace_id, gift_id, giver_id, recipient_id, given_at)
    select workspace_id, id, giver_id, substring(reason from '<@([A-Z0-9]+)>'), given_at from kudos_gifts
    where workspace_id = ${teamId}`);
  await exec(sql`insert into kudos_totals (workspace_id, board, period, period_start, user_id, total)
    select ${teamId}, 'received', 'all', '1970-01-01', recipient_id, count(*) from kudos
    where workspace_id = ${teamId} group by recipient_id`);
  await exec(sql`insert into kudos_totals (workspace_id, board, period, period_start, user_id, total)
    select ${teamId}, 'given', 'all', '1970-01-01', giver_id, count(*) from kudos
    where workspace_id = ${teamId} group by giver_id`);

  // A coffee programme everyone is in, with 26 delivered weekly rounds of pairs.
  const programme = await sql<{
    id: string;
  }>`insert into programmes (workspace_id, channel_id, kind, frequency, weekday,
      send_hour, group_size, cooldown_weeks, approval_required, team_source, status, created_by, created_at)
    values (${teamId}, 'C0COFFEE', 'coffee', 'weekly', 1, 9, 2, 4, false, 'directory', 'active', ${userIdOf(0)}, ${now})
    returning id`.execute(db);
  const programmeId = programme.rows[0]!.id;
  await exec(sql`insert into programme_members (workspace_id, programme_id, user_id, status, greeted_at, updated_at)
    select ${teamId}, ${programmeId}, ${uid('i')}, 'active', ${now}, ${now} from generate_series(0, ${people - 1}) i`);
  await exec(sql`insert into rounds (workspace_id, programme_id, round_date, number, status, seed, checkin_at, close_at,
      created_at, pool, debts)
    select ${teamId}, ${programmeId}, (${now}::timestamptz - w * interval '7 days')::date, 27 - w, 'closed', 's' || w,
      ${now}, ${now}, ${now}, '[]'::jsonb, '{"trio": [], "unmatched": []}'::jsonb
    from generate_series(1, 26) w`);
  await exec(sql`insert into round_groups (workspace_id, round_id, members, why, deliver_at, status, delivered_at)
    select ${teamId}, r.id, array[${uid('p * 2')}, ${uid(`(p * 2 + 1 + r.number * 2) % ${people}`)}],
      'you both like tea', ${now}, 'delivered', ${now}
    from rounds r, generate_series(0, ${Math.floor(people / 2) - 1}) p
    where r.workspace_id = ${teamId}`);
  await exec(sql`insert into round_checkins (workspace_id, group_id, user_id, answer, answered_at)
    select g.workspace_id, g.id, g.members[1], 'met', ${now} from round_groups g
    join rounds r on r.id = g.round_id where g.workspace_id = ${teamId} and r.number > 20`);

  await exec(sql`insert into skill_profile_entries (workspace_id, user_id, list, skill, skill_key, position, updated_at)
    select ${teamId}, ${uid('i')}, l.list, 'Skill ' || ((i + s) % 200), 'skill ' || ((i + s) % 200), s, ${now}
    from generate_series(0, ${people - 1}) i, generate_series(0, 2) s,
      (values ('ask_me_about'), ('want_to_learn')) l(list)`);
  await exec(sql`insert into celebration_profiles (workspace_id, user_id, birthday_month, birthday_day, start_date, source,
      updated_at)
    select ${teamId}, ${uid('i')}, 1 + i % 12, 1 + i % 28, '2020-01-06', 'self', ${now}
    from generate_series(0, ${people - 1}) i`);
  await exec(sql`insert into pairing_blocks (workspace_id, user_id, blocked_user_id, created_at)
    select ${teamId}, ${uid('i')}, ${uid(`(i + 13) % ${people}`)}, ${now} from generate_series(0, ${people - 1}, 20) i`);
  await exec(sql`insert into slack_sends (workspace_id, idempotency_key, channel_id, status, message_ts, attempted_at,
      lease_until, sent_at)
    select ${teamId}, 'kudos.dm.seed' || m || '.' || ${uid('i')}, 'D0DM', 'sent', '1.1', ${now}::timestamptz - m * interval '1 day',
      ${now}, ${now}
    from generate_series(0, ${people - 1}) i, generate_series(0, 11) m`);

  // Mentorship: one in ten signs up, mentors and mentees alternating; half of them are paired.
  const mentorship = await sql<{
    id: string;
  }>`insert into mentorship_programmes (workspace_id, channel_id, cycle_months,
      matching_mode, default_capacity, max_capacity, min_seniority_gap, allow_same_team, skills, created_by, created_at,
      updated_at)
    values (${teamId}, 'C0MENTOR', 6, 'admin', 1, 3, 0, true, '["Rust"]'::jsonb, ${userIdOf(0)}, ${now}, ${now})
    returning id`.execute(db);
  const mentorshipId = mentorship.rows[0]!.id;
  await exec(sql`insert into mentorship_signups (workspace_id, programme_id, user_id, role, learns, teaches, goals,
      capacity, prefer_other_team, prefer_overlap, created_at, updated_at)
    select ${teamId}, ${mentorshipId}, ${uid('i')}, case when i % 20 = 0 then 'mentor' else 'mentee' end,
      '["Rust"]'::jsonb, '["Rust"]'::jsonb, 'grow with <@' || ${uid(`(i + 10) % ${people}`)} || '>', 1, false, false, ${now}, ${now}
    from generate_series(0, ${people - 1}, 10) i`);
  await exec(sql`insert into mentorship_pairs (workspace_id, programme_id, mentor_id, mentee_id, score, why, status,
      started_at)
    select ${teamId}, ${mentorshipId}, ${uid('i')}, ${uid('i + 10')}, 1, 'Rust', 'active', ${now}
    from generate_series(0, ${people - 11}, 20) i`);
  await exec(sql`analyze`);

  const counts: SeedCounts = {};
  for (const table of [
    'members',
    'kudos_gifts',
    'kudos',
    'kudos_totals',
    'programme_members',
    'round_groups',
    'round_checkins',
    'skill_profile_entries',
    'celebration_profiles',
    'pairing_blocks',
    'slack_sends',
    'mentorship_signups',
    'mentorship_pairs',
  ]) {
    const row = await sql<{
      n: string;
    }>`select count(*) as n from ${sql.table(table)} where workspace_id = ${teamId}`.execute(db);
    counts[table] = Number(row.rows[0]!.n);
  }
  return counts;
}

/**
 * `rows` expired rows, half Slack event ids (`processed_events`, kept a day) and half send-ledger rows (`slack_sends`,
 * kept 90 days), inserted a million per statement.
 */
export async function seedExpiredRows(db: Db, input: { teamId: string; rows: number; now: Date }): Promise<void> {
  const { teamId, rows, now } = input;
  const chunk = 1_000_000;
  const half = Math.floor(rows / 2);
  for (let from = 0; from < half; from += chunk) {
    const to = Math.min(half, from + chunk) - 1;
    await sql`insert into processed_events (workspace_id, event_id, received_at)
      select ${teamId}, 'EvOld' || i, ${now}::timestamptz - interval '10 days' - (i % 1000) * interval '1 minute'
      from generate_series(${from}::int, ${to}::int) i`.execute(db);
  }
  for (let from = 0; from < rows - half; from += chunk) {
    const to = Math.min(rows - half, from + chunk) - 1;
    await sql`insert into slack_sends (workspace_id, idempotency_key, channel_id, status, message_ts, attempted_at,
        lease_until, sent_at)
      select ${teamId}, 'old.post.' || i, 'C0OLD', 'sent', '1.1',
        ${now}::timestamptz - interval '200 days' - (i % 1000) * interval '1 minute', ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) i`.execute(db);
  }
  await sql`vacuum analyze processed_events`.execute(db);
  await sql`vacuum analyze slack_sends`.execute(db);
}
