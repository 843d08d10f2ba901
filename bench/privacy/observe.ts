import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/**
 * What the database is doing while live requests run beside the retention purge: wait events of this database's
 * backends sampled every `everyMs`, the server's WAL and checkpoint counters per phase, and the purge's own
 * statements (start, end), so the slow requests can be lined up with them.
 */

export interface WaitSample {
  at: number;
  /** `who: wait` for each active backend of this database, plus the checkpointer when it is writing. */
  waits: string[];
}

export interface PurgeStatement {
  start: number;
  end: number;
}

/** Who a backend is, from what it runs: the purge's deletes, autovacuum, or Nudge's live work. */
function whoIs(row: { backend_type: string; query: string }): string {
  if (row.backend_type === 'autovacuum worker') return 'autovacuum';
  if (row.backend_type !== 'client backend') return row.backend_type;
  return /\bdelete from\b/i.test(row.query) &&
    /processed_events|slack_sends|round_checkins|mentorship|kudos_gifts/.test(row.query)
    ? 'purge'
    : 'live';
}

export function sampleWaits(db: Db, everyMs: number): { stop(): Promise<WaitSample[]> } {
  const samples: WaitSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      const rows = await sql<{ backend_type: string; query: string; wait: string | null }>`
        select backend_type, left(query, 200) as query,
          coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait
        from pg_stat_activity
        where pid <> pg_backend_pid()
          and ((datname = current_database() and state = 'active')
            or (backend_type = 'checkpointer' and wait_event is distinct from 'CheckpointerMain')
            or (backend_type = 'walwriter' and wait_event is distinct from 'WalWriterMain'))`
        .execute(db)
        .catch(() => ({ rows: [] }));
      samples.push({ at, waits: rows.rows.map((r) => `${whoIs(r)}: ${r.wait}`) });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The server's cumulative WAL and checkpoint counters (whichever of the views this PostgreSQL version has). */
export async function serverCounters(db: Db): Promise<Record<string, number>> {
  const counters: Record<string, number> = {};
  for (const view of ['pg_stat_wal', 'pg_stat_bgwriter', 'pg_stat_checkpointer']) {
    const row = await sql<{ v: Record<string, unknown> }>`select to_jsonb(s) as v from ${sql.table(view)} s`
      .execute(db)
      .catch(() => undefined);
    for (const [key, value] of Object.entries(row?.rows[0]?.v ?? {}))
      if (typeof value === 'number') counters[`${view.replace('pg_stat_', '')}.${key}`] = value;
  }
  const av = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where backend_type = 'autovacuum worker' and datname = current_database()`.execute(db);
  counters['autovacuum workers now'] = av.rows[0]?.n ?? 0;
  return counters;
}

export function counterDeltas(before: Record<string, number>, after: Record<string, number>): string {
  return Object.entries(after)
    .filter(([key]) => !key.endsWith('now'))
    .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
    .filter(([, delta]) => delta !== 0)
    .map(([key, delta]) => `${key} +${Number.isInteger(delta) ? delta : delta.toFixed(1)}`)
    .concat(`autovacuum workers at the end ${after['autovacuum workers now'] ?? 0}`)
    .join(', ');
}

/** Counts of each `who: wait` over the samples, most frequent first. */
export function waitHistogram(samples: WaitSample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) for (const w of s.waits) counts.set(w, (counts.get(w) ?? 0) + 1);
  return (
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([w, n]) => `${w} ×${n}`)
      .join('; ') || 'nothing active'
  );
}

/**
 * Lines the slow requests up with the purge: the share of them that started while a purge statement was running,
 * against the share of the time one was running (if the purge were irrelevant, the two would be about equal), and
 * what the database was waiting on during them.
 */
export function correlate(
  slow: Array<{ at: number; ms: number }>,
  statements: PurgeStatement[],
  samples: WaitSample[],
  window: { start: number; end: number },
): string {
  const inWindow = statements.filter((s) => s.end > window.start && s.start < window.end);
  const took = inWindow.map((s) => s.end - s.start).sort((a, b) => a - b);
  const statementsSummary = took.length
    ? `${took.length} purge statements, median ${took[Math.floor(took.length / 2)]?.toFixed(0)} ms, slowest ${took.at(-1)?.toFixed(0)} ms`
    : 'no purge statement';
  if (slow.length === 0) return `${statementsSummary}; no request over 50 ms`;
  const running = inWindow.reduce(
    (n, s) => n + Math.max(0, Math.min(s.end, window.end) - Math.max(s.start, window.start)),
    0,
  );
  const duty = running / (window.end - window.start);
  const during = slow.filter((r) => inWindow.some((s) => s.start <= r.at && s.end > r.at)).length;
  const around = samples.filter((s) => slow.some((r) => s.at >= r.at - 100 && s.at <= r.at + r.ms));
  return `${statementsSummary}, running ${(duty * 100).toFixed(0)}% of the time; ${slow.length} requests over 50 ms, ${during} (${((during / slow.length) * 100).toFixed(0)}%) of them started while one ran; database during them: ${waitHistogram(around)}`;
}
