import type { Kysely } from 'kysely';

// Frozen once landed. Which job is sending a keep-in-touch DM right now, by the day it was queued for: jobs of
// different days may run at once when the clock jumps (the sandbox's time controls), and only the claimant posts.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('keep_in_touch_people').addColumn('reconnect_claim_day', 'text').execute();
  await db.schema.alterTable('keep_in_touch_prompts').addColumn('claim_day', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('keep_in_touch_prompts').dropColumn('claim_day').execute();
  await db.schema.alterTable('keep_in_touch_people').dropColumn('reconnect_claim_day').execute();
}
