import type { Sandbox, SeededWorkspace, WorkspaceSpec } from './types.ts';

/** Custom profile field ids used by the demo workspace (Slack's `Xf…` shape). */
export const DEMO_PROFILE_FIELDS = { team: 'Xf0SBXTEAM', department: 'Xf0SBXDEPT' } as const;

function person(
  id: string,
  name: string,
  realName: string,
  tz: string,
  title: string,
  team: string,
  department: string,
): NonNullable<WorkspaceSpec['users']>[number] {
  return {
    id,
    name,
    realName,
    displayName: realName.split(' ')[0] ?? name,
    email: `${name}@acme.example`,
    tz,
    title,
    profileFields: {
      [DEMO_PROFILE_FIELDS.team]: { value: team, label: 'Team' },
      [DEMO_PROFILE_FIELDS.department]: { value: department, label: 'Department' },
    },
  };
}

/**
 * A small, varied workspace for demos and exploratory tests: people across time zones, teams and departments,
 * an admin, another app's bot, a deactivated account, an Enterprise Grid `W…` user, public and private
 * channels and a user group.
 */
export function seedDemoWorkspace(sandbox: Sandbox, overrides: Partial<WorkspaceSpec> = {}): SeededWorkspace {
  return sandbox.createWorkspace({
    teamId: 'T0DEMO0001',
    name: 'Acme Demo',
    domain: 'acme-demo',
    enterpriseId: 'E0DEMO0001',
    enterpriseName: 'Acme Corp',
    users: [
      {
        ...person('U0DEMOADA1', 'ada', 'Ada Lovelace', 'Europe/London', 'Engineering Manager', 'Core', 'Engineering'),
        isAdmin: true,
      },
      person('U0DEMOGRC1', 'grace', 'Grace Hopper', 'America/New_York', 'Staff Engineer', 'Core', 'Engineering'),
      person('U0DEMOALN1', 'alan', 'Alan Turing', 'Europe/London', 'Researcher', 'Research', 'Engineering'),
      person('U0DEMOKTH1', 'katherine', 'Katherine Johnson', 'America/Chicago', 'Analyst', 'Insights', 'Data'),
      person('U0DEMOHDY1', 'hedy', 'Hedy Lamarr', 'America/Los_Angeles', 'Product Designer', 'Design', 'Product'),
      person('U0DEMOLIN1', 'linus', 'Linus Pauling', 'Asia/Tokyo', 'Sales Lead', 'APAC', 'Sales'),
      person('U0DEMOMRY1', 'mary', 'Mary Jackson', 'Australia/Sydney', 'Support Engineer', 'APAC', 'Support'),
      {
        ...person('W0DEMOEVE1', 'evelyn', 'Evelyn Boyd', 'America/Denver', 'Org Admin', 'Platform', 'IT'),
        isOwner: true,
      },
      {
        ...person('U0DEMOOLD1', 'oldtimer', 'Former Colleague', 'America/New_York', 'Alumnus', 'Core', 'Engineering'),
        deleted: true,
      },
      { id: 'U0DEMOBOT1', name: 'standupbot', realName: 'Standup Bot', isBot: true },
    ],
    channels: [
      {
        id: 'C0DEMOGEN1',
        name: 'general',
        isGeneral: true,
        members: [
          'U0DEMOADA1',
          'U0DEMOGRC1',
          'U0DEMOALN1',
          'U0DEMOKTH1',
          'U0DEMOHDY1',
          'U0DEMOLIN1',
          'U0DEMOMRY1',
          'W0DEMOEVE1',
        ],
        botIsMember: true,
      },
      { id: 'C0DEMORND1', name: 'random', members: ['U0DEMOADA1', 'U0DEMOHDY1', 'U0DEMOLIN1'] },
      {
        id: 'C0DEMOENG1',
        name: 'eng-private',
        isPrivate: true,
        members: ['U0DEMOADA1', 'U0DEMOGRC1', 'U0DEMOALN1'],
        botIsMember: true,
      },
    ],
    usergroups: [
      {
        id: 'S0DEMOENG1',
        handle: 'engineers',
        name: 'Engineers',
        users: ['U0DEMOADA1', 'U0DEMOGRC1', 'U0DEMOALN1', 'U0DEMOOLD1'],
      },
    ],
    ...overrides,
  });
}
