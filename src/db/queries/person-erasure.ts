import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/**
 * The statements that erase one person from one workspace, table by table (docs/privacy.md says why each is treated
 * as it is). Each one is idempotent: run again, it finds nothing left to change.
 */

export interface ErasedPerson {
  workspaceId: string;
  userId: string;
  /** The random `UERASED…` id that takes their place where a row must stay for others. */
  tombstoneId: string;
  /** Their names and email as the directory held them, to scrub from what others wrote. */
  names: string[];
  now: Date;
}

/** What replaces a mention of them, or their name, in text others wrote. */
export const formerColleague = 'a former colleague';

/** Rows that are theirs alone: deleted. */
const ownRows: ReadonlyArray<readonly [table: keyof Database, column: string]> = [
  ['members', 'user_id'],
  ['celebration_profiles', 'user_id'],
  ['celebration_posts', 'user_id'],
  ['programme_members', 'user_id'],
  ['pairing_blocks', 'user_id'],
  ['pairing_blocks', 'blocked_user_id'],
  ['round_unmatched', 'user_id'],
  ['round_checkins', 'user_id'],
  ['member_team_overrides', 'user_id'],
  ['pairing_profile_values', 'user_id'],
  ['mentorship_signups', 'user_id'],
  ['mentorship_checkins', 'user_id'],
  ['mentorship_feedback', 'user_id'],
  ['skill_profile_entries', 'user_id'],
  ['learning_requests', 'asker_id'],
  ['learning_requests', 'expert_id'],
  ['insights_recap_optouts', 'user_id'],
  ['insights_recaps', 'user_id'],
  ['insights_pictures', 'user_id'],
  // Keep-in-touch lists and prompts are private to their owner; one naming them means nothing once they are gone.
  ['keep_in_touch_people', 'user_id'],
  ['keep_in_touch_contacts', 'owner_id'],
  ['keep_in_touch_contacts', 'contact_id'],
  ['keep_in_touch_prompts', 'user_id'],
  ['keep_in_touch_prompts', 'partner_id'],
];

/** Columns naming them on rows others still need (a kudos they gave, a pair they were in): the tombstone instead. */
const idColumns: ReadonlyArray<readonly [table: keyof Database, column: string]> = [
  ['celebrations', 'created_by'],
  ['kudos_gifts', 'giver_id'],
  ['kudos', 'giver_id'],
  ['kudos', 'recipient_id'],
  // The running totals follow the ledger they are summed from, so a rebuild still equals them; boards hide tombstones.
  ['kudos_totals', 'user_id'],
  ['kudos_revocations', 'revoked_by'],
  ['programmes', 'created_by'],
  ['rounds', 'approved_by'],
  ['round_swaps', 'user_a'],
  ['round_swaps', 'user_b'],
  ['round_swaps', 'swapped_by'],
  ['member_team_overrides', 'set_by'],
  ['mentorship_programmes', 'created_by'],
  ['mentorship_cycles', 'approved_by'],
  ['mentorship_pairs', 'mentor_id'],
  ['mentorship_pairs', 'mentee_id'],
  ['mentorship_requests', 'mentor_id'],
  ['mentorship_requests', 'mentee_id'],
  ['mentorship_rematch_requests', 'asked_by'],
  ['admin_audit_log', 'actor_id'],
  ['admin_audit_log', 'subject'],
];

/** Free text people wrote, where a mention or the name of the person may appear. */
const textColumns: ReadonlyArray<readonly [table: keyof Database, column: string]> = [
  ['kudos_gifts', 'reason'],
  ['celebrations', 'title'],
  ['round_groups', 'why'],
  ['round_unmatched', 'reason'],
  ['mentorship_pairs', 'why'],
  ['mentorship_signups', 'goals'],
  ['mentorship_feedback', 'comment'],
  ['slack_sends', 'idempotency_key'],
];

/** JSON documents that list user ids among other things. */
const jsonColumns: ReadonlyArray<readonly [table: keyof Database, column: string]> = [
  ['celebrations', 'contributor_ids'],
  ['mentorship_cycles', 'proposal'],
  ['admin_audit_log', 'changes'],
];

export async function deleteOwnRows(db: Executor, person: ErasedPerson): Promise<void> {
  for (const [table, column] of ownRows) {
    await sql`delete from ${sql.table(table)} where workspace_id = ${person.workspaceId} and ${sql.ref(column)} = ${person.userId}`.execute(
      db,
    );
  }
}

export async function replaceIdColumns(db: Executor, person: ErasedPerson): Promise<void> {
  for (const [table, column] of idColumns) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${person.tombstoneId}
      where workspace_id = ${person.workspaceId} and ${sql.ref(column)} = ${person.userId}`.execute(db);
  }
}

/** Postgres regular expression for a name standing as a word of its own, case aside. */
function namePattern(name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `(^|[^[:alnum:]_])${escaped}($|[^[:alnum:]_])`;
}

export async function scrubText(db: Executor, person: ErasedPerson): Promise<void> {
  const mention = `<[@]${person.userId}(\\|[^>]*)?>`;
  for (const [table, column] of textColumns) {
    const col = sql.ref(column);
    const where = sql`workspace_id = ${person.workspaceId} and ${col} is not null`;
    await sql`update ${sql.table(table)} set ${col} = regexp_replace(${col}, ${mention}, ${formerColleague}, 'g')
      where ${where} and ${col} ~ ${mention}`.execute(db);
    await sql`update ${sql.table(table)} set ${col} = replace(${col}, ${person.userId}, ${person.tombstoneId})
      where ${where} and strpos(${col}, ${person.userId}) > 0`.execute(db);
    for (const name of person.names) {
      const pattern = namePattern(name);
      await sql`update ${sql.table(table)} set ${col} = regexp_replace(${col}, ${pattern}, ${`\\1${formerColleague}\\2`}, 'gi')
        where ${where} and ${col} ~* ${pattern}`.execute(db);
    }
  }
  for (const [table, column] of jsonColumns) {
    const col = sql.ref(column);
    await sql`update ${sql.table(table)} set ${col} = replace(${col}::text, ${person.userId}, ${person.tombstoneId})::jsonb
      where workspace_id = ${person.workspaceId} and strpos(${col}::text, ${person.userId}) > 0`.execute(db);
  }
}

/** Lists of people others rely on (admins, user groups): they simply leave the list. */
export async function removeFromLists(db: Executor, person: ErasedPerson): Promise<void> {
  await sql`update kudos_settings set admin_user_ids = admin_user_ids - ${person.userId}
    where workspace_id = ${person.workspaceId} and admin_user_ids ? ${person.userId}`.execute(db);
  await sql`update pairing_usergroups set members = array_remove(members, ${person.userId})
    where workspace_id = ${person.workspaceId} and ${person.userId} = any(members)`.execute(db);
  await sql`update programmes set host_user_id = null
    where workspace_id = ${person.workspaceId} and host_user_id = ${person.userId}`.execute(db);
}

/**
 * Rounds: a pending intro goes to the others (or to nobody when one is left); past groups keep the tombstone so
 * others' pairing history stays true; the pools and debts of rounds forget them.
 */
export async function leaveRounds(db: Executor, person: ErasedPerson): Promise<void> {
  const { workspaceId, userId, tombstoneId } = person;
  await sql`update round_groups set
      members = array_remove(members, ${userId}),
      dropped = array_append(array_remove(dropped, ${userId}), ${tombstoneId}),
      status = case when cardinality(array_remove(members, ${userId})) < 2 then 'cancelled' else status end
    where workspace_id = ${workspaceId} and status = 'pending' and ${userId} = any(members)`.execute(db);
  await sql`update round_groups set members = array_replace(members, ${userId}, ${tombstoneId}),
      dropped = array_replace(dropped, ${userId}, ${tombstoneId})
    where workspace_id = ${workspaceId} and (${userId} = any(members) or ${userId} = any(dropped))`.execute(db);
  await sql`update rounds set
      pool = coalesce((select jsonb_agg(p) from jsonb_array_elements(pool) p where p->>'userId' <> ${userId}), '[]'::jsonb),
      debts = jsonb_build_object(
        'trio', coalesce(debts->'trio', '[]'::jsonb) - ${userId},
        'unmatched', coalesce(debts->'unmatched', '[]'::jsonb) - ${userId})
    where workspace_id = ${workspaceId} and (pool::text like ${`%"${userId}"%`} or debts::text like ${`%"${userId}"%`})`.execute(
    db,
  );
}

/** Mentorship: their pairs end and their open requests are withdrawn, so nothing is sent on their behalf. */
export async function endMentorships(db: Executor, person: ErasedPerson): Promise<void> {
  const { workspaceId, userId, now } = person;
  await sql`update mentorship_pairs set status = 'ended', ended_at = ${now}, end_reason = 'left'
    where workspace_id = ${workspaceId} and status = 'active' and (mentor_id = ${userId} or mentee_id = ${userId})`.execute(
    db,
  );
  await sql`update mentorship_requests set status = 'withdrawn', answered_at = ${now}
    where workspace_id = ${workspaceId} and status = 'open' and (mentor_id = ${userId} or mentee_id = ${userId})`.execute(
    db,
  );
  await sql`update mentorship_cycles set proposal = jsonb_set(proposal, '{pairs}', coalesce((
      select jsonb_agg(p) from jsonb_array_elements(proposal->'pairs') p
      where p->>'mentor' <> ${userId} and p->>'mentee' <> ${userId}), '[]'::jsonb))
    where workspace_id = ${workspaceId} and status = 'proposed' and proposal::text like ${`%"${userId}"%`}`.execute(db);
}
