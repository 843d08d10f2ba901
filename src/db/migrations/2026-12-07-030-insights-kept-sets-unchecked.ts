import { type Kysely, sql } from 'kysely';

// Frozen once landed. The insights' kept sets hold a row per person or pair of people (up to hundreds of thousands
// per workspace) and are deleted and written again by every full recomputation. A foreign key checks each written row
// against its workspace, about 8 µs a row, seconds per computation. The computation instead holds its workspace row
// once per transaction (`lockInsights`), so a workspace being purged waits for it or stops it, and the purge deletes
// these rows as it deletes every table with a `workspace_id`.

const keptSets = [
  'insights_window_ties',
  'insights_window_tie_people',
  'insights_window_givers',
  'insights_window_recipients',
  'insights_window_kudos',
  'insights_recognition_received',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of keptSets) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_workspace_id_fkey`)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of keptSets) {
    await sql`delete from ${sql.table(table)} k where not exists (select from workspaces w where w.id = k.workspace_id)`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_workspace_id_fkey`)}
      foreign key (workspace_id) references workspaces (id) on delete cascade`.execute(db);
  }
}
