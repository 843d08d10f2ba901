import type { Kysely } from 'kysely';

// Frozen once landed. The file an upload under a send key was given, recorded before it is shared: a retry after
// an answer that was lost looks for that file in the conversation instead of uploading it again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('slack_sends').addColumn('file_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('slack_sends').dropColumn('file_id').execute();
}
