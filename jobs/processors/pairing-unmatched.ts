import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { addDaysToDate, nextRoundDate } from '../../src/domain/pairing/round-calendar.ts';
import { findRound, findUnmatched } from '../../src/domain/pairing/rounds.ts';
import { storedUnmatchedReason } from '../../src/domain/pairing/unmatched-reason.ts';
import { findWorkspace } from '../../src/domain/workspaces/find-workspace.ts';
import { unmatchedNotice } from '../../src/slack/pairing/pairing.blocks.ts';
import type { Processor } from '../processor.ts';

/** Nobody is silently dropped: everyone left out of a round hears why and when the next one is. */
export const processPairingUnmatched: Processor<'pairing.unmatched'> = async (data, { deps }) => {
  const round = await findRound(deps.db, data.workspaceId, data.roundId);
  if (!round || (round.status !== 'delivering' && round.status !== 'delivered'))
    return { skipped: 'round not delivering' };
  const [programme, workspace, unmatched] = await Promise.all([
    findProgramme(deps.db, data.workspaceId, round.programme_id),
    findWorkspace(deps.db, data.workspaceId),
    findUnmatched(deps.db, data.workspaceId, round.id),
  ]);
  if (!programme) return { skipped: 'programme not found' };
  const timeZone = workspace?.time_zone ?? 'UTC';
  const next = nextRoundDate(
    { frequency: programme.frequency, weekday: programme.weekday, createdAt: programme.created_at },
    new Date(`${addDaysToDate(round.round_date, 1)}T12:00:00Z`),
    timeZone,
  );
  for (const person of unmatched) {
    const notice = unmatchedNotice({
      channelId: programme.channel_id,
      reason: storedUnmatchedReason(person.reason),
      nextRound: next,
    });
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `pairing.unmatched.${round.id}.${person.userId}`,
      to: { users: [person.userId] },
      ...notice,
    });
  }
  return { notified: unmatched.length };
};
