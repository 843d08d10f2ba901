/**
 * Validation of a round's input as it arrives from outside (the CLI, an admin upload). Strict objects, so a typo such
 * as `workhours` is reported instead of silently ignored. Every problem is listed at once.
 */

import { z } from 'zod';
import { isValidTimeZone } from './timezone.ts';
import type { RoundInput } from './types.ts';

const hour = z.number().min(0).max(24);
const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO date such as 2025-03-10' });

const memberSchema = z.strictObject({
  id: z.string().min(1),
  team: z.string().optional(),
  department: z.string().optional(),
  timezone: z
    .string()
    .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' })
    .optional(),
  workHours: z.tuple([hour, hour]).optional(),
  tags: z.array(z.string()).optional(),
  seniority: z.number().min(0).max(100).optional(),
  role: z.string().optional(),
});

const weightValue = z.number().min(0).max(10_000);

const roundSchema = z
  .strictObject({
    members: z.array(memberSchema),
    history: z.array(z.strictObject({ members: z.array(z.string()), date: isoDate })).optional(),
    blocks: z.array(z.tuple([z.string(), z.string()])).optional(),
    debts: z
      .array(
        z.strictObject({
          id: z.string(),
          trios: z.number().int().min(0).optional(),
          unmatched: z.number().int().min(0).optional(),
        }),
      )
      .optional(),
    date: isoDate,
    seed: z.union([z.string(), z.number()]).optional(),
    groupSize: z.number().int().min(2).max(4).optional(),
    cooldownWeeks: z.number().int().min(0).max(104).optional(),
    rule: z.enum(['open', 'cross-team-only', 'cross-department-only', 'mentor-mentee', 'fixed-host']).optional(),
    weights: z
      .strictObject({
        base: weightValue.min(1),
        crossTeam: weightValue,
        crossDepartment: weightValue,
        sharedHours: weightValue,
        noSharedHours: weightValue,
        repeat: weightValue,
        repeatHalfLifeWeeks: weightValue,
        mentorFit: weightValue,
        unmatchedBoost: weightValue,
        jitter: weightValue,
      })
      .partial()
      .optional(),
    solver: z.enum(['auto', 'exact', 'dense', 'sparse']).optional(),
    candidatesPerMember: z.number().int().min(1).max(200).optional(),
  })
  .superRefine((round, ctx) => {
    const seen = new Set<string>();
    round.members.forEach((member, i) => {
      if (seen.has(member.id)) {
        ctx.addIssue({ code: 'custom', path: ['members', i, 'id'], message: `"${member.id}" appears more than once` });
      }
      seen.add(member.id);
    });
  });

export type ParsedRound = { ok: true; input: RoundInput } | { ok: false; errors: string[] };

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

export function parseRoundInput(raw: unknown): ParsedRound {
  const parsed = roundSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data as RoundInput };
  const errors = parsed.error.issues.map((issue) => `${describePath(issue.path)}: ${issue.message}`);
  return { ok: false, errors };
}
