import type { ModalView } from '@slack/types';

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
  const blocks: unknown[] = [];
  if (input.context.messageLink) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `For <${input.context.messageLink}|this message>` }],
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: kudosModalBlocks.recipients.block,
      label: { type: 'plain_text', text: 'Who do you want to thank?' },
      element: {
        type: 'multi_users_select',
        action_id: kudosModalBlocks.recipients.action,
        max_selected_items: 10,
        placeholder: { type: 'plain_text', text: 'Choose up to 10 people' },
        ...(input.initialUsers?.length ? { initial_users: input.initialUsers } : {}),
      },
    },
    {
      type: 'input',
      block_id: kudosModalBlocks.reason.block,
      label: { type: 'plain_text', text: 'What did they do?' },
      element: {
        type: 'plain_text_input',
        action_id: kudosModalBlocks.reason.action,
        multiline: true,
        min_length: 10,
        max_length: 1000,
        ...(input.initialReason ? { initial_value: input.initialReason.slice(0, 1000) } : {}),
        placeholder: { type: 'plain_text', text: 'For fixing the deploy pipeline on a Friday evening' },
      },
    },
    {
      type: 'input',
      block_id: kudosModalBlocks.value.block,
      optional: true,
      label: { type: 'plain_text', text: 'Which value did they show?' },
      element: {
        type: 'static_select',
        action_id: kudosModalBlocks.value.action,
        placeholder: { type: 'plain_text', text: 'Pick a value' },
        options: input.values
          .slice(0, 100)
          .map((value) => ({ text: { type: 'plain_text', text: `#${value}` }, value })),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: kudosModalCallbackId,
    title: { type: 'plain_text', text: 'Give kudos' },
    submit: { type: 'plain_text', text: 'Send kudos' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(input.context),
    blocks,
  } as ModalView;
}

export function kudosDoneView(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Kudos sent' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
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
