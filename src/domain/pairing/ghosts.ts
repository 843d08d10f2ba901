import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { findRound } from '../../db/queries/pairing.ts';

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
 * the stored state, so a retry after a crash still sends the notices.
 */
export async function applyGhostStrikes(
  db: Db,
  input: { workspaceId: string; roundId: string },
): Promise<GhostOutcome> {
  const round = await findRound(db, input.workspaceId, input.roundId);
  if (!round) return { warn: [], paused: [] };
  return await db.transaction().execute(async (trx) => {
    const rows = await sql<{ user_id: string; answered: boolean }>`
      select m.user_id, exists (
        select 1 from round_checkins c where c.group_id = g.id and c.user_id = m.user_id
      ) as answered
      from round_groups g cross join lateral unnest(g.members) as m(user_id)
      where g.round_id = ${round.id} and g.workspace_id = ${input.workspaceId} and g.status = 'delivered'
        and not (m.user_id = any(g.dropped))`.execute(trx);
    const answered = rows.rows.filter((r) => r.answered).map((r) => r.user_id);
    const silent = rows.rows.filter((r) => !r.answered).map((r) => r.user_id);
    if (answered.length > 0) {
      await trx
        .updateTable('programme_members')
        .set({ ghost_strikes: 0, ghost_round_id: round.id })
        .where('programme_id', '=', round.programme_id)
        .where('user_id', 'in', answered)
        .execute();
    }
    if (silent.length > 0) {
      await trx
        .insertInto('programme_members')
        .values(
          silent.map((user_id) => ({
            workspace_id: input.workspaceId,
            programme_id: round.programme_id,
            user_id,
            status: 'active' as const,
            team_override: null,
            updated_at: new Date(),
          })),
        )
        .onConflict((oc) => oc.columns(['programme_id', 'user_id']).doNothing())
        .execute();
      await trx
        .updateTable('programme_members')
        .set((eb) => ({ ghost_strikes: eb('ghost_strikes', '+', 1), ghost_round_id: round.id }))
        .where('programme_id', '=', round.programme_id)
        .where('user_id', 'in', silent)
        .where((eb) => eb.or([eb('ghost_round_id', 'is', null), eb('ghost_round_id', '!=', round.id)]))
        .execute();
      await trx
        .updateTable('programme_members')
        .set({ status: 'paused', paused_until: null })
        .where('programme_id', '=', round.programme_id)
        .where('user_id', 'in', silent)
        .where('ghost_strikes', '>=', ghostPauseAt)
        .where('status', '=', 'active')
        .execute();
    }
    const states = silent.length
      ? await trx
          .selectFrom('programme_members')
          .select(['user_id', 'ghost_strikes'])
          .where('programme_id', '=', round.programme_id)
          .where('user_id', 'in', silent)
          .execute()
      : [];
    return {
      warn: states.filter((s) => s.ghost_strikes === ghostWarnAt).map((s) => s.user_id),
      paused: states.filter((s) => s.ghost_strikes >= ghostPauseAt).map((s) => s.user_id),
    };
  });
}
