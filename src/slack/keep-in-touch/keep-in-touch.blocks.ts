import type { KnownBlock, ModalView } from '@slack/types';
import type { ContactRow } from '../../db/queries/keep-in-touch-contacts.ts';
import type { KeepInTouchSource } from '../../db/schema-keep-in-touch.ts';
import {
  type ContactRefusal,
  contactCadences,
  promptCadences,
  snoozeWeeks,
} from '../../domain/keep-in-touch/contacts.ts';
import type { PromptChoice } from '../../domain/keep-in-touch/follow-up-prompts.ts';
import type { ReconnectContact } from '../../domain/keep-in-touch/reconnect.ts';
import {
  actions,
  button,
  context,
  input,
  option,
  plainText,
  type SlackMessage,
  section,
  slackDate,
} from '../platform/block-kit.ts';
import { problemReply } from '../platform/error-replies.ts';

export const promptCadenceActionIds: Record<(typeof promptCadences)[number], string> = {
  2: 'keep_in_touch_prompt_2',
  4: 'keep_in_touch_prompt_4',
  8: 'keep_in_touch_prompt_8',
};
export const promptNoActionId = 'keep_in_touch_prompt_no';
export const stopRemindersActionId = 'keep_in_touch_stop';
export const messageContactActionId = 'keep_in_touch_message';
export const snoozeContactActionId = 'keep_in_touch_snooze';
export const doneContactActionId = 'keep_in_touch_done';
export const openAddContactActionId = 'keep_in_touch_add';
export const removeContactActionId = 'keep_in_touch_remove';
export const addContactCallbackId = 'keep_in_touch_add_modal';
export const contactInput = { block: 'kit_contact', action: 'user' };
export const cadenceInput = { block: 'kit_cadence', action: 'cadence' };

/** The idempotency keys of what keeping in touch posts: one message per key, ever. */
export const followUpPromptKey = (promptId: string) => `keep-in-touch.prompt.${promptId}`;
export const reconnectKey = (workspaceId: string, userId: string, since: number) =>
  `keep-in-touch.reconnect.${workspaceId}.${userId}.${since}`;
export const helloKey = (workspaceId: string, ownerId: string, contactId: string, day: string) =>
  `keep-in-touch.hello.${workspaceId}.${ownerId}.${contactId}.${day}`;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dateText = (at: Date) => slackDate(at, dayFormat.format(at));
const weeks = (n: number) => (n === 1 ? 'week' : `${n} weeks`);
const whereTheListIs = 'Your list is on the Home tab (*Keep in touch*) and in `/nudge keep-in-touch`.';
const stopButton = () => button({ text: 'Stop keep-in-touch reminders', actionId: stopRemindersActionId });

const met: Record<KeepInTouchSource, string> = {
  pairing: 'met through a coffee or intro round',
  mentorship: 'had a mentorship meeting',
  learning: 'were introduced to learn from each other',
};

/** The follow-up a day after a meeting: one per partner, private, answered in place. */
export function followUpPromptMessage(input: {
  promptId: string;
  partnerId: string;
  source: KeepInTouchSource;
}): SlackMessage {
  const question = `Keep in touch with <@${input.partnerId}>?`;
  return {
    text: question,
    blocks: [
      section(`You and <@${input.partnerId}> ${met[input.source]}. *${question}* Nudge can remind you to reach out.`),
      actions([
        ...promptCadences.map((n) =>
          button({ text: `Remind me in ${n} weeks`, actionId: promptCadenceActionIds[n], value: input.promptId }),
        ),
        button({ text: 'No thanks', actionId: promptNoActionId, value: input.promptId }),
        stopButton(),
      ]),
      context('Only you see this. Nudge asks once per person you meet.'),
    ],
  };
}

export function promptAnsweredMessage(partnerId: string, choice: PromptChoice): SlackMessage {
  if (choice === 'stop') return remindersStoppedMessage();
  const text =
    choice === 'no'
      ? `No reminder about <@${partnerId}>. Nudge will not ask about them again.`
      : `Nudge will remind you to get in touch with <@${partnerId}> every ${weeks(choice.cadenceWeeks)}, unless you do first.`;
  return { text, blocks: [section(text), context(whereTheListIs)] };
}

export function remindersStoppedMessage(): SlackMessage {
  const text = 'Keep-in-touch reminders are off: no more follow-ups or weekly reconnect DMs.';
  return {
    text,
    blocks: [section(text), context('Adding someone from the Home tab (*Keep in touch*) turns them on again.')],
  };
}

export const promptRefusalText: Record<'not_found' | 'answered' | 'partner_left' | 'bad_choice', string> = {
  not_found: 'That follow-up is not yours to answer.',
  answered: 'You already answered this one.',
  partner_left: 'They are no longer in this workspace, so there is no one to remind you about.',
  bad_choice: 'Choose 2, 4 or 8 weeks.',
};

const contactBlockId = (contactId: string) => `kit.${contactId}`;
const contactActionsBlockId = (contactId: string) => `kit.${contactId}.act`;

function lastInTouch(c: { lastContactAt: Date | null; cadenceWeeks: number }): string {
  const last = c.lastContactAt ? `last in touch ${dateText(c.lastContactAt)}` : 'no contact since you added them';
  return `${last} · every ${weeks(c.cadenceWeeks)}`;
}

/** The weekly DM: up to three people, each with Message, Snooze and Done, answered in place. */
export function reconnectMessage(contacts: ReconnectContact[]): SlackMessage {
  const blocks: KnownBlock[] = [
    section('*Time to reconnect?* You have not been in touch with these people for a while:'),
  ];
  for (const c of contacts) {
    blocks.push(
      { ...section(`<@${c.contactId}>: ${lastInTouch(c)}`), block_id: contactBlockId(c.contactId) },
      actions(
        [
          button({ text: 'Message', actionId: messageContactActionId, value: c.contactId, style: 'primary' }),
          button({ text: `Snooze ${snoozeWeeks} weeks`, actionId: snoozeContactActionId, value: c.contactId }),
          button({ text: 'Done', actionId: doneContactActionId, value: c.contactId }),
        ],
        contactActionsBlockId(c.contactId),
      ),
    );
  }
  blocks.push(actions([stopButton()]));
  const names = contacts.map((c) => `<@${c.contactId}>`).join(', ');
  return { text: `Time to reconnect with ${names}?`, blocks };
}

export type ContactAnswer = { kind: 'message' } | { kind: 'snooze'; until: Date } | { kind: 'done' };

function answerLine(contactId: string, answer: ContactAnswer): string {
  if (answer.kind === 'message')
    return `:wave: Nudge opened a group DM with you and <@${contactId}>: say hello there. Timer restarted.`;
  if (answer.kind === 'snooze') return `:zzz: <@${contactId}> snoozed until ${dateText(answer.until)}.`;
  return `:white_check_mark: <@${contactId}>: done, the timer starts again.`;
}

/**
 * The weekly DM as it reads after one of its buttons: that person's line and buttons become the answer, the others
 * stay as they were. Built from the message Slack sent back with the click.
 */
export function reconnectAnsweredMessage(
  original: { text?: string; blocks?: KnownBlock[] } | undefined,
  contactId: string,
  answer: ContactAnswer,
): SlackMessage {
  const line = context(answerLine(contactId, answer));
  const blocks: KnownBlock[] = [];
  for (const block of original?.blocks ?? []) {
    if (block.block_id === contactBlockId(contactId)) blocks.push({ ...line, block_id: contactBlockId(contactId) });
    else if (block.block_id !== contactActionsBlockId(contactId)) blocks.push(block);
  }
  if (blocks.length === 0) blocks.push(line);
  return { text: original?.text ?? 'Time to reconnect?', blocks };
}

/** Posted in a group DM of both when the owner clicks Message: their hello, not Nudge's reminder. */
export function helloMessage(ownerId: string, contactId: string): SlackMessage {
  const text = `<@${ownerId}> would like to catch up with you, <@${contactId}>. Reply here to say hello.`;
  return { text, blocks: [section(text)] };
}

const refusals: Record<ContactRefusal, string> = {
  self: 'You cannot keep in touch with yourself: choose a colleague.',
  not_member: 'That person is not a member of this workspace: choose someone from it.',
  bot: 'That is an app or a bot: choose a person.',
  left: 'That person has left the workspace: choose someone still here.',
  bad_cadence: 'Choose how often: every 1, 2, 4, 8 or 12 weeks.',
};

export function contactRefusalText(refused: ContactRefusal): string {
  return refusals[refused];
}

/** Add someone to keep in touch with, and how often. */
export function addContactModal(): ModalView {
  return {
    type: 'modal',
    callback_id: addContactCallbackId,
    title: plainText('Keep in touch'),
    submit: plainText('Add'),
    close: plainText('Cancel'),
    blocks: [
      input(contactInput.block, 'Who', { type: 'users_select', action_id: contactInput.action }),
      input(cadenceInput.block, 'Remind me every', {
        type: 'static_select',
        action_id: cadenceInput.action,
        initial_option: option('4 weeks', '4'),
        options: contactCadences.map((n) => option(weeks(n), String(n))),
      }),
      context(
        'Only you see your list. Any contact Nudge sees between you (kudos, a coffee, an intro) restarts the timer.',
      ),
    ],
  };
}

/** `/nudge keep-in-touch`: the person's own list, and how to add to it. */
export function keepInTouchListMessage(input: { optedOut: boolean; contacts: ContactRow[] }): SlackMessage {
  const lines = input.contacts.map(
    (c) =>
      `• <@${c.contact_id}>: every ${weeks(c.cadence_weeks)}, next ${dateText(c.snoozed_until && c.snoozed_until > c.due_at ? c.snoozed_until : c.due_at)}`,
  );
  const text = lines.length
    ? `*People you keep in touch with*\n${lines.join('\n').slice(0, 2900)}`
    : 'You are not keeping in touch with anyone through Nudge yet.';
  const note = input.optedOut
    ? 'Reminders are off. Adding someone turns them on again.'
    : 'Once a week at most, Nudge DMs you up to three people you are overdue with. Any contact Nudge sees between you restarts the timer.';
  return {
    text,
    blocks: [
      section(text),
      context(note),
      actions([button({ text: 'Add someone', actionId: openAddContactActionId })]),
    ],
  };
}

export function keepInTouchProblem(problem: string): SlackMessage {
  return problemReply(problem);
}
