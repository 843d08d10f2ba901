import { type Kysely, sql } from 'kysely';

// Frozen once landed. The admins' insights are read from these precomputed aggregates, never from the raw tables:
// the page answers in milliseconds, and every figure carries the number of distinct people behind it so the
// small-group rule can be applied when it is shown. They hold counts only, no person's id.

export async function up(db: Kysely<any>): Promise<void> {
  const workspace = (c: any) => c.notNull().references('workspaces.id').onDelete('cascade');
  const count = (c: any) => c.notNull().defaultTo(0);

  await db.schema
    .createTable('insights_state')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    // The time the last computation (full or incremental) read the data up to: the next update starts there.
    .addColumn('watermark', 'timestamptz', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('full_computed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('insights_programme_months')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('programme_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('groups', 'integer', count)
    .addColumn('participants', 'integer', count)
    .addColumn('met_groups', 'integer', count)
    .addColumn('met_people', 'integer', count)
    .addColumn('unmet_people', 'integer', count)
    .addPrimaryKeyConstraint('insights_programme_months_pk', ['workspace_id', 'month', 'programme_id'])
    .execute();

  await db.schema
    .createTable('insights_tie_months')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('ties', 'integer', count)
    .addColumn('cross_ties', 'integer', count)
    .addColumn('people', 'integer', count)
    .addColumn('cross_people', 'integer', count)
    .addColumn('same_people', 'integer', count)
    .addPrimaryKeyConstraint('insights_tie_months_pk', ['workspace_id', 'month'])
    .execute();

  await db.schema
    .createTable('insights_team_pairs')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('team_a', 'text', (c) => c.notNull())
    .addColumn('team_b', 'text', (c) => c.notNull())
    .addColumn('ties', 'integer', count)
    .addColumn('people_a', 'integer', count)
    .addColumn('people_b', 'integer', count)
    .addPrimaryKeyConstraint('insights_team_pairs_pk', ['workspace_id', 'team_a', 'team_b'])
    .addCheckConstraint('insights_team_pairs_order', sql`team_a <= team_b`)
    .execute();

  await db.schema
    .createTable('insights_teams')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', count)
    .addColumn('internal_ties', 'integer', count)
    .addColumn('external_ties', 'integer', count)
    .addColumn('tie_people', 'integer', count)
    // Distinct people on each side of the team's team × team cells that are too small to show: what subtracting
    // the shown cells from the team's ties would describe.
    .addColumn('hidden_own_people', 'integer', count)
    .addColumn('hidden_other_people', 'integer', count)
    .addPrimaryKeyConstraint('insights_teams_pk', ['workspace_id', 'team'])
    .execute();

  await db.schema
    .createTable('insights_department_kudos')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('from_department', 'text', (c) => c.notNull())
    .addColumn('to_department', 'text', (c) => c.notNull())
    .addColumn('kudos', 'integer', count)
    .addColumn('givers', 'integer', count)
    .addColumn('recipients', 'integer', count)
    .addPrimaryKeyConstraint('insights_department_kudos_pk', ['workspace_id', 'from_department', 'to_department'])
    .execute();

  await db.schema
    .createTable('insights_recognition')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('active_members', 'integer', count)
    .addColumn('recipients', 'integer', count)
    .addColumn('received_none', 'integer', count)
    .addColumn('kudos', 'integer', count)
    .addColumn('gini', 'double precision')
    .execute();

  await db.schema
    .createTable('insights_mentorship_months')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('pairs', 'integer', count)
    .addColumn('met_pairs', 'integer', count)
    .addColumn('people', 'integer', count)
    .addColumn('met_people', 'integer', count)
    .addColumn('unmet_people', 'integer', count)
    .addPrimaryKeyConstraint('insights_mentorship_months_pk', ['workspace_id', 'month'])
    .execute();

  await db.schema
    .createTable('insights_learning_months')
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('requests', 'integer', count)
    .addColumn('accepted', 'integer', count)
    .addColumn('expired', 'integer', count)
    .addColumn('people', 'integer', count)
    .addColumn('accepted_people', 'integer', count)
    .addColumn('expired_people', 'integer', count)
    .addColumn('other_people', 'integer', count)
    .addPrimaryKeyConstraint('insights_learning_months_pk', ['workspace_id', 'month'])
    .execute();

  // The incremental update finds what changed since its watermark through these.
  await db.schema
    .createIndex('round_checkins_answered')
    .on('round_checkins')
    .columns(['workspace_id', 'answered_at'])
    .execute();
  await db.schema
    .createIndex('round_groups_delivered')
    .on('round_groups')
    .columns(['workspace_id', 'delivered_at'])
    .execute();
  await db.schema
    .createIndex('mentorship_pairs_first_met')
    .on('mentorship_pairs')
    .columns(['workspace_id', 'first_met_at'])
    .execute();
  await db.schema
    .createIndex('learning_requests_answered')
    .on('learning_requests')
    .columns(['workspace_id', 'answered_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'round_checkins_answered',
    'round_groups_delivered',
    'mentorship_pairs_first_met',
    'learning_requests_answered',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  for (const table of [
    'insights_learning_months',
    'insights_mentorship_months',
    'insights_recognition',
    'insights_department_kudos',
    'insights_teams',
    'insights_team_pairs',
    'insights_tie_months',
    'insights_programme_months',
    'insights_state',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
