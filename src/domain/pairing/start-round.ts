import type { Db } from '../../db/database.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import {
  findBlocks,
  findMeetingHistory,
  findProgramme,
  findProgrammeMembers,
  findRoundByDate,
  type Round,
} from '../../db/queries/pairing.ts';
import { clearSkipNext, incrementDebt, insertProgrammeMembersIfMissing } from '../../db/queries/pairing-members.ts';
import { findLastRoundNumber, insertRoundIfMissing } from '../../db/queries/pairing-rounds.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { isAway } from '../directory/away.ts';
import { loadAwayRules } from '../directory/away-people.ts';
import { eligiblePool } from './eligibility.ts';
import { planRound, planSettingsOf } from './plan-round.ts';
import { addDaysToDate } from './round-calendar.ts';
import { savePlannedGroups } from './save-planned-groups.ts';
import { loadTeamFacts, teamSettingsOf } from './team-facts.ts';
import { teamResolver } from './team-sources.ts';

const historyWeeks = 52;
const dayMillis = 24 * 3600 * 1000;

export type StartRoundResult =
  | { ok: true; round: Round; created: boolean }
  | { ok: false; reason: 'programme_not_found' | 'programme_paused' | 'workspace_inactive' };

/**
 * Creates a programme's round for a date, once: snapshot of who is in, the matching, each group's delivery time,
 * the unmatched with their reasons, and the members' new debts, all in one transaction. A second call for the
 * same date returns the round the first one made.
 */
export async function startRound(
  db: Db,
  input: {
    workspaceId: string;
    programmeId: string;
    roundDate: string;
    channelMemberIds: string[];
    now: Date;
    deliverNow?: boolean;
    deliveryGapMillis?: number;
  },
): Promise<StartRoundResult> {
  const existing = await findRoundByDate(db, input.workspaceId, input.programmeId, input.roundDate);
  if (existing) return { ok: true, round: existing, created: false };
  const [programme, workspace] = await Promise.all([
    findProgramme(db, input.workspaceId, input.programmeId),
    findWorkspace(db, input.workspaceId),
  ]);
  if (!programme) return { ok: false, reason: 'programme_not_found' };
  if (workspace?.status !== 'active') return { ok: false, reason: 'workspace_inactive' };
  if (programme.status !== 'active') return { ok: false, reason: 'programme_paused' };

  const [directory, states, blocks, history, awayRules] = await Promise.all([
    findMembersByIds(db, input.workspaceId, input.channelMemberIds),
    findProgrammeMembers(db, input.workspaceId, input.programmeId),
    findBlocks(db, input.workspaceId),
    findMeetingHistory(db, input.workspaceId, addDaysToDate(input.roundDate, -7 * historyWeeks)),
    loadAwayRules(db, input.workspaceId),
  ]);
  const programmeMembers = new Map(states.map((s) => [s.user_id, s]));
  const teamSettings = teamSettingsOf(programme);
  const facts = await loadTeamFacts(db, { workspaceId: input.workspaceId, settings: teamSettings, directory });
  const snapshot = eligiblePool({
    channelMemberIds: input.channelMemberIds,
    directory,
    programmeMembers,
    roundDate: input.roundDate,
    isAway: (member) => isAway(member, input.now, awayRules),
    teamsOf: teamResolver(teamSettings, facts),
  });
  const seed = `${programme.id}:${input.roundDate}`;
  const plan = planRound({
    programme: planSettingsOf(programme),
    roundDate: input.roundDate,
    seed,
    pool: snapshot.pool,
    history,
    blocks,
    debts: states.map((s) => ({ id: s.user_id, trios: s.trio_debt, unmatched: s.unmatched_debt })),
    ...(input.deliverNow ? { deliverFrom: input.now } : {}),
    ...(input.deliveryGapMillis !== undefined ? { deliveryGapMillis: input.deliveryGapMillis } : {}),
  });
  const lastDelivery = Math.max(input.now.getTime(), ...plan.groups.map((g) => g.deliverAt.getTime()));
  // Check in halfway to the next round (3–4 days for weekly programmes), close a day after that.
  const checkinAt = new Date(lastDelivery + 3 * dayMillis);
  const closeAt = new Date(lastDelivery + 6 * dayMillis);

  return await db.transaction().execute(async (trx) => {
    const previous = await findLastRoundNumber(trx, input.workspaceId, programme.id);
    const round = await insertRoundIfMissing(trx, {
      workspace_id: input.workspaceId,
      programme_id: programme.id,
      round_date: input.roundDate,
      number: previous + 1,
      status: programme.approval_required ? 'awaiting_approval' : 'delivering',
      seed,
      stats: JSON.stringify({ ...plan.stats, excluded: snapshot.excluded.length }),
      checkin_at: checkinAt,
      close_at: closeAt,
      created_at: input.now,
      pool: JSON.stringify(snapshot.pool),
      debts: JSON.stringify(plan.debts),
      deliver_now: input.deliverNow === true,
    });
    if (!round) {
      // Another worker created it between our check and our insert: use theirs.
      const raced = await findRoundByDate(trx, input.workspaceId, input.programmeId, input.roundDate);
      return { ok: true as const, round: raced!, created: false };
    }
    await savePlannedGroups(trx, { workspaceId: input.workspaceId, roundId: round.id }, plan);
    // Debts make the next round fair: whoever was in a trio or left out now is favoured later.
    const key = { workspaceId: input.workspaceId, programmeId: programme.id };
    for (const userId of plan.debts.trio) await incrementDebt(trx, { ...key, userId }, 'trio');
    for (const userId of plan.debts.unmatched) await incrementDebt(trx, { ...key, userId }, 'unmatched');
    const owed = new Set([...plan.debts.trio, ...plan.debts.unmatched]);
    const missing = [...owed].filter((id) => !programmeMembers.has(id));
    await insertProgrammeMembersIfMissing(
      trx,
      missing.map((userId) => ({
        workspace_id: input.workspaceId,
        programme_id: programme.id,
        user_id: userId,
        status: 'active' as const,
        trio_debt: plan.debts.trio.includes(userId) ? 1 : 0,
        unmatched_debt: plan.debts.unmatched.includes(userId) ? 1 : 0,
        team_override: null,
        updated_at: input.now,
      })),
    );
    // A skip covers one round only.
    await clearSkipNext(trx, key);
    return { ok: true as const, round, created: true };
  });
}
