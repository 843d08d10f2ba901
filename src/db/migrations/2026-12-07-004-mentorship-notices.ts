import type { Kysely } from 'kysely';

// Frozen once landed. Marks set after a pair's notices reached Slack, so the mentorship sweep can tell a step whose
// message was lost (a Redis flush, a crash between the change and the post) from one that is done, and send it again
// under the same idempotency key.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mentorship_pairs')
    // Both people were asked "is this a good fit?" after their first meeting.
    .addColumn('fit_checked_at', 'timestamptz')
    // Both people were told the pair ended (and why, in kind words).
    .addColumn('end_notified_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('mentorship_rematch_requests')
    // The freed people were re-matched, or told truthfully that nobody fits now.
    .addColumn('notified_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mentorship_rematch_requests').dropColumn('notified_at').execute();
  await db.schema.alterTable('mentorship_pairs').dropColumn('fit_checked_at').dropColumn('end_notified_at').execute();
}
