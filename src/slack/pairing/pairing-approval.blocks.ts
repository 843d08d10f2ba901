import type { ModalView } from '@slack/types';
import { input, plainText, section } from '../platform/block-kit.ts';

/** Approval mode's changes before a round goes out: reshuffle everyone, or swap two people between groups. */

export const reshuffleRoundActionId = 'pairing_reshuffle';
export const openSwapActionId = 'pairing_swap_open';
export const swapCallbackId = 'pairing_swap';
export const swapBlocks = {
  first: { block: 'pairing_swap_first', action: 'first' },
  second: { block: 'pairing_swap_second', action: 'second' },
} as const;

/** Where the preview message is, so a saved swap can redraw it; the round is re-read and re-checked on submit. */
export interface SwapMetadata {
  roundId: string;
  channelId: string | null;
  messageTs: string | null;
}

export function swapModal(metadata: SwapMetadata): ModalView {
  const person = (at: { block: string; action: string }, label: string) =>
    input(at.block, label, { type: 'users_select', action_id: at.action });
  return {
    type: 'modal',
    callback_id: swapCallbackId,
    title: plainText('Swap two people'),
    submit: plainText('Swap'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section('Each person moves into the other’s group. Nothing is sent until you approve the round.'),
      person(swapBlocks.first, 'This person'),
      person(swapBlocks.second, 'trades places with'),
    ],
  };
}

export function approvalMessageView(title: string, text: string): ModalView {
  return { type: 'modal', title: plainText(title), close: plainText('Done'), blocks: [section(text)] };
}
