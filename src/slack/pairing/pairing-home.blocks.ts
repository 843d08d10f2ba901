import type { KnownBlock } from '@slack/types';
import type { ProgrammeHomeLine } from '../../domain/pairing/home-summary.ts';
import { plural } from '../../domain/text/english.ts';
import { actions, button, context, section } from '../platform/block-kit.ts';
import { skipMeaning } from './pairing.blocks.ts';
/** The Home tab's coffee section: each programme with the person's state and their own controls (value: programme id). */

export const homeControlActionIds = {
  pause: 'pairing_home_pause',
  resume: 'pairing_home_resume',
  skip: 'pairing_home_skip',
  unskip: 'pairing_home_unskip',
  leave: 'pairing_home_leave',
  rejoin: 'pairing_home_rejoin',
} as const;
export type HomeControl = keyof typeof homeControlActionIds;

/** Home tabs hold 100 blocks; two per programme leaves the rest of the tab room. */
const maxProgrammes = 15;

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const frequencyText: Record<string, string> = { weekly: 'every', biweekly: 'every other', monthly: 'the first' };
const myStatusText: Record<ProgrammeHomeLine['myStatus'], string> = {
  active: 'you take part',
  paused: 'you are paused (`/coffee resume`)',
  left: 'you left (`/coffee resume` to rejoin)',
  skipping: 'you sit out the next round',
};
const labels: Record<HomeControl, string> = {
  pause: 'Pause',
  resume: 'Resume',
  skip: 'Skip one round',
  unskip: 'Undo skip',
  leave: 'Leave',
  rejoin: 'Rejoin',
};

/** Which controls fit a state: never one that would do nothing. */
function controlsFor(status: ProgrammeHomeLine['myStatus']): HomeControl[] {
  switch (status) {
    case 'active':
      return ['pause', 'skip', 'leave'];
    case 'skipping':
      return ['pause', 'unskip', 'leave'];
    case 'paused':
      return ['resume', 'leave'];
    case 'left':
      return ['rejoin'];
  }
}

function lineText(line: ProgrammeHomeLine): string {
  const when = `${frequencyText[line.frequency] ?? 'every'} ${weekdayNames[line.weekday - 1] ?? ''}`;
  const state = line.member ? myStatusText[line.myStatus] : 'join the channel to take part';
  const progress = line.progress
    ? `\n   Round ${line.progress.number}: ${line.progress.delivered} of ${plural(line.progress.total, 'intro')} sent (${line.progress.status.replace('_', ' ')})`
    : '';
  return `• <#${line.channelId}> — ${line.kind.replace('-', ' ')}, ${when}: ${state}${progress}`;
}

export function pairingHomeBlocks(lines: ProgrammeHomeLine[]): KnownBlock[] {
  if (lines.length === 0)
    return [
      section(
        '*Coffee pairings*\nNo coffee programmes yet. An admin can start one with `/coffee start coffee` in a channel.',
      ),
    ];
  const blocks: KnownBlock[] = [
    section(
      `*Coffee pairings*\nOnly you see these; nobody is told when you pause. Skip ${skipMeaning}; if you skip or leave after an intro, your group hears only that you had to skip.`,
    ),
  ];
  for (const line of lines.slice(0, maxProgrammes)) {
    blocks.push(section(lineText(line)));
    if (!line.member) continue;
    blocks.push(
      actions(
        controlsFor(line.myStatus).map((control) =>
          button({
            text: labels[control],
            actionId: homeControlActionIds[control],
            value: line.programmeId,
            ...(control === 'resume' || control === 'rejoin' ? { style: 'primary' as const } : {}),
          }),
        ),
        `pairing_home_${line.programmeId}`,
      ),
    );
  }
  if (lines.length > maxProgrammes)
    blocks.push(context(`…and ${lines.length - maxProgrammes} more: \`/coffee status\` in each channel.`));
  return blocks;
}
