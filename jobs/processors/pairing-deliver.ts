import { findMembersByIds } from '../../src/domain/directory/find-members.ts';
import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { findRound, findRoundGroup, recordIntroDelivered } from '../../src/domain/pairing/rounds.ts';
import { introMessage } from '../../src/slack/pairing/pairing.blocks.ts';
import type { Processor } from '../processor.ts';
import { conversationsOpenPacer } from '../slack-pacers.ts';

/** One group's intro in its own group DM, exactly once: the group row and the send ledger both say when it is done. */
export const processPairingDeliver: Processor<'pairing.deliver'> = async (data, { deps }) => {
  const group = await findRoundGroup(deps.db, data.workspaceId, data.groupId);
  if (group?.status !== 'pending') return { skipped: group ? `already ${group.status}` : 'group not found' };
  const round = await findRound(deps.db, data.workspaceId, group.round_id);
  // 'delivered' too: a same-day re-match after a late skip joins a round whose other intros are all out.
  if (round?.status !== 'delivering' && round?.status !== 'delivered')
    return { skipped: `round is ${round?.status ?? 'missing'}` };
  const programme = await findProgramme(deps.db, data.workspaceId, round.programme_id);
  if (!programme) return { skipped: 'programme not found' };
  const members = await findMembersByIds(deps.db, data.workspaceId, group.members);
  // The team the round matched with (from the programme's source), not just Nudge's directory.
  const pooled = new Map((Array.isArray(round.pool) ? round.pool : []).map((p) => [p.userId, p]));
  const now = deps.clock.now();
  const message = introMessage({
    groupId: group.id,
    programmeId: programme.id,
    channelId: programme.channel_id,
    why: group.why,
    at: now,
    people: group.members.map((userId) => {
      const m = members.get(userId);
      const team = pooled.has(userId) ? (pooled.get(userId)?.team ?? null) : (m?.team ?? null);
      return { userId, team, title: m?.title ?? '', timeZone: m?.time_zone || 'UTC' };
    }),
  });
  // Each intro opens a group DM; the plan's own pace (one intro per `deliveryGapMillis`) is under the method's
  // tier, so on schedule the pacer never holds anything back.
  await conversationsOpenPacer.take(data.workspaceId, deps.slackTimeScale);
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `pairing.intro.${group.id}`,
    to: { users: group.members },
    ...message,
  });
  await recordIntroDelivered(
    deps.db,
    {
      workspaceId: data.workspaceId,
      roundId: round.id,
      groupId: group.id,
      conversationId: sent.channel,
      ts: sent.ts,
    },
    now,
  );
  return { delivered: group.id, alreadySent: sent.alreadySent };
};
