/**
 * The insights computation at scale: a 100,000-person workspace with a year of activity (2.5 M delivered groups of
 * two, 5 M kudos, mentorship pairs and learning requests), seeded with set-based SQL. Times the full recomputation,
 * the daily incremental update (a day of new events), the next day's full recomputation over the kept state, and
 * buildInsightsReport's p95; samples the peak memory of this process and of the Postgres processes serving it. Targets: full ≤ 30 s and ≤ 1.5 GB, daily update ≤ 2 s.
 * Uses BENCH_DATABASE_URL when given, otherwise starts the embedded PostgreSQL the tests use; with
 * BENCH_INSIGHTS_TEMPLATE, copies that database (seeded by seedYear at the same sizes) instead of seeding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildInsightsReport } from '../../src/domain/insights/build-insights-report.ts';
import { recomputeInsights, updateInsights } from '../../src/domain/insights/compute-insights.ts';
import { startTestPostgres } from '../../test/support/postgres-server.ts';
import { machineSummary, percentile } from '../support/machine.ts';

const people = Number(process.env.BENCH_INSIGHTS_PEOPLE ?? 100_000);
const meetings = Number(process.env.BENCH_INSIGHTS_MEETINGS ?? 2_500_000);
const kudos = Number(process.env.BENCH_INSIGHTS_KUDOS ?? 5_000_000);
const teams = Math.max(1, Math.round(people / 400));
const departments = 20;
const reportIterations = Number(process.env.BENCH_ITERATIONS ?? 100);
const ws = 'TBENCH';
const now = new Date('2027-06-15T12:00:00Z');
const day = 24 * 3600 * 1000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (kb: number) => Math.round(kb / 1024);

/** RSS in kB of a process, from /proc; 0 where it cannot be read. */
function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childrenOf(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) === parent) found.push(Number(entry));
    } catch {}
  }
  return found;
}

/**
 * Samples the peak RSS of this process and the sum over the Postgres server's processes while `work` runs. Shared
 * buffers count in every process that touched them, so the Postgres figure is an upper bound.
 */
async function measured<T>(postmaster: number | undefined, work: () => Promise<T>) {
  let peakNode = 0;
  let peakPostgres = 0;
  const sample = () => {
    peakNode = Math.max(peakNode, process.memoryUsage.rss() / 1024);
    if (postmaster)
      peakPostgres = Math.max(
        peakPostgres,
        childrenOf(postmaster).reduce((s, p) => s + rssKb(p), 0),
      );
  };
  const timer = setInterval(sample, 100);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { result, ms: performance.now() - started, nodeMb: mb(peakNode), postgresMb: mb(peakPostgres) };
  } finally {
    clearInterval(timer);
  }
}

async function seed(db: Db, at: Date, span: { days: number; meetings: number; kudos: number; first: number }) {
  const from = new Date(at.getTime() - span.days * day);
  // Programme rounds to hang groups on: three weekly programmes.
  await sql`
    insert into rounds (workspace_id, programme_id, round_date, number, status, seed, checkin_at, close_at, created_at)
    select ${ws}, p.id, (${from}::timestamptz + (w || ' weeks')::interval)::date, ${span.first} + w, 'delivered', 's',
      ${from}::timestamptz, ${from}::timestamptz, ${from}::timestamptz
    from programmes p, generate_series(0, greatest(0, ${span.days} / 7)) w where p.workspace_id = ${ws}`.execute(db);
  await sql`
    with r as (
      select id, row_number() over (order by number, programme_id) - 1 as k
      from rounds where workspace_id = ${ws} and number >= ${span.first}
    )
    insert into round_groups (workspace_id, round_id, members, why, deliver_at, status, delivered_at)
    select ${ws}, r.id,
      array['U' || lpad((1 + (i::bigint * 7919) % ${people})::text, 6, '0'), 'U' || lpad((1 + (i::bigint * 104729 + 13) % ${people})::text, 6, '0')],
      'bench', t, 'delivered', t
    from generate_series(1, ${span.meetings}) i
    join r on r.k = i % (select count(*) from r)
    -- Naming i makes the subquery run per row; uncorrelated, it would run once and date every group alike.
    cross join lateral (
      select ${from}::timestamptz + random() * (${at}::timestamptz - ${from}::timestamptz) as t where i is not null
    ) tt
    -- In the order they happen, as a live table is appended: an update reads recent rows from neighbouring pages.
    order by t`.execute(db);
  await sql`
    insert into round_checkins (workspace_id, group_id, user_id, answer, answered_at, group_delivered_at)
    select workspace_id, id, members[1], case when random() < 0.6 then 'met' else 'not_this_time' end,
      delivered_at + interval '3 days', delivered_at
    from round_groups where workspace_id = ${ws} and delivered_at >= ${from} and random() < 0.8
    order by delivered_at
    on conflict do nothing`.execute(db);
  await sql`
    insert into kudos_gifts (id, workspace_id, giver_id, request_key, source, reason, given_at)
    select gen_random_uuid(), ${ws}, 'U' || lpad((1 + floor(${people} * power(random(), 2)))::int::text, 6, '0'),
      'bench-' || ${span.first} || '-' || i, 'command', 'for the benchmark', t
    from generate_series(1, ${span.kudos}) i
    cross join lateral (
      select ${from}::timestamptz + random() * (${at}::timestamptz - ${from}::timestamptz) as t where i is not null
    ) tt
    order by t`.execute(db);
  await sql`
    insert into kudos (workspace_id, gift_id, giver_id, recipient_id, given_at)
    select workspace_id, id, giver_id, 'U' || lpad((1 + floor(${people} * power(random(), 1.5)))::int::text, 6, '0'), given_at
    from kudos_gifts where workspace_id = ${ws} and request_key like ${`bench-${span.first}-%`}
    order by given_at`.execute(db);
}

/** A year of activity in the TBENCH workspace (sizes from the BENCH_INSIGHTS_* variables); the page benchmark reuses it. */
export async function seedYear(db: Db) {
  await sql`insert into workspaces (id, team_id, name, status, time_zone, installed_at)
    values (${ws}, ${ws}, ${ws}, 'active', 'Europe/Berlin', now())`.execute(db);
  await sql`
    insert into members (workspace_id, user_id, name, team, department, synced_at)
    select ${ws}, 'U' || lpad(i::text, 6, '0'), 'person' || i, 'team-' || (i % ${teams}),
      'dept-' || ((i % ${teams}) % ${departments}), now()
    from generate_series(1, ${people}) i`.execute(db);
  await sql`
    insert into programmes (workspace_id, channel_id, kind, frequency, weekday, send_hour, group_size, cooldown_weeks,
      approval_required, team_source, status, created_by, created_at)
    select ${ws}, 'C' || k, k, 'weekly', 1, 9, 2, 4, false, 'directory', 'active', 'U000001', now()
    from unnest(array['coffee', 'cross-team', 'exec-lottery']) k`.execute(db);
  await seed(db, now, { days: 365, meetings, kudos, first: 1 });
  await sql`
    insert into mentorship_programmes (workspace_id, channel_id, cycle_months, matching_mode, default_capacity,
      max_capacity, min_seniority_gap, allow_same_team, created_by, created_at, updated_at)
    values (${ws}, 'C0MENTOR', 3, 'admin', 1, 2, 0, true, 'U000001', now(), now())`.execute(db);
  await sql`
    insert into mentorship_pairs (workspace_id, programme_id, mentor_id, mentee_id, why, status, started_at, first_met_at, ended_at, end_reason)
    select ${ws}, p.id, 'U' || lpad((2 * i)::text, 6, '0'), 'U' || lpad((2 * i + 1)::text, 6, '0'), 'bench', 'ended', t,
      case when random() < 0.7 then t + interval '5 days' end, t + interval '90 days', 'cycle_end'
    from mentorship_programmes p, generate_series(1, 5000) i
    cross join lateral (select ${now}::timestamptz - random() * interval '360 days' as t where i is not null) tt
    where p.workspace_id = ${ws}`.execute(db);
  await sql`
    insert into learning_requests (workspace_id, asker_id, expert_id, skill, skill_key, kind, status, requested_at, answered_at)
    select ${ws}, 'U' || lpad((1 + (i * 31) % ${people})::text, 6, '0'), 'U' || lpad((1 + (i * 97 + 5) % ${people})::text, 6, '0'),
      'Rust', 'rust', 'learn', (array['accepted', 'accepted', 'expired', 'declined'])[1 + i % 4], t, t + interval '1 day'
    from generate_series(1, 20000) i
    cross join lateral (select ${now}::timestamptz - random() * interval '360 days' as t where i is not null) tt`.execute(
    db,
  );
}

export async function runComputeBench(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? undefined : await startTestPostgres();
  const serverUrl = given ?? (server as { url: string }).url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `nudge_bench_insights_${Date.now()}`;
  // Seeding the full size takes many minutes: a database already seeded by seedYear at the same sizes can be copied.
  const template = process.env.BENCH_INSIGHTS_TEMPLATE;
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const postmaster = Number((await admin.query('select pg_backend_pid() as pid')).rows[0]?.pid);
  const postmasterPid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${postmaster}/status`, 'utf8'))?.[1]);
  // Closed while measuring: its backend would count in the Postgres processes' memory.
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  try {
    await migrateToLatest(db);
    log(`machine: ${machineSummary()}`);
    log(
      `${template ? `copied from ${template}:` : 'seeding'} ${people.toLocaleString('en')} people, ${meetings.toLocaleString('en')} delivered groups and ${kudos.toLocaleString('en')} kudos over a year…`,
    );
    let started = performance.now();
    if (!template) await seedYear(db);
    await sql`vacuum analyze`.execute(db);
    log(`seeded in ${seconds(performance.now() - started)} s`);

    const full = await measured(postmasterPid, () => recomputeInsights(db, { workspaceId: ws, now }));
    // A day of new events after the full run: 1/365 of the year's meetings and kudos.
    const tomorrow = new Date(now.getTime() + day);
    started = performance.now();
    await seed(db, tomorrow, {
      days: 1,
      meetings: Math.round(meetings / 365),
      kudos: Math.round(kudos / 365),
      first: 1000,
    });
    await sql`analyze`.execute(db);
    log(`a day of events seeded in ${seconds(performance.now() - started)} s`);
    const daily = await measured(postmasterPid, () => updateInsights(db, { workspaceId: ws, now: tomorrow }));
    // The daily job as it runs every day after the first: over the figures and kept sets of the day before.
    const nextFull = await measured(postmasterPid, () => recomputeInsights(db, { workspaceId: ws, now: tomorrow }));

    const samples: number[] = [];
    let cells = 0;
    for (let i = 0; i < reportIterations + 10; i += 1) {
      const t0 = performance.now();
      const report = await buildInsightsReport(db, ws, tomorrow);
      if (i >= 10) samples.push(performance.now() - t0);
      cells = report.sections.flatMap((s) => s.charts).reduce((sum, c) => sum + c.table.rows.length, 0);
    }
    samples.sort((a, b) => a - b);

    log('');
    log('| step | time | peak RSS Node | peak RSS Postgres (sum of its processes) | target |');
    log('| --- | --- | --- | --- | --- |');
    log(
      `| full recomputation | ${seconds(full.ms)} s | ${full.nodeMb} MB | ${full.postgresMb} MB | ≤ 30 s, ≤ 1.5 GB |`,
    );
    log(
      `| daily incremental update (${daily.result.mode}: ${daily.result.months.length} month(s) rebuilt, windows extended) | ${seconds(daily.ms)} s | ${daily.nodeMb} MB | ${daily.postgresMb} MB | ≤ 2 s |`,
    );
    log(
      `| full recomputation the next day, over the figures and kept sets of the first | ${seconds(nextFull.ms)} s | ${nextFull.nodeMb} MB | ${nextFull.postgresMb} MB | ≤ 30 s, ≤ 1.5 GB |`,
    );
    log(
      `| buildInsightsReport (${cells.toLocaleString('en')} table rows) | p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms | | | |`,
    );
  } finally {
    await db.destroy();
    // A copy of the full-size seed is gigabytes: on a server of one's own it would stay behind after every run.
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name}`);
    await dropper.end();
    await server?.stop();
  }
}
