import { findMember } from '../../src/domain/directory/find-members.ts';
import { homeNetwork } from '../../src/domain/insights/home-network.ts';
import { saveHomePicture } from '../../src/domain/insights/quarterly-recap.ts';
import { networkChartAltText, networkChartPng } from '../../src/slack/insights/network-chart.ts';
import type { Processor } from '../processor.ts';

/**
 * Draws the picture of the person's year for their Home tab and uploads it into their DM with Nudge: Slack shows an
 * uploaded image only to people who can see the file, and that DM is the one place only they can. Keyed by the
 * figures, so the same picture is uploaded once; then the Home tab is published again to show it.
 */
export const processInsightsHomePicture: Processor<'insights.home-picture'> = async (data, { deps }) => {
  const { workspaceId, userId } = data;
  const member = await findMember(deps.db, workspaceId, userId);
  if (!member || member.is_deleted) return { skipped: 'not_member' };
  const now = deps.clock.now();
  const home = await homeNetwork(deps.db, { workspaceId, userId, now, timeZone: member.time_zone });
  if (!home.pictureHash) return { skipped: 'nothing_to_draw' };
  if (home.pictureFileId) return { skipped: 'already_uploaded' };
  const title = `People you met each month in ${home.network.year.label}`;
  const months = home.network.completedMonths;
  const file = await deps.sender.uploadFile({
    workspaceId,
    key: `insights.home-picture.${userId}.${home.pictureHash}`,
    to: { users: [userId] },
    filename: 'your-network.png',
    title,
    content: networkChartPng(title, months),
    altText: networkChartAltText(title, months),
    initialComment:
      'Your connections this year, month by month, for the *Your network* part of your Home tab. Only you see it.',
  });
  await saveHomePicture(deps.db, { workspaceId, userId, figuresHash: home.pictureHash, fileId: file.fileId, now });
  await deps.queues.enqueue('home.publish', { workspaceId, userId });
  return { uploaded: file.fileId };
};
