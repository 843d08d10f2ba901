import { type Kysely, sql } from 'kysely';

// Frozen once landed. Who changed what, as admins: one row per admin action, written in the same transaction as the
// change it records. `changes` holds the before and after of the changed fields only (never tokens, secrets or
// anyone's confidential answers). Read newest first per workspace, and pruned by age, hence the index.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_audit_log')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('admin_audit_log_workspace_at')
    .on('admin_audit_log')
    .columns(['workspace_id', 'at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_audit_log').ifExists().execute();
}
