/**
 * npm run bench:learning — the suggestions behind `/nudge learn <skill>` in a 100,000-person workspace where everyone
 * lists 10 skills under *ask me about*, against a real PostgreSQL with the schema and indexes Nudge ships (its own
 * migrations). Prints p50/p95/p99/max per case and the machine and its load. Target: p95 ≤ 20 ms.
 * Uses BENCH_DATABASE_URL when given, otherwise starts the embedded PostgreSQL the tests use. BENCH_PEOPLE and
 * BENCH_ITERATIONS shrink a run for a quick check.
 */
import { loadavg } from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { expertSuggestions } from '../../src/domain/learning/expert-suggestions.ts';
import { normaliseSkill } from '../../src/matching/mentorship/skills.ts';
import { startTestPostgres } from '../../test/support/postgres-server.ts';
import { machineSummary, percentile } from '../support/machine.ts';

const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 500);
const skillsEach = 10;
const vocabulary = 1_000;
const teams = 400;
const requests = Math.round(people * 0.3);
const warmUp = 30;
const target = 'TBENCH';

const log = (line = '') => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Skill i of the vocabulary; popularity falls off steeply, so a few skills are listed by a quarter of everyone. */
const skillName = (i: number) => `Skill ${String(i).padStart(4, '0')}`;
const popularIndex = (r: number) => Math.floor(vocabulary * r * r);

async function seedWorkspace(db: Db, id: string, count: number): Promise<void> {
  await sql`insert into workspaces (id, team_id, name, status, time_zone, installed_at)
    values (${id}, ${id}, ${id}, 'active', 'Europe/Berlin', now())`.execute(db);
  // Eight time-zone hubs; 3 % of people are on holiday (a status Slack clears next week).
  await sql`
    insert into members (workspace_id, user_id, name, team, tz_offset_seconds, status_text, status_emoji,
                         status_expiration, is_deleted, synced_at)
    select ${id}, 'U' || lpad(i::text, 7, '0'), 'person' || i, 'team-' || (i % ${teams}),
           (array[-28800, -18000, 0, 3600, 19800, 28800, 32400, 36000])[1 + i % 8],
           case when i % 33 = 0 then 'On vacation' else '' end,
           case when i % 33 = 0 then ':palm_tree:' else '' end,
           case when i % 33 = 0 then now() + interval '7 days' end,
           i % 250 = 0, now()
    from generate_series(1, ${count}) i`.execute(db);
  // Ten distinct skills each, drawn from the skewed popularity: sixteen draws, the first ten distinct kept.
  await sql`
    insert into skill_profile_entries (workspace_id, user_id, list, skill, skill_key, position, updated_at)
    select ${id}, user_id, 'ask_me_about', v.skill, v.skill_key, position, now()
    from (
      select user_id, idx, row_number() over (partition by user_id order by first_draw) - 1 as position
      from (
        select 'U' || lpad(i::text, 7, '0') as user_id, floor(${vocabulary} * power(random(), 2))::int as idx,
               min(j) as first_draw
        from generate_series(1, ${count}) i cross join generate_series(1, 16) j
        group by 1, 2
      ) draws
    ) ranked
    join bench_vocabulary v on v.idx = ranked.idx
    where position < ${skillsEach}`.execute(db);
  // Three months of earlier requests, to the same skewed skills; the last week's count towards the weekly cap.
  await sql`
    insert into learning_requests (workspace_id, asker_id, expert_id, skill, skill_key, kind, status, requested_at,
                                   answered_at, handed_off_at)
    select ${id}, 'U' || lpad((1 + floor(random() * ${count}))::int::text, 7, '0'), s.user_id, s.skill, s.skill_key,
           'learn', case when r.age < interval '3 days' then 'open' else 'expired' end, now() - r.age,
           case when r.age < interval '3 days' then null else now() - r.age + interval '72 hours' end,
           case when r.age < interval '3 days' then null else now() - r.age + interval '73 hours' end
    from (
      select i, random() * interval '90 days' as age, 'U' || lpad((1 + floor(random() * ${count}))::int::text, 7, '0') as expert
      from generate_series(1, ${Math.round((requests * count) / people)}) i
    ) r
    join skill_profile_entries s
      on s.workspace_id = ${id} and s.user_id = r.expert and s.list = 'ask_me_about' and s.position = 0
    on conflict do nothing`.execute(db);
}

interface Case {
  name: string;
  skill: () => string;
}

async function listedBy(db: Db, skill: string): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from skill_profile_entries
    where workspace_id = ${target} and list = 'ask_me_about' and skill_key = ${normaliseSkill(skill)}`.execute(db);
  return row.rows[0]?.n ?? 0;
}

/** BENCH_STATEMENTS=1: what each statement behind one suggestion costs, averaged over 50 suggestions. */
async function statementTimes(url: string, skill: string): Promise<void> {
  const spent = new Map<string, { total: number; count: number }>();
  const timed = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
    log(event) {
      const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 90);
      const seen = spent.get(key) ?? { total: 0, count: 0 };
      seen.total += event.queryDurationMillis;
      seen.count += 1;
      spent.set(key, seen);
    },
  });
  for (let i = 0; i < 50; i += 1) {
    const askerId = `U${String(1 + Math.floor(Math.random() * people)).padStart(7, '0')}`;
    await expertSuggestions(timed, { workspaceId: target, askerId, skill, now: new Date() });
  }
  await timed.destroy();
  for (const [statement, { total, count }] of spent)
    log(`${(total / 50).toFixed(2)} ms per suggestion (${count} runs): ${statement}`);
}

async function main(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? undefined : await startTestPostgres();
  const serverUrl = given ?? server!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `nudge_bench_learning_${Date.now()}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  try {
    await migrateToLatest(db);
    log(`machine: ${machineSummary()}`);
    log(`load average at start: ${load()}`);
    const vocabularyRows = Array.from({ length: vocabulary }, (_, idx) => ({
      idx,
      skill: skillName(idx),
      skill_key: normaliseSkill(skillName(idx)),
    }));
    await sql`create table bench_vocabulary (idx int primary key, skill text not null, skill_key text not null)`.execute(
      db,
    );
    await sql`insert into bench_vocabulary select * from jsonb_to_recordset(${JSON.stringify(vocabularyRows)}::jsonb)
      as v(idx int, skill text, skill_key text)`.execute(db);
    log(
      `seeding ${people.toLocaleString('en')} people with ${skillsEach} skills each (and two other workspaces of ${(people / 10).toLocaleString('en')} with the same user ids)…`,
    );
    const started = performance.now();
    await seedWorkspace(db, target, people);
    await seedWorkspace(db, 'TOTHER1', people / 10);
    await seedWorkspace(db, 'TOTHER2', people / 10);
    await sql`vacuum analyze`.execute(db);
    const counts = await sql<{ entries: number; requests: number }>`select
      (select count(*)::int from skill_profile_entries where workspace_id = ${target}) as entries,
      (select count(*)::int from learning_requests where workspace_id = ${target}) as requests`.execute(db);
    log(
      `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.rows[0]?.entries.toLocaleString('en')} ask-me-about rows, ${counts.rows[0]?.requests.toLocaleString('en')} earlier requests`,
    );

    const byPopularity = await sql<{ skill: string; n: number }>`select min(skill) as skill, count(*)::int as n
      from skill_profile_entries where workspace_id = ${target} and list = 'ask_me_about'
      group by skill_key order by n desc`.execute(db);
    const ranked = byPopularity.rows;
    if (process.env.BENCH_STATEMENTS) {
      await statementTimes(url.toString(), ranked[0]!.skill);
      await statementTimes(url.toString(), 'Skil 99999');
    }
    const cases: Case[] = [
      // What askers ask for: skills as often as people list them.
      {
        name: 'mixed: a random asker, a skill drawn as people list them',
        skill: () => skillName(popularIndex(Math.random())),
      },
      { name: `the most listed skill`, skill: () => ranked[0]!.skill },
      { name: 'a median skill', skill: () => ranked[Math.floor(ranked.length / 2)]!.skill },
      { name: 'the least listed skill', skill: () => ranked.at(-1)!.skill },
      { name: 'a skill nobody lists (closest skills offered)', skill: () => 'Skil 99999' },
    ];
    log('');
    log('| case | people listing it | p50 ms | p95 ms | p99 ms | max ms | suggested |');
    log('| --- | --- | --- | --- | --- | --- | --- |');
    let worstP95 = 0;
    for (const c of cases) {
      const samples: number[] = [];
      let suggested = 0;
      const fixed = c.name.startsWith('mixed') ? undefined : c.skill();
      for (let i = 0; i < iterations + warmUp; i += 1) {
        const askerId = `U${String(1 + Math.floor(Math.random() * people)).padStart(7, '0')}`;
        const skill = fixed ?? c.skill();
        const t0 = performance.now();
        const result = await expertSuggestions(db, { workspaceId: target, askerId, skill, now: new Date() });
        const elapsed = performance.now() - t0;
        if (i >= warmUp) samples.push(elapsed);
        if (result.ok) suggested += result.suggestions.length;
      }
      samples.sort((a, b) => a - b);
      const p95 = percentile(samples, 95);
      worstP95 = Math.max(worstP95, p95);
      const listing = fixed ? String(await listedBy(db, fixed)) : `${ranked.at(-1)!.n}–${ranked[0]!.n}`;
      log(
        `| ${c.name} | ${listing} | ${percentile(samples, 50).toFixed(2)} | ${p95.toFixed(2)} | ${percentile(samples, 99).toFixed(2)} | ${samples.at(-1)!.toFixed(2)} | ${(suggested / (iterations + warmUp)).toFixed(1)} |`,
      );
    }
    log('');
    log(`worst p95: ${worstP95.toFixed(2)} ms (target ≤ 20 ms) — ${worstP95 <= 20 ? 'met' : 'NOT met'}`);
    log(`load average at end: ${load()}`);
  } finally {
    await db.destroy();
    await server?.stop();
  }
}

await main();
