import { type Kysely, sql } from 'kysely';

// Frozen once landed. The state the insights' 12-month windows keep so that an update adds only the day's new
// events: within a calendar month the window only grows, so the distinct sets its figures count (tie pairs, the
// people with a tie, the departments each giver reached and each recipient heard from) are extended with
// `on conflict do nothing`, and only what a new member of a set changes is recounted. The sets hold person ids and
// are derived, rebuilt whole by the full recomputation.

export async function up(db: Kysely<any>): Promise<void> {
  const workspace = (c: any) => c.notNull().references('workspaces.id').onDelete('cascade');

  await db.schema
    .createTable('insights_window_state')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    // The first moment of the window the sets cover: the first day of the oldest of the 12 months shown.
    .addColumn('window_from', 'timestamptz', (c) => c.notNull())
    // Fingerprints of what the sets assume stays put: the people counted with their teams and departments, and
    // the kudos revoked. Any difference sends the update back to the full recomputation.
    .addColumn('directory', 'text', (c) => c.notNull())
    .addColumn('revocations', 'text', (c) => c.notNull())
    .execute();

  // A tie of the window: `person_a` is in `team_a`, `team_a <= team_b`, and inside one team `person_a < person_b`.
  await db.schema
    .createTable('insights_window_ties')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('person_a', 'text', (c) => c.notNull())
    .addColumn('person_b', 'text', (c) => c.notNull())
    .addColumn('team_a', 'text', (c) => c.notNull())
    .addColumn('team_b', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_window_ties_pk', ['workspace_id', 'person_a', 'person_b'])
    .execute();
  await db.schema
    .createIndex('insights_window_ties_cell')
    .on('insights_window_ties')
    .columns(['workspace_id', 'team_a', 'team_b'])
    .execute();

  await db.schema
    .createTable('insights_window_tie_people')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_window_tie_people_pk', ['workspace_id', 'user_id'])
    .execute();

  // Per giver, the departments their kudos reached; per recipient, the departments theirs came from. One row a
  // person: a new department is appended by the update, which counts it once for the pair of departments.
  await db.schema
    .createTable('insights_window_givers')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('giver_id', 'text', (c) => c.notNull())
    .addColumn('from_department', 'text', (c) => c.notNull())
    .addColumn('to_departments', sql`text[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_window_givers_pk', ['workspace_id', 'giver_id'])
    .execute();
  await db.schema
    .createTable('insights_window_recipients')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('to_department', 'text', (c) => c.notNull())
    .addColumn('from_departments', sql`text[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_window_recipients_pk', ['workspace_id', 'recipient_id'])
    .execute();

  // Counts only: kudos between two departments per period, each day of the current month and the one before on its
  // own (an update counts its days again), the window's earlier months as one period dated by its first day.
  await db.schema
    .createTable('insights_window_kudos')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('period', 'date', (c) => c.notNull())
    .addColumn('from_department', 'text', (c) => c.notNull())
    .addColumn('to_department', 'text', (c) => c.notNull())
    .addColumn('kudos', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_window_kudos_pk', ['workspace_id', 'period', 'from_department', 'to_department'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'insights_window_kudos',
    'insights_window_recipients',
    'insights_window_givers',
    'insights_window_tie_people',
    'insights_window_ties',
    'insights_window_state',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
