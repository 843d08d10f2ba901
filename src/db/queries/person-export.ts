import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/**
 * What `/nudge my-data` reads, kind by kind: each kind is one table's rows that concern the person, selected by the
 * columns named in `matchedBy`. docs/privacy.md lists the same kinds; the export test checks every column of every
 * table that holds a person's id is either matched here or listed in `columnsNotExported` with the reason.
 */
export interface ExportKind {
  kind: string;
  table: keyof Database;
  /** The columns that name the person; a row matches when any of them does. */
  matchedBy: ReadonlyArray<{ column: string; holds: 'id' | 'id array' | 'id in json' }>;
  /** Only the person's own answers, their own blocks, their own feedback: never what others said about them. */
  note: string;
}

export const exportKinds: ReadonlyArray<ExportKind> = [
  { kind: 'profile', table: 'members', matchedBy: [{ column: 'user_id', holds: 'id' }], note: 'directory entry' },
  {
    kind: 'profile_fields',
    table: 'pairing_profile_values',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'custom Slack profile fields Nudge read',
  },
  {
    kind: 'team_overrides',
    table: 'member_team_overrides',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their team and department as an admin set them',
  },
  {
    kind: 'dates',
    table: 'celebration_profiles',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'birthday, start date and who may hear of them',
  },
  {
    kind: 'celebration_posts',
    table: 'celebration_posts',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their birthdays and anniversaries Nudge celebrated or plans to',
  },
  {
    kind: 'celebrations',
    table: 'celebrations',
    matchedBy: [
      { column: 'created_by', holds: 'id' },
      { column: 'contributor_ids', holds: 'id in json' },
    ],
    note: 'launches they celebrated or contributed to',
  },
  {
    kind: 'kudos_given',
    table: 'kudos_gifts',
    matchedBy: [{ column: 'giver_id', holds: 'id' }],
    note: 'kudos they gave, with the reason',
  },
  {
    kind: 'kudos_given_to',
    table: 'kudos',
    matchedBy: [{ column: 'giver_id', holds: 'id' }],
    note: 'who each kudos they gave went to',
  },
  {
    kind: 'kudos_received',
    table: 'kudos',
    matchedBy: [{ column: 'recipient_id', holds: 'id' }],
    note: 'kudos they received',
  },
  {
    kind: 'kudos_taken_back',
    table: 'kudos_revocations',
    matchedBy: [{ column: 'revoked_by', holds: 'id' }],
    note: 'kudos they took back',
  },
  {
    kind: 'kudos_totals',
    table: 'kudos_totals',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their leaderboard counts',
  },
  {
    kind: 'programmes',
    table: 'programme_members',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'pairing programmes they take part in, paused or left',
  },
  {
    kind: 'programmes_run',
    table: 'programmes',
    matchedBy: [
      { column: 'created_by', holds: 'id' },
      { column: 'host_user_id', holds: 'id' },
    ],
    note: 'pairing programmes they started or host',
  },
  {
    kind: 'pairings',
    table: 'round_groups',
    matchedBy: [
      { column: 'members', holds: 'id array' },
      { column: 'dropped', holds: 'id array' },
    ],
    note: 'groups they were introduced in',
  },
  {
    kind: 'pairing_checkins',
    table: 'round_checkins',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their own check-in answers',
  },
  {
    kind: 'pairing_unmatched',
    table: 'round_unmatched',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'rounds that found no group for them',
  },
  {
    kind: 'pairing_blocks',
    table: 'pairing_blocks',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'people they asked not to be paired with (never blocks made against them)',
  },
  {
    kind: 'skills',
    table: 'skill_profile_entries',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their four skill lists',
  },
  {
    kind: 'insights_recap_optout',
    table: 'insights_recap_optouts',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'when they turned the quarterly recap off',
  },
  {
    kind: 'insights_recaps',
    table: 'insights_recaps',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'the quarters whose recap they were sent (or had nothing to recap)',
  },
  {
    kind: 'insights_pictures',
    table: 'insights_pictures',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'the picture of their network their Home tab shows (its Slack file id)',
  },
  {
    kind: 'mentorship_signups',
    table: 'mentorship_signups',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'role, skills and goals',
  },
  {
    kind: 'mentorship_pairs',
    table: 'mentorship_pairs',
    matchedBy: [
      { column: 'mentor_id', holds: 'id' },
      { column: 'mentee_id', holds: 'id' },
    ],
    note: 'their mentorships',
  },
  {
    kind: 'mentorship_requests',
    table: 'mentorship_requests',
    matchedBy: [
      { column: 'mentor_id', holds: 'id' },
      { column: 'mentee_id', holds: 'id' },
    ],
    note: 'requests they made or received',
  },
  {
    kind: 'learning_requests',
    table: 'learning_requests',
    matchedBy: [
      { column: 'asker_id', holds: 'id' },
      { column: 'expert_id', holds: 'id' },
    ],
    note: 'learning and shadowing requests they made or received',
  },
  {
    kind: 'keep_in_touch',
    table: 'keep_in_touch_people',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'whether keep-in-touch reminders are on, and when the last weekly reconnect DM went',
  },
  {
    kind: 'keep_in_touch_contacts',
    table: 'keep_in_touch_contacts',
    matchedBy: [{ column: 'owner_id', holds: 'id' }],
    note: 'the people they keep in touch with, and how often',
  },
  {
    kind: 'keep_in_touch_prompts',
    table: 'keep_in_touch_prompts',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'the follow-ups they were asked after a meeting, and their answers',
  },
  {
    kind: 'mentorship_rematch_requests',
    table: 'mentorship_rematch_requests',
    matchedBy: [{ column: 'asked_by', holds: 'id' }],
    note: 'rematches they asked for',
  },
  {
    kind: 'mentorship_checkins',
    table: 'mentorship_checkins',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their own check-in answers',
  },
  {
    kind: 'mentorship_feedback',
    table: 'mentorship_feedback',
    matchedBy: [{ column: 'user_id', holds: 'id' }],
    note: 'their own feedback',
  },
  {
    kind: 'settings',
    table: 'kudos_settings',
    matchedBy: [{ column: 'admin_user_ids', holds: 'id in json' }],
    note: 'the workspace settings that name them as a Nudge admin',
  },
  {
    kind: 'audit_log',
    table: 'admin_audit_log',
    matchedBy: [{ column: 'actor_id', holds: 'id' }],
    note: 'admin actions they took',
  },
];

/** Columns that can hold a person's id and are not what the export selects by, with the reason. */
export const columnsNotExported: ReadonlyMap<string, string> = new Map([
  [
    'insights_window_ties.person_a',
    "counting state of the admins' insights (which ties and departments were already counted), derived from rows that are exported: not theirs to read",
  ],
  [
    'insights_window_ties.person_b',
    "counting state of the admins' insights (which ties and departments were already counted), derived from rows that are exported: not theirs to read",
  ],
  [
    'insights_window_tie_people.user_id',
    "counting state of the admins' insights (which ties and departments were already counted), derived from rows that are exported: not theirs to read",
  ],
  [
    'insights_window_givers.giver_id',
    "counting state of the admins' insights (which ties and departments were already counted), derived from rows that are exported: not theirs to read",
  ],
  [
    'insights_window_recipients.recipient_id',
    "counting state of the admins' insights (which ties and departments were already counted), derived from rows that are exported: not theirs to read",
  ],
  [
    'insights_recognition_received.recipient_id',
    "counting state of the admins' insights (kudos received, already counted for recognition), derived from kudos that are exported: not theirs to read",
  ],
  ['members.profile_manager_id', "others' directory entries naming them as manager: the colleague's, not theirs"],
  ['members.admin_manager_id', "others' directory entries naming them as manager: the colleague's, not theirs"],
  ['members.manager_id', "others' directory entries naming them as manager: the colleague's, not theirs"],
  ['pairing_blocks.blocked_user_id', 'blocks others made against them: confidential to whoever made them'],
  ['admin_audit_log.subject', "entries where an admin acted on them are the admin's record; the result is exported"],
  ['admin_audit_log.changes', "entries where an admin acted on them are the admin's record; the result is exported"],
  ['round_groups.why', "the introduction's reason, exported with the pairing itself"],
  ['mentorship_pairs.why', "the pair's reason, exported with the mentorship itself"],
  ['kudos_gifts.reason', 'a mention in a kudos: exported with the kudos (given, or received through `kudos`)'],
  ['round_swaps.user_a', "an admin's change to a round; the group that resulted is exported under pairings"],
  ['round_swaps.user_b', "an admin's change to a round; the group that resulted is exported under pairings"],
  ['round_swaps.swapped_by', "an admin's change to a round; the group that resulted is exported under pairings"],
  ['rounds.pool', "the matching engine's working list for one round; the groups are exported under pairings"],
  ['rounds.debts', "the matching engine's working list for one round; the groups are exported under pairings"],
  ['rounds.approved_by', 'an admin approving a round: recorded in the audit log, which is exported'],
  ['mentorship_cycles.proposal', "an admin's plan of pairs; the mentorships that began are exported"],
  ['mentorship_cycles.approved_by', 'an admin approving a cycle: recorded in the audit log, which is exported'],
  ['mentorship_programmes.created_by', 'starting a programme is recorded in the audit log, which is exported'],
  ['member_team_overrides.set_by', 'teams they set for others: recorded in the audit log, which is exported'],
  ['pairing_usergroups.members', "Slack's user groups, cached: Slack holds them, not Nudge"],
  ['slack_sends.idempotency_key', 'the delivery ledger that keeps a message from being sent twice'],
  ['keep_in_touch_contacts.contact_id', "others' keep-in-touch lists naming them: private to whoever keeps the list"],
  ['keep_in_touch_prompts.partner_id', "others' follow-up prompts about them: private to whoever was asked"],
  ['celebration_posts.send_key', 'the delivery key of a celebration, exported with the celebration post'],
]);

function matches(person: { userId: string }, m: ExportKind['matchedBy'][number]): RawBuilder<boolean> {
  const col = sql.ref(m.column);
  if (m.holds === 'id array') return sql<boolean>`${person.userId} = any(${col})`;
  if (m.holds === 'id in json') return sql<boolean>`${col} ? ${person.userId}`;
  return sql<boolean>`${col} = ${person.userId}`;
}

/** The rows of one kind that concern the person, in one workspace, in a stable order. */
export async function findExportRows(
  db: Executor,
  kind: ExportKind,
  person: { workspaceId: string; userId: string },
): Promise<Record<string, unknown>[]> {
  const any = sql.join(
    kind.matchedBy.map((m) => matches(person, m)),
    sql` or `,
  );
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(kind.table)}
    where workspace_id = ${person.workspaceId} and (${any})
    order by 1, 2, 3`.execute(db);
  return result.rows;
}
