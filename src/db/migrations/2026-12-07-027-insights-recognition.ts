import type { Kysely } from 'kysely';

// Frozen once landed. What recognition (kudos received over the last 90 days) keeps so that an update reads only the
// kudos that left the 90 days and the days it re-reads, instead of every kudos of the 90 days: per recipient the
// kudos received from `window_from` to `boundary` (person ids: derived state, rebuilt whole by the full computation).

export async function up(db: Kysely<any>): Promise<void> {
  const workspace = (c: any) => c.notNull().references('workspaces.id').onDelete('cascade');

  await db.schema
    .createTable('insights_recognition_state')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    // The kudos kept per recipient were given in [window_from, boundary); an update counts those since `boundary`.
    .addColumn('window_from', 'timestamptz', (c) => c.notNull())
    .addColumn('boundary', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('insights_recognition_received')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('kudos', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_recognition_received_pk', ['workspace_id', 'recipient_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insights_recognition_received').ifExists().execute();
  await db.schema.dropTable('insights_recognition_state').ifExists().execute();
}
