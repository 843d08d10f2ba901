import { loadPairIntro, recordPairIntroSent } from '../../src/domain/mentorship/pair-intro.ts';
import { mentorshipIntroMessage } from '../../src/slack/mentorship/mentorship-intro.blocks.ts';
import type { Processor } from '../processor.ts';
import { conversationsOpenPacer } from '../slack-pacers.ts';

/**
 * A new mentorship pair's intro in a group DM of the two, exactly once: the send ledger's key makes a retried job
 * find the message already there, and the pair row remembers that it went out.
 */
export const processMentorshipIntro: Processor<'mentorship.intro'> = async (data, { deps }) => {
  const loaded = await loadPairIntro(deps.db, data);
  if (!loaded.ok) return { skipped: loaded.skipped };
  const { intro } = loaded;
  await conversationsOpenPacer.take(data.workspaceId, deps.slackTimeScale);
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `mentorship.intro.${intro.pairId}`,
    to: { users: [intro.mentorId, intro.menteeId] },
    ...mentorshipIntroMessage(intro),
  });
  await recordPairIntroSent(deps.db, { workspaceId: data.workspaceId, pairId: intro.pairId, now: deps.clock.now() });
  return { introduced: intro.pairId, alreadySent: sent.alreadySent };
};
