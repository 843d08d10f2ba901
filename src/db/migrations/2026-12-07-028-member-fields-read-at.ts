import { type Kysely, sql } from 'kysely';

// Frozen once landed. When the directory last learnt a person's custom profile fields (a user_change carries them,
// users.list does not). `synced_at` moves with every directory sync, so it cannot say how fresh the fields are.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('profile_fields_at', 'timestamptz').execute();
  await sql`update members set profile_fields_at = synced_at where profile_fields <> '{}'::jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('profile_fields_at').execute();
}
