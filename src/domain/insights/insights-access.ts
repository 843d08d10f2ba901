import type { Db } from '../../db/database.ts';
import { isNudgeAdminUser } from '../kudos/admins.ts';
import { findWorkspace } from '../workspaces/find-workspace.ts';

export type InsightsAccess =
  | { kind: 'admin'; workspaceId: string; workspaceName: string }
  | { kind: 'not-admin'; workspaceName: string }
  /** Nudge is not installed there (or was uninstalled): nothing of it may be shown. */
  | { kind: 'unknown-workspace' };

/**
 * Whether someone Slack vouched for may see a workspace's insights: only Nudge's admins of that very workspace
 * (Slack admins and owners, and the people its settings name), asked again on every request so a removed admin loses
 * the page at once. An org-wide install is keyed by its enterprise, so a person's team falls back to it.
 */
export async function insightsAccess(
  db: Db,
  input: { teamId: string; enterpriseId?: string | undefined; userId: string },
): Promise<InsightsAccess> {
  let workspace = await findWorkspace(db, input.teamId);
  if (!workspace && input.enterpriseId) {
    const org = await findWorkspace(db, input.enterpriseId);
    if (org?.is_enterprise_install) workspace = org;
  }
  if (workspace?.status !== 'active') return { kind: 'unknown-workspace' };
  return (await isNudgeAdminUser(db, workspace.id, input.userId))
    ? { kind: 'admin', workspaceId: workspace.id, workspaceName: workspace.name }
    : { kind: 'not-admin', workspaceName: workspace.name };
}
