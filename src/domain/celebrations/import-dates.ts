import type { Db } from '../../db/database.ts';
import { findCelebrationProfile, upsertCelebrationProfile } from '../../db/queries/celebration-profiles.ts';
import { findMembersByEmails, findMembersByIds } from '../../db/queries/members.ts';
import type { MembersTable } from '../../db/schema.ts';
import type { CelebrationVisibility } from '../../db/schema-celebrations.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { isCelebrationAdmin } from './admin.ts';
import { isValidMonthDay, type MonthDay, parseDate } from './occasions.ts';
import { importedPersonCheck, readPeopleCsv } from './people-csv.ts';
import { checkStartDate, isVisibility } from './profiles.ts';

/**
 * Admin CSV import of birthdays and start dates. Preview first (every row checked, every problem reported with
 * its line), then apply: only a confirmed import writes anything, and then only the rows that pass.
 *
 *   person,birthday,start_date,visibility
 *   ada@example.com,03-14,2019-05-02,channel
 *   U0123ABCD,12-01,,
 *
 * person: a Slack user ID or an email in the member directory. birthday: MM-DD (or YYYY-MM-DD, the year is
 * ignored). start_date: YYYY-MM-DD. visibility (or birthday_visibility / anniversary_visibility): channel, dm or
 * none; when left out, a person's existing choice stays and a new person gets none (private until they opt in).
 */

export const maxImportRows = 500;

type Column = 'person' | 'birthday' | 'start_date' | 'visibility' | 'birthday_visibility' | 'anniversary_visibility';

const aliases: Record<string, Column> = {
  person: 'person',
  user: 'person',
  email: 'person',
  user_id: 'person',
  slack_id: 'person',
  birthday: 'birthday',
  birth_date: 'birthday',
  birthdate: 'birthday',
  start_date: 'start_date',
  start: 'start_date',
  hire_date: 'start_date',
  joined: 'start_date',
  visibility: 'visibility',
  birthday_visibility: 'birthday_visibility',
  anniversary_visibility: 'anniversary_visibility',
};

export interface ImportRow {
  line: number;
  person: string;
  userId: string;
  birthday: MonthDay | null;
  startDate: string | null;
  birthdayVisibility: CelebrationVisibility | null;
  anniversaryVisibility: CelebrationVisibility | null;
}

export interface ImportRowError {
  line: number;
  person: string;
  messages: string[];
}

export type ImportPreview = { ok: true; ready: ImportRow[]; errors: ImportRowError[] } | { ok: false; error: string };

function parseBirthday(text: string): MonthDay | undefined {
  const m = /^(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidMonthDay(month, day)) return undefined;
  // With a year given, Feb 29 must exist in it, or the date is a typo.
  if (m[1] !== undefined && !parseDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`)) return undefined;
  return { month, day };
}

type Member = Pick<MembersTable, 'user_id' | 'is_bot' | 'is_deleted'>;

async function membersFor(db: Db, workspaceId: string, people: string[]) {
  const ids = people.filter((p) => /^[UW][A-Z0-9]{2,30}$/.test(p));
  const emails = people.filter((p) => p.includes('@')).map((p) => p.toLowerCase());
  const byId = await findMembersByIds(db, workspaceId, ids);
  const byEmail = new Map<string, Member[]>();
  if (emails.length > 0) {
    const rows = await findMembersByEmails(db, workspaceId, [...new Set(emails)]);
    for (const row of rows) {
      const key = (row.email ?? '').toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), row]);
    }
  }
  return { byId, byEmail };
}

export async function previewCelebrationImport(
  db: Db,
  input: { workspaceId: string; csv: string; now: Date },
): Promise<ImportPreview> {
  const csv = readPeopleCsv(input.csv, {
    aliases,
    maxRows: maxImportRows,
    headerExample: 'person,birthday,start_date',
    columnsHint: 'Use person, birthday, start_date and visibility (or birthday_visibility, anniversary_visibility).',
    person: { column: 'person', means: 'a Slack user ID or an email' },
    oneOf: ['birthday', 'start_date'],
  });
  if (!csv.ok) return csv;
  const { byId, byEmail } = await membersFor(
    db,
    input.workspaceId,
    csv.rows.map((r) => r.values.person ?? ''),
  );

  const ready: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const checkPerson = importedPersonCheck();
  for (const { line, values, messages } of csv.rows) {
    const person = values.person ?? '';
    let member: Member | undefined;
    if (person === '') messages.push('No person: give a Slack user ID or an email.');
    else if (/^[UW][A-Z0-9]{2,30}$/.test(person)) {
      member = byId.get(person);
      if (!member) messages.push(`No member of this workspace has the ID ${person}.`);
    } else if (person.includes('@')) {
      const matches = byEmail.get(person.toLowerCase()) ?? [];
      const active = matches.filter((m) => !m.is_deleted);
      if (matches.length === 0) messages.push(`No member of this workspace has the email ${person}.`);
      else if (active.length > 1) messages.push(`Several members share the email ${person}; use their Slack ID.`);
      member = active[0] ?? matches[0];
    } else messages.push(`"${person.slice(0, 60)}" is neither a Slack user ID nor an email.`);
    messages.push(...checkPerson(member, line));

    let birthday: MonthDay | null = null;
    if (values.birthday) {
      const parsedBirthday = parseBirthday(values.birthday);
      if (!parsedBirthday) {
        messages.push(`Birthday "${values.birthday.slice(0, 20)}" is not a date: use MM-DD (03-14) or YYYY-MM-DD.`);
      } else birthday = parsedBirthday;
    }
    let startDate: string | null = null;
    if (values.start_date) {
      const parsedStart = parseDate(values.start_date);
      const problem = parsedStart
        ? checkStartDate(parsedStart, input.now)
        : `Start date "${values.start_date.slice(0, 20)}" is not a date: use YYYY-MM-DD (2019-05-02).`;
      if (problem) messages.push(problem);
      else startDate = values.start_date;
    }
    const visibility = (name: Column): CelebrationVisibility | null => {
      const value = (values[name] || values.visibility || '').toLowerCase();
      if (value === '') return null;
      if (isVisibility(value)) return value;
      messages.push(`Visibility "${value.slice(0, 20)}" must be channel, dm or none.`);
      return null;
    };
    const birthdayVisibility = visibility('birthday_visibility');
    const anniversaryVisibility = visibility('anniversary_visibility');
    if (!values.birthday && !values.start_date) messages.push('Nothing to import: give a birthday or a start date.');

    if (messages.length > 0 || !member) errors.push({ line, person, messages: [...new Set(messages)] });
    else {
      ready.push({
        line,
        person,
        userId: member.user_id,
        birthday,
        startDate,
        birthdayVisibility,
        anniversaryVisibility,
      });
    }
  }
  return { ok: true, ready, errors };
}

export type ApplyImportResult =
  | { ok: true; saved: number; errors: ImportRowError[] }
  | { ok: false; refused: 'not_admin' }
  | { ok: false; error: string };

/** Checks every row again (the directory may have changed since the preview) and saves the good ones at once. */
export async function applyCelebrationImport(
  db: Db,
  input: { workspaceId: string; actorId: string; csv: string; now: Date },
): Promise<ApplyImportResult> {
  if (!(await isCelebrationAdmin(db, input.workspaceId, input.actorId))) return { ok: false, refused: 'not_admin' };
  const preview = await previewCelebrationImport(db, input);
  if (!preview.ok) return preview;
  await db.transaction().execute(async (trx) => {
    for (const row of preview.ready) {
      const existing = await findCelebrationProfile(trx, input.workspaceId, row.userId);
      const existingBirthday =
        existing?.birthday_month != null && existing.birthday_day != null
          ? { month: existing.birthday_month, day: existing.birthday_day }
          : null;
      await upsertCelebrationProfile(trx, {
        workspaceId: input.workspaceId,
        userId: row.userId,
        birthday: row.birthday ?? existingBirthday,
        startDate: row.startDate ?? existing?.start_date ?? null,
        birthdayVisibility: row.birthdayVisibility ?? existing?.birthday_visibility ?? 'none',
        anniversaryVisibility: row.anniversaryVisibility ?? existing?.anniversary_visibility ?? 'none',
        source: 'import',
        now: input.now,
      });
    }
    // Counts only: the dates themselves are personal and stay out of the log.
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'celebrations.dates_imported',
      changes: { people: { from: null, to: preview.ready.length } },
      now: input.now,
    });
  });
  return { ok: true, saved: preview.ready.length, errors: preview.errors };
}
