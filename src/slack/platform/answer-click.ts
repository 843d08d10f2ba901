import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { plainText, type SlackMessage } from './block-kit.ts';

interface ClickBody {
  trigger_id?: string;
  response_url?: string;
  container?: { type?: string };
  view?: { id?: string; type?: string };
}

/** A message shown as a modal: what a click on the Home tab or inside a modal gets instead of an ephemeral. */
function messageModal(title: string, message: SlackMessage): ModalView {
  return { type: 'modal', title: plainText(title.slice(0, 24)), close: plainText('Close'), blocks: message.blocks };
}

/**
 * Answers a button click where it was read. A click on a message answers through its response_url (ephemeral, or
 * in place with `replaceOriginal`); the Home tab and modals have no response_url, so a click there opens a modal
 * with the answer (from the Home tab) or turns the modal it came from into the answer. Buttons in that answer work
 * the same way when clicked, so a conversation that starts on the Home tab can go on without a dead end.
 */
export async function answerClick(
  input: {
    body: unknown;
    client: WebClient;
    respond?: (message: Record<string, unknown>) => Promise<unknown>;
    title: string;
  },
  message: SlackMessage,
  options: { replaceOriginal?: boolean } = {},
): Promise<void> {
  const body = input.body as ClickBody;
  if (body.container?.type === 'message' || (body.response_url && input.respond)) {
    await input.respond?.({
      response_type: 'ephemeral',
      replace_original: options.replaceOriginal === true,
      ...message,
    });
    return;
  }
  const view = messageModal(input.title, message);
  if (body.view?.type === 'modal' && body.view.id) {
    await input.client.views.update({ view_id: body.view.id, view });
    return;
  }
  if (body.trigger_id) await input.client.views.open({ trigger_id: body.trigger_id, view });
}
