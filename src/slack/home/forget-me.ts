import { erasePerson } from '../../domain/privacy/erase-person.ts';
import { erasedAt } from '../../domain/privacy/erasure-status.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { SlackSurface, ViewHandler } from '../platform/surface.ts';
import { alreadyForgottenText, forgetMeCallbackId, forgetMeDoneView, forgetMeQueuedText } from './forget-me.blocks.ts';

/** The confirmed `/nudge forget-me`: the erase is queued, and runs in the request only when the queue is away. */
export function registerForgetMe(surface: SlackSurface, deps: ListenerDeps): void {
  const handleForgetMeConfirmed: ViewHandler = async ({ ack, body, context }) => {
    const workspaceId = workspaceOf(context);
    const userId = body.user.id;
    if (await erasedAt(deps.db, { workspaceId, userId })) {
      await ack({ response_action: 'update', view: forgetMeDoneView(alreadyForgottenText()) });
      return;
    }
    try {
      await deps.queues.enqueue('privacy.erase', { workspaceId, userId });
    } catch (error) {
      deps.logger.warn({ workspaceId, err: error }, 'could not enqueue the erase; erasing in the request');
      await erasePerson(deps.db, { workspaceId, userId, now: deps.clock.now() });
    }
    await ack({ response_action: 'update', view: forgetMeDoneView(forgetMeQueuedText) });
  };
  surface.view(forgetMeCallbackId, handleForgetMeConfirmed);
}
