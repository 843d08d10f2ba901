import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { addDaysToDate, isRoundDate, localDate } from '../../src/domain/pairing/round-calendar.ts';
import { findRecentRounds, findRoundByDate } from '../../src/domain/pairing/rounds.ts';
import { findWorkspace } from '../../src/domain/workspaces/find-workspace.ts';
import { enqueueRoundFollowUps } from '../pairing-followups.ts';
import type { Processor } from '../processor.ts';

/**
 * Hourly per programme: create tomorrow's round a day ahead (intros go out at each group's local hour, and
 * the earliest time zones reach tomorrow first), and re-queue what active rounds still need, so a flushed
 * Redis loses no step.
 */
export const processPairingTick: Processor<'pairing.tick'> = async (data, { deps }) => {
  const [programme, workspace] = await Promise.all([
    findProgramme(deps.db, data.workspaceId, data.programmeId),
    findWorkspace(deps.db, data.workspaceId),
  ]);
  if (programme?.status !== 'active' || workspace?.status !== 'active') return { skipped: 'inactive' };
  const timeZone = workspace.time_zone;
  const today = localDate(deps.clock.now(), timeZone);
  const calendar = { frequency: programme.frequency, weekday: programme.weekday, createdAt: programme.created_at };
  // A new programme's first round is never the day it starts: people get a day to pause or leave first.
  const startedOn = localDate(programme.created_at, timeZone);
  let queued = false;
  for (const date of [today, addDaysToDate(today, 1)]) {
    if (date <= startedOn || !isRoundDate(calendar, date, timeZone)) continue;
    const existing = await findRoundByDate(deps.db, data.workspaceId, programme.id, date);
    if (existing) await enqueueRoundFollowUps(deps, existing);
    else {
      await deps.queues.enqueue('pairing.round', {
        workspaceId: data.workspaceId,
        programmeId: programme.id,
        roundDate: date,
        deliverNow: false,
      });
      queued = true;
    }
  }
  const recent = await findRecentRounds(deps.db, data.workspaceId, programme.id, addDaysToDate(today, -14));
  for (const round of recent) await enqueueRoundFollowUps(deps, round);
  return { queuedRound: queued, activeRounds: recent.length };
};
