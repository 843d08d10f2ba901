import type { Db } from '../../db/database.ts';
import { replaceSkillProfileList } from '../../db/queries/learning-skills.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { importedPersonCheck, readPeopleCsv } from '../celebrations/people-csv.ts';
import { findPeople } from '../directory/find-people.ts';
import {
  foldSkillsForStorage,
  isSkillListName,
  maxProfileSkills,
  type SkillListName,
  skillListNames,
} from './skill-lists.ts';

/**
 * Admin CSV import of skills profiles. Preview first (every row checked, every problem reported with its line),
 * then apply: only a confirmed import writes, and only rows that pass. Each row replaces one list of one person.
 *
 *   user,list,skills
 *   ada@example.com,ask_me_about,Kubernetes; public speaking
 *   U0123ABCD,want_to_learn,Go
 *
 * user: an @mention, a Slack user ID or an email. list: ask_me_about, can_mentor, want_to_learn or want_to_improve
 * (spaces for underscores will do). skills: separated by `;`, folded like every skill list; empty clears the list.
 */

export const maxSkillImportRows = 500;

type Column = 'user' | 'list' | 'skills';

const aliases: Record<string, Column> = {
  user: 'user',
  person: 'user',
  email: 'user',
  user_id: 'user',
  slack_id: 'user',
  list: 'list',
  skills: 'skills',
};

export interface SkillImportRow {
  line: number;
  person: string;
  userId: string;
  list: SkillListName;
  skills: Array<{ skill: string; key: string }>;
}

export interface SkillImportRowError {
  line: number;
  person: string;
  messages: string[];
}

export type SkillImportPreview =
  | { ok: true; ready: SkillImportRow[]; errors: SkillImportRowError[] }
  | { ok: false; error: string };

const listNames = skillListNames.join(', ');

export async function previewSkillImport(
  db: Db,
  input: { workspaceId: string; csv: string },
): Promise<SkillImportPreview> {
  const csv = readPeopleCsv(input.csv, {
    aliases,
    maxRows: maxSkillImportRows,
    headerExample: 'user,list,skills',
    columnsHint: 'Use user, list and skills.',
    person: { column: 'user', means: 'a mention, user ID or email' },
    oneOf: ['list', 'skills'],
  });
  if (!csv.ok) return csv;
  const people = await findPeople(
    db,
    input.workspaceId,
    csv.rows.map((r) => r.values.user ?? ''),
  );
  const ready: SkillImportRow[] = [];
  const errors: SkillImportRowError[] = [];
  // A person appears once per list: the check that remembers people is kept per list.
  const checks = new Map(skillListNames.map((list) => [list, importedPersonCheck()]));
  csv.rows.forEach(({ line, values, messages }, i) => {
    const person = values.user ?? '';
    const found = people[i]!;
    const member = found.ok ? found.member : undefined;
    if (!found.ok) messages.push(found.reason);
    const listText = (values.list ?? '').toLowerCase().replace(/[\s-]+/g, '_');
    const list = isSkillListName(listText) ? listText : undefined;
    if (!list) messages.push(`List "${(values.list ?? '').slice(0, 30)}" is not one of ${listNames}.`);
    else if (member)
      messages.push(...checks.get(list)!(member, line).map((m) => m.replace('same person', 'same person and list')));
    const folded = foldSkillsForStorage((values.skills ?? '').split(';'), maxProfileSkills);
    if (!folded.ok) messages.push(folded.problem);
    if (messages.length > 0 || !member || !list || !folded.ok) {
      errors.push({ line, person, messages: [...new Set(messages)] });
    } else ready.push({ line, person, userId: member.user_id, list, skills: folded.skills });
  });
  return { ok: true, ready, errors };
}

export type ApplySkillImportResult =
  | { ok: true; saved: number; errors: SkillImportRowError[] }
  | { ok: false; error: string };

/** Checks every row again (the directory may have changed since the preview) and saves the good ones at once. */
export async function applySkillImport(
  db: Db,
  input: { workspaceId: string; actorId: string; csv: string; now: Date },
): Promise<ApplySkillImportResult> {
  const preview = await previewSkillImport(db, input);
  if (!preview.ok) return preview;
  const people = new Set(preview.ready.map((r) => r.userId));
  await db.transaction().execute(async (trx) => {
    for (const row of preview.ready) {
      await replaceSkillProfileList(trx, {
        workspaceId: input.workspaceId,
        userId: row.userId,
        list: row.list,
        skills: row.skills,
        now: input.now,
      });
    }
    // Counts only: what people want to learn or improve is theirs, and stays out of the log.
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'learning.skills_imported',
      changes: { people: { from: null, to: people.size }, rows: { from: null, to: preview.ready.length } },
      now: input.now,
    });
  });
  return { ok: true, saved: people.size, errors: preview.errors };
}
