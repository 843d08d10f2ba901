import type { KnownBlock, ModalView } from '@slack/types';
import { context, input as inputBlock, option, plainText, section } from '../platform/block-kit.ts';

/** The "Give kudos" modal, opened from the shortcuts and the weekly prompt's button. */

export const kudosModalCallbackId = 'kudos_modal';
export const giveKudosShortcutId = 'give_kudos';
export const giveKudosMessageShortcutId = 'give_kudos_message';
export const openKudosModalActionId = 'kudos_open_modal';

export const kudosModalBlocks = {
  recipients: { block: 'kudos_recipients', action: 'recipients' },
  reason: { block: 'kudos_reason', action: 'reason' },
  value: { block: 'kudos_value', action: 'value' },
} as const;

export interface KudosModalContext {
  channelId: string | null;
  messageLink: string | null;
  sourceTs: string | null;
  /** Opened from a button on a Nudge post (a launch's "Send kudos"), not from a shortcut or the prompt. */
  fromButton?: boolean;
}

export function kudosModal(input: {
  values: string[];
  context: KudosModalContext;
  initialUsers?: string[];
  /** A suggested reason the giver can edit, as plain text. */
  initialReason?: string;
}): ModalView {
  const blocks: KnownBlock[] = [];
  if (input.context.messageLink) blocks.push(context(`For <${input.context.messageLink}|this message>`));
  blocks.push(
    inputBlock(kudosModalBlocks.recipients.block, 'Who do you want to thank?', {
      type: 'multi_users_select',
      action_id: kudosModalBlocks.recipients.action,
      max_selected_items: 10,
      placeholder: plainText('Choose up to 10 people'),
      ...(input.initialUsers?.length ? { initial_users: input.initialUsers } : {}),
    }),
    inputBlock(kudosModalBlocks.reason.block, 'What did they do?', {
      type: 'plain_text_input',
      action_id: kudosModalBlocks.reason.action,
      multiline: true,
      min_length: 10,
      max_length: 1000,
      ...(input.initialReason ? { initial_value: input.initialReason.slice(0, 1000) } : {}),
      placeholder: plainText('For fixing the deploy pipeline on a Friday evening'),
    }),
    inputBlock(
      kudosModalBlocks.value.block,
      'Which value did they show?',
      {
        type: 'static_select',
        action_id: kudosModalBlocks.value.action,
        placeholder: plainText('Pick a value'),
        options: input.values.slice(0, 100).map((value) => option(`#${value}`, value)),
      },
      true,
    ),
  );
  return {
    type: 'modal',
    callback_id: kudosModalCallbackId,
    title: plainText('Give kudos'),
    submit: plainText('Send kudos'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify(input.context),
    blocks,
  };
}

export function kudosDoneView(text: string): ModalView {
  return { type: 'modal', title: plainText('Kudos sent'), close: plainText('Done'), blocks: [section(text)] };
}

export function parseModalContext(privateMetadata: string | undefined): KudosModalContext {
  try {
    const parsed = JSON.parse(privateMetadata ?? '{}') as Partial<KudosModalContext>;
    const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length < 1000 ? v : null);
    return {
      channelId: text(parsed.channelId),
      messageLink: text(parsed.messageLink),
      sourceTs: text(parsed.sourceTs),
      ...(parsed.fromButton === true ? { fromButton: true } : {}),
    };
  } catch {
    return { channelId: null, messageLink: null, sourceTs: null };
  }
}
