/** Public data shapes of the mentorship matching engine. Plain data in, plain data out: no I/O, no clocks. */

export interface MentorInput {
  id: string;
  /** How many mentees this mentor takes this cycle, 1–5. */
  capacity: number;
  teaches: readonly string[];
  team?: string;
  department?: string;
  /** IANA time zone, e.g. 'Europe/Paris'. Defaults to 'UTC'. */
  timezone?: string;
  /** Local working hours [startHour, endHour], fractions allowed. Defaults to [9, 17]. */
  workHours?: readonly [number, number];
  seniority?: number;
  /** The id of this person's own manager, when known: a person is never matched with their manager either way. */
  manager?: string;
}

export interface MenteeInput {
  id: string;
  /** Skills the mentee wants to learn. Empty: open to any mentor. */
  learns: readonly string[];
  team?: string;
  department?: string;
  timezone?: string;
  workHours?: readonly [number, number];
  seniority?: number;
  /** The id of this person's own manager, when known. */
  manager?: string;
  goals?: string;
  /** Rewards a mentor from another team (and department). */
  preferOtherTeam?: boolean;
}

export interface PastPair {
  mentor: string;
  mentee: string;
  /** ISO date of the cycle the pair belonged to. */
  date: string;
}

export interface PairRef {
  mentor: string;
  mentee: string;
}

export interface GivenScore extends PairRef {
  score: number;
}

export interface MentorshipRules {
  /** A mentor must be at least this many levels more senior (checked when both levels are known). */
  minSeniorityGap?: number;
  /** false: a mentor never mentors someone from their own team. Default true. */
  allowSameTeam?: boolean;
}

/** `assign`: the optimal assignment. `choice`: the same, plus each mentee's top 3 suggestions to choose from. */
export type MentorshipMode = 'assign' | 'choice';

export interface MentorshipInput {
  mentors: readonly MentorInput[];
  mentees: readonly MenteeInput[];
  /** Past cycles' pairs: avoided, unless both sides asked to continue (`continuing`). */
  history?: readonly PastPair[];
  /** Pairs that must never be matched (confidential). */
  blocks?: readonly (readonly [string, string])[];
  rules?: MentorshipRules;
  /** Pairs where both mentor and mentee asked to continue together. */
  continuing?: readonly PairRef[];
  /**
   * When given, exactly these pairs are allowed (blocks, self-pairs and managers aside) and each scores exactly as
   * given, replacing the fit score: the way to check the solver against an independent one.
   */
  scores?: readonly GivenScore[];
  /** The date working hours are compared at (daylight saving). Defaults to 2026-01-05. */
  date?: string;
  /** Breaks ties between equally good assignments, reproducibly. */
  seed?: string | number;
  mode?: MentorshipMode;
}

export interface MentorshipPair {
  mentor: string;
  mentee: string;
  score: number;
  /** One plain line for both sides: why this mentor. Never mentions a block. */
  why: string;
}

/**
 * Why a mentee has no mentor this cycle. A closed vocabulary that never names a block: blocks are confidential, so a
 * mentee kept apart by one hears what a full cycle would tell them (see reasons.ts).
 * - `no-mentor`: nobody mentors this cycle.
 * - `not-taught`: no mentor teaches any skill the mentee asked for.
 * - `own-team`: every mentor who teaches it is in the mentee's team and the programme asks for another team.
 * - `seniority`: no mentor who teaches it is senior enough for the programme's rule.
 * - `rules`: the programme's rules together (seniority, team, never one's own manager) leave no mentor who teaches
 *   it.
 * - `no-candidate`: (given scores) no pair was listed for the mentee.
 * - `no-room`: mentors who teach it exist and fit the rules, but none had room for this mentee.
 */
export type MenteeUnmatchedReason =
  | 'no-mentor'
  | 'not-taught'
  | 'own-team'
  | 'seniority'
  | 'rules'
  | 'no-candidate'
  | 'no-room';

export interface UnmatchedMentee {
  id: string;
  code: MenteeUnmatchedReason;
  /** The sentence the mentee reads. */
  reason: string;
}

export interface Suggestion {
  mentor: string;
  score: number;
  why: string;
}

export interface MenteeSuggestions {
  mentee: string;
  /** The mentee's best allowed mentors by the same score as the assignment, best first (at most 3). */
  mentors: Suggestion[];
}

export interface MentorshipStats {
  matched: number;
  mentees: number;
  mentors: number;
  totalScore: number;
  /** Sum of the mentors' capacities. */
  seats: number;
  /** Allowed (mentor, mentee) pairs the solver considered. */
  candidatePairs: number;
}

export interface MentorshipResult {
  pairs: MentorshipPair[];
  unmatched: UnmatchedMentee[];
  suggestions?: MenteeSuggestions[];
  stats: MentorshipStats;
}
