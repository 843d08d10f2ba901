import type { ActionsBlock } from '@slack/types';
import { actions, button, type SlackMessage, section } from '../platform/block-kit.ts';
/** The intro's own skip and pause buttons, and the "which programme?" question of a command run outside one. */

export const introSkipActionId = 'pairing_intro_skip';
export const introPauseActionId = 'pairing_intro_pause';
export const chooseProgrammeActionId = 'coffee_choose_programme';

/** The longest command text a choice button carries back (Slack allows 2000 characters in a button's value). */
const maxCarriedText = 200;

export function introControls(programmeId: string): ActionsBlock {
  return actions(
    [
      button({ text: 'Skip one round', actionId: introSkipActionId, value: programmeId }),
      button({ text: 'Pause', actionId: introPauseActionId, value: programmeId }),
    ],
    'pairing_intro_controls',
  );
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
      section(question),
      ...input.programmes.slice(0, 15).map((p, i) => ({
        ...section(
          `<#${p.channelId}>`,
          button({ text: 'This one', actionId: chooseProgrammeActionId, value: choiceValue(p.id, input.commandText) }),
        ),
        block_id: `coffee_choice_${i}`,
      })),
    ],
  };
}

export const notInAnyProgrammeText =
  'There is no coffee programme here, and you are not in one yet: join a channel that runs one, and Nudge pairs you from its next round.';
