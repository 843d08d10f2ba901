import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';

const person = (id: string, name: string, tz: string, extra: Partial<UserSpec> = {}): UserSpec => ({
  id,
  name,
  realName: name,
  tz,
  title: 'Engineer',
  ...extra,
});

/** People across time zones from UTC−10 to UTC+13, plus the ones a round must leave out. */
export function pairingWorkspace(teamId = 'T0COFFEE'): WorkspaceSpec {
  const humans = [
    person('U0ADA', 'ada', 'Europe/London', { isAdmin: true }),
    person('U0BEN', 'ben', 'Pacific/Honolulu'),
    person('U0CAT', 'cat', 'Pacific/Tongatapu'),
    person('U0DAN', 'dan', 'America/New_York'),
    person('U0EVE', 'eve', 'Asia/Kolkata'),
    person('U0FAY', 'fay', 'Europe/Berlin'),
    person('U0GUS', 'gus', 'America/Chicago'),
    person('U0HAL', 'hal', 'Australia/Sydney'),
    person('U0IDA', 'ida', 'America/Los_Angeles'),
  ];
  return {
    teamId,
    name: 'Coffee Co',
    users: [
      ...humans,
      person('U0GONE', 'gone', 'UTC', { deleted: true }),
      person('U0BOT', 'robot', 'UTC', { isBot: true }),
    ],
    channels: [
      { id: 'C0COFFEE', name: 'coffee', members: [...humans.map((h) => h.id), 'U0GONE', 'U0BOT'], botIsMember: true },
      {
        id: 'C0XTEAM',
        name: 'cross-team',
        members: ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0FAY'],
        botIsMember: true,
      },
      { id: 'C0EXEC', name: 'exec-lottery', members: ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE'], botIsMember: true },
      { id: 'C0REVIEW', name: 'reviewed-coffee', members: ['U0ADA', 'U0BEN', 'U0CAT', 'U0DAN'], botIsMember: true },
    ],
  };
}
