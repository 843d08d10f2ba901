import { type Kysely, sql } from 'kysely';

// Frozen once landed. The windows are computed in two parts, in transactions that run at the same time: the team
// ties and the kudos (kudos between departments, recognition). Each keeps its own window start and fingerprints, so
// one part rebuilt whole never vouches for the other's kept sets. A state kept before is the ties part's; the kudos
// part has none yet, so its first update rebuilds it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table insights_window_state add column part text not null default 'ties'`.execute(db);
  await sql`alter table insights_window_state alter column part drop default`.execute(db);
  await sql`alter table insights_window_state drop constraint insights_window_state_pkey`.execute(db);
  await sql`alter table insights_window_state add primary key (workspace_id, part)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from insights_window_state where part <> 'ties'`.execute(db);
  await sql`alter table insights_window_state drop constraint insights_window_state_pkey`.execute(db);
  await sql`alter table insights_window_state add primary key (workspace_id)`.execute(db);
  await sql`alter table insights_window_state drop column part`.execute(db);
}
