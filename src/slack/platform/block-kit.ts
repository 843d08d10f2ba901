import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
  SectionBlockAccessory,
} from '@slack/types';

/**
 * The Block Kit pieces every builder shares, typed by `@slack/types` so a block in the wrong place fails to compile.
 * Each atom writes only the keys it is given: an absent option is an absent key, never `undefined`.
 */

/** A message: `text` is the notification and screen-reader fallback, `blocks` what Slack draws. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function plainText(text: string): PlainTextElement {
  return { type: 'plain_text', text };
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plainText(text), value };
}

/** Slack ignores key order, but the Home tab is checked as serialized JSON, so `style` stays before `text`. */
export function button(input: {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
}): Button {
  return {
    type: 'button',
    action_id: input.actionId,
    ...(input.style ? { style: input.style } : {}),
    text: plainText(input.text),
    ...(input.value !== undefined ? { value: input.value } : {}),
  };
}

/** A section of mrkdwn text, with an optional element beside it. */
export function section(text: string, accessory?: SectionBlockAccessory): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(accessory ? { accessory } : {}) };
}

/** A context line of mrkdwn texts (Slack draws them small and grey). */
export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', ...(blockId !== undefined ? { block_id: blockId } : {}), elements };
}

/** An input; `optional` is written only when given (Slack takes its absence as false). */
export function input(blockId: string, label: string, element: InputBlockElement, optional?: boolean): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label),
    ...(optional !== undefined ? { optional } : {}),
    element,
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text) };
}

/** A message of one section, and a context line under it when there is a note; the fallback text carries both. */
export function textMessage(text: string, note?: string): SlackMessage {
  const blocks: KnownBlock[] = [section(text)];
  if (note) blocks.push(context(note));
  return { text: note ? `${text}\n${note}` : text, blocks };
}

/**
 * A date Slack shows in each reader's own time zone (`fallback` where a client cannot render it). A moment that
 * stands for a day (a send hour, a cycle's end) is best given at that day's midday, which falls on that date for
 * nearly every zone.
 */
export function slackDate(at: Date, fallback: string): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_long_pretty}|${fallback}>`;
}
