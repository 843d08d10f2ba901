import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { EventHandler, SlackSurface } from '../platform/surface.ts';

/**
 * Publishes the Home tab when someone opens it, and welcomes them by DM the first time they come. One job per
 * event (the Home job queues the welcome), so the request does a single write to Redis.
 */
export function registerAppHome(surface: SlackSurface, deps: ListenerDeps): void {
  const handleHomeOpened: EventHandler<'app_home_opened'> = async ({ event, body, context }) => {
    const workspaceId = workspaceOf(context);
    const eventId = (body as { event_id?: string }).event_id;
    if (event.tab === 'home') {
      await deps.queues.enqueue('home.publish', {
        workspaceId,
        userId: event.user,
        welcome: true,
        ...(eventId ? { eventId } : {}),
      });
    } else {
      await deps.queues.enqueue('onboarding.welcome', { workspaceId, userId: event.user });
    }
  };
  surface.event('app_home_opened', handleHomeOpened);
}
