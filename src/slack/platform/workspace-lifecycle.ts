import { deactivateWorkspace } from '../../domain/workspaces/deactivate-workspace.ts';
import { workspaceOf } from './context.ts';
import type { ListenerDeps } from './listener-deps.ts';
import type { EventHandler, SlackSurface } from './surface.ts';

/**
 * Uninstall and bot-token revocation, in any order and any number of times: deactivate the workspace, drop
 * its credentials and scheduled jobs. Each step is idempotent, so every copy of the events runs all of them.
 */
export function registerLifecycle(surface: SlackSurface, deps: ListenerDeps): void {
  async function deactivate(workspaceId: string, reason: string): Promise<void> {
    const { changed } = await deactivateWorkspace(deps.db, { workspaceId, now: deps.clock.now() });
    deps.onWorkspaceDeactivated(workspaceId);
    const removedJobs = await deps.queues.removeWorkspaceJobs(workspaceId);
    deps.logger.info({ workspaceId, reason, changed, removedJobs }, 'workspace deactivated');
  }

  const handleAppUninstalled: EventHandler<'app_uninstalled'> = async ({ context }) => {
    await deactivate(workspaceOf(context), 'app_uninstalled');
  };
  surface.event('app_uninstalled', handleAppUninstalled);

  const handleTokensRevoked: EventHandler<'tokens_revoked'> = async ({ event, context }) => {
    // Only a revoked bot token stops Nudge; revoked user tokens are not ours to act on.
    if ((event.tokens.bot ?? []).length === 0) return;
    await deactivate(workspaceOf(context), 'tokens_revoked');
  };
  surface.event('tokens_revoked', handleTokensRevoked);
}
