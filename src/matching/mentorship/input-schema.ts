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
});

const menteeSchema = z.strictObject({
  id,
  learns: z.array(skill),
  team: z.string().optional(),
  department: z.string().optional(),
  timezone: timezone.optional(),
  workHours: z.tuple([hour, hour]).optional(),
  seniority: seniority.optional(),
  goals: z.string().max(2000).optional(),
  preferOtherTeam: z.boolean().optional(),
});

const pairRef = z.strictObject({ mentor: z.string(), mentee: z.string() });

const cohortSchema = z
  .strictObject({
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
  })
  .superRefine((cohort, ctx) => {
    const unique = (list: readonly { id: string }[], field: 'mentors' | 'mentees'): Set<string> => {
      const seen = new Set<string>();
      list.forEach((person, i) => {
        if (seen.has(person.id)) {
          ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `"${person.id}" appears more than once` });
        }
        seen.add(person.id);
      });
      return seen;
    };
    const mentors = unique(cohort.mentors, 'mentors');
    const mentees = unique(cohort.mentees, 'mentees');
    // Pairs the input asks about must name people in this cohort; a typo would otherwise be silently ignored.
    const checkPairs = (list: readonly { mentor: string; mentee: string }[] | undefined, field: string): void => {
      const seen = new Set<string>();
      list?.forEach((pair, i) => {
        if (!mentors.has(pair.mentor)) {
          ctx.addIssue({ code: 'custom', path: [field, i, 'mentor'], message: `no mentor "${pair.mentor}"` });
        }
        if (!mentees.has(pair.mentee)) {
          ctx.addIssue({ code: 'custom', path: [field, i, 'mentee'], message: `no mentee "${pair.mentee}"` });
        }
        if (pair.mentor === pair.mentee) {
          ctx.addIssue({ code: 'custom', path: [field, i], message: 'nobody mentors themselves' });
        }
        const key = JSON.stringify([pair.mentor, pair.mentee]);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [field, i], message: 'this pair is listed twice' });
        seen.add(key);
      });
    };
    checkPairs(cohort.scores, 'scores');
    checkPairs(cohort.continuing, 'continuing');
  });

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
  if (parsed.success) return { ok: true, input: parsed.data as MentorshipInput };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${describePath(issue.path)}: ${issue.message}`) };
}
