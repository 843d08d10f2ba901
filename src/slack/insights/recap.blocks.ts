import type { KnownBlock } from '@slack/types';
import type { QuarterRecap } from '../../domain/insights/person-network.ts';
import { plural } from '../../domain/text/english.ts';
import { actions, button, context, header, mrkdwn, type SlackMessage, section } from '../platform/block-kit.ts';
import { crossTeamText, kudosText, learningText } from './network-home.blocks.ts';

export const recapOffActionId = 'insights_recap_off';
export const recapOnActionId = 'insights_recap_on';
const recapActionsBlockId = 'insights_recap_actions';

export const recapTitle = 'Your quarter in connections';

function reachSentence(recap: QuarterRecap): string {
  const f = recap.figures;
  if (f.peopleMet === 0) return `In ${recap.quarter.label} you did not meet anyone new through Nudge.`;
  const teams = f.teamsReached ? `, from ${plural(f.teamsReached, 'team')}` : '';
  const across = f.crossTeamShare === null ? '' : `; ${crossTeamText(f.crossTeamShare)} of them in other teams`;
  return `In ${recap.quarter.label} you met *${plural(f.peopleMet, 'person', 'people')}* through Nudge${teams}${across}.`;
}

/** The quarterly recap DM: only its reader ever sees it, and it can be turned off from where it is read. */
export function recapMessage(recap: QuarterRecap): SlackMessage {
  const blocks: KnownBlock[] = [
    header(recapTitle),
    section(reachSentence(recap)),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Kudos*\n${kudosText(recap.figures)}`),
        mrkdwn(`*Mentorship and learning*\n${learningText(recap.figures)}`),
      ],
    },
    context('Only you get this. Your month-by-month picture follows.'),
    actions([button({ text: 'Turn these recaps off', actionId: recapOffActionId })], recapActionsBlockId),
  ];
  return { text: `${recapTitle}: ${recap.quarter.label}`, blocks };
}

/** The recap as it reads once turned off, answered in place: the figures stay, the button gives way to how to undo it. */
export function recapTurnedOffMessage(original: KnownBlock[] | undefined): SlackMessage {
  const kept = (original ?? []).filter((block) => block.block_id !== recapActionsBlockId && block.type !== 'actions');
  return {
    text: 'Quarterly recaps are off.',
    blocks: [...kept, context('Quarterly recaps are off. You can turn them back on from the *Home* tab of Nudge.')],
  };
}

export function recapChartTitle(recap: QuarterRecap): string {
  return `People you met each month, ${recap.quarter.label}`;
}
