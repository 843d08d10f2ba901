import type { Kysely } from 'kysely';

// Frozen once landed. The charts of the admins' insights page, drawn as SVG by the worker right after each computation,
// so no page view pays for drawing them. A drawing is keyed by what it was drawn from (the chart's option and the
// renderer), which every process computes alike; it holds counts, team and department names, no person.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insights_drawings')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('drawing_key', 'text', (c) => c.notNull())
    .addColumn('svg', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('insights_drawings_pk', ['workspace_id', 'drawing_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insights_drawings').execute();
}
