import type { ColumnType, Generated } from 'kysely';

/** Tables of the mentorship programmes feature. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type MentorshipMatchingMode = 'admin' | 'choice';
export type MentorshipRole = 'mentor' | 'mentee' | 'both';
export type MentorshipCycleStatus = 'proposed' | 'active';
export type MentorshipPairStatus = 'active' | 'ended';
export type MentorshipPairEndReason = 'cycle_end' | 'idle' | 'rematch' | 'left' | 'programme_stopped';
export type MentorshipRequestStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface MentorshipProposal {
  pairs: Array<{ mentor: string; mentee: string; score: number; why: string }>;
  unmatched: Array<{ id: string; code: string; reason: string }>;
  stats: Record<string, number>;
}

export interface MentorshipProgrammesTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  cycle_months: number;
  signup_deadline: NullableTimestamp;
  matching_mode: MentorshipMatchingMode;
  default_capacity: number;
  max_capacity: number;
  min_seniority_gap: number;
  allow_same_team: boolean;
  /** The admin's skill list, in their spelling, folded duplicates removed. */
  skills: Json<string[]>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MentorshipSignupsTable {
  workspace_id: string;
  programme_id: string;
  user_id: string;
  role: MentorshipRole;
  learns: Json<string[]>;
  teaches: Json<string[]>;
  goals: string;
  capacity: number | null;
  prefer_other_team: boolean;
  prefer_overlap: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MentorshipCyclesTable {
  id: Generated<string>;
  workspace_id: string;
  programme_id: string;
  number: number;
  status: MentorshipCycleStatus;
  seed: string;
  proposal: Json<MentorshipProposal>;
  planned_at: Timestamp;
  approved_by: string | null;
  approved_at: NullableTimestamp;
}

export interface MentorshipPairsTable {
  id: Generated<string>;
  workspace_id: string;
  programme_id: string;
  cycle_id: string | null;
  request_id: string | null;
  mentor_id: string;
  mentee_id: string;
  score: number | null;
  why: string;
  status: MentorshipPairStatus;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  /** started_at plus the programme's cycle length, fixed when the pair starts. */
  ends_at: NullableTimestamp;
  intro_sent_at: NullableTimestamp;
  first_met_at: NullableTimestamp;
  last_met_at: NullableTimestamp;
  idle_nudged_at: NullableTimestamp;
  end_warned_at: NullableTimestamp;
  end_reason: MentorshipPairEndReason | null;
  /** Both people were asked whether the pair is a good fit, after their first meeting. */
  fit_checked_at: NullableTimestamp;
  /** Both people were told the pair ended. */
  end_notified_at: NullableTimestamp;
}

/** A person's two-week check-in on their pair: private to them. */
export interface MentorshipCheckinsTable {
  workspace_id: string;
  pair_id: string;
  user_id: string;
  number: number;
  sent_at: Timestamp;
  answered_at: NullableTimestamp;
  met: boolean | null;
  usefulness: number | null;
}

/** A confidential ask for a different match: the other person never learns who asked. */
export interface MentorshipRematchRequestsTable {
  workspace_id: string;
  pair_id: string;
  asked_by: string;
  asked_at: Timestamp;
  rematched_at: NullableTimestamp;
  /** The freed people were re-matched or told that nobody fits now. */
  notified_at: NullableTimestamp;
}

/** Cycle-end feedback, private to the person who gave it. */
export interface MentorshipFeedbackTable {
  workspace_id: string;
  pair_id: string;
  user_id: string;
  asked_at: Timestamp;
  answered_at: NullableTimestamp;
  rating: number | null;
  comment: string | null;
  continue_next: boolean | null;
}

export interface MentorshipRequestsTable {
  id: Generated<string>;
  workspace_id: string;
  programme_id: string;
  mentee_id: string;
  mentor_id: string;
  status: MentorshipRequestStatus;
  requested_at: Timestamp;
  answered_at: NullableTimestamp;
  /** When the mentee of a declined or expired request was offered their next suggestion. */
  handed_off_at: NullableTimestamp;
}

export interface MentorshipTables {
  mentorship_programmes: MentorshipProgrammesTable;
  mentorship_signups: MentorshipSignupsTable;
  mentorship_cycles: MentorshipCyclesTable;
  mentorship_pairs: MentorshipPairsTable;
  mentorship_requests: MentorshipRequestsTable;
  mentorship_checkins: MentorshipCheckinsTable;
  mentorship_rematch_requests: MentorshipRematchRequestsTable;
  mentorship_feedback: MentorshipFeedbackTable;
}
