import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';

const person = (id: string, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name: id.slice(3).toLowerCase(),
  realName: `${id.slice(3, 4)}${id.slice(4).toLowerCase()} Person`,
  tz: 'UTC',
  title: 'Engineer',
  ...extra,
});

/** Mentors and mentees for a mentorship programme's life after the start, plus an admin. */
export function mentorshipCycleWorkspace(teamId: string): WorkspaceSpec {
  return {
    teamId,
    name: 'Mentors Co',
    users: [
      person('U0ADA', { isAdmin: true }),
      ...['U0ALEX', 'U0BEA', 'U0CAL', 'U0DAN', 'U0EVE', 'U0FAY', 'U0GUS'].map((id) => person(id)),
    ],
    channels: [
      {
        id: 'C0MENTOR',
        name: 'mentoring',
        members: ['U0ADA', 'U0ALEX', 'U0BEA', 'U0CAL', 'U0DAN', 'U0EVE'],
        botIsMember: true,
      },
      { id: 'C0DESIGN', name: 'design-mentoring', members: ['U0ADA', 'U0FAY', 'U0GUS'], botIsMember: true },
    ],
  };
}
