import { type Kysely, sql } from 'kysely';

// Frozen once landed. Where a programme's teams and departments come from (a Slack profile field, user groups,
// the title, or Nudge's own directory), admins' per-person overrides, the Slack values a round read (kept so a
// rate-limited round resumes instead of starting over), and what an approver changed before a round went out.

export async function up(db: Kysely<any>): Promise<void> {
  // Postgres named 004's inline check after the table and column.
  await sql`alter table programmes drop constraint programmes_team_source_check`.execute(db);
  await db.schema
    .alterTable('programmes')
    .addCheckConstraint(
      'programmes_team_source_check',
      sql`team_source in ('directory', 'title', 'profile_field', 'usergroup')`,
    )
    .execute();
  await db.schema
    .alterTable('programmes')
    .addColumn('team_field_id', 'text')
    .addColumn('team_usergroup_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('department_source', 'text', (c) =>
      c.notNull().defaultTo('directory').check(sql`department_source in ('directory', 'profile_field')`),
    )
    .addColumn('department_field_id', 'text')
    .execute();
  await db.schema
    .alterTable('programmes')
    .addCheckConstraint(
      'programmes_profile_field_named',
      sql`(team_source <> 'profile_field' or team_field_id is not null)
        and (department_source <> 'profile_field' or department_field_id is not null)`,
    )
    .execute();

  // The round's pool as it was matched (team, department, zone per person) and the debts it added: a reshuffle
  // re-matches the same people and swaps the debts; an approver's swap checks teams against what matching used.
  await db.schema
    .alterTable('rounds')
    .addColumn('pool', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('debts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"trio": [], "unmatched": []}'::jsonb`))
    .addColumn('deliver_now', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reshuffles', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // An admin's word on one person's team or department; it wins over every source, in every programme.
  await db.schema
    .createTable('member_team_overrides')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('department', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_team_overrides_pkey', ['workspace_id', 'user_id'])
    .addCheckConstraint('member_team_overrides_something', sql`team is not null or department is not null`)
    .execute();

  // Custom profile fields as users.profile.get returned them (users.list leaves them out).
  await db.schema
    .createTable('pairing_profile_values')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pairing_profile_values_pkey', ['workspace_id', 'user_id'])
    .execute();

  // User groups and their members as usergroups.list / usergroups.users.list returned them.
  await db.schema
    .createTable('pairing_usergroups')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('usergroup_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('members', sql`text[]`, (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pairing_usergroups_pkey', ['workspace_id', 'usergroup_id'])
    .execute();

  await db.schema
    .createTable('round_swaps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('user_a', 'text', (c) => c.notNull())
    .addColumn('user_b', 'text', (c) => c.notNull())
    .addColumn('group_a', 'uuid', (c) => c.notNull())
    .addColumn('group_b', 'uuid', (c) => c.notNull())
    .addColumn('swapped_by', 'text', (c) => c.notNull())
    .addColumn('swapped_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['round_swaps', 'pairing_usergroups', 'pairing_profile_values', 'member_team_overrides']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema
    .alterTable('rounds')
    .dropColumn('pool')
    .dropColumn('debts')
    .dropColumn('deliver_now')
    .dropColumn('reshuffles')
    .execute();
  await db.schema.alterTable('programmes').dropConstraint('programmes_profile_field_named').execute();
  await db.schema
    .alterTable('programmes')
    .dropColumn('team_field_id')
    .dropColumn('team_usergroup_ids')
    .dropColumn('department_source')
    .dropColumn('department_field_id')
    .execute();
  await db.schema.alterTable('programmes').dropConstraint('programmes_team_source_check').execute();
  await db.schema
    .alterTable('programmes')
    .addCheckConstraint('programmes_team_source_check', sql`team_source in ('directory', 'title')`)
    .execute();
}
