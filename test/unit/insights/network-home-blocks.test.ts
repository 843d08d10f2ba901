import { describe, expect, test } from 'vitest';
import type { NetworkFigures, PersonNetwork } from '../../../src/domain/insights/person-network.ts';
import { maxNetworkHomeBlocks, networkHomeBlocks } from '../../../src/slack/insights/network-home.blocks.ts';
import { recapOffActionId, recapOnActionId } from '../../../src/slack/insights/recap.blocks.ts';

const figures: NetworkFigures = {
  peopleMet: 3,
  teamsReached: 2,
  departmentsReached: 1,
  crossTeamShare: 2 / 3,
  kudos: { given: 4, received: 1, givenAcrossTeams: 2, receivedAcrossTeams: 0 },
  mentorship: { mentoring: 1, mentored: 0 },
  learning: { learned: 0, taught: 2 },
};
const network: PersonNetwork = {
  quarter: { label: 'Q4 2026', figures },
  year: { label: '2026', figures },
  completedMonths: [
    { label: 'Jan', people: 1 },
    { label: 'Feb', people: 2 },
  ],
};

describe('Your network on the Home tab', () => {
  test('stays within its share of the tab, with the picture and the switch', () => {
    const blocks = networkHomeBlocks({ network, pictureFileId: 'F0SBX00001', recapOff: false });
    expect(blocks.length).toBeLessThanOrEqual(maxNetworkHomeBlocks);
    expect(blocks).toContainEqual(
      expect.objectContaining({
        type: 'image',
        slack_file: { id: 'F0SBX00001' },
        alt_text: 'People you met each month in 2026: Jan 1, Feb 2',
      }),
    );
    const text = JSON.stringify(blocks);
    expect(text).toContain('67% of the people you met');
    expect(text).toContain('mentoring 1 person · taught 2 colleagues');
    expect(text).toContain(recapOffActionId);
  });

  test('without a picture yet it shows the figures alone; with the recap off it offers to turn it on', () => {
    const blocks = networkHomeBlocks({ network, pictureFileId: undefined, recapOff: true });
    expect(blocks.some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(blocks)).toContain(recapOnActionId);
    expect(JSON.stringify(blocks)).not.toContain(recapOffActionId);
  });
});
