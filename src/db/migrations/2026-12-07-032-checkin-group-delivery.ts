import { type Kysely, sql } from 'kysely';

// Frozen once landed. An update of the insights reads the "met" answers given since it last ran and needs each one's
// group's delivery: the month the answer changes, and where to find the group. Looked up by the group's random key,
// each answer cost a read of an index page of its own. Each check-in now carries its group's delivery time (written
// with the answer, filled in here for those before), and the index of "met" answers holds it beside the group.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table round_checkins add column group_delivered_at timestamptz`.execute(db);
  await sql`update round_checkins c set group_delivered_at = g.delivered_at
    from round_groups g where g.workspace_id = c.workspace_id and g.id = c.group_id`.execute(db);
  await sql`drop index if exists round_checkins_met`.execute(db);
  await sql`create index round_checkins_met on round_checkins (workspace_id, answered_at)
    include (group_id, group_delivered_at) where answer = 'met'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists round_checkins_met`.execute(db);
  await sql`alter table round_checkins drop column if exists group_delivered_at`.execute(db);
  await sql`create index round_checkins_met on round_checkins (workspace_id, answered_at) include (group_id)
    where answer = 'met'`.execute(db);
}
