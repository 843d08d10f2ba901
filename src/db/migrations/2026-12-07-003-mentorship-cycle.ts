import { type Kysely, sql } from 'kysely';

// Frozen once landed. What a mentorship pair lives through after it starts: its intro, meetings (from the private
// check-ins), the idle nudge and end warning, a confidential request for another match, and the cycle-end feedback.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mentorship_pairs')
    // When the pair's cycle ends: started_at plus the programme's cycle length, fixed when the pair starts.
    .addColumn('ends_at', 'timestamptz')
    .addColumn('intro_sent_at', 'timestamptz')
    .addColumn('first_met_at', 'timestamptz')
    .addColumn('last_met_at', 'timestamptz')
    .addColumn('idle_nudged_at', 'timestamptz')
    .addColumn('end_warned_at', 'timestamptz')
    .addColumn('end_reason', 'text', (c) =>
      c.check(sql`end_reason in ('cycle_end', 'idle', 'rematch', 'left', 'programme_stopped')`),
    )
    .execute();
  await db.schema
    .createIndex('mentorship_pairs_ends_at')
    .on('mentorship_pairs')
    .columns(['workspace_id', 'status', 'ends_at'])
    .execute();

  // One row per person per two-week check-in; the answers are private to that person (admins see only totals
  // over at least 5 people).
  await db.schema
    .createTable('mentorship_checkins')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('pair_id', 'uuid', (c) => c.notNull().references('mentorship_pairs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    // 1 for the check-in two weeks after the start, 2 at four weeks, …
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('met', 'boolean')
    .addColumn('usefulness', 'integer', (c) => c.check(sql`usefulness between 1 and 5`))
    .addPrimaryKeyConstraint('mentorship_checkins_pkey', ['workspace_id', 'pair_id', 'user_id', 'number'])
    .execute();

  // Either person may ask, confidentially, for a different match; the other person is told only that the pair
  // ends and a new match is on its way. One request ends the pair, so one row per pair.
  await db.schema
    .createTable('mentorship_rematch_requests')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('pair_id', 'uuid', (c) => c.notNull().references('mentorship_pairs.id').onDelete('cascade'))
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rematched_at', 'timestamptz')
    .addPrimaryKeyConstraint('mentorship_rematch_requests_pkey', ['workspace_id', 'pair_id'])
    .execute();

  // Cycle-end feedback, private to the person who gave it; continue_next is "another cycle together?" (both must
  // say yes).
  await db.schema
    .createTable('mentorship_feedback')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('pair_id', 'uuid', (c) => c.notNull().references('mentorship_pairs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('comment', 'text', (c) => c.check(sql`char_length(comment) <= 1000`))
    .addColumn('continue_next', 'boolean')
    .addPrimaryKeyConstraint('mentorship_feedback_pkey', ['workspace_id', 'pair_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mentorship_feedback').ifExists().execute();
  await db.schema.dropTable('mentorship_rematch_requests').ifExists().execute();
  await db.schema.dropTable('mentorship_checkins').ifExists().execute();
  await db.schema.dropIndex('mentorship_pairs_ends_at').ifExists().execute();
  await db.schema
    .alterTable('mentorship_pairs')
    .dropColumn('ends_at')
    .dropColumn('intro_sent_at')
    .dropColumn('first_met_at')
    .dropColumn('last_met_at')
    .dropColumn('idle_nudged_at')
    .dropColumn('end_warned_at')
    .dropColumn('end_reason')
    .execute();
}
