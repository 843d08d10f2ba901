import type { Db } from '../../db/database.ts';
import { updateMemberTeam } from '../../db/queries/pairing-teams.ts';
import { importedPersonCheck, readPeopleCsv } from '../celebrations/people-csv.ts';
import { findPeople } from '../directory/find-people.ts';
import { cleanTeamName, maxTeamNameLength } from './team-sources.ts';

/**
 * Admin CSV import of people's teams and departments into Nudge's directory. Preview first (every row checked,
 * every problem reported with its line), then apply: only a confirmed import writes, and only rows that pass.
 *
 *   user,team,department
 *   <@U0123ABCD>,Payments,Engineering
 *   ada@example.com,Design,
 *
 * user: an @mention, a Slack user ID or an email (or @username). An empty team or department cell keeps what
 * the person had. The CSV reading and person checks are the celebrations import's, shared rather than copied.
 */

export const maxTeamImportRows = 500;

type Column = 'user' | 'team' | 'department';

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
};

export interface TeamImportRow {
  line: number;
  person: string;
  userId: string;
  /** undefined: the cell was empty, so the person keeps their team. */
  team: string | undefined;
  department: string | undefined;
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

export async function previewTeamImport(
  db: Db,
  input: { workspaceId: string; csv: string },
): Promise<TeamImportPreview> {
  const csv = readPeopleCsv(input.csv, {
    aliases,
    maxRows: maxTeamImportRows,
    headerExample: 'user,team,department',
    columnsHint: 'Use user, team and department.',
    person: { column: 'user', means: 'a mention, user ID or email' },
    oneOf: ['team', 'department'],
  });
  if (!csv.ok) return csv;
  const people = await findPeople(
    db,
    input.workspaceId,
    csv.rows.map((r) => r.values.user ?? ''),
  );
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
    if (!values.team && !values.department) messages.push('Nothing to import: give a team or a department.');
    if (messages.length > 0 || !member) errors.push({ line, person, messages: [...new Set(messages)] });
    else ready.push({ line, person, userId: member.user_id, team, department });
  });
  return { ok: true, ready, errors };
}

export type ApplyTeamImportResult =
  | { ok: true; saved: number; errors: TeamImportRowError[] }
  | { ok: false; error: string };

/** Checks every row again (the directory may have changed since the preview) and saves the good ones at once. */
export async function applyTeamImport(
  db: Db,
  input: { workspaceId: string; csv: string },
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
    }
  });
  return { ok: true, saved: preview.ready.length, errors: preview.errors };
}
