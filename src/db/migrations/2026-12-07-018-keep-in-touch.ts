import { type Kysely, sql } from 'kysely';

// Frozen once landed. Keeping in touch: the people someone chose to keep up with and how often, the one follow-up
// prompt each person gets about each partner after a meeting Nudge arranged, and each person's own switch (opted
// out) and the time of their last weekly reconnect DM. All private to their owner.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('keep_in_touch_people')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('opted_out_at', 'timestamptz')
    .addColumn('last_reconnect_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('keep_in_touch_people_pkey', ['workspace_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('keep_in_touch_contacts')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('cadence_weeks', 'integer', (c) => c.notNull().check(sql`cadence_weeks between 1 and 52`))
    .addColumn('anchor_at', 'timestamptz', (c) => c.notNull())
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('keep_in_touch_contacts_pkey', ['workspace_id', 'owner_id', 'contact_id'])
    .addCheckConstraint('keep_in_touch_contacts_not_self', sql`owner_id <> contact_id`)
    .execute();
  await db.schema
    .createIndex('keep_in_touch_contacts_by_contact')
    .on('keep_in_touch_contacts')
    .columns(['workspace_id', 'contact_id'])
    .execute();
  await db.schema
    .createTable('keep_in_touch_prompts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('pairing', 'mentorship', 'learning')`))
    .addColumn('met_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('kept', 'no', 'skipped', 'opted_out')`))
    .addUniqueConstraint('keep_in_touch_prompts_once', ['workspace_id', 'user_id', 'partner_id'])
    .execute();
  await sql`create index keep_in_touch_prompts_owed on keep_in_touch_prompts (workspace_id, met_at)
    where sent_at is null and answered_at is null`.execute(db);
  await db.schema
    .createIndex('keep_in_touch_prompts_by_partner')
    .on('keep_in_touch_prompts')
    .columns(['workspace_id', 'partner_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('keep_in_touch_prompts').ifExists().execute();
  await db.schema.dropTable('keep_in_touch_contacts').ifExists().execute();
  await db.schema.dropTable('keep_in_touch_people').ifExists().execute();
}
