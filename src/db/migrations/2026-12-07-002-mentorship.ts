import { type Kysely, sql } from 'kysely';

// Frozen once landed. Mentorship programmes: one per channel; people sign up per programme; a cycle's proposal is
// stored whole for the admin's preview and turned into pairs once; in mentee-choice mode, requests become pairs.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mentorship_programmes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('cycle_months', 'integer', (c) => c.notNull().check(sql`cycle_months between 1 and 12`))
    .addColumn('signup_deadline', 'timestamptz')
    .addColumn('matching_mode', 'text', (c) => c.notNull().check(sql`matching_mode in ('admin', 'choice')`))
    .addColumn('default_capacity', 'integer', (c) => c.notNull().check(sql`default_capacity between 1 and 5`))
    .addColumn('max_capacity', 'integer', (c) => c.notNull().check(sql`max_capacity between 1 and 5`))
    .addColumn('min_seniority_gap', 'integer', (c) => c.notNull().check(sql`min_seniority_gap between 0 and 10`))
    .addColumn('allow_same_team', 'boolean', (c) => c.notNull())
    .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('mentorship_programmes_capacity', sql`default_capacity <= max_capacity`)
    .execute();
  // One programme per channel: two admins starting one at once get one programme.
  await db.schema
    .createIndex('mentorship_programmes_channel')
    .unique()
    .on('mentorship_programmes')
    .columns(['workspace_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('mentorship_signups')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('mentorship_programmes.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mentor', 'mentee', 'both')`))
    .addColumn('learns', 'jsonb', (c) => c.notNull())
    .addColumn('teaches', 'jsonb', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    // Null for a mentee only; the programme's maximum is checked on save (it may change later).
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity between 1 and 5`))
    .addColumn('prefer_other_team', 'boolean', (c) => c.notNull())
    .addColumn('prefer_overlap', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentorship_signups_pkey', ['workspace_id', 'programme_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('mentorship_cycles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('mentorship_programmes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'active')`))
    .addColumn('seed', 'text', (c) => c.notNull())
    // The engine's result as the admin previews it: pairs with score and why, unmatched with the reason code.
    .addColumn('proposal', 'jsonb', (c) => c.notNull())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('mentorship_cycles_number')
    .unique()
    .on('mentorship_cycles')
    .columns(['workspace_id', 'programme_id', 'number'])
    .execute();

  await db.schema
    .createTable('mentorship_pairs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('mentorship_programmes.id').onDelete('cascade'))
    .addColumn('cycle_id', 'uuid', (c) => c.references('mentorship_cycles.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid')
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'ended')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  // The last line of defence behind the row locks: a mentee has one mentor at a time in a programme.
  await db.schema
    .createIndex('mentorship_pairs_active_mentee')
    .unique()
    .on('mentorship_pairs')
    .columns(['workspace_id', 'programme_id', 'mentee_id'])
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('mentorship_pairs_mentor')
    .on('mentorship_pairs')
    .columns(['workspace_id', 'programme_id', 'mentor_id', 'status'])
    .execute();

  await db.schema
    .createTable('mentorship_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('mentorship_programmes.id').onDelete('cascade'))
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    // declined is known to the mentor and to Nudge only; the mentee sees every closed request alike.
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'accepted', 'declined', 'expired', 'withdrawn')`),
    )
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('mentorship_requests_open_pair')
    .unique()
    .on('mentorship_requests')
    .columns(['workspace_id', 'programme_id', 'mentee_id', 'mentor_id'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('mentorship_requests_open_since')
    .on('mentorship_requests')
    .columns(['workspace_id', 'status', 'requested_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'mentorship_requests',
    'mentorship_pairs',
    'mentorship_cycles',
    'mentorship_signups',
    'mentorship_programmes',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
