import type { Kysely } from 'kysely';

// Frozen once landed. People who asked Nudge to forget them, per workspace. The Slack user id is kept only as a
// SHA-256 digest (of the workspace key and the user id): enough for the directory sync to recognise them and never
// store them again, without keeping who they were. `tombstone_id` is the random `UERASED…` id their anonymised
// rows (kudos they gave, pairs they were in) now carry.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erased_members')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_digest', 'text', (c) => c.notNull())
    .addColumn('tombstone_id', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('erased_members_pkey', ['workspace_id', 'user_digest'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erased_members').ifExists().execute();
}
