/** Public data shapes of the matching engine. Plain data in, plain data out: no I/O, no clocks. */

export interface MemberInput {
  id: string;
  team?: string;
  department?: string;
  /** IANA time zone, e.g. 'Europe/Paris'. Defaults to 'UTC'. */
  timezone?: string;
  /** Local working hours [startHour, endHour], fractions allowed (9.5 = 09:30). Defaults to [9, 17]. */
  workHours?: readonly [number, number];
  tags?: readonly string[];
  /** 1 (junior) .. 7 (senior); only the mentor programme uses it. */
  seniority?: number;
  /** Role in the programme: 'mentor' / 'mentee' for mentor-mentee, 'host' for fixed-host. */
  role?: string;
}

export interface PastGroup {
  members: readonly string[];
  /** ISO date ('2025-03-10') or timestamp of the meeting round. */
  date: string;
}

/** Burdens a member already carried: rounds spent as part of a trio, and rounds left unmatched. */
export interface DebtInput {
  id: string;
  trios?: number;
  unmatched?: number;
}

export type ProgrammeRule = 'open' | 'cross-team-only' | 'cross-department-only' | 'mentor-mentee' | 'fixed-host';

export type SolverChoice = 'auto' | 'exact' | 'dense' | 'sparse';

/** Soft terms of a pair's score, in points (see docs/matching.md). */
export interface Weights {
  base: number;
  crossTeam: number;
  crossDepartment: number;
  /** Full bonus at 4 or more shared working hours, scaled linearly below. */
  sharedHours: number;
  /** Penalty when two people share less than one working hour. */
  noSharedHours: number;
  /** Penalty per past meeting, halved every `repeatHalfLifeWeeks`. */
  repeat: number;
  repeatHalfLifeWeeks: number;
  /** Mentor programme only: seniority gap of 1–3 and shared tags. */
  mentorFit: number;
  /** Per unit of unmatched debt of either member (capped at 4 units). */
  unmatchedBoost: number;
  /** Seeded per-pair noise in [0, jitter]: variety between weeks and reproducible tie-breaking. */
  jitter: number;
}

export interface RoundInput {
  members: readonly MemberInput[];
  history?: readonly PastGroup[];
  /** Pairs that must never be grouped together (confidential "don't pair me with"). */
  blocks?: readonly (readonly [string, string])[];
  debts?: readonly DebtInput[];
  /** The round's date (ISO). Drives meeting ages, the cooldown, and DST-correct working-hour overlap. */
  date: string;
  seed?: string | number;
  /**
   * 2 to 4. Groups are never larger than this, except one trio for an odd count of pairs, and one extra member
   * for someone no other group could take.
   */
  groupSize?: number;
  /** People who met fewer than this many weeks ago are not grouped again, unless nobody else is left for them. */
  cooldownWeeks?: number;
  rule?: ProgrammeRule;
  weights?: Partial<Weights>;
  /** For benchmarks and tests; 'auto' picks exact up to 250 people, then dense up to 2,000, then sparse. */
  solver?: SolverChoice;
  /** Sparse solver: random draws per person (the same number again from nearby time zones). */
  candidatesPerMember?: number;
}

export interface Group {
  members: string[];
  why: string;
}

/**
 * Why someone has no group this round, from a closed vocabulary that never names a block: blocks are confidential,
 * so a person kept apart by one gets a reason that is just as true without it (see leftovers.ts).
 * - `alone`: the only one in the round.
 * - `odd-number`: pairs, an odd number of people, and no group could take one more.
 * - `no-place`: no group could take them.
 * - `own-team` / `own-department`: the programme's rule alone; everyone else is in their team / department.
 * - `no-mentee` / `no-mentor`: a mentor nobody could be matched with / a mentee no mentor had a place for.
 * - `no-guest` / `no-host` / `not-drawn`: a host nobody could be drawn for / no host in the round / a guest not drawn.
 */
export type UnmatchedReason =
  | 'alone'
  | 'odd-number'
  | 'no-place'
  | 'own-team'
  | 'own-department'
  | 'no-mentee'
  | 'no-mentor'
  | 'no-guest'
  | 'no-host'
  | 'not-drawn';

export interface Unmatched {
  id: string;
  reason: UnmatchedReason;
}

export interface RoundStats {
  members: number;
  groups: number;
  placed: number;
  unmatched: number;
  /** Groups that are larger than requested (trios when pairing). */
  oversizeGroups: number;
  solver: 'exact' | 'dense' | 'sparse' | 'star' | 'none';
  /** Sum over groups of the pair scores inside each group, in points × 100. */
  objective: number;
  pairsInGroups: number;
  crossTeamPairs: number;
  crossDepartmentPairs: number;
  /** Pairs who share less than one working hour on the round's date. */
  noSharedHoursPairs: number;
  /** Pairs who met within the cooldown (only when someone had nobody else). */
  repeatsWithinCooldown: number;
  /** Pairs who have met before at any time. */
  repeatsEver: number;
}

export interface RoundResult {
  groups: Group[];
  unmatched: Unmatched[];
  /** Who carries a new burden after this round; store it and pass it back as `debts` next time. */
  debts: { trio: string[]; unmatched: string[] };
  stats: RoundStats;
}
