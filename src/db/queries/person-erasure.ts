import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/**
 * The statements that erase people from one workspace, table by table (docs/privacy.md says why each is treated as it
 * is): the one map both `/nudge forget-me` and the purge of people who left Slack go through. Each statement handles
 * a whole batch of people at once, so purging many costs one pass over each table rather than one per person, and
 * each is idempotent: run again, it finds nothing left to change.
 */

export interface ErasedPerson {
  userId: string;
  /** The random `UERASED…` id that takes their place where a row must stay for others. */
  tombstoneId: string;
  /** Their names and email as the directory held them, to scrub from what others wrote. */
  names: string[];
}

export interface Erasure {
  workspaceId: string;
  people: ErasedPerson[];
  now: Date;
}

/** What replaces a mention of them, or their name, in text others wrote. */
export const formerColleague = 'a former colleague';

/**
 * Rows that are theirs alone: deleted. Their directory entry (`members`) is not here: forget-me deletes it, and the
 * purge of someone who left blanks it and keeps their id, so a later directory sync does not bring them back.
 */
const ownRows: ReadonlyArray<readonly [table: keyof Database, column: string]> = [
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
  // The sets the insights' windows keep to count distinct people: derived, and rebuilt whole once anyone is erased.
  ['insights_window_ties', 'person_a'],
  ['insights_window_ties', 'person_b'],
  ['insights_window_tie_people', 'user_id'],
  ['insights_window_givers', 'giver_id'],
  ['insights_window_recipients', 'recipient_id'],
  ['insights_recognition_received', 'recipient_id'],
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

const idsOf = (erasure: Erasure) => erasure.people.map((p) => p.userId);

/** The batch as a relation of (user_id, tombstone), to join against. */
function tombstoneMap(erasure: Erasure): RawBuilder<unknown> {
  const tombstones = erasure.people.map((p) => p.tombstoneId);
  return sql`unnest(${idsOf(erasure)}::text[], ${tombstones}::text[]) as m(user_id, tombstone)`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Postgres regular expression matching any of the texts. */
function anyOf(texts: string[]): string {
  return `(?:${texts.map(escapeRegex).join('|')})`;
}

/** Every user id of the batch replaced by its tombstone, in one expression. */
function replaceIds(expression: RawBuilder<unknown>, erasure: Erasure): RawBuilder<unknown> {
  let replaced = expression;
  for (const p of erasure.people) replaced = sql`replace(${replaced}, ${p.userId}, ${p.tombstoneId})`;
  return replaced;
}

/** Rounds, mentorships, lists, own rows, ids, then text: pending work ends by their own id before it is replaced. */
export async function eraseFromEveryTable(db: Executor, erasure: Erasure): Promise<void> {
  if (erasure.people.length === 0) return;
  await leaveRounds(db, erasure);
  await endMentorships(db, erasure);
  await removeFromLists(db, erasure);
  await deleteOwnRows(db, erasure);
  await replaceIdColumns(db, erasure);
  await scrubText(db, erasure);
}

async function deleteOwnRows(db: Executor, erasure: Erasure): Promise<void> {
  for (const [table, column] of ownRows) {
    await sql`delete from ${sql.table(table)}
      where workspace_id = ${erasure.workspaceId} and ${sql.ref(column)} = any(${idsOf(erasure)}::text[])`.execute(db);
  }
}

async function replaceIdColumns(db: Executor, erasure: Erasure): Promise<void> {
  for (const [table, column] of idColumns) {
    await sql`update ${sql.table(table)} t set ${sql.ref(column)} = m.tombstone from ${tombstoneMap(erasure)}
      where t.workspace_id = ${erasure.workspaceId} and ${sql.ref(`t.${column}`)} = m.user_id`.execute(db);
  }
}

/** Runs of letters and digits: the words a text is searched by, in Postgres and here alike. */
const wordSeparator = '[^[:alnum:]]+';
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

/**
 * One word each of their ids and names that any text naming them must contain: the whole id, and a name's longest
 * word (a surname is rarer than a first name). Only rows holding one of these words are read.
 */
function searchWords(erasure: Erasure): string[] {
  const words = new Set(idsOf(erasure).map((id) => id.toLowerCase()));
  for (const name of erasure.people.flatMap((p) => p.names)) {
    const parts = wordsOf(name);
    // An email's domain is everyone's: its longest word before the @ (often a surname) is searched for instead.
    const own = name.includes('@') ? wordsOf(name.slice(0, name.lastIndexOf('@'))) : parts;
    const word = [...own].sort((a, b) => b.length - a.length)[0];
    if (word) words.add(word);
  }
  return [...words];
}

/**
 * How a text others wrote reads once the batch is erased: mentions of them become "a former colleague", their ids
 * their tombstones, and their names or emails, standing as words of their own (case aside), "a former colleague".
 */
function scrubbedText(erasure: Erasure, withNames: boolean): (text: string) => string {
  const ids = erasure.people.map((p) => escapeRegex(p.userId)).join('|');
  const mention = new RegExp(`<@(?:${ids})(?:\\|[^>]*)?>`, 'g');
  const tombstones = new Map(erasure.people.map((p) => [p.userId, p.tombstoneId]));
  const idPattern = new RegExp(ids, 'g');
  // The longest first, so "Ana Lima" goes whole before "Ana" could split it.
  const names = [...new Set(erasure.people.flatMap((p) => p.names))].sort((a, b) => b.length - a.length);
  const namePattern =
    withNames && names.length > 0
      ? new RegExp(`(^|[^\\p{L}\\p{N}_])(?:${names.map(escapeRegex).join('|')})(?=$|[^\\p{L}\\p{N}_])`, 'giu')
      : undefined;
  return (text) => {
    let scrubbed = withNames ? text.replace(mention, formerColleague) : text;
    scrubbed = scrubbed.replace(idPattern, (id) => tombstones.get(id) ?? id);
    return namePattern ? scrubbed.replace(namePattern, `$1${formerColleague}`) : scrubbed;
  };
}

/**
 * Text columns are searched by word, through an index of each row's words on the large ones, rather than by a
 * regular expression per row: a pattern of a hundred names costs Postgres most of a millisecond per row, which over a
 * million kudos reasons is minutes. The few rows that hold one of the words are rewritten here and written back by
 * address.
 */
async function scrubText(db: Executor, erasure: Erasure): Promise<void> {
  const words = searchWords(erasure);
  const ids = idsOf(erasure);
  for (const [table, column] of textColumns) {
    const col = sql.ref(column);
    // A send key is built by Nudge from ids, never from what someone wrote: only ids are looked for there.
    const onlyIds = table === 'slack_sends';
    // Written as the indexes of migration 2026-12-07-020 are, so the large tables are searched through them.
    const wordsOfRow = onlyIds
      ? sql`regexp_split_to_array(${col}, ${sql.lit(wordSeparator)})`
      : sql`regexp_split_to_array(lower(${col}), ${sql.lit(wordSeparator)})`;
    const scrub = scrubbedText(erasure, !onlyIds);
    // Rows are read without locking the many that only share a word, and each change is written only if the row is
    // still as it was read; one changed meanwhile is read and scrubbed again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // One word at a time: for a hundred words at once the planner expects most of the table and reads all of it.
      const found = await sql<{ at: string; text: string }>`
        select distinct t.at, t.text from unnest(${onlyIds ? ids : words}::text[]) as w(word)
        cross join lateral (select ctid::text as at, ${col} as text from ${sql.table(table)}
          where workspace_id = ${erasure.workspaceId} and ${col} is not null and ${wordsOfRow} @> array[w.word]) t`.execute(
        db,
      );
      const changed = found.rows.flatMap((r) => {
        const text = scrub(r.text);
        return text === r.text ? [] : [{ at: r.at, before: r.text, text }];
      });
      if (changed.length === 0) break;
      const written = await sql`update ${sql.table(table)} t set ${col} = v.text
        from unnest(${changed.map((c) => c.at)}::tid[], ${changed.map((c) => c.before)}::text[],
          ${changed.map((c) => c.text)}::text[]) as v(at, before, text)
        where t.workspace_id = ${erasure.workspaceId} and t.ctid = v.at and ${sql.ref(`t.${column}`)} = v.before`.execute(
        db,
      );
      if (Number(written.numAffectedRows ?? 0n) === changed.length) break;
    }
  }
  const idPattern = anyOf(ids);
  for (const [table, column] of jsonColumns) {
    const col = sql.ref(column);
    await sql`update ${sql.table(table)} set ${col} = ${replaceIds(sql`${col}::text`, erasure)}::jsonb
      where workspace_id = ${erasure.workspaceId} and ${col}::text ~ ${idPattern}`.execute(db);
  }
}

/** Lists of people others rely on (admins, user groups, managers): they simply leave the list. */
async function removeFromLists(db: Executor, erasure: Erasure): Promise<void> {
  const { workspaceId } = erasure;
  const ids = idsOf(erasure);
  await sql`update kudos_settings set admin_user_ids = admin_user_ids - ${ids}::text[]
    where workspace_id = ${workspaceId} and admin_user_ids ?| ${ids}::text[]`.execute(db);
  await sql`update pairing_usergroups set members = array(
      select x from unnest(members) with ordinality u(x, i) where x <> all(${ids}::text[]) order by i)
    where workspace_id = ${workspaceId} and members && ${ids}::text[]`.execute(db);
  await sql`update programmes set host_user_id = null
    where workspace_id = ${workspaceId} and host_user_id = any(${ids}::text[])`.execute(db);
  // Others' entries naming them as manager: a manager who is gone is no manager (and no pairing rule) any more.
  await sql`update members set
      profile_manager_id = case when profile_manager_id = any(${ids}::text[]) then null else profile_manager_id end,
      admin_manager_id = case when admin_manager_id = any(${ids}::text[]) then null else admin_manager_id end
    where workspace_id = ${workspaceId}
      and (profile_manager_id = any(${ids}::text[]) or admin_manager_id = any(${ids}::text[]))`.execute(db);
  // The colleague's profile fields that named them (a "Reports to" field): the values go, as if the field were empty.
  const named = `\\y${anyOf(ids)}\\y`;
  await sql`update members set profile_fields = coalesce(
      (select jsonb_object_agg(f.key, f.value) from jsonb_each(profile_fields) f where f.value::text !~ ${named}),
      '{}'::jsonb)
    where workspace_id = ${workspaceId} and profile_fields::text ~ ${named}`.execute(db);
}

/**
 * Rounds: a pending intro goes to the others (or to nobody when one is left); past groups keep the tombstone so
 * others' pairing history stays true; the pools and debts of rounds forget them.
 */
async function leaveRounds(db: Executor, erasure: Erasure): Promise<void> {
  const { workspaceId } = erasure;
  const ids = idsOf(erasure);
  const quotedIds = `"${anyOf(ids)}"`;
  const stayers = sql`array(select x from unnest(g.members) with ordinality u(x, i) where x <> all(${ids}::text[]) order by i)`;
  const tombstonesOf = (column: string) =>
    sql`array(select coalesce(m.tombstone, x) from unnest(${sql.ref(`g.${column}`)}) with ordinality u(x, i)
      left join ${tombstoneMap(erasure)} on m.user_id = x order by i)`;
  await sql`update round_groups g set
      members = ${stayers},
      dropped = ${tombstonesOf('dropped')} || array(
        select m.tombstone from unnest(g.members) with ordinality u(x, i) join ${tombstoneMap(erasure)} on m.user_id = x
        order by i),
      status = case when cardinality(${stayers}) < 2 then 'cancelled' else g.status end
    where g.workspace_id = ${workspaceId} and g.status = 'pending' and g.members && ${ids}::text[]`.execute(db);
  // Two statements, so the members one is an index lookup (an `or` would read every group of every round).
  await sql`update round_groups g set members = ${tombstonesOf('members')}
    where g.workspace_id = ${workspaceId} and g.members && ${ids}::text[]`.execute(db);
  await sql`update round_groups g set dropped = ${tombstonesOf('dropped')}
    where g.workspace_id = ${workspaceId} and g.dropped && ${ids}::text[]`.execute(db);
  await sql`update rounds set
      pool = coalesce((select jsonb_agg(p order by i) from jsonb_array_elements(pool) with ordinality e(p, i)
        where not (p->>'userId' = any(${ids}::text[]))), '[]'::jsonb),
      debts = jsonb_build_object(
        'trio', coalesce(debts->'trio', '[]'::jsonb) - ${ids}::text[],
        'unmatched', coalesce(debts->'unmatched', '[]'::jsonb) - ${ids}::text[])
    where workspace_id = ${workspaceId} and (pool::text ~ ${quotedIds} or debts::text ~ ${quotedIds})`.execute(db);
}

/** Mentorship: their pairs end and their open requests are withdrawn, so nothing is sent on their behalf. */
async function endMentorships(db: Executor, erasure: Erasure): Promise<void> {
  const { workspaceId, now } = erasure;
  const ids = idsOf(erasure);
  const theirs = sql`(mentor_id = any(${ids}::text[]) or mentee_id = any(${ids}::text[]))`;
  await sql`update mentorship_pairs set status = 'ended', ended_at = ${now}, end_reason = 'left'
    where workspace_id = ${workspaceId} and status = 'active' and ${theirs}`.execute(db);
  await sql`update mentorship_requests set status = 'withdrawn', answered_at = ${now}
    where workspace_id = ${workspaceId} and status = 'open' and ${theirs}`.execute(db);
  await sql`update mentorship_cycles set proposal = jsonb_set(proposal, '{pairs}', coalesce((
      select jsonb_agg(p order by i) from jsonb_array_elements(proposal->'pairs') with ordinality e(p, i)
      where not (p->>'mentor' = any(${ids}::text[])) and not (p->>'mentee' = any(${ids}::text[]))), '[]'::jsonb))
    where workspace_id = ${workspaceId} and status = 'proposed' and proposal::text ~ ${`"${anyOf(ids)}"`}`.execute(db);
}

/** Forget-me: their directory entry goes; the `erased_members` digest keeps the sync from storing it again. */
export async function deleteDirectoryEntries(db: Executor, erasure: Erasure): Promise<void> {
  await db
    .deleteFrom('members')
    .where('workspace_id', '=', erasure.workspaceId)
    .where('user_id', 'in', idsOf(erasure))
    .execute();
}

/**
 * Someone who left Slack: their directory entry is blanked and kept, with only their Slack user id, as the tombstone
 * that stops the next sync from bringing their profile back (and lets it read them again if Slack says they are back).
 */
export async function blankDirectoryEntries(db: Executor, erasure: Erasure): Promise<number> {
  const result = await db
    .updateTable('members')
    .set({
      name: '',
      display_name: '',
      real_name: '',
      title: '',
      email: null,
      profile_fields: '{}',
      team: null,
      department: null,
      profile_seniority: null,
      profile_manager_id: null,
      admin_seniority: null,
      admin_manager_id: null,
      status_text: '',
      status_emoji: '',
      status_expiration: null,
      personal_data_purged_at: erasure.now,
    })
    .where('workspace_id', '=', erasure.workspaceId)
    .where('user_id', 'in', idsOf(erasure))
    .where('is_deleted', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
