import type { Db } from '../../db/database.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import {
  findBlocks,
  findMeetingHistory,
  findProgramme,
  findProgrammeMembers,
  findUnmatched,
} from '../../db/queries/pairing.ts';
import { adjustDebts, insertProgrammeMembersIfMissing } from '../../db/queries/pairing-members.ts';
import {
  deletePendingRoundGroups,
  deleteRoundUnmatched,
  findGroupsOfRound,
  updateRound,
} from '../../db/queries/pairing-rounds.ts';
import type { PooledPerson, RoundDebts } from '../../db/schema-pairing.ts';
import { lockRoundAwaitingApproval } from './lock-round.ts';
import { planRound, planSettingsOf } from './plan-round.ts';
import { addDaysToDate } from './round-calendar.ts';
import { savePlannedGroups } from './save-planned-groups.ts';

export type ReshuffleResult =
  | { ok: true; groups: number; unmatched: number }
  | { ok: false; reason: 'not_found' | 'not_awaiting_approval' };

const historyWeeks = 52;

/**
 * Approval mode's "reshuffle": before anything is sent, the same people are matched again with a new seed.
 * The pool is the round's own (teams as they were read, minus anyone who has since paused, left or skipped);
 * the debts the first matching added are taken back and the new matching's added, so fairness is counted once.
 * The round row is locked, so a reshuffle and an approval (or a swap) never interleave.
 */
export async function reshuffleRound(
  db: Db,
  input: { workspaceId: string; roundId: string; now: Date },
): Promise<ReshuffleResult> {
  return await db.transaction().execute(async (trx) => {
    const locked = await lockRoundAwaitingApproval(trx, input.workspaceId, input.roundId);
    if (!locked.ok) return locked;
    const { round } = locked;
    const programme = await findProgramme(trx, input.workspaceId, round.programme_id);
    if (!programme) return { ok: false, reason: 'not_found' };
    const [groups, unmatched, states, blocks, history] = await Promise.all([
      findGroupsOfRound(trx, input.workspaceId, round.id),
      findUnmatched(trx, input.workspaceId, round.id),
      findProgrammeMembers(trx, input.workspaceId, programme.id),
      findBlocks(trx, input.workspaceId),
      findMeetingHistory(trx, input.workspaceId, addDaysToDate(round.round_date, -7 * historyWeeks)),
    ]);
    const stateOf = new Map(states.map((s) => [s.user_id, s]));
    const stillIn = [
      ...new Set([
        ...groups.filter((g) => g.status === 'pending').flatMap((g) => g.members),
        ...unmatched.map((u) => u.userId),
      ]),
    ].filter((userId) => {
      const state = stateOf.get(userId);
      if (!state) return true;
      if (state.status === 'left' || state.skip_next) return false;
      return !(state.status === 'paused' && (!state.paused_until || state.paused_until >= round.round_date));
    });
    const pool = await poolOf(trx, input.workspaceId, round.pool, stillIn);
    const old: RoundDebts = round.debts ?? { trio: [], unmatched: [] };
    const base = (userId: string, kind: 'trio' | 'unmatched') => {
      const state = stateOf.get(userId);
      const carried = kind === 'trio' ? (state?.trio_debt ?? 0) : (state?.unmatched_debt ?? 0);
      return Math.max(0, carried - (old[kind].includes(userId) ? 1 : 0));
    };
    const plan = planRound({
      programme: planSettingsOf(programme),
      roundDate: round.round_date,
      seed: `${round.seed}~${round.reshuffles + 1}`,
      pool,
      history,
      blocks,
      debts: pool.map((p) => ({ id: p.userId, trios: base(p.userId, 'trio'), unmatched: base(p.userId, 'unmatched') })),
      ...(round.deliver_now ? { deliverFrom: input.now } : {}),
    });

    await deletePendingRoundGroups(trx, input.workspaceId, round.id);
    await deleteRoundUnmatched(trx, input.workspaceId, round.id);
    await savePlannedGroups(trx, { workspaceId: input.workspaceId, roundId: round.id }, plan);
    await moveDebts(
      trx,
      { workspaceId: input.workspaceId, programmeId: programme.id, now: input.now },
      old,
      plan.debts,
    );
    await updateRound(trx, input.workspaceId, round.id, {
      debts: JSON.stringify(plan.debts),
      reshuffles: round.reshuffles + 1,
      stats: JSON.stringify({ ...plan.stats, excluded: round.stats.excluded ?? 0 }),
    });
    return { ok: true, groups: plan.groups.length, unmatched: plan.unmatched.length };
  });
}

/** The round's pool as matched; someone it does not list (a round from before pools were kept) from the directory. */
async function poolOf(db: Db, workspaceId: string, saved: PooledPerson[], userIds: string[]): Promise<PooledPerson[]> {
  const known = new Map((Array.isArray(saved) ? saved : []).map((p) => [p.userId, p]));
  const missing = userIds.filter((id) => !known.has(id));
  const directory = await findMembersByIds(db, workspaceId, missing);
  return userIds.map(
    (userId) =>
      known.get(userId) ?? {
        userId,
        team: directory.get(userId)?.team ?? null,
        department: directory.get(userId)?.department ?? null,
        timeZone: directory.get(userId)?.time_zone || 'UTC',
      },
  );
}

/** Takes back the debts one matching added and adds another's, as deltas, so other changes to them survive. */
async function moveDebts(
  db: Db,
  key: { workspaceId: string; programmeId: string; now: Date },
  before: RoundDebts,
  after: RoundDebts,
): Promise<void> {
  const delta = new Map<string, { trio: number; unmatched: number }>();
  const add = (ids: string[], kind: 'trio' | 'unmatched', by: number) => {
    for (const id of ids) {
      const d = delta.get(id) ?? { trio: 0, unmatched: 0 };
      d[kind] += by;
      delta.set(id, d);
    }
  };
  add(before.trio, 'trio', -1);
  add(before.unmatched, 'unmatched', -1);
  add(after.trio, 'trio', 1);
  add(after.unmatched, 'unmatched', 1);
  const changed = [...delta].filter(([, d]) => d.trio !== 0 || d.unmatched !== 0);
  if (changed.length === 0) return;
  await insertProgrammeMembersIfMissing(
    db,
    changed.map(([userId]) => ({
      workspace_id: key.workspaceId,
      programme_id: key.programmeId,
      user_id: userId,
      status: 'active' as const,
      team_override: null,
      updated_at: key.now,
    })),
  );
  for (const [userId, d] of changed) await adjustDebts(db, { ...key, userId }, d);
}
