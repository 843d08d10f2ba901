import { type Kysely, sql } from 'kysely';

// Frozen once landed. The insights read which delivered groups someone said they met in: every "met" answer of the
// months computed, a year's in a full recomputation. This index holds just those answers with their group, so they
// are read from it alone instead of from every check-in's row; check-ins are written one answer at a time.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index round_checkins_met on round_checkins (workspace_id, answered_at) include (group_id)
    where answer = 'met'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists round_checkins_met`.execute(db);
}
