import { type Kysely, sql } from 'kysely';

// Frozen once landed. A person's own insights: who turned the quarterly recap DM off (one row while it is off), which
// quarter's recap each person has had (or was found to have nothing to recap), so a recap goes out once per person
// per quarter whatever the retries, and the picture their Home tab shows, reused while its figures are unchanged.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insights_recap_optouts')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('opted_out_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_recap_optouts_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('insights_recaps')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull().check(sql`quarter ~ '^[0-9]{4}-Q[1-4]$'`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('sent', 'nothing')`))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_recaps_pk', ['workspace_id', 'user_id', 'quarter'])
    .execute();
  await db.schema
    .createTable('insights_pictures')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('figures_hash', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_pictures_pk', ['workspace_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insights_pictures').ifExists().execute();
  await db.schema.dropTable('insights_recaps').ifExists().execute();
  await db.schema.dropTable('insights_recap_optouts').ifExists().execute();
}
