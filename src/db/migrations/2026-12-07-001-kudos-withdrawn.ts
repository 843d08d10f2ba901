import { type Kysely, sql } from 'kysely';

// Frozen once landed. When the messages announcing an undone kudos were deleted: until then the kudos sweep keeps
// re-driving the retraction, so an undo whose job was lost (Redis away) still leaves no trace.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kudos_revocations').addColumn('withdrawn_at', 'timestamptz').execute();
  await sql`create index kudos_revocations_not_withdrawn on kudos_revocations (revoked_at) where withdrawn_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists kudos_revocations_not_withdrawn`.execute(db);
  await db.schema.alterTable('kudos_revocations').dropColumn('withdrawn_at').execute();
}
