/**
 * Validation of a cohort as it arrives from outside (the CLI, an admin upload). Strict objects, so a typo such as
 * `capacty` is reported instead of silently ignored, and every problem is listed at once.
 */

import { z } from 'zod';
import { isValidTimeZone } from '../timezone.ts';
import { MAX_CAPACITY, MIN_CAPACITY } from './cohort.ts';
import { MAX_SKILL_LENGTH, normaliseSkill } from './skills.ts';
import type { MentorshipInput } from './types.ts';

const hour = z.number().min(0).max(24);
const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO date such as 2026-01-05' });
const id = z.string().trim().min(1, { message: 'must not be empty' }).max(200);
const skill = z
  .string()
  .max(MAX_SKILL_LENGTH, { message: `a skill is at most ${MAX_SKILL_LENGTH} characters` })
  .refine((s) => normaliseSkill(s) !== '', { message: 'a skill needs at least one letter or digit' });
const timezone = z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });
const seniority = z.number().min(0).max(100);

const capacity = z.number().refine((n) => Number.isInteger(n) && n >= MIN_CAPACITY && n <= MAX_CAPACITY, {
  message: `must be a whole number of mentees from ${MIN_CAPACITY} to ${MAX_CAPACITY} (leave out a mentor who takes none)`,
});

const mentorSchema = z.strictObject({
  id,
  capacity,
  teaches: z.array(skill).min(1, { message: 'a mentor teaches at least one skill' }),
  team: z.string().optional(),
  department: z.string().optional(),
  timezone: timezone.optional(),
  workHours: z.tuple([hour, hour]).optional(),
  seniority: seniority.optional(),
  manager: id.optional(),
});

const menteeSchema = z.strictObject({
  id,
  learns: z.array(skill),
  team: z.string().optional(),
  department: z.string().optional(),
  timezone: timezone.optional(),
  workHours: z.tuple([hour, hour]).optional(),
  seniority: seniority.optional(),
  manager: id.optional(),
  goals: z.string().max(2000).optional(),
  preferOtherTeam: z.boolean().optional(),
});

const pairRef = z.strictObject({ mentor: z.string(), mentee: z.string() });

const cohortSchema = z.strictObject({
  mentors: z.array(mentorSchema),
  mentees: z.array(menteeSchema),
  history: z.array(z.strictObject({ mentor: z.string(), mentee: z.string(), date: isoDate })).optional(),
  blocks: z.array(z.tuple([z.string(), z.string()])).optional(),
  rules: z
    .strictObject({
      minSeniorityGap: z.number().min(0).max(100).optional(),
      allowSameTeam: z.boolean().optional(),
    })
    .optional(),
  continuing: z.array(pairRef).optional(),
  scores: z
    .array(
      z.strictObject({
        mentor: z.string(),
        mentee: z.string(),
        score: z.number().int({ message: 'must be a whole number' }).min(-1_000_000).max(1_000_000),
      }),
    )
    .optional(),
  date: isoDate.optional(),
  seed: z.union([z.string(), z.number()]).optional(),
  mode: z.enum(['assign', 'choice']).optional(),
});

type Loose = Record<string, unknown>;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Loose)[key] : undefined;

/**
 * Duplicate ids and pairs naming people outside the cohort. Checked on the raw input beside the schema, so these
 * are listed together with every other problem rather than only once the rest is fixed.
 */
function crossReferenceProblems(raw: unknown): string[] {
  const problems: string[] = [];
  const ids = (role: 'mentors' | 'mentees'): Set<string> => {
    const seen = new Set<string>();
    asArray(field(raw, role)).forEach((person, i) => {
      const id = field(person, 'id');
      if (typeof id !== 'string') return;
      if (seen.has(id)) problems.push(`${role}[${i}].id: "${id}" appears more than once`);
      seen.add(id);
    });
    return seen;
  };
  const mentors = ids('mentors');
  const mentees = ids('mentees');
  // A person's manager is one fact about them, whichever role they sign up for.
  const managers = new Map<string, string>();
  for (const role of ['mentors', 'mentees'] as const) {
    asArray(field(raw, role)).forEach((person, i) => {
      const id = field(person, 'id');
      const manager = field(person, 'manager');
      if (typeof id !== 'string' || typeof manager !== 'string') return;
      if (manager === id) problems.push(`${role}[${i}].manager: nobody is their own manager`);
      const other = managers.get(id);
      if (other !== undefined && other !== manager)
        problems.push(`${role}[${i}].manager: "${id}" has the manager "${other}" elsewhere in the input`);
      managers.set(id, manager);
    });
  }
  // A typo in a pair would otherwise be silently ignored.
  for (const list of ['scores', 'continuing'] as const) {
    const seen = new Set<string>();
    asArray(field(raw, list)).forEach((pair, i) => {
      const mentor = field(pair, 'mentor');
      const mentee = field(pair, 'mentee');
      if (typeof mentor !== 'string' || typeof mentee !== 'string') return;
      if (!mentors.has(mentor)) problems.push(`${list}[${i}].mentor: no mentor "${mentor}"`);
      if (!mentees.has(mentee)) problems.push(`${list}[${i}].mentee: no mentee "${mentee}"`);
      if (mentor === mentee) problems.push(`${list}[${i}]: nobody mentors themselves`);
      const key = JSON.stringify([mentor, mentee]);
      if (seen.has(key)) problems.push(`${list}[${i}]: this pair is listed twice`);
      seen.add(key);
    });
  }
  return problems;
}

export type ParsedCohort = { ok: true; input: MentorshipInput } | { ok: false; errors: string[] };

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

export function parseMentorshipInput(raw: unknown): ParsedCohort {
  const parsed = cohortSchema.safeParse(raw);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${describePath(issue.path)}: ${issue.message}`);
  errors.push(...crossReferenceProblems(raw));
  if (parsed.success && errors.length === 0) return { ok: true, input: parsed.data as MentorshipInput };
  return { ok: false, errors };
}
