import { type Kysely, sql } from 'kysely';

// Frozen once landed. "Who can teach me X": an asker's request to someone who lists X under *ask me about*, to learn
// from them or shadow them. The expert's weekly cap counts requests by (workspace, expert, requested_at); the hourly
// job reads open requests to expire and closed ones whose asker is still owed their next suggestion. The cap is a
// workspace setting beside the skill list.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('asker_id', 'text', (c) => c.notNull())
    .addColumn('expert_id', 'text', (c) => c.notNull())
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('skill_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('learn', 'shadow_hour', 'shadow_half_day')`))
    .addColumn('proposed_date', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'accepted', 'declined', 'expired', 'withdrawn')`),
    )
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('handed_off_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('learning_requests_by_expert')
    .on('learning_requests')
    .columns(['workspace_id', 'expert_id', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('learning_requests_by_asker')
    .on('learning_requests')
    .columns(['workspace_id', 'asker_id', 'skill_key'])
    .execute();
  await sql`create unique index learning_requests_one_open on learning_requests (workspace_id, asker_id, expert_id)
    where status = 'open'`.execute(db);
  await sql`create index learning_requests_open on learning_requests (workspace_id, requested_at)
    where status = 'open'`.execute(db);
  await db.schema
    .createTable('learning_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('weekly_request_cap', 'integer', (c) => c.notNull().check(sql`weekly_request_cap between 1 and 20`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_settings').ifExists().execute();
  await db.schema.dropTable('learning_requests').ifExists().execute();
}
