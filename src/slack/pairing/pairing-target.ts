import type { WebClient } from '@slack/web-api';
import {
  findProgrammeByChannel,
  findProgrammeByGroupConversation,
  findProgrammes,
  type Programme,
} from '../../domain/pairing/find-programme.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import { programmesOf } from './programme-membership.ts';

export type PairingTarget =
  | { kind: 'one'; programme: Programme }
  | { kind: 'several'; programmes: Programme[] }
  | { kind: 'none' };

/**
 * The programme a command is about: the channel's own; in a pairing's group DM, the programme that paired them;
 * anywhere else (the DM with Nudge, a channel without a programme), the person's programme, or a question when
 * they are in several.
 */
export async function pairingTargetOf(
  deps: ListenerDeps,
  ctx: { workspaceId: string; userId: string; channelId: string; client: WebClient },
): Promise<PairingTarget> {
  const here =
    (await findProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId)) ??
    (await findProgrammeByGroupConversation(deps.db, ctx.workspaceId, ctx.channelId));
  if (here) return { kind: 'one', programme: here };
  const all = await findProgrammes(deps.db, ctx.workspaceId);
  const mine =
    all.length === 0 ? [] : await programmesOf(all, ctx.userId, (args) => ctx.client.conversations.members(args));
  if (mine.length === 1) return { kind: 'one', programme: mine[0]! };
  return mine.length === 0 ? { kind: 'none' } : { kind: 'several', programmes: mine };
}
