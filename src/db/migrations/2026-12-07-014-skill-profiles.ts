import { type Kysely, sql } from 'kysely';

// Frozen once landed. A person's skills profile: one row per (person, list, skill), with the folded key the matching
// reads ("JS" and "JavaScript" are one key), so a list holds a skill once. The (workspace, list, key) index serves
// "who can help with X", which reads only the public list. The workspace's skill list is what the profile and
// mentorship sign-up menus offer, curated by admins.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('skill_profile_entries')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) =>
      c.notNull().check(sql`list in ('ask_me_about', 'can_mentor', 'want_to_learn', 'want_to_improve')`),
    )
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('skill_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_profile_entries_pkey', ['workspace_id', 'user_id', 'list', 'skill_key'])
    .execute();
  await db.schema
    .createIndex('skill_profile_entries_by_skill')
    .on('skill_profile_entries')
    .columns(['workspace_id', 'list', 'skill_key'])
    .execute();
  await db.schema
    .createTable('workspace_skills')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('skill_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_skills_pkey', ['workspace_id', 'skill_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workspace_skills').ifExists().execute();
  await db.schema.dropTable('skill_profile_entries').ifExists().execute();
}
