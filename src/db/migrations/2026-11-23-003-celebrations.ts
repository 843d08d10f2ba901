import { type Kysely, sql } from 'kysely';

// Frozen once landed. Celebrations: settings, people's dates, the exactly-once post ledger, shipped projects
// and the webhook replay memory.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('celebration_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text')
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('post_hour', 'integer', (c) => c.notNull().defaultTo(9).check(sql`post_hour between 0 and 23`))
    .addColumn('weekend_rule', 'text', (c) =>
      c.notNull().defaultTo('friday').check(sql`weekend_rule in ('friday', 'monday', 'keep')`),
    )
    .addColumn('digest_channel_id', 'text')
    .addColumn('digest_weekday', 'integer', (c) => c.notNull().defaultTo(5).check(sql`digest_weekday between 1 and 7`))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(16).check(sql`digest_hour between 0 and 23`))
    .addColumn('webhook_secret_sealed', 'text')
    .addColumn('webhook_secret_created_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('celebration_profiles')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('birthday_month', 'integer', (c) => c.check(sql`birthday_month between 1 and 12`))
    .addColumn('birthday_day', 'integer', (c) => c.check(sql`birthday_day between 1 and 31`))
    .addColumn('start_date', 'date')
    .addColumn('birthday_visibility', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`birthday_visibility in ('channel', 'dm', 'none')`),
    )
    .addColumn('anniversary_visibility', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`anniversary_visibility in ('channel', 'dm', 'none')`),
    )
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('self', 'import', 'ask')`))
    .addColumn('asked_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('celebration_profiles_pkey', ['workspace_id', 'user_id'])
    .addCheckConstraint('celebration_profiles_birthday_whole', sql`(birthday_month is null) = (birthday_day is null)`)
    .execute();
  await db.schema
    .createIndex('celebration_profiles_birthday')
    .on('celebration_profiles')
    .columns(['workspace_id', 'birthday_month', 'birthday_day'])
    .execute();
  await db.schema
    .createIndex('celebration_profiles_start')
    .on('celebration_profiles')
    .expression(sql`workspace_id, extract(month from start_date), extract(day from start_date)`)
    .execute();

  await db.schema
    .createTable('celebration_posts')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull().check(sql`occasion in ('birthday', 'anniversary')`))
    .addColumn('occasion_year', 'integer', (c) => c.notNull())
    .addColumn('occasion_date', 'date', (c) => c.notNull())
    .addColumn('observed_date', 'date', (c) => c.notNull())
    .addColumn('moment', 'timestamptz', (c) => c.notNull())
    .addColumn('years', 'integer')
    .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery in ('channel', 'dm')`))
    .addColumn('channel_id', 'text')
    .addColumn('send_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'posted', 'failed', 'skipped')`),
    )
    .addColumn('message_ts', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz')
    // Exactly once per person, occasion and year: the primary key is the promise.
    .addPrimaryKeyConstraint('celebration_posts_pkey', ['workspace_id', 'user_id', 'occasion', 'occasion_year'])
    .execute();
  await db.schema
    .createIndex('celebration_posts_send_key')
    .on('celebration_posts')
    .columns(['workspace_id', 'send_key'])
    .execute();
  await db.schema
    .createIndex('celebration_posts_pending')
    .on('celebration_posts')
    .columns(['workspace_id', 'moment'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('celebrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('contributor_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('modal', 'webhook', 'github')`))
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('post_channel_id', 'text')
    .addColumn('post_ts', 'text')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('failure', 'text')
    .execute();
  await db.schema
    .createIndex('celebrations_request_key')
    .unique()
    .on('celebrations')
    .columns(['workspace_id', 'request_key'])
    .execute();
  await db.schema
    .createIndex('celebrations_created')
    .on('celebrations')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('celebration_webhook_signatures')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('celebration_webhook_signatures_pkey', ['workspace_id', 'signature'])
    .execute();
  await db.schema
    .createIndex('celebration_webhook_signatures_received')
    .on('celebration_webhook_signatures')
    .columns(['workspace_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'celebration_webhook_signatures',
    'celebrations',
    'celebration_posts',
    'celebration_profiles',
    'celebration_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
