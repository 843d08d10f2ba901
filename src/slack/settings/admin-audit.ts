import type { WebClient } from '@slack/web-api';
import { readAdminAuditLog } from '../../domain/audit/audit-log.ts';
import { type SlackMessage, textMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import { problemReply, tryAgainText } from '../platform/error-replies.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import {
  adminAuditMessage,
  auditExportActionId,
  auditExportQueuedMessage,
  auditOlderActionId,
  notAuditAdminText,
  notAuditExportAdminText,
} from './admin-audit.blocks.ts';
import { isAdmin } from './settings.ts';

/** A page of the audit log for an admin, or why not; the admin check runs on every page, on the server. */
export async function adminAuditAnswer(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string; cursor?: string },
): Promise<SlackMessage> {
  if (!(await isAdmin(deps, client, input.workspaceId, input.userId))) return problemReply(notAuditAdminText);
  const page = await readAdminAuditLog(deps.db, {
    workspaceId: input.workspaceId,
    ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
  });
  if (!page.ok) return problemReply('That page of the audit log could not be found.', 'Run `/nudge audit` again.');
  return adminAuditMessage({ ...page, older: input.cursor !== undefined });
}

/**
 * `/nudge audit export` and the page's "Export as CSV": the admin check on the server, then the `audit.export` job,
 * which uploads the file to the admin's DM (an upload takes longer than Slack waits for an answer).
 */
export async function requestAuditExport(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string },
): Promise<SlackMessage> {
  if (!(await isAdmin(deps, client, input.workspaceId, input.userId))) return problemReply(notAuditExportAdminText);
  try {
    await deps.queues.enqueue('audit.export', {
      workspaceId: input.workspaceId,
      userId: input.userId,
      requestedAt: deps.clock.now().toISOString(),
    });
  } catch (error) {
    deps.logger.warn({ workspaceId: input.workspaceId, err: error }, 'could not enqueue the audit log export');
    return textMessage(tryAgainText);
  }
  return auditExportQueuedMessage();
}

/** "Show older" replaces the ephemeral page in place, through the response_url of the message it is on. */
export function registerAdminAudit(surface: SlackSurface, deps: ListenerDeps): void {
  const handleAuditOlder: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const message = await adminAuditAnswer(deps, client, {
      workspaceId: workspaceOf(context),
      userId: body.user.id,
      cursor: actionValue(action) ?? '',
    });
    await respond({ response_type: 'ephemeral', replace_original: true, ...message });
  };
  surface.action(auditOlderActionId, handleAuditOlder);

  // The page stays as it is; the answer comes as a new ephemeral message under it.
  const handleAuditExport: ActionHandler = async ({ ack, body, client, context, respond }) => {
    await ack();
    const message = await requestAuditExport(deps, client, { workspaceId: workspaceOf(context), userId: body.user.id });
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  };
  surface.action(auditExportActionId, handleAuditExport);
}
