import { type Kysely, sql } from 'kysely';

// Frozen once landed. Pairing programmes: a channel's members are the pool; each round is a row, each group
// a row with its own delivery state, so a step that runs twice finds its work already done.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('coffee', 'cross-team', 'exec-lottery')`))
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('weekly', 'biweekly', 'monthly')`))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('send_hour', 'integer', (c) => c.notNull().check(sql`send_hour between 0 and 23`))
    .addColumn('group_size', 'integer', (c) => c.notNull().check(sql`group_size between 2 and 4`))
    .addColumn('cooldown_weeks', 'integer', (c) => c.notNull().check(sql`cooldown_weeks between 0 and 52`))
    .addColumn('approval_required', 'boolean', (c) => c.notNull())
    .addColumn('team_source', 'text', (c) => c.notNull().check(sql`team_source in ('directory', 'title')`))
    .addColumn('host_user_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'paused')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('programmes_channel')
    .unique()
    .on('programmes')
    .columns(['workspace_id', 'channel_id'])
    .execute();

  await db.schema
    .createTable('programme_members')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'paused', 'left')`))
    .addColumn('paused_until', 'date')
    .addColumn('skip_next', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('greeted_at', 'timestamptz')
    .addColumn('trio_debt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unmatched_debt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('team_override', 'text')
    // Rounds in a row without answering the check-in; the round that last counted, so a retried close counts once.
    .addColumn('ghost_strikes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ghost_round_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_members_pkey', ['programme_id', 'user_id'])
    .execute();

  // Confidential: only the person who blocked sees it; the matcher just never pairs the two.
  await db.schema
    .createTable('pairing_blocks')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('blocked_user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pairing_blocks_pkey', ['workspace_id', 'user_id', 'blocked_user_id'])
    .execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('round_date', 'date', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting_approval', 'delivering', 'delivered', 'closed', 'cancelled')`),
    )
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('checkin_at', 'timestamptz', (c) => c.notNull())
    .addColumn('close_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // One round per programme per date, however often the step that creates it runs.
  await db.schema
    .createIndex('rounds_programme_date')
    .unique()
    .on('rounds')
    .columns(['programme_id', 'round_date'])
    .execute();

  await db.schema
    .createTable('round_groups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('members', sql`text[]`, (c) => c.notNull())
    // People who dropped out after the matching (a late skip); the others may be re-matched the same day.
    .addColumn('dropped', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('rescue_of', 'uuid')
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('deliver_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'cancelled')`))
    .addColumn('conversation_id', 'text')
    .addColumn('intro_ts', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('round_groups_round').on('round_groups').columns(['round_id', 'status']).execute();
  await db.schema.createIndex('round_groups_members').on('round_groups').using('gin').column('members').execute();

  await db.schema
    .createTable('round_unmatched')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // Set when a partner who lost their group was matched with this person instead.
    .addColumn('rescued_into', 'uuid')
    .addPrimaryKeyConstraint('round_unmatched_pkey', ['round_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('round_checkins')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('group_id', 'uuid', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('met', 'scheduled', 'not_this_time')`))
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_checkins_pkey', ['group_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'round_checkins',
    'round_unmatched',
    'round_groups',
    'rounds',
    'pairing_blocks',
    'programme_members',
    'programmes',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
