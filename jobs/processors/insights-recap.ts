import { hasNothingToRecap, quarterRecap } from '../../src/domain/insights/person-network.ts';
import { recordRecap } from '../../src/domain/insights/quarterly-recap.ts';
import { quarterOfKey } from '../../src/domain/insights/quarters.ts';
import { recapRecipient } from '../../src/domain/insights/recap-recipient.ts';
import { networkChartAltText, networkChartPng } from '../../src/slack/insights/network-chart.ts';
import { recapChartTitle, recapMessage } from '../../src/slack/insights/recap.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * One person's "Your quarter in connections": the figures with the off button, then the month-by-month picture, in
 * their DM. Both go through the sender under keys of the person and quarter and the recap is recorded last, so a retry
 * after any step posts only what is missing. A quarter with nothing in it is recorded and not sent: a DM saying
 * "nothing happened" reads as a reproach and teaches people to ignore the next recap.
 */
export const processInsightsRecap: Processor<'insights.recap'> = async (data, { deps }) => {
  const { workspaceId, userId } = data;
  const now = deps.clock.now();
  const recipient = await recapRecipient(deps.db, { workspaceId, userId, quarter: data.quarter, now });
  if (!recipient.ok) return { skipped: recipient.skipped };
  const quarter = quarterOfKey(data.quarter, recipient.timeZone);
  const recap = await quarterRecap(deps.db, { workspaceId, userId, quarter, timeZone: recipient.timeZone });
  if (hasNothingToRecap(recap.figures)) {
    await recordRecap(deps.db, { workspaceId, userId, quarter: data.quarter, outcome: 'nothing', now });
    return { skipped: 'nothing_to_recap' };
  }
  await deps.sender.postMessage({
    workspaceId,
    key: `insights.recap.${data.quarter}.${userId}`,
    to: { users: [userId] },
    ...recapMessage(recap),
  });
  const title = recapChartTitle(recap);
  await deps.sender.uploadFile({
    workspaceId,
    key: `insights.recap-chart.${data.quarter}.${userId}`,
    to: { users: [userId] },
    filename: `your-quarter-${data.quarter}.png`,
    title,
    content: networkChartPng(title, recap.months),
    altText: networkChartAltText(title, recap.months),
  });
  await recordRecap(deps.db, { workspaceId, userId, quarter: data.quarter, outcome: 'sent', now });
  return { sent: data.quarter };
};
