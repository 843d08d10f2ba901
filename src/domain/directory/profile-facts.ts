import type { ProfileFieldDefinition } from '../../db/schema.ts';
import { seniorityLevel } from './seniority-level.ts';

/**
 * Which of a workspace's custom profile fields hold a person's seniority and their manager, judged by the field's
 * label as team.profile.get gives it, and what those fields say for one person. Labels are matched as whole
 * phrases after dropping filler words, so "Job level" or "Reports to" count but "Spanish level" or "Manager's team"
 * do not.
 */

const filler = new Set(['my', 'your', 'the', 'job', 'career', 'role', 'line', 'direct', 'people', 'current']);
const levelLabels = new Set(['level', 'grade', 'seniority', 'band', 'seniority level']);
const managerLabels = new Set(['manager', 'reports to', 'reporting to', 'supervisor']);

function phrase(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !filler.has(w))
    .join(' ');
}

export const isSeniorityLabel = (label: string): boolean => levelLabels.has(phrase(label));
export const isManagerLabel = (label: string): boolean => managerLabels.has(phrase(label));

const userId = /^<?@?([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>?$/;

/** A Slack user id as a user-type field stores it (or as a mention); a typed name is not one. */
export function managerIdOf(value: string | undefined): string | null {
  return userId.exec((value ?? '').trim())?.[1] ?? null;
}

export interface ProfileFacts {
  seniority: number | null;
  managerId: string | null;
}

/**
 * One person's level and manager from their profile field values (field id → value). The first field, in Slack's
 * order, whose label names the fact and whose value reads as one, wins. Nobody is their own manager.
 */
export function profileFacts(
  userIdOfPerson: string,
  values: Record<string, string>,
  definitions: readonly ProfileFieldDefinition[],
): ProfileFacts {
  let seniority: number | null = null;
  let managerId: string | null = null;
  for (const field of definitions) {
    const value = values[field.id];
    if (value === undefined) continue;
    if (seniority === null && isSeniorityLabel(field.label)) seniority = seniorityLevel(value);
    if (managerId === null && isManagerLabel(field.label) && (field.type === 'user' || field.type === 'text')) {
      const id = managerIdOf(value);
      if (id !== userIdOfPerson) managerId = id;
    }
  }
  return { seniority, managerId };
}
