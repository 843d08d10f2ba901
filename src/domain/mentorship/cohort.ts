import type { Db } from '../../db/database.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import { findMentorshipPairHistory } from '../../db/queries/mentorship-pairs.ts';
import type { MentorshipProgrammeRow } from '../../db/queries/mentorship-programmes.ts';
import { findMentorshipSignups } from '../../db/queries/mentorship-signups.ts';
import { findBlocks } from '../../db/queries/pairing.ts';
import type { MentorshipInput, MentorshipMode } from '../../matching/mentorship/match.ts';
import { isValidTimeZone } from '../time/zoned-time.ts';

/**
 * The engine's input for a programme, read from its sign-ups and the directory (team, department, time zone,
 * seniority level and manager, each only when known): people who left the workspace (deleted, bots, no longer in
 * the directory) are left out; blocks are the ones people set for pairing, which hold
 * for mentorship too; history is every pair the programme formed before.
 */
export async function loadMentorshipCohort(
  db: Db,
  input: {
    workspaceId: string;
    programme: MentorshipProgrammeRow;
    now: Date;
    seed: string;
    mode: MentorshipMode;
    /** A mentor's seats this time; leaving a mentor out (0) is the caller's way of saying they are full. */
    seatsOf?: (mentorId: string, capacity: number) => number;
  },
): Promise<MentorshipInput> {
  const { workspaceId, programme } = input;
  const signups = await findMentorshipSignups(db, workspaceId, programme.id);
  const members = await findMembersByIds(
    db,
    workspaceId,
    signups.map((s) => s.user_id),
  );
  const present = signups.filter((s) => {
    const member = members.get(s.user_id);
    return member !== undefined && !member.is_deleted && !member.is_bot;
  });
  const facts = (userId: string) => {
    const member = members.get(userId)!;
    return {
      ...(member.team ? { team: member.team } : {}),
      ...(member.department ? { department: member.department } : {}),
      ...(isValidTimeZone(member.time_zone) ? { timezone: member.time_zone } : {}),
      // Unknown stays unknown: the engine never lets a missing level break the seniority gap rule.
      ...(member.seniority !== null ? { seniority: member.seniority } : {}),
      ...(member.manager_id ? { manager: member.manager_id } : {}),
    };
  };
  const mentors = present
    .filter((s) => s.role !== 'mentee' && s.capacity !== null)
    .map((s) => {
      const capacity = Math.min(s.capacity!, programme.max_capacity);
      return { id: s.user_id, capacity: input.seatsOf ? input.seatsOf(s.user_id, capacity) : capacity, s };
    })
    .filter((m) => m.capacity > 0)
    .map(({ id, capacity, s }) => ({ id, capacity, teaches: s.teaches, ...facts(s.user_id) }));
  const mentees = present
    .filter((s) => s.role !== 'mentor')
    .map((s) => ({
      id: s.user_id,
      learns: s.learns,
      ...(s.goals ? { goals: s.goals } : {}),
      preferOtherTeam: s.prefer_other_team,
      ...facts(s.user_id),
    }));
  const history = (await findMentorshipPairHistory(db, workspaceId, programme.id)).map((p) => ({
    mentor: p.mentor,
    mentee: p.mentee,
    date: p.startedAt.toISOString().slice(0, 10),
  }));
  const blocks = await findBlocks(db, workspaceId);
  return {
    mentors,
    mentees,
    history,
    blocks,
    rules: { minSeniorityGap: programme.min_seniority_gap, allowSameTeam: programme.allow_same_team },
    date: input.now.toISOString().slice(0, 10),
    seed: input.seed,
    mode: input.mode,
  };
}
