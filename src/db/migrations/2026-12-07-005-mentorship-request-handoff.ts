import { type Kysely, sql } from 'kysely';

// Frozen once landed. When a mentee whose request closed unanswered or declined was offered their next suggestion:
// until then the hourly requests job keeps re-driving the hand-off, so a lost job still reaches the mentee, once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mentorship_requests').addColumn('handed_off_at', 'timestamptz').execute();
  await sql`create index mentorship_requests_awaiting_handoff on mentorship_requests (workspace_id, answered_at)
    where handed_off_at is null and status in ('declined', 'expired')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists mentorship_requests_awaiting_handoff`.execute(db);
  await db.schema.alterTable('mentorship_requests').dropColumn('handed_off_at').execute();
}
