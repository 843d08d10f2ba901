import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/database.ts';
import { findMembersByIds } from '../../domain/directory/find-members.ts';
import { findProgramme, type Programme } from '../../domain/pairing/find-programme.ts';
import { reshuffleRound } from '../../domain/pairing/reshuffle-round.ts';
import { findRound, findRoundGroups, type Round } from '../../domain/pairing/rounds.ts';
import { type SwapRefusal, swapPeople } from '../../domain/pairing/swap-people.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { actionValue, viewValues } from '../platform/view-state.ts';
import { approvalPreviewMessage } from './pairing.blocks.ts';
import {
  approvalMessageView,
  openSwapActionId,
  reshuffleRoundActionId,
  type SwapMetadata,
  swapBlocks,
  swapCallbackId,
  swapModal,
} from './pairing-approval.blocks.ts';
import { canApproveRound } from './pairing-permissions.ts';

const uuid = /^[0-9a-f-]{36}$/;
const notApprover = 'Only Nudge admins or the programme’s creator can change a round before it goes out.';
const userId = /^[UW][A-Z0-9]{2,30}$/;

/** The round and its programme, when the person may change it; otherwise what to tell them. */
async function approvable(
  deps: ListenerDeps,
  workspaceId: string,
  roundId: string,
  actorId: string,
): Promise<{ refusal: string } | { round: Round; programme: Programme }> {
  const round = uuid.test(roundId) ? await findRound(deps.db, workspaceId, roundId) : undefined;
  const programme = round ? await findProgramme(deps.db, workspaceId, round.programme_id) : undefined;
  if (!round || !programme) return { refusal: 'That round no longer exists.' };
  if (!(await canApproveRound(deps, workspaceId, actorId, programme))) return { refusal: notApprover } as const;
  if (round.status !== 'awaiting_approval')
    return { refusal: 'This round was already approved, so its groups can no longer change.' } as const;
  return { round, programme } as const;
}

async function preview(db: Db, workspaceId: string, roundId: string, channelId: string) {
  const groups = await findRoundGroups(db, workspaceId, roundId);
  return approvalPreviewMessage({ roundId, channelId, groups: groups.filter((g) => g.status === 'pending') });
}

/** The modal block to show a refusal under, and what it says (plain text: modal errors show no mentions). */
async function refusalText(
  db: Db,
  workspaceId: string,
  refusal: SwapRefusal,
  first: string,
): Promise<[string, string]> {
  const ids = 'pair' in refusal ? refusal.pair : [];
  const members = await findMembersByIds(db, workspaceId, ids);
  const name = (id: string) => members.get(id)?.real_name || members.get(id)?.name || id;
  switch (refusal.reason) {
    case 'not_found':
      return [swapBlocks.first.block, 'That round no longer exists.'];
    case 'not_awaiting_approval':
      return [swapBlocks.first.block, 'This round was already approved, so its groups can no longer change.'];
    case 'same_person':
      return [swapBlocks.second.block, 'Choose two different people.'];
    case 'same_group':
      return [swapBlocks.second.block, 'These two are already in the same group: choose people from two groups.'];
    case 'not_in_round':
      return [
        (refusal.userId === first ? swapBlocks.first : swapBlocks.second).block,
        'This person is not in any group of this round.',
      ];
    case 'not_allowed':
      return [swapBlocks.second.block, 'Not swapped: Nudge can’t group these people this way. Try a different swap.'];
    case 'same_team':
      return [
        swapBlocks.second.block,
        `Not swapped: ${name(refusal.pair[0])} and ${name(refusal.pair[1])} are both in ${refusal.team}, and this programme only introduces people across teams.`,
      ];
  }
}

function selectedUser(values: ReturnType<typeof viewValues>, at: { block: string; action: string }): string | null {
  const value = (values[at.block]?.[at.action] as { selected_user?: unknown } | undefined)?.selected_user;
  return typeof value === 'string' && userId.test(value) ? value : null;
}

function readMetadata(text: unknown): Partial<SwapMetadata> {
  try {
    const parsed = JSON.parse(typeof text === 'string' ? text : '') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<SwapMetadata>) : {};
  } catch {
    return {};
  }
}

async function redraw(client: WebClient, at: Partial<SwapMetadata>, message: Awaited<ReturnType<typeof preview>>) {
  if (typeof at.channelId !== 'string' || typeof at.messageTs !== 'string') return;
  // Best effort: the swap is saved either way, and approving sends what is saved.
  await client.chat.update({ channel: at.channelId, ts: at.messageTs, ...message }).catch(() => {});
}

/** Reshuffle and swap, from the buttons of the approval preview. Approving stays in pairing-actions.ts. */
export function registerPairingApproval(surface: SlackSurface, deps: ListenerDeps): void {
  const handleReshuffleRound: ActionHandler = async ({ ack, action, body, respond, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const tell = (text: string) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    const found = await approvable(deps, workspaceId, actionValue(action) ?? '', body.user.id);
    if ('refusal' in found) {
      await tell(found.refusal);
      return;
    }
    const result = await reshuffleRound(deps.db, { workspaceId, roundId: found.round.id, now: deps.clock.now() });
    if (!result.ok) {
      await tell('This round was already approved, so its groups can no longer change.');
      return;
    }
    const message = await preview(deps.db, workspaceId, found.round.id, found.programme.channel_id);
    await respond({ replace_original: true, ...message }).catch(() => {});
  };
  surface.action(reshuffleRoundActionId, handleReshuffleRound);

  const handleOpenSwap: ActionHandler = async ({ ack, action, body, client, respond, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const found = await approvable(deps, workspaceId, actionValue(action) ?? '', body.user.id);
    if ('refusal' in found) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: found.refusal }).catch(() => {});
      return;
    }
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    const where = body as { channel?: { id?: string }; message?: { ts?: string } };
    if (!triggerId) return;
    const view = swapModal({
      roundId: found.round.id,
      channelId: where.channel?.id ?? null,
      messageTs: where.message?.ts ?? null,
    });
    await client.views.open({ trigger_id: triggerId, view }).catch(() => {});
  };
  surface.action(openSwapActionId, handleOpenSwap);

  const handleSwapSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    const metadata = readMetadata(view.private_metadata);
    const found = await approvable(
      deps,
      workspaceId,
      typeof metadata.roundId === 'string' ? metadata.roundId : '',
      body.user.id,
    );
    if ('refusal' in found) {
      await ack({ response_action: 'errors', errors: { [swapBlocks.first.block]: found.refusal } });
      return;
    }
    const values = viewValues(view);
    const first = selectedUser(values, swapBlocks.first);
    const second = selectedUser(values, swapBlocks.second);
    if (!first || !second) {
      await ack({
        response_action: 'errors',
        errors: {
          ...(first ? {} : { [swapBlocks.first.block]: 'Choose the first person.' }),
          ...(second ? {} : { [swapBlocks.second.block]: 'Choose who they trade places with.' }),
        },
      });
      return;
    }
    const result = await swapPeople(deps.db, {
      workspaceId,
      roundId: found.round.id,
      userA: first,
      userB: second,
      swappedBy: body.user.id,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const [block, text] = await refusalText(deps.db, workspaceId, result, first);
      await ack({ response_action: 'errors', errors: { [block]: text } });
      return;
    }
    await ack({
      response_action: 'update',
      view: approvalMessageView(
        'Swapped',
        `:white_check_mark: <@${first}> and <@${second}> traded places. Nothing is sent until you approve the round.`,
      ),
    });
    await redraw(client, metadata, await preview(deps.db, workspaceId, found.round.id, found.programme.channel_id));
  };
  surface.view(swapCallbackId, handleSwapSubmitted);
}
