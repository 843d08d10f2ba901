import type { KnownBlock } from '@slack/types';
import type { NetworkFigures, PersonNetwork } from '../../domain/insights/person-network.ts';
import { plural } from '../../domain/text/english.ts';
import { actions, button, context, divider, header, mrkdwn } from '../platform/block-kit.ts';
import { networkChartAltText } from './network-chart.ts';
import { recapOffActionId, recapOnActionId } from './recap.blocks.ts';

/** The most this section adds to the Home tab, which shares Slack's 100 blocks with every other section. */
export const maxNetworkHomeBlocks = 7;

export interface NetworkHomeInput {
  network: PersonNetwork;
  /** The uploaded picture of the year's months, once there is one for these figures. */
  pictureFileId?: string | undefined;
  recapOff: boolean;
}

export function crossTeamText(share: number | null): string {
  return share === null ? 'not known yet' : `${Math.round(share * 100)}%`;
}

function reachText(f: NetworkFigures): string {
  return `${plural(f.teamsReached, 'team')}, ${plural(f.departmentsReached, 'department')}`;
}

export function kudosText(f: NetworkFigures): string {
  const { given, received, givenAcrossTeams, receivedAcrossTeams } = f.kudos;
  return `${given} given (${givenAcrossTeams} across teams) · ${received} received (${receivedAcrossTeams} across teams)`;
}

export function learningText(f: NetworkFigures): string {
  const parts = [
    f.mentorship.mentoring ? `mentoring ${plural(f.mentorship.mentoring, 'person', 'people')}` : '',
    f.mentorship.mentored ? `mentored by ${plural(f.mentorship.mentored, 'person', 'people')}` : '',
    f.learning.learned ? `learned from ${plural(f.learning.learned, 'colleague')}` : '',
    f.learning.taught ? `taught ${plural(f.learning.taught, 'colleague')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'None yet';
}

/**
 * "Your network" on the person's own Home tab: nobody else sees a Home tab, so these figures stay theirs. At most
 * `maxNetworkHomeBlocks` blocks.
 */
export function networkHomeBlocks(input: NetworkHomeInput): KnownBlock[] {
  const { quarter, year } = input.network;
  const blocks: KnownBlock[] = [
    divider(),
    header('Your network'),
    {
      type: 'section',
      fields: [
        mrkdwn(
          `*People met through Nudge*\n${quarter.figures.peopleMet} in ${quarter.label} · ${year.figures.peopleMet} in ${year.label}`,
        ),
        mrkdwn(`*Teams reached in ${year.label}*\n${reachText(year.figures)}`),
        mrkdwn(`*Across teams*\n${crossTeamText(year.figures.crossTeamShare)} of the people you met`),
        mrkdwn(`*Kudos in ${quarter.label}*\n${kudosText(quarter.figures)}`),
        mrkdwn(`*Mentorship and learning in ${quarter.label}*\n${learningText(quarter.figures)}`),
      ],
    },
  ];
  if (input.pictureFileId) {
    const title = `People you met each month in ${year.label}`;
    blocks.push({
      type: 'image',
      slack_file: { id: input.pictureFileId },
      alt_text: networkChartAltText(title, input.network.completedMonths),
      title: { type: 'plain_text', text: title },
    });
  }
  blocks.push(
    context(
      input.recapOff
        ? 'Only you see this. Your quarterly recap DM is off.'
        : 'Only you see this. Nudge sends you a recap of each quarter by DM.',
    ),
    actions([
      input.recapOff
        ? button({ text: 'Turn the quarterly recap on', actionId: recapOnActionId })
        : button({ text: 'Turn the quarterly recap off', actionId: recapOffActionId }),
    ]),
  );
  return blocks;
}
