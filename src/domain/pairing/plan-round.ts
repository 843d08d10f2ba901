import type { ProgrammeKind } from '../../db/schema-pairing.ts';
import { matchRound } from '../../matching/match.ts';
import type { DebtInput, PastGroup, ProgrammeRule, UnmatchedReason } from '../../matching/types.ts';
import { groupDeliveryTime, paceDeliveries } from './delivery-time.ts';

export interface PoolMember {
  userId: string;
  team: string | null;
  department: string | null;
  timeZone: string;
}

export interface PlanInput {
  programme: {
    kind: ProgrammeKind;
    groupSize: number;
    cooldownWeeks: number;
    sendHour: number;
    hostUserId: string | null;
  };
  roundDate: string;
  seed: string;
  pool: PoolMember[];
  history: PastGroup[];
  blocks: Array<[string, string]>;
  debts: DebtInput[];
  /** Send every intro from this moment on (an admin's "run now") instead of at each group's local send hour. */
  deliverFrom?: Date;
  /** Gap between two intros of one workspace; defaults to Slack's Tier 3 pace (benchmarks compress time). */
  deliveryGapMillis?: number;
}

export interface PlannedGroup {
  members: string[];
  why: string;
  deliverAt: Date;
}

export interface RoundPlan {
  groups: PlannedGroup[];
  unmatched: Array<{ userId: string; reason: UnmatchedReason }>;
  /** Who carries a new trio or unmatched burden after this round. */
  debts: { trio: string[]; unmatched: string[] };
  stats: Record<string, number>;
}

const ruleFor: Record<ProgrammeKind, ProgrammeRule> = {
  coffee: 'open',
  'cross-team': 'cross-team-only',
  'exec-lottery': 'fixed-host',
};

/** Slack's Tier 3 allows about 50 conversations.open a minute per workspace; stay a little under it. */
export const deliveryGapMillis = 1_250;

/** The parts of a programme row that matching and delivery times depend on. */
export function planSettingsOf(programme: {
  kind: ProgrammeKind;
  group_size: number;
  cooldown_weeks: number;
  send_hour: number;
  host_user_id: string | null;
}): PlanInput['programme'] {
  return {
    kind: programme.kind,
    groupSize: programme.group_size,
    cooldownWeeks: programme.cooldown_weeks,
    sendHour: programme.send_hour,
    hostUserId: programme.host_user_id,
  };
}

/** Pure: who meets whom this round, why, and when each intro goes out. */
export function planRound(input: PlanInput): RoundPlan {
  const result = matchRound({
    members: input.pool.map((m) => ({
      id: m.userId,
      ...(m.team ? { team: m.team } : {}),
      ...(m.department ? { department: m.department } : {}),
      timezone: m.timeZone,
      ...(input.programme.kind === 'exec-lottery' && m.userId === input.programme.hostUserId ? { role: 'host' } : {}),
    })),
    history: input.history,
    blocks: input.blocks,
    debts: input.debts,
    date: input.roundDate,
    seed: input.seed,
    groupSize: input.programme.groupSize,
    cooldownWeeks: input.programme.cooldownWeeks,
    rule: ruleFor[input.programme.kind],
  });
  const zoneOf = new Map(input.pool.map((m) => [m.userId, m.timeZone]));
  const groups = paceDeliveries(
    result.groups.map((group) => ({
      members: group.members,
      why: group.why,
      deliverAt:
        input.deliverFrom ??
        groupDeliveryTime({
          roundDate: input.roundDate,
          sendHour: input.programme.sendHour,
          timeZones: group.members.map((id) => zoneOf.get(id) ?? 'UTC'),
        }),
    })),
    input.deliveryGapMillis ?? deliveryGapMillis,
  );
  return {
    groups,
    unmatched: result.unmatched.map((u) => ({ userId: u.id, reason: u.reason })),
    debts: result.debts,
    stats: {
      members: result.stats.members,
      groups: result.stats.groups,
      unmatched: result.stats.unmatched,
      crossTeamPairs: result.stats.crossTeamPairs,
      pairsInGroups: result.stats.pairsInGroups,
      repeatsWithinCooldown: result.stats.repeatsWithinCooldown,
    },
  };
}
