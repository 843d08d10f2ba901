import type { KnownBlock } from '@slack/types';
import type { AdminAuditEntry } from '../../domain/audit/audit-log.ts';
import type { AuditValue } from '../../domain/audit/record-admin-action.ts';
import { isTombstoneId } from '../../domain/privacy/tombstone.ts';
import { plural, withArticle } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, type SlackMessage, section, textMessage } from '../platform/block-kit.ts';

export const auditOlderActionId = 'audit_older';
export const auditExportActionId = 'audit_export';

export const notAuditAdminText =
  'Only Nudge admins (Slack workspace admins and owners, and people they name) can read the audit log.';

export const notAuditExportAdminText =
  'Only Nudge admins (Slack workspace admins and owners, and people they name) can export the audit log.';

export function auditExportQueuedMessage(): SlackMessage {
  return textMessage(
    'The audit log is on its way to your DM with Nudge, as a CSV file with every entry.',
    'Only you receive it. Your export is recorded in the audit log too.',
  );
}

/** The message that shares the file. */
export function auditExportComment(entries: number): string {
  return `The audit log of this workspace, ${plural(entries, 'entry', 'entries')}, oldest first (times in UTC).`;
}

export function auditExportFilename(requestedAt: Date): string {
  return `nudge-audit-log-${requestedAt.toISOString().slice(0, 10)}.csv`;
}

const labels: Record<string, string> = {
  processed_events_days: 'days event ids are kept',
  send_ledger_days: 'days the send ledger is kept',
  checkin_answers_days: 'days check-in answers are kept',
  feedback_days: 'days feedback is kept',
  kudos_history_days: 'days kudos are kept',
  audit_log_days: 'days the audit log is kept',
  departed_grace_days: 'days before departed people are purged',
  awayMarkers: 'away words and emoji',
  timeZone: 'time zone',
  allowance: 'allowance',
  allowancePeriod: 'allowance period',
  pairCap: 'kudos to one person per week',
  emoji: 'kudos reaction',
  values: 'values',
  kudosChannelId: 'kudos channel',
  promptChannelIds: 'prompt channels',
  promptWeekday: 'prompt day',
  promptHour: 'prompt hour',
  digestEnabled: 'monthly digest',
  adminUserIds: 'Nudge admins',
  channelId: 'celebrations channel',
  paused: 'paused',
  postHour: 'posting hour',
  weekendRule: 'dates on a weekend',
  digestChannelId: 'digest channel',
  digestWeekday: 'digest day',
  digestHour: 'digest hour',
  frequency: 'frequency',
  weekday: 'day',
  sendHour: 'sending hour',
  groupSize: 'group size',
  cooldownWeeks: 'weeks before meeting again',
  approvalRequired: 'approval before sending',
  teamSource: 'teams from',
  teamFieldId: 'team profile field',
  teamUsergroupIds: 'team user groups',
  departmentSource: 'departments from',
  departmentFieldId: 'department profile field',
  cycleMonths: 'cycle length in months',
  signupDeadline: 'sign-up deadline',
  matchingMode: 'matching',
  defaultCapacity: 'mentees per mentor',
  maxCapacity: 'most mentees per mentor',
  minSeniorityGap: 'minimum seniority gap',
  allowSameTeam: 'same-team pairs',
  skills: 'skills',
  team: 'team',
  department: 'department',
};

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const channelKeys = new Set(['kudosChannelId', 'channelId', 'digestChannelId', 'promptChannelIds']);
const weekdayKeys = new Set(['promptWeekday', 'digestWeekday', 'weekday']);
const hourKeys = new Set(['promptHour', 'postHour', 'digestHour', 'sendHour']);

/** A date and time each reader sees in their own time zone. */
function when(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

function one(key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (channelKeys.has(key)) return `<#${value}>`;
  if (key === 'adminUserIds') return `<@${value}>`;
  if (key === 'teamUsergroupIds') return `<!subteam^${value}>`;
  if (weekdayKeys.has(key) && typeof value === 'number') return weekdays[value - 1] ?? String(value);
  if (hourKeys.has(key) && typeof value === 'number') return `${String(value).padStart(2, '0')}:00`;
  if (key === 'signupDeadline' && typeof value === 'string') return when(new Date(value));
  return escapeMrkdwn(String(value));
}

function shown(key: string, value: AuditValue): string {
  if (value === null) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => one(key, v)).join(', ');
  return one(key, value);
}

function changeList(changes: AdminAuditEntry['changes']): string {
  return Object.entries(changes)
    .map(([key, { from, to }]) => `${labels[key] ?? key} ${shown(key, from)} → ${shown(key, to)}`)
    .join('; ');
}

function count(changes: AdminAuditEntry['changes'], key: string): number {
  const value = changes[key]?.to;
  return typeof value === 'number' ? value : 0;
}

const programmeKinds: Record<string, string> = {
  coffee: 'coffee',
  'cross-team': 'cross-team',
  'exec-lottery': 'exec lottery',
};

/** What an admin did, in plain words, after their name. */
export function describeAdminAction(entry: AdminAuditEntry): string {
  const where = entry.subject ? `<#${entry.subject}>` : 'a channel';
  const changes = entry.changes;
  switch (entry.action) {
    case 'kudos.settings_changed':
      return `changed kudos settings: ${changeList(changes)}`;
    case 'celebrations.settings_changed':
      return `changed celebration settings: ${changeList(changes)}`;
    case 'celebrations.paused':
      return 'paused celebrations';
    case 'celebrations.resumed':
      return 'resumed celebrations';
    case 'celebrations.dates_imported':
      return `imported dates for ${plural(count(changes, 'people'), 'person', 'people')}`;
    case 'pairing.programme_started': {
      const kind = String(changes.kind?.to ?? '');
      return `started ${withArticle(`${programmeKinds[kind] ?? 'pairing'} programme`)} in ${where}`;
    }
    case 'pairing.programme_settings_changed':
      return `changed the programme settings in ${where}: ${changeList(changes)}`;
    case 'pairing.round_approved':
      return `approved the round of ${escapeMrkdwn(String(changes.round?.to ?? ''))} in ${where}`;
    case 'pairing.people_imported':
      return `imported teams for ${plural(count(changes, 'people'), 'person', 'people')}`;
    case 'pairing.team_set':
      return `set the team of <@${entry.subject}>: ${changeList(changes)}`;
    case 'mentorship.programme_started':
      return `started a mentorship programme in ${where}`;
    case 'mentorship.settings_changed':
      return `changed the mentorship settings in ${where}: ${changeList(changes)}`;
    case 'mentorship.cycle_approved':
      return `approved a mentorship cycle in ${where}: ${plural(count(changes, 'pairs'), 'pair')}`;
    case 'learning.skill_list_changed':
      return `changed the workspace skill list: ${changeList(changes)}`;
    case 'learning.skills_imported':
      return `imported skills for ${plural(count(changes, 'people'), 'person', 'people')}`;
    case 'learning.weekly_cap_changed':
      return `changed how many learning requests one person receives a week: ${changeList(changes)}`;
    case 'privacy.person_erased':
      return 'asked Nudge to forget them: their personal data was erased, what others hold is anonymised';
    case 'retention.settings_changed':
      return `changed how long data is kept: ${changeList(changes)}`;
    case 'privacy.data_exported':
      return `downloaded their own data with \`/nudge my-data\`: ${plural(count(changes, 'files'), 'file')}`;
    case 'directory.away_markers_changed':
      return `changed the words and emoji that mean away: ${changeList(changes)}`;
    case 'audit.log_exported':
      return 'exported the audit log as a CSV file';
  }
}

/** A section's text holds at most 3,000 characters; a very long change list is cut rather than refused. */
function fitted(text: string): string {
  return text.length > 2900 ? `${text.slice(0, 2899)}…` : text;
}

export function adminAuditLine(entry: AdminAuditEntry): string {
  // An erased person's entries carry their tombstone id, which Slack cannot render as a mention.
  const actor = isTombstoneId(entry.actor_id) ? 'A former colleague' : `<@${entry.actor_id}>`;
  return fitted(`${when(entry.at)}  ${actor} ${describeAdminAction(entry)}`);
}

/** One page of the audit log, newest first, with a button for the next older page when there is one. */
export function adminAuditMessage(page: {
  entries: AdminAuditEntry[];
  olderCursor: string | null;
  older: boolean;
}): SlackMessage {
  if (page.entries.length === 0) {
    const text = page.older ? 'No older admin actions.' : 'No admin actions recorded yet.';
    return { text, blocks: [section(text)] };
  }
  const title = page.older ? '*Older admin actions*, newest first' : '*Admin actions*, newest first';
  const lines = page.entries.map(adminAuditLine);
  const blocks: KnownBlock[] = [section(title), ...lines.map((line) => section(line))];
  const exportButton = button({ text: 'Export as CSV', actionId: auditExportActionId, value: 'csv' });
  if (page.olderCursor) {
    blocks.push(
      actions([button({ text: 'Show older', actionId: auditOlderActionId, value: page.olderCursor }), exportButton]),
    );
  } else {
    blocks.push(context('That is everything recorded.'), actions([exportButton]));
  }
  return { text: `${title}\n${lines.join('\n')}`, blocks };
}
