import type { Db } from '../../db/database.ts';
import { updateMemberAdminFacts } from '../../db/queries/members.ts';
import { updateMemberTeam } from '../../db/queries/pairing-teams.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { importedPersonCheck, readPeopleCsv } from '../celebrations/people-csv.ts';
import { findPeople, type PersonLookup } from '../directory/find-people.ts';
import { seniorityHint, seniorityLevel } from '../directory/seniority-level.ts';
import { cleanTeamName, maxTeamNameLength } from './team-sources.ts';

/**
 * Admin CSV import of people's teams, departments, seniority and managers into Nudge's directory. Preview first
 * (every row checked, every problem reported with its line), then apply: only a confirmed import writes, and only
 * rows that pass.
 *
 *   user,team,department,seniority,manager
 *   <@U0123ABCD>,Payments,Engineering,senior,ada@example.com
 *   ada@example.com,Design,,6,
 *
 * user and manager: an @mention, a Slack user ID or an email (or @username). seniority: a level 1–10 or a word
 * (`seniority-level.ts`). An empty cell keeps what the person had. The seniority and manager an admin imports win
 * over what the person's Slack profile fields say; `-` in either cell withdraws the admin's value, so the profile
 * applies again. The CSV reading and person checks are the celebrations
 * import's, shared rather than copied.
 */

export const maxTeamImportRows = 500;

type Column = 'user' | 'team' | 'department' | 'seniority' | 'manager';

const aliases: Record<string, Column> = {
  user: 'user',
  person: 'user',
  member: 'user',
  email: 'user',
  user_id: 'user',
  slack_id: 'user',
  team: 'team',
  department: 'department',
  dept: 'department',
  seniority: 'seniority',
  level: 'seniority',
  grade: 'seniority',
  manager: 'manager',
  reports_to: 'manager',
  line_manager: 'manager',
};

const dataColumns = ['team', 'department', 'seniority', 'manager'] as const;

export interface TeamImportRow {
  line: number;
  person: string;
  userId: string;
  /** undefined: the cell was empty (or the column absent), so the person keeps what they had. */
  team: string | undefined;
  department: string | undefined;
  /** null: `-`, the admin's value is withdrawn and the Slack profile applies again. */
  seniority: number | null | undefined;
  managerId: string | null | undefined;
}

export interface TeamImportRowError {
  line: number;
  person: string;
  messages: string[];
}

export type TeamImportPreview =
  | { ok: true; ready: TeamImportRow[]; errors: TeamImportRowError[] }
  | { ok: false; error: string };

function checkName(label: string, value: string, messages: string[]): string | undefined {
  if (value === '') return undefined;
  if (value.length > maxTeamNameLength) {
    messages.push(`${label} "${value.slice(0, 30)}…" is longer than ${maxTeamNameLength} characters.`);
    return undefined;
  }
  return cleanTeamName(value) ?? undefined;
}

const withdraw = '-';

function checkSeniority(value: string, messages: string[]): number | null | undefined {
  if (value === '') return undefined;
  if (value === withdraw) return null;
  const level = seniorityLevel(value);
  if (level === null) messages.push(`Seniority "${value.slice(0, 30)}" is not a level: give ${seniorityHint}.`);
  return level ?? undefined;
}

/** The manager a cell names, or why it cannot be this person's manager. */
function checkManager(
  value: string,
  found: PersonLookup | undefined,
  personId: string | undefined,
  messages: string[],
): string | null | undefined {
  if (value === withdraw) return null;
  if (value === '' || !found) return undefined;
  if (!found.ok) {
    messages.push(`Manager: ${found.reason}`);
    return undefined;
  }
  const manager = found.member;
  if (manager.is_deleted) messages.push('The manager has left the workspace.');
  else if (manager.is_bot) messages.push('The manager is a bot, not a person.');
  else if (manager.user_id === personId) messages.push('Nobody is their own manager.');
  else return manager.user_id;
  return undefined;
}

/** "a team or a department", "a team, a department, a seniority or a manager": the columns this CSV has. */
function nothingToImport(present: readonly string[]): string {
  const names = present.map((c) => `a ${c}`);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `Nothing to import: give ${list}.`;
}

export async function previewTeamImport(
  db: Db,
  input: { workspaceId: string; csv: string },
): Promise<TeamImportPreview> {
  const csv = readPeopleCsv(input.csv, {
    aliases,
    maxRows: maxTeamImportRows,
    headerExample: 'user,team,department',
    columnsHint: 'Use user, team, department, seniority and manager.',
    person: { column: 'user', means: 'a mention, user ID or email' },
    oneOf: [...dataColumns],
  });
  if (!csv.ok) return csv;
  const people = await findPeople(
    db,
    input.workspaceId,
    csv.rows.map((r) => r.values.user ?? ''),
  );
  const managerCells = csv.rows.map((r) => r.values.manager ?? '');
  const managers = managerCells.some((cell) => cell !== '' && cell !== withdraw)
    ? await findPeople(db, input.workspaceId, managerCells)
    : [];
  const present = dataColumns.filter((c) => csv.rows[0]?.values[c] !== undefined);
  const ready: TeamImportRow[] = [];
  const errors: TeamImportRowError[] = [];
  const checkPerson = importedPersonCheck();
  csv.rows.forEach(({ line, values, messages }, i) => {
    const person = values.user ?? '';
    const found = people[i]!;
    const member = found.ok ? found.member : undefined;
    if (!found.ok) messages.push(found.reason);
    messages.push(...checkPerson(member, line));
    const team = checkName('Team', values.team ?? '', messages);
    const department = checkName('Department', values.department ?? '', messages);
    const seniority = checkSeniority(values.seniority ?? '', messages);
    const managerId = checkManager(values.manager ?? '', managers[i], member?.user_id, messages);
    if (dataColumns.every((c) => !values[c])) messages.push(nothingToImport(present));
    if (messages.length > 0 || !member) errors.push({ line, person, messages: [...new Set(messages)] });
    else ready.push({ line, person, userId: member.user_id, team, department, seniority, managerId });
  });
  return { ok: true, ready, errors };
}

export type ApplyTeamImportResult =
  | { ok: true; saved: number; errors: TeamImportRowError[] }
  | { ok: false; error: string };

/** Checks every row again (the directory may have changed since the preview) and saves the good ones at once. */
export async function applyTeamImport(
  db: Db,
  input: { workspaceId: string; actorId: string; csv: string; now: Date },
): Promise<ApplyTeamImportResult> {
  const preview = await previewTeamImport(db, input);
  if (!preview.ok) return preview;
  await db.transaction().execute(async (trx) => {
    for (const row of preview.ready) {
      await updateMemberTeam(trx, {
        workspaceId: input.workspaceId,
        userId: row.userId,
        ...(row.team !== undefined ? { team: row.team } : {}),
        ...(row.department !== undefined ? { department: row.department } : {}),
      });
      await updateMemberAdminFacts(trx, {
        workspaceId: input.workspaceId,
        userId: row.userId,
        ...(row.seniority !== undefined ? { seniority: row.seniority } : {}),
        ...(row.managerId !== undefined ? { managerId: row.managerId } : {}),
      });
    }
    // Counts only: who sits in which team is in the directory, not repeated in the log.
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'pairing.people_imported',
      changes: { people: { from: null, to: preview.ready.length } },
      now: input.now,
    });
  });
  return { ok: true, saved: preview.ready.length, errors: preview.errors };
}
