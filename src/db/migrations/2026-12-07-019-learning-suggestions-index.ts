import { type Kysely, sql } from 'kysely';

// Frozen once landed. "Who can teach me X" reads the people who list a skill under *ask me about* in user id order,
// a page at a time, and stops once it has three; with the user id in the index (and the skill's spelling beside
// it), a skill listed by tens of thousands costs a few index rows instead of all of them.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists skill_profile_entries_by_skill_and_user
    on skill_profile_entries (workspace_id, list, skill_key, user_id) include (skill)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists skill_profile_entries_by_skill_and_user`.execute(db);
}
