import { type Kysely, sql } from 'kysely';

// Frozen once landed. The index of "met" answers with their group's delivery time beside the group, so that an
// update of the insights reads the months and groups of the answers given since from the index alone. It replaces
// the index of "met" answers with their group only. Built before the old one is dropped: while it builds, check-ins
// are read as before and written once it is done; on a large install, build it beforehand (docs/operations.md).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index round_checkins_met_delivery on round_checkins (workspace_id, answered_at)
    include (group_id, group_delivered_at) where answer = 'met'`.execute(db);
  await sql`drop index if exists round_checkins_met`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists round_checkins_met on round_checkins (workspace_id, answered_at)
    include (group_id) where answer = 'met'`.execute(db);
  await sql`drop index if exists round_checkins_met_delivery`.execute(db);
}
