import { type Kysely, sql } from 'kysely';

// Frozen once landed. The kudos ledger is append-only: gifts and revocations are events; totals are derived.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kudos_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('allowance', 'integer', (c) => c.notNull().check(sql`allowance between 1 and 1000`))
    .addColumn('allowance_period', 'text', (c) => c.notNull().check(sql`allowance_period in ('day', 'week', 'month')`))
    .addColumn('pair_cap', 'integer', (c) => c.notNull().check(sql`pair_cap between 1 and 1000`))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('kudos_values', 'jsonb', (c) => c.notNull())
    .addColumn('kudos_channel_id', 'text')
    .addColumn('prompt_channel_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('prompt_weekday', 'integer', (c) => c.notNull().check(sql`prompt_weekday between 1 and 7`))
    .addColumn('prompt_hour', 'integer', (c) => c.notNull().check(sql`prompt_hour between 0 and 23`))
    .addColumn('digest_enabled', 'boolean', (c) => c.notNull())
    .addColumn('admin_user_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kudos_gifts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('giver_id', 'text', (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('command', 'reaction', 'shortcut', 'modal', 'button')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('kudos_value', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('message_link', 'text')
    // The message a reaction or message shortcut thanked for: the celebration goes in its thread.
    .addColumn('source_ts', 'text')
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .addColumn('post_channel_id', 'text')
    .addColumn('post_ts', 'text')
    // Set when the celebration post and DMs are done; a sweep re-enqueues gifts whose announcement was lost.
    .addColumn('announced_at', 'timestamptz')
    .execute();
  // Double-submits (a retried command, a resubmitted modal) carry the same request key and record once.
  await db.schema
    .createIndex('kudos_gifts_request_key')
    .unique()
    .on('kudos_gifts')
    .columns(['workspace_id', 'request_key'])
    .execute();
  await db.schema
    .createIndex('kudos_gifts_giver')
    .on('kudos_gifts')
    .columns(['workspace_id', 'giver_id', 'given_at'])
    .execute();

  await db.schema
    .createTable('kudos')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('gift_id', 'uuid', (c) => c.notNull().references('kudos_gifts.id').onDelete('cascade'))
    .addColumn('giver_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('kudos_value', 'text')
    .addColumn('giver_team', 'text')
    .addColumn('recipient_team', 'text')
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kudos_workspace_time').on('kudos').columns(['workspace_id', 'given_at']).execute();
  await db.schema
    .createIndex('kudos_recipient')
    .on('kudos')
    .columns(['workspace_id', 'recipient_id', 'given_at'])
    .execute();
  await db.schema.createIndex('kudos_giver').on('kudos').columns(['workspace_id', 'giver_id', 'given_at']).execute();
  await db.schema.createIndex('kudos_gift').on('kudos').column('gift_id').execute();

  await db.schema
    .createTable('kudos_revocations')
    .addColumn('gift_id', 'uuid', (c) => c.primaryKey().references('kudos_gifts.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('revoked_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('undo', 'reaction_removed')`))
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Derived from the ledger (and rebuildable from it): running totals per calendar period in the workspace's
  // time zone, so a leaderboard is one index range read however many kudos the ledger holds.
  await db.schema
    .createTable('kudos_totals')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('board', 'text', (c) => c.notNull().check(sql`board in ('received', 'given', 'cross-team')`))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period in ('week', 'month', 'quarter', 'year', 'all')`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kudos_totals_pkey', ['workspace_id', 'board', 'period', 'period_start', 'user_id'])
    .execute();
  await db.schema
    .createIndex('kudos_totals_rank')
    .on('kudos_totals')
    .expression(sql`workspace_id, board, period, period_start, total desc, user_id`)
    .execute();

  // Team and department, for cross-team boards and pairing; filled from the source each workspace chooses.
  await db.schema.alterTable('members').addColumn('team', 'text').execute();
  await db.schema.alterTable('members').addColumn('department', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('team').dropColumn('department').execute();
  for (const table of ['kudos_totals', 'kudos_revocations', 'kudos', 'kudos_gifts', 'kudos_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
