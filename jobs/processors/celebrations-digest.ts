import { loadCelebrationSettings } from '../../src/domain/celebrations/settings.ts';
import { weeklyWins } from '../../src/domain/celebrations/weekly-wins.ts';
import { weeklyWinsMessage } from '../../src/slack/celebrations/celebrations.blocks.ts';
import type { Processor } from '../processor.ts';

/** The weekly wins: the week's shipped projects and celebrations and a kudos summary; once per local date. */
export const processCelebrationsDigest: Processor<'celebrations.digest'> = async (data, { deps }) => {
  const settings = await loadCelebrationSettings(deps.db, data.workspaceId);
  if (settings.paused || !settings.digestChannelId) return { skipped: 'no digest configured' };
  const wins = await weeklyWins(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `celebrations.digest.${wins.date}`,
    to: { channel: settings.digestChannelId },
    ...weeklyWinsMessage(wins),
  });
  return { date: wins.date, ts: sent.ts, alreadySent: sent.alreadySent };
};
