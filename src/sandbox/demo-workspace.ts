import type { Sandbox, SeededWorkspace, WorkspaceSpec } from './types.ts';

/** Custom profile field ids used by the demo workspace (Slack's `Xf…` shape). */
export const DEMO_PROFILE_FIELDS = { team: 'Xf0SBXTEAM', department: 'Xf0SBXDEPT' } as const;

/** Channel ids of the demo workspace, for demos and time controls that need to name a place. */
export const DEMO_CHANNELS = {
  general: { id: 'C0DEMOGEN1', name: 'general' },
  random: { id: 'C0DEMORND1', name: 'random' },
  engPrivate: { id: 'C0DEMOENG1', name: 'eng-private' },
  coffee: { id: 'C0DEMOCOF1', name: 'coffee' },
  kudos: { id: 'C0DEMOKUD1', name: 'kudos' },
  mentoring: { id: 'C0DEMOMEN1', name: 'mentoring' },
} as const;

const everyone = [
  'U0DEMOADA1',
  'U0DEMOGRC1',
  'U0DEMOALN1',
  'U0DEMOKTH1',
  'U0DEMOHDY1',
  'U0DEMOLIN1',
  'U0DEMOMRY1',
  'W0DEMOEVE1',
];

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
 * channels (#general, #random, #coffee, #kudos, #mentoring, #eng-private) and a user group. Ada is the workspace
 * admin.
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
      person(
        'U0DEMOMAR1',
        'margaret',
        'Margaret Hamilton',
        'America/New_York',
        'Principal Engineer',
        'Flight',
        'Engineering',
      ),
      person('U0DEMODOR1', 'dorothy', 'Dorothy Vaughan', 'America/Chicago', 'Data Lead', 'Insights', 'Data'),
      {
        ...person('U0DEMOOLD1', 'oldtimer', 'Former Colleague', 'America/New_York', 'Alumnus', 'Core', 'Engineering'),
        deleted: true,
      },
      { id: 'U0DEMOBOT1', name: 'standupbot', realName: 'Standup Bot', isBot: true },
    ],
    channels: [
      { ...DEMO_CHANNELS.general, isGeneral: true, members: [...everyone], botIsMember: true },
      { ...DEMO_CHANNELS.random, members: ['U0DEMOADA1', 'U0DEMOHDY1', 'U0DEMOLIN1'] },
      {
        ...DEMO_CHANNELS.coffee,
        purpose: 'Coffee pairings: start a programme here with /coffee start coffee',
        members: ['U0DEMOADA1', 'U0DEMOGRC1', 'U0DEMOALN1', 'U0DEMOKTH1', 'U0DEMOHDY1', 'U0DEMOLIN1'],
        botIsMember: true,
      },
      {
        ...DEMO_CHANNELS.kudos,
        purpose: 'Kudos from around the company',
        members: [...everyone],
        botIsMember: true,
      },
      {
        ...DEMO_CHANNELS.mentoring,
        purpose: 'Mentorship: sign up to learn or to teach with /mentor signup',
        members: [...everyone, 'U0DEMOMAR1', 'U0DEMODOR1'],
        botIsMember: true,
      },
      {
        ...DEMO_CHANNELS.engPrivate,
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
