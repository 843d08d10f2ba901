import { type Kysely, sql } from 'kysely';

// Frozen once landed. Each person's seniority level (1–10) and manager (a Slack user id), from two sources kept
// apart: what their Slack profile fields say (refreshed by user_change) and what an admin's CSV import said. The
// columns every feature reads, `seniority` and `manager_id`, are computed by Postgres with the admin's word first, so
// no writer can get the order wrong and a profile refresh never undoes an admin's import. The workspace's profile
// field definitions (labels and types, from team.profile.get) say which field holds a level or a manager.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('profile_seniority', 'smallint', (c) => c.check(sql`profile_seniority between 1 and 10`))
    .addColumn('profile_manager_id', 'text')
    .addColumn('admin_seniority', 'smallint', (c) => c.check(sql`admin_seniority between 1 and 10`))
    .addColumn('admin_manager_id', 'text')
    .execute();
  await db.schema
    .alterTable('members')
    .addColumn('seniority', 'smallint', (c) =>
      c.generatedAlwaysAs(sql`coalesce(admin_seniority, profile_seniority)`).stored(),
    )
    .addColumn('manager_id', 'text', (c) =>
      c.generatedAlwaysAs(sql`coalesce(admin_manager_id, profile_manager_id)`).stored(),
    )
    .execute();

  await db.schema
    .createTable('profile_field_definitions')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('profile_field_definitions').ifExists().execute();
  await db.schema.alterTable('members').dropColumn('seniority').dropColumn('manager_id').execute();
  await db.schema
    .alterTable('members')
    .dropColumn('profile_seniority')
    .dropColumn('profile_manager_id')
    .dropColumn('admin_seniority')
    .dropColumn('admin_manager_id')
    .execute();
}
