import type { WebClient } from '@slack/web-api';
import { readAdminAuditLog } from '../../domain/audit/audit-log.ts';
import type { SlackMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import { problemReply } from '../platform/error-replies.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import { adminAuditMessage, auditOlderActionId, notAuditAdminText } from './admin-audit.blocks.ts';
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
}
