import type { UserSpec, WorkspaceSpec } from '../../src/sandbox/index.ts';

/** Time zones from UTC−12 to UTC+14, including half- and quarter-hour offsets and two zones that share +01:00. */
export const worldZones: Array<{ id: string; tz: string }> = [
  { id: 'U0BAKER', tz: 'Etc/GMT+12' }, // UTC−12 (Baker Island)
  { id: 'U0PAGO', tz: 'Pacific/Pago_Pago' }, // UTC−11
  { id: 'U0NYC', tz: 'America/New_York' },
  { id: 'U0UTC', tz: 'UTC' },
  { id: 'U0BERLIN', tz: 'Europe/Berlin' },
  { id: 'U0LAGOS', tz: 'Africa/Lagos' }, // +01:00 all year: the same posting moment as Berlin in winter
  { id: 'U0DELHI', tz: 'Asia/Kolkata' }, // +05:30
  { id: 'U0KTM', tz: 'Asia/Kathmandu' }, // +05:45
  { id: 'U0SYD', tz: 'Australia/Sydney' },
  { id: 'U0KIRI', tz: 'Pacific/Kiritimati' }, // UTC+14
];

/** A workspace for celebrations: an admin, people all round the world (with emails), channels of every kind. */
export function celebrationsWorkspace(teamId = 'T0PARTY'): WorkspaceSpec {
  const world: UserSpec[] = worldZones.map((z) => ({
    id: z.id,
    name: z.id.slice(2).toLowerCase(),
    realName: `${z.id.slice(2, 3)}${z.id.slice(3).toLowerCase()} Person`,
    tz: z.tz,
    email: `${z.id.slice(2).toLowerCase()}@party.test`,
  }));
  return {
    teamId,
    name: 'Party Co',
    users: [
      { id: 'U0ADA', name: 'ada', realName: 'Ada Admin', tz: 'Europe/London', isAdmin: true, email: 'ada@party.test' },
      { id: 'U0DEV', name: 'dev', realName: 'Dev Eloper', tz: 'Europe/Berlin', email: 'dev@party.test' },
      { id: 'U0OPS', name: 'ops', realName: 'Ops Person', tz: 'America/Chicago', email: 'ops@party.test' },
      { id: 'U0PM', name: 'pm', realName: 'Pam Manager', tz: 'America/New_York', email: 'pm@party.test' },
      { id: 'U0GONE', name: 'gone', realName: 'Gone Person', deleted: true, email: 'gone@party.test' },
      { id: 'U0ROBOT', name: 'robot', realName: 'Some Bot', isBot: true },
      ...world,
    ],
    channels: [
      { id: 'C0PARTY', name: 'celebrations', members: ['U0ADA', 'U0DEV'], botIsMember: true },
      { id: 'C0SHIP', name: 'shipped', members: ['U0ADA', 'U0DEV', 'U0OPS', 'U0PM'], botIsMember: true },
      { id: 'C0OPEN', name: 'open', members: ['U0ADA'] },
      { id: 'G0HIDDEN', name: 'hidden', isPrivate: true, members: ['U0ADA'] },
      { id: 'C0OLD', name: 'old', members: ['U0ADA'], isArchived: true, botIsMember: true },
    ],
  };
}
