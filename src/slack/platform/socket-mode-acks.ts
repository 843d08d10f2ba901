import type { App, ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../observability/logger.ts';
import { tryAgainAck } from './error-replies.ts';
import { listenerLabel } from './middleware/listener-label.ts';
import { isWorkspaceNotServed } from './workspace-not-served.ts';

/**
 * Over Socket Mode, Bolt leaves the envelope of a listener that failed before acknowledging unacknowledged (its
 * default error handler acknowledges only a failed authorization, and with nothing): the person who ran a command
 * or submitted a modal waits for Slack's timeout instead of an answer. This acknowledges every such envelope as
 * the HTTP receiver answers its request (processEventErrorHandler): "try again" for a command or a modal
 * submission, an empty ack for anything else and for a workspace Nudge does not serve (over a socket there is no
 * 401, and an unacknowledged event would only be sent again). A failure after the ack is logged, as over HTTP.
 */
export function acknowledgeFailedEnvelopes(receiver: SocketModeReceiver, logger: Logger): void {
  const init = receiver.init.bind(receiver);
  receiver.init = (app: App) => init(guardedApp(app, logger));
}

function guardedApp(app: App, logger: Logger): App {
  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acknowledged = false;
    const tracked: ReceiverEvent = {
      ...event,
      ack: async (response) => {
        acknowledged = true;
        await event.ack(response);
      },
    };
    try {
      await app.processEvent(tracked);
    } catch (error) {
      const listener = listenerLabel(event.body);
      if (acknowledged) {
        logger.error({ err: error, listener }, 'listener failed after acknowledging');
        return;
      }
      if (isWorkspaceNotServed(error)) {
        logger.warn({ listener }, 'request from a workspace Nudge does not serve');
        await event.ack();
        return;
      }
      logger.error({ err: error, listener }, 'listener failed before acknowledging');
      await event.ack(tryAgainAck(event.body));
    }
  };
  // The receiver uses nothing of the app but processEvent: everything else stays the app's own.
  return new Proxy(app, {
    get: (target, property, receiverOfGet) =>
      property === 'processEvent' ? processEvent : Reflect.get(target, property, receiverOfGet),
  });
}
