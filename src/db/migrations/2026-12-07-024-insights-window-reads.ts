import { type Kysely, sql } from 'kysely';

// Frozen once landed. What the insights' window update reads on every run. When a "met" answer is changed to another,
// a group may stop counting as met and take a tie out of the 12-month windows, which the update only extends: the
// change is stamped so the update finds it in one index read and falls back to the full recomputation. Recognition
// (the last 90 days) is recomputed whole on every update: its kudos are read from an index that holds every column
// it needs, instead of a quarter of the ledger's pages.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('round_checkins').addColumn('unmet_at', 'timestamptz').execute();
  await sql`create index round_checkins_unmet on round_checkins (workspace_id, unmet_at) where unmet_at is not null`.execute(
    db,
  );
  await sql`create index kudos_received_window on kudos (workspace_id, given_at) include (recipient_id, giver_id, gift_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists kudos_received_window`.execute(db);
  await sql`drop index if exists round_checkins_unmet`.execute(db);
  await db.schema.alterTable('round_checkins').dropColumn('unmet_at').execute();
}
