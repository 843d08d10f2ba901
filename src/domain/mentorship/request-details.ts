import type { Db } from '../../db/database.ts';
import { findMentorshipPairOfRequest } from '../../db/queries/mentorship-pairs.ts';
import { findMentorshipProgramme } from '../../db/queries/mentorship-programmes.ts';
import { findMentorshipRequest } from '../../db/queries/mentorship-requests.ts';
import { findMentorshipSignup } from '../../db/queries/mentorship-signups.ts';
import type { MentorshipRequestStatus } from '../../db/schema-mentorship.ts';
import { requestExpiresAt, skillsInCommon } from './mentor-choice.ts';

export interface MentorRequestDetails {
  requestId: string;
  programmeId: string;
  channelId: string;
  menteeId: string;
  mentorId: string;
  status: MentorshipRequestStatus;
  expiresAt: Date;
  /** What the mentee told the programme, for the mentor to decide on. */
  goals: string;
  learns: string[];
  /** The skills the mentee wants that the mentor teaches. */
  common: string[];
  /** The mentor's seats in this programme. */
  capacity: number;
  /** The pair an accepted request formed. */
  pairId: string | null;
}

/** A request with what its mentor and mentee are shown about it; undefined when it (or its programme) is gone. */
export async function mentorRequestDetails(
  db: Db,
  input: { workspaceId: string; requestId: string },
): Promise<MentorRequestDetails | undefined> {
  const request = await findMentorshipRequest(db, input.workspaceId, input.requestId);
  if (!request) return undefined;
  const programme = await findMentorshipProgramme(db, input.workspaceId, request.programme_id);
  if (!programme) return undefined;
  const [mentee, mentor] = await Promise.all([
    findMentorshipSignup(db, input.workspaceId, programme.id, request.mentee_id),
    findMentorshipSignup(db, input.workspaceId, programme.id, request.mentor_id),
  ]);
  const pair =
    request.status === 'accepted' ? await findMentorshipPairOfRequest(db, input.workspaceId, request.id) : undefined;
  const learns = mentee?.learns ?? [];
  return {
    requestId: request.id,
    programmeId: programme.id,
    channelId: programme.channel_id,
    menteeId: request.mentee_id,
    mentorId: request.mentor_id,
    status: request.status,
    expiresAt: requestExpiresAt(request.requested_at),
    goals: mentee?.goals ?? '',
    learns,
    common: skillsInCommon(learns, mentor?.teaches ?? []),
    capacity: Math.min(mentor?.capacity ?? 0, programme.max_capacity),
    pairId: pair?.id ?? null,
  };
}
