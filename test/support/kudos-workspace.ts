import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';

/** A workspace with enough people for allowance and concurrency tests, teams, a user group and a private channel. */
export function kudosWorkspace(teamId = 'T0KUDOS'): WorkspaceSpec {
  const colleagues: UserSpec[] = Array.from({ length: 24 }, (_, i) => ({
    id: `U0P${String(i).padStart(2, '0')}`,
    name: `person${i}`,
    realName: `Person ${i}`,
    tz: i % 2 === 0 ? 'Europe/Berlin' : 'America/Chicago',
  }));
  return {
    teamId,
    name: 'Kudos Co',
    users: [
      { id: 'U0GIVER', name: 'gina', realName: 'Gina Giver', tz: 'America/Los_Angeles', title: 'Engineer' },
      { id: 'U0ADMIN', name: 'ada', realName: 'Ada Admin', tz: 'Europe/Berlin', isAdmin: true },
      { id: 'U0ALEX', name: 'alex', realName: 'Alex Able', tz: 'Europe/London', title: 'Designer' },
      { id: 'U0BEA', name: 'bea', realName: 'Bea Brave', tz: 'Asia/Kolkata' },
      { id: 'U0GONE', name: 'gone', realName: 'Gone Person', deleted: true },
      { id: 'U0ROBOT', name: 'robot', realName: 'Some Bot', isBot: true },
      ...colleagues,
    ],
    channels: [
      { id: 'C0TEAM', name: 'team', members: ['U0GIVER', 'U0ALEX', 'U0BEA'] },
      { id: 'C0KUDOS', name: 'kudos', members: ['U0GIVER'], botIsMember: true },
      { id: 'G0SECRET', name: 'secret', isPrivate: true, members: ['U0GIVER', 'U0ALEX'] },
    ],
    usergroups: [{ id: 'S0DESIGN', handle: 'design', name: 'Design', users: ['U0ALEX', 'U0BEA', 'U0GIVER'] }],
  };
}
