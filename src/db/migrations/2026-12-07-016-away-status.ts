import type { Kysely } from 'kysely';

// Frozen once landed. Each person's Slack status as the directory last saw it (text, emoji, and when Slack clears
// it: null when it never does), so every feature can leave out people who are away. The workspace's own list of the
// words and emoji that mean "away" lives apart; no row means the documented default list.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('status_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status_emoji', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status_expiration', 'timestamptz')
    .execute();
  await db.schema
    .createTable('away_markers')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('markers', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('away_markers').ifExists().execute();
  await db.schema
    .alterTable('members')
    .dropColumn('status_text')
    .dropColumn('status_emoji')
    .dropColumn('status_expiration')
    .execute();
}
