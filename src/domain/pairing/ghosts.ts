import type { Db } from '../../db/database.ts';
import { findRound } from '../../db/queries/pairing.ts';
import {
  addGhostStrike,
  findGhostStrikes,
  insertProgrammeMembersIfMissing,
  pauseStruckMembers,
  resetGhostStrikes,
} from '../../db/queries/pairing-members.ts';
import { findCheckinAnswered } from '../../db/queries/pairing-rounds.ts';
import { findAwayPeople } from '../directory/away-people.ts';

/** Rounds in a row without a check-in answer before Nudge warns, and before it pauses someone. */
export const ghostWarnAt = 2;
export const ghostPauseAt = 3;

export interface GhostOutcome {
  warn: string[];
  paused: string[];
}

/**
 * At a round's close: everyone who answered the check-in starts again from zero; everyone who did not gets a
 * strike. The round is recorded with each strike, so a retried close counts once. People at the warning mark
 * are warned; people at the pause mark are paused (with a one-click resume). The outcome is recomputed from
 * the stored state, so a retry after a crash still sends the notices. Someone whose Slack status says they are away
 * at the close gets no strike: silence on holiday is not ghosting, and a warning would greet them on their return.
 */
export async function applyGhostStrikes(
  db: Db,
  input: { workspaceId: string; roundId: string; now: Date },
): Promise<GhostOutcome> {
  const round = await findRound(db, input.workspaceId, input.roundId);
  if (!round) return { warn: [], paused: [] };
  return await db.transaction().execute(async (trx) => {
    const rows = await findCheckinAnswered(trx, input.workspaceId, round.id);
    const answered = rows.filter((r) => r.answered).map((r) => r.user_id);
    const quiet = rows.filter((r) => !r.answered).map((r) => r.user_id);
    const away = await findAwayPeople(trx, { workspaceId: input.workspaceId, userIds: quiet, now: input.now });
    const silent = quiet.filter((userId) => !away.has(userId));
    const key = { workspaceId: input.workspaceId, programmeId: round.programme_id, roundId: round.id };
    if (answered.length > 0) await resetGhostStrikes(trx, key, answered);
    if (silent.length > 0) {
      await insertProgrammeMembersIfMissing(
        trx,
        silent.map((user_id) => ({
          workspace_id: input.workspaceId,
          programme_id: round.programme_id,
          user_id,
          status: 'active' as const,
          team_override: null,
          updated_at: input.now,
        })),
      );
      await addGhostStrike(trx, key, silent);
      await pauseStruckMembers(trx, key, silent, ghostPauseAt);
    }
    const states = silent.length ? await findGhostStrikes(trx, key, silent) : [];
    return {
      warn: states.filter((s) => s.ghost_strikes === ghostWarnAt).map((s) => s.user_id),
      paused: states.filter((s) => s.ghost_strikes >= ghostPauseAt).map((s) => s.user_id),
    };
  });
}
