import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { applyGhostStrikes } from '../../src/domain/pairing/ghosts.ts';
import { crossTeamShare } from '../../src/domain/pairing/round-stats.ts';
import {
  checkinCounts,
  closeRound,
  countGroupsByStatus,
  findRound,
  findRoundGroups,
} from '../../src/domain/pairing/rounds.ts';
import { ghostPausedMessage, ghostWarningMessage, roundClosedMessage } from '../../src/slack/pairing/pairing.blocks.ts';
import type { Processor } from '../processor.ts';

/** The round's end: a short stats post in the programme's channel, then the round is closed. */
export const processPairingClose: Processor<'pairing.close'> = async (data, { deps }) => {
  const round = await findRound(deps.db, data.workspaceId, data.roundId);
  if (!round || (round.status !== 'delivering' && round.status !== 'delivered'))
    return { skipped: `round is ${round?.status ?? 'missing'}` };
  const programme = await findProgramme(deps.db, data.workspaceId, round.programme_id);
  if (!programme) return { skipped: 'programme not found' };
  const [groups, answers, delivered] = await Promise.all([
    countGroupsByStatus(deps.db, data.workspaceId, round.id),
    checkinCounts(deps.db, data.workspaceId, round.id),
    findRoundGroups(deps.db, data.workspaceId, round.id),
  ]);
  const message = roundClosedMessage({
    number: round.number,
    groups: groups.delivered ?? 0,
    met: answers.met ?? 0,
    // The teams the round was matched with, over the groups that actually met (after skips and swaps).
    crossTeamShare: crossTeamShare(
      delivered.filter((g) => g.status === 'delivered'),
      Array.isArray(round.pool) ? round.pool : [],
    ),
  });
  await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `pairing.close.${round.id}`,
    to: { channel: programme.channel_id },
    ...message,
  });
  const ghosts = await applyGhostStrikes(deps.db, {
    workspaceId: data.workspaceId,
    roundId: round.id,
    now: deps.clock.now(),
  });
  for (const userId of ghosts.warn) {
    const warning = ghostWarningMessage({ channelId: programme.channel_id });
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `pairing.ghost-warning.${round.id}.${userId}`,
      to: { users: [userId] },
      ...warning,
    });
  }
  for (const userId of ghosts.paused) {
    const paused = ghostPausedMessage({ channelId: programme.channel_id, programmeId: programme.id });
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `pairing.ghost-paused.${round.id}.${userId}`,
      to: { users: [userId] },
      ...paused,
    });
  }
  await closeRound(deps.db, { workspaceId: data.workspaceId, roundId: round.id });
  return { closed: round.id, warned: ghosts.warn.length, paused: ghosts.paused.length };
};
