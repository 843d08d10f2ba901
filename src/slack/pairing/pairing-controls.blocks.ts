import type { SlackMessage } from '../kudos/kudos.blocks.ts';

/** The intro's own skip and pause buttons, and the "which programme?" question of a command run outside one. */

export const introSkipActionId = 'pairing_intro_skip';
export const introPauseActionId = 'pairing_intro_pause';
export const chooseProgrammeActionId = 'coffee_choose_programme';

/** The longest command text a choice button carries back (Slack allows 2000 characters in a button's value). */
const maxCarriedText = 200;

export function introControls(programmeId: string) {
  return {
    type: 'actions',
    block_id: 'pairing_intro_controls',
    elements: [
      {
        type: 'button',
        action_id: introSkipActionId,
        text: { type: 'plain_text', text: 'Skip one round' },
        value: programmeId,
      },
      {
        type: 'button',
        action_id: introPauseActionId,
        text: { type: 'plain_text', text: 'Pause' },
        value: programmeId,
      },
    ],
  };
}

/** A choice carries the programme and the command as typed; the click parses the command again (parsing is pure). */
export function choiceValue(programmeId: string, commandText: string): string {
  return `${programmeId}|${commandText.trim().slice(0, maxCarriedText)}`;
}

export function parseChoiceValue(value: string): { programmeId: string; commandText: string } | null {
  const bar = value.indexOf('|');
  if (bar < 0) return null;
  const programmeId = value.slice(0, bar);
  return /^[0-9a-f-]{36}$/.test(programmeId) ? { programmeId, commandText: value.slice(bar + 1) } : null;
}

/** One section and one button per programme: a button's text cannot name a channel, a section's mrkdwn can. */
export function chooseProgrammeMessage(input: {
  commandText: string;
  programmes: Array<{ id: string; channelId: string }>;
}): SlackMessage {
  const command = `/coffee ${input.commandText.trim().slice(0, maxCarriedText)}`.replace(/[`<>]/g, '');
  const question = `You take part in ${input.programmes.length} coffee programmes. Which one is \`${command}\` for?`;
  return {
    text: `${question} ${input.programmes.map((p) => `<#${p.channelId}>`).join(', ')}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: question } },
      ...input.programmes.slice(0, 15).map((p, i) => ({
        type: 'section',
        block_id: `coffee_choice_${i}`,
        text: { type: 'mrkdwn', text: `<#${p.channelId}>` },
        accessory: {
          type: 'button',
          action_id: chooseProgrammeActionId,
          text: { type: 'plain_text', text: 'This one' },
          value: choiceValue(p.id, input.commandText),
        },
      })),
    ],
  };
}

export const notInAnyProgrammeText =
  'There is no coffee programme here, and you are not in one yet: join a channel that runs one, and Nudge pairs you from its next round.';
