import { type Kysely, sql } from 'kysely';

// Frozen once landed. Erasing people (forget-me, and the daily purge of people who left) looks for their ids and names
// in what others wrote, word by word. On the large text columns these indexes of each row's words turn that search
// into an index lookup instead of reading every kudos reason, introduction and send key of the workspace. The
// expressions must stay exactly as `src/db/queries/person-erasure.ts` writes them, or the planner will not use them.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index kudos_gifts_reason_words on kudos_gifts
    using gin (regexp_split_to_array(lower(reason), '[^[:alnum:]]+'))`.execute(db);
  await sql`create index round_groups_why_words on round_groups
    using gin (regexp_split_to_array(lower(why), '[^[:alnum:]]+'))`.execute(db);
  await sql`create index slack_sends_key_words on slack_sends
    using gin (regexp_split_to_array(idempotency_key, '[^[:alnum:]]+'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists slack_sends_key_words`.execute(db);
  await sql`drop index if exists round_groups_why_words`.execute(db);
  await sql`drop index if exists kudos_gifts_reason_words`.execute(db);
}
