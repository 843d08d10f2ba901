import type { DepartmentSource, TeamSource } from '../../db/schema-pairing.ts';

/**
 * Where each person's team and department come from, as one pure rule:
 *   1. the programme's own per-member override (programme_members.team_override), then
 *   2. an admin's override for the person (workspace-wide), then
 *   3. the programme's source: the title, a custom profile field, user groups, or Nudge's directory, then
 *   4. Nudge's directory (the CSV import), for people the chosen Slack source has nothing for.
 * Nobody has to pick their own team.
 */

export interface TeamSourceSettings {
  teamSource: TeamSource;
  teamFieldId: string | null;
  teamUsergroupIds: string[];
  departmentSource: DepartmentSource;
  departmentFieldId: string | null;
}

export interface UsergroupFact {
  id: string;
  handle: string;
  name: string;
  members: string[];
}

export interface TeamFacts {
  /** Custom profile field values per person (field id -> value). */
  profileFields: Map<string, Record<string, string>>;
  /** The workspace's user groups with their members. */
  usergroups: UsergroupFact[];
  overrides: Map<string, { team: string | null; department: string | null }>;
}

export interface PersonForTeams {
  userId: string;
  title: string;
  /** Nudge's directory: what the CSV import set. */
  team: string | null;
  department: string | null;
  /** The programme's per-member override. */
  programmeOverride: string | null;
}

export interface TeamAndDepartment {
  team: string | null;
  department: string | null;
}

export const maxTeamNameLength = 80;

/** Trimmed, inner whitespace collapsed, at most 80 characters; empty means none. */
export function cleanTeamName(value: string | null | undefined): string | null {
  const text = (value ?? '').replace(/\s+/g, ' ').trim().slice(0, maxTeamNameLength).trim();
  return text === '' ? null : text;
}

/**
 * Each person's team under the user-group source. Someone in several of the counted groups gets the smallest
 * one (the most specific team), ties going to the handle first alphabetically, then the id: the same answer
 * every round, whatever order Slack lists the groups in. `chosenIds` empty means every group counts.
 */
export function usergroupTeams(groups: UsergroupFact[], chosenIds: string[]): Map<string, string> {
  const counted = groups
    .filter((g) => chosenIds.length === 0 || chosenIds.includes(g.id))
    .sort(
      (a, b) =>
        new Set(a.members).size - new Set(b.members).size ||
        a.handle.localeCompare(b.handle) ||
        a.id.localeCompare(b.id),
    );
  const teams = new Map<string, string>();
  for (const group of counted) {
    const name = cleanTeamName(group.name) ?? cleanTeamName(group.handle) ?? group.id;
    for (const userId of group.members) if (!teams.has(userId)) teams.set(userId, name);
  }
  return teams;
}

/** Builds the resolver for one programme and one round's facts; call it once per person. */
export function teamResolver(
  settings: TeamSourceSettings,
  facts: TeamFacts,
): (person: PersonForTeams) => TeamAndDepartment {
  const byGroup =
    settings.teamSource === 'usergroup' ? usergroupTeams(facts.usergroups, settings.teamUsergroupIds) : null;
  const field = (userId: string, fieldId: string | null) =>
    fieldId ? cleanTeamName(facts.profileFields.get(userId)?.[fieldId]) : null;
  return (person) => {
    const override = facts.overrides.get(person.userId);
    const fromSource = (): string | null => {
      switch (settings.teamSource) {
        case 'title':
          return cleanTeamName(person.title);
        case 'profile_field':
          return field(person.userId, settings.teamFieldId);
        case 'usergroup':
          return byGroup?.get(person.userId) ?? null;
        case 'directory':
          return null;
      }
    };
    const team =
      cleanTeamName(person.programmeOverride) ??
      cleanTeamName(override?.team) ??
      fromSource() ??
      cleanTeamName(person.team);
    const department =
      cleanTeamName(override?.department) ??
      (settings.departmentSource === 'profile_field' ? field(person.userId, settings.departmentFieldId) : null) ??
      cleanTeamName(person.department);
    return { team, department };
  };
}
