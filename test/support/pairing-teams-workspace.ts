import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';

/** Custom profile fields as Slack shows them: a Team and a Department field, with their ids. */
export const teamField = 'Xf0TEAM01';
export const departmentField = 'Xf0DEPT01';

const person = (id: string, name: string, team?: string, department?: string, extra: Partial<UserSpec> = {}) => ({
  id,
  name,
  realName: `${name[0]!.toUpperCase()}${name.slice(1)} Person`,
  tz: 'Europe/London',
  title: 'Engineer',
  email: `${name}@teams.test`,
  profileFields: {
    ...(team ? { [teamField]: { value: team, label: 'Team' } } : {}),
    ...(department ? { [departmentField]: { value: department, label: 'Department' } } : {}),
  },
  ...extra,
});

/** What each person's Team profile field says (Gus left it empty). */
export const fieldTeams: Record<string, string | null> = {
  U0ADA: 'Core',
  U0BEN: 'Core',
  U0CAT: 'Design',
  U0DAN: 'Design',
  U0EVE: 'Sales',
  U0FAY: 'Sales',
  U0GUS: null,
  U0HAL: 'Core',
};

export const humans = Object.keys(fieldTeams);

/**
 * Eight people with Team and Department profile fields, user groups that nest (Payments inside Core) plus one
 * everybody is in, and a channel per team source. Hal, not an admin, created #groups.
 */
export function teamsWorkspace(teamId: string): WorkspaceSpec {
  return {
    teamId,
    name: 'Teams Co',
    users: [
      person('U0ADA', 'ada', 'Core', 'Engineering', { isAdmin: true }),
      person('U0BEN', 'ben', 'Core', 'Engineering'),
      person('U0CAT', 'cat', 'Design', 'Product'),
      person('U0DAN', 'dan', 'Design', 'Product'),
      person('U0EVE', 'eve', 'Sales', 'Revenue'),
      person('U0FAY', 'fay', 'Sales', 'Revenue'),
      person('U0GUS', 'gus'),
      person('U0HAL', 'hal', 'Core', 'Engineering'),
      { id: 'U0BOT', name: 'robot', realName: 'Robot', isBot: true },
      { id: 'U0GONE', name: 'gone', realName: 'Gone Person', deleted: true, email: 'gone@teams.test' },
    ],
    usergroups: [
      { id: 'S0CORE', handle: 'core', name: 'Core team', users: ['U0ADA', 'U0BEN', 'U0HAL'] },
      { id: 'S0PAY', handle: 'payments', name: 'Payments', users: ['U0BEN', 'U0HAL'] },
      { id: 'S0DES', handle: 'design', name: 'Design', users: ['U0CAT', 'U0DAN'] },
      { id: 'S0SALES', handle: 'sales', name: 'Sales', users: ['U0EVE', 'U0FAY'] },
      { id: 'S0ALL', handle: 'all-hands', name: 'All hands', users: [...humans] },
    ],
    channels: [
      { id: 'C0FIELDS', name: 'fields', members: [...humans, 'U0BOT'], botIsMember: true },
      { id: 'C0FIELDS2', name: 'fields-again', members: [...humans], botIsMember: true },
      { id: 'C0GROUPS', name: 'groups', members: ['U0HAL', ...humans.filter((h) => h !== 'U0HAL')], botIsMember: true },
      { id: 'C0IMPORT', name: 'imported', members: [...humans], botIsMember: true },
      { id: 'C0SYNCED', name: 'synced', members: [...humans], botIsMember: true },
      { id: 'C0FRESHER', name: 'fresher', members: [...humans], botIsMember: true },
    ],
  };
}
