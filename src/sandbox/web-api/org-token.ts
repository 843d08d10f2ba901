import type { OrgGrant, SandboxStore, WorkspaceRecord } from '../store.ts';
import { stringArg } from './parse-request.ts';

/**
 * Methods that list a workspace's own things. With an org-wide install's token Slack cannot tell which
 * workspace is meant, so its method reference marks `team_id` "required if org token is used" and answers
 * `missing_argument` without it.
 */
export const TEAM_ID_REQUIRED_WITH_ORG_TOKEN: ReadonlySet<string> = new Set([
  'users.list',
  'usergroups.list',
  'usergroups.users.list',
  'conversations.list',
]);

export type OrgCallTarget = { workspace: WorkspaceRecord } | { error: string };

/**
 * The workspace an org-wide token's call acts in: the one `team_id` names, else the one owning what the call
 * is about (a channel, a user, a trigger, a view), else the organisation's first (auth.test and the like).
 */
export function orgCallTarget(
  store: SandboxStore,
  org: OrgGrant,
  method: string,
  args: Record<string, unknown>,
): OrgCallTarget {
  const teamId = stringArg(args, 'team_id');
  if (teamId !== undefined && teamId !== '') {
    const named = org.workspaces.find((w) => w.teamId === teamId);
    return named ? { workspace: named } : { error: 'team_access_not_granted' };
  }
  if (TEAM_ID_REQUIRED_WITH_ORG_TOKEN.has(method)) return { error: 'missing_argument' };
  const inOrg = (id: string | undefined) => org.workspaces.find((w) => w.teamId === id);
  const channel = stringArg(args, 'channel');
  const byChannel = channel === undefined ? undefined : inOrg(store.channels.get(channel)?.teamId);
  if (byChannel) return { workspace: byChannel };
  const user =
    stringArg(args, 'user') ?? stringArg(args, 'user_id') ?? stringArg(args, 'users')?.split(',')[0] ?? channel;
  const byUser = user === undefined ? undefined : org.workspaces.find((w) => w.users.has(user));
  if (byUser) return { workspace: byUser };
  const trigger = stringArg(args, 'trigger_id');
  const byTrigger = trigger === undefined ? undefined : inOrg(store.triggers.get(trigger)?.teamId);
  if (byTrigger) return { workspace: byTrigger };
  const view = stringArg(args, 'view_id');
  const byView = view === undefined ? undefined : inOrg(store.views.get(view)?.teamId);
  if (byView) return { workspace: byView };
  return { workspace: org.workspaces[0]! };
}
