import { type Kysely, sql } from 'kysely';

// Frozen once landed. How long each kind of data is kept, per workspace (no row: the documented defaults), and when
// a person left Slack, so the retention sweep can purge what was theirs once the grace period is over. A null
// `kudos_history_days` keeps kudos for good.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('processed_events_days', 'integer', (c) => c.notNull())
    .addColumn('send_ledger_days', 'integer', (c) => c.notNull())
    .addColumn('checkin_answers_days', 'integer', (c) => c.notNull())
    .addColumn('feedback_days', 'integer', (c) => c.notNull())
    .addColumn('kudos_history_days', 'integer')
    .addColumn('audit_log_days', 'integer', (c) => c.notNull())
    .addColumn('departed_grace_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('members').addColumn('departed_at', 'timestamptz').execute();
  await db.schema.alterTable('members').addColumn('personal_data_purged_at', 'timestamptz').execute();
  // Whoever left in the past counts from now: the grace period starts when this version first sees them.
  await sql`update members set departed_at = now() where is_deleted`.execute(db);
  await db.schema
    .createIndex('members_departed')
    .on('members')
    .columns(['workspace_id', 'departed_at'])
    .where(sql.ref('personal_data_purged_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('slack_sends_attempted')
    .on('slack_sends')
    .columns(['workspace_id', 'attempted_at'])
    .execute();
  await db.schema
    .createIndex('processed_events_received')
    .on('processed_events')
    .columns(['workspace_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('processed_events_received').ifExists().execute();
  await db.schema.dropIndex('slack_sends_attempted').ifExists().execute();
  await db.schema.dropIndex('members_departed').ifExists().execute();
  await db.schema.alterTable('members').dropColumn('personal_data_purged_at').dropColumn('departed_at').execute();
  await db.schema.dropTable('retention_settings').ifExists().execute();
}
