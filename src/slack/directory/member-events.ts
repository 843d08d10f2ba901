import { applyUserChange } from '../../domain/directory/apply-user-change.ts';
import type { SlackUserObject } from '../../domain/directory/slack-user.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { EventHandler, SlackSurface } from '../platform/surface.ts';

/** Keeps the member directory fresh between full syncs: the event carries the whole user object. */
export function registerDirectory(surface: SlackSurface, deps: ListenerDeps): void {
  for (const eventType of ['user_change', 'team_join'] as const) {
    const handleMemberChanged: EventHandler<typeof eventType> = async ({ event, context }) => {
      const user = (event as { user?: SlackUserObject }).user;
      if (!user?.id) return;
      await applyUserChange(deps.db, { workspaceId: workspaceOf(context), user, now: deps.clock.now() });
    };
    surface.event(eventType, handleMemberChanged);
  }
}
