import type { KnownBlock } from '@slack/types';
import { setRecapOff } from '../../domain/insights/quarterly-recap.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { recapOffActionId, recapOnActionId, recapTurnedOffMessage } from './recap.blocks.ts';

interface ClickBody {
  user: { id: string };
  container?: { type?: string };
  message?: { blocks?: KnownBlock[] };
}

/**
 * The quarterly recap's one-click switch: "Turn these recaps off" in the recap DM (answered in place) or on the Home
 * tab, and "Turn the quarterly recap on" on the Home tab. Each click only sets the person's own choice, so a repeated
 * click changes nothing; the Home tab is published again to show it.
 */
export function registerRecapSettings(surface: SlackSurface, deps: ListenerDeps): void {
  const switchRecap = async (workspaceId: string, userId: string, off: boolean): Promise<void> => {
    await setRecapOff(deps.db, { workspaceId, userId, off, now: deps.clock.now() });
    await deps.queues
      .enqueue('home.publish', { workspaceId, userId })
      .catch((err: unknown) => deps.logger.warn({ err }, 'Home tab not queued after the recap switch'));
  };

  const handleRecapOff: ActionHandler = async ({ ack, body, respond, context }) => {
    await ack();
    const click = body as unknown as ClickBody;
    await switchRecap(workspaceOf(context), click.user.id, true);
    if (click.container?.type === 'message') {
      await respond({ replace_original: true, ...recapTurnedOffMessage(click.message?.blocks) }).catch((err: unknown) =>
        deps.logger.warn({ err }, 'recap answer not shown'),
      );
    }
  };

  const handleRecapOn: ActionHandler = async ({ ack, body, context }) => {
    await ack();
    await switchRecap(workspaceOf(context), (body as unknown as ClickBody).user.id, false);
  };

  surface.action(recapOffActionId, handleRecapOff);
  surface.action(recapOnActionId, handleRecapOn);
}
