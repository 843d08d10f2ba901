import type { WebClient } from '@slack/web-api';
import { isNudgeAdminUser } from '../../domain/kudos/admins.ts';
import type { Programme } from '../../domain/pairing/find-programme.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import { isAdmin } from '../settings/settings.ts';

/** Who may run what in pairing programmes, decided on the server for every command, button and submission. */

/**
 * Nudge admins, or whoever created the channel or its programme: the people who may start and run it. Mentorship
 * programmes follow the same rule, so any programme with a creator will do.
 */
export async function canManageProgramme(
  deps: ListenerDeps,
  ctx: { workspaceId: string; userId: string; channelId: string; client: WebClient },
  programme?: Pick<Programme, 'created_by'>,
): Promise<boolean> {
  if ((await isAdmin(deps, ctx.client, ctx.workspaceId, ctx.userId)) || programme?.created_by === ctx.userId)
    return true;
  const info = await ctx.client.conversations.info({ channel: ctx.channelId }).catch(() => undefined);
  return (info as { channel?: { creator?: string } } | undefined)?.channel?.creator === ctx.userId;
}

/** Approving, reshuffling or rearranging a round: Nudge admins, or the programme's creator (who gets the preview). */
export async function canApproveRound(
  deps: ListenerDeps,
  workspaceId: string,
  userId: string,
  programme: Programme,
): Promise<boolean> {
  return programme.created_by === userId || (await isNudgeAdminUser(deps.db, workspaceId, userId));
}
