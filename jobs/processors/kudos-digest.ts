import { monthlyDigest } from '../../src/domain/kudos/monthly-digest.ts';
import { loadKudosSettings } from '../../src/domain/kudos/settings.ts';
import { monthlyDigestMessage } from '../../src/slack/kudos/kudos.blocks.ts';
import type { Processor } from '../processor.ts';

/** Last month's kudos in numbers, in the kudos channel; once per month whatever the retries. */
export const processKudosDigest: Processor<'kudos.digest'> = async (data, { deps }) => {
  const settings = await loadKudosSettings(deps.db, data.workspaceId);
  if (!settings.digestEnabled || !settings.kudosChannelId) return { skipped: 'no digest configured' };
  const digest = await monthlyDigest(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  const message = monthlyDigestMessage(digest);
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `kudos.digest.${digest.month}`,
    to: { channel: settings.kudosChannelId },
    ...message,
  });
  return { month: digest.month, ts: sent.ts };
};
