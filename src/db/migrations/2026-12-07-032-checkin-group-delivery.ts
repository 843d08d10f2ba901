import { type Kysely, sql } from 'kysely';

// Frozen once landed. An update of the insights reads the "met" answers given since it last ran and needs each one's
// group's delivery: the month the answer changes, and where to find the group. Looked up by the group's random key,
// each answer cost a read of an index page of its own. Each check-in now carries its group's delivery time, written
// with the answer. Nullable and not filled in for the answers before it: an update reads only the answers given since
// its watermark, and one written before (or by the release before, during a rolling upgrade) looks its group up.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table round_checkins add column group_delivered_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table round_checkins drop column if exists group_delivered_at`.execute(db);
}
