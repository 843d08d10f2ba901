import { type Kysely, sql } from 'kysely';

// Frozen once landed. When a "met" answer is changed to another, a group may stop counting as met and take a tie out
// of the insights' 12-month windows, which their update only extends: the change is stamped so the update finds it
// in one index read and falls back to the full recomputation.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('round_checkins').addColumn('unmet_at', 'timestamptz').execute();
  await sql`create index round_checkins_unmet on round_checkins (workspace_id, unmet_at) where unmet_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists round_checkins_unmet`.execute(db);
  await db.schema.alterTable('round_checkins').dropColumn('unmet_at').execute();
}
