import type { WebClient } from '@slack/web-api';
import {
  type RetentionInput,
  readRetentionSettings,
  retentionKinds,
  updateRetentionSettings,
} from '../../domain/retention/retention-settings.ts';
import type { SlackMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import { problemReply } from '../platform/error-replies.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { inputText, viewValues } from '../platform/view-state.ts';
import {
  notRetentionAdminText,
  openRetentionActionId,
  retentionCallbackId,
  retentionMessage,
  retentionModal,
} from './retention.blocks.ts';
import { isAdmin } from './settings.ts';

/** `/nudge retention`: the current periods for an admin, or why not. */
export async function retentionAnswer(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string },
): Promise<SlackMessage> {
  if (!(await isAdmin(deps, client, input.workspaceId, input.userId))) return problemReply(notRetentionAdminText);
  return retentionMessage(await readRetentionSettings(deps.db, input.workspaceId));
}

/** The button opens the modal and the submission saves it; both check the admin again on the server. */
export function registerRetentionSettings(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenRetention: ActionHandler = async ({ ack, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (!triggerId) return;
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...problemReply(notRetentionAdminText) });
      return;
    }
    const settings = await readRetentionSettings(deps.db, workspaceId);
    await client.views.open({ trigger_id: triggerId, view: retentionModal(settings) });
  };
  surface.action(openRetentionActionId, handleOpenRetention);

  const handleRetentionSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await ack({ response_action: 'errors', errors: { [retentionKinds[0]!]: notRetentionAdminText } });
      return;
    }
    const values = viewValues(view);
    const input = Object.fromEntries(
      retentionKinds.map((kind) => [kind, inputText(values, { block: kind, action: kind })]),
    ) as RetentionInput;
    const result = await updateRetentionSettings(deps.db, {
      workspaceId,
      actorId: body.user.id,
      values: input,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors as Record<string, string> });
      return;
    }
    await ack();
  };
  surface.view(retentionCallbackId, handleRetentionSubmitted);
}
