import type { Db } from '../../db/database.ts';
import {
  countRequestsToExpertSince,
  findAskedExperts,
  findAsksMeAbout,
  insertLearningRequest,
  lockLearningExpert,
} from '../../db/queries/learning-requests.ts';
import { findMember } from '../../db/queries/members.ts';
import type { LearningRequestKind } from '../../db/schema-learning.ts';
import { findAwayPeople } from '../directory/away-people.ts';
import { capWindowMs, readSkill } from './expert-suggestions.ts';
import { weeklyRequestCap } from './learning-settings.ts';

export type RequestLearningResult =
  | { ok: true; requestId: string; duplicate: boolean }
  | { ok: false; refused: 'self' | 'no_skill' | 'too_long' | 'not_opted_in' | 'unavailable' | 'bad_date' };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A shadowing day is a real calendar date, today or later (a day's slack for the asker's time zone). */
function dateProblem(kind: LearningRequestKind, date: string | null, now: Date): boolean {
  if (kind === 'learn') return date !== null;
  if (date === null || !isoDate.test(date)) return true;
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return true;
  return day.getTime() < now.getTime() - 2 * 24 * 60 * 60 * 1000;
}

/**
 * The asker asks an expert to teach them a skill or let them shadow. Only someone who lists the skill under *ask me
 * about* and is not away can be asked, never oneself. The expert's row of requests is serialised by a lock before their week is
 * counted, so racing askers never take them past their cap. An expert at their cap, one who left, and one who
 * already had this asker's request about this skill are all refused alike, so the refusal says nothing of a decline.
 * Asking again while the request is open returns it.
 */
export async function requestLearning(
  db: Db,
  input: {
    workspaceId: string;
    askerId: string;
    expertId: string;
    skill: string;
    kind: LearningRequestKind;
    proposedDate: string | null;
    now: Date;
  },
): Promise<RequestLearningResult> {
  const { workspaceId, askerId, expertId } = input;
  if (askerId === expertId) return { ok: false, refused: 'self' };
  const read = readSkill(input.skill);
  if (!read.ok) return { ok: false, refused: read.refused };
  if (dateProblem(input.kind, input.proposedDate, input.now)) return { ok: false, refused: 'bad_date' };
  const expert = await findMember(db, workspaceId, expertId);
  if (!expert || expert.is_deleted || expert.is_bot) return { ok: false, refused: 'unavailable' };
  const listed = await findAsksMeAbout(db, workspaceId, expertId, read.key);
  if (!listed) return { ok: false, refused: 'not_opted_in' };
  // Away is refused like a full week, so the asker learns nothing of the absence and the expert gets no DM.
  if ((await findAwayPeople(db, { workspaceId, userIds: [expertId], now: input.now })).has(expertId))
    return { ok: false, refused: 'unavailable' };
  return await db.transaction().execute(async (trx): Promise<RequestLearningResult> => {
    await lockLearningExpert(trx, workspaceId, expertId);
    const earlier = (await findAskedExperts(trx, workspaceId, askerId, read.key)).filter(
      (r) => r.expert_id === expertId,
    );
    const open = earlier.find((r) => r.status === 'open');
    if (open) return { ok: true, requestId: open.id, duplicate: true };
    if (earlier.length > 0) return { ok: false, refused: 'unavailable' };
    const since = new Date(input.now.getTime() - capWindowMs);
    const received = await countRequestsToExpertSince(trx, workspaceId, expertId, since);
    if (received >= (await weeklyRequestCap(trx, workspaceId))) return { ok: false, refused: 'unavailable' };
    const request = await insertLearningRequest(trx, {
      workspaceId,
      askerId,
      expertId,
      skill: read.skill,
      skillKey: read.key,
      kind: input.kind,
      proposedDate: input.kind === 'learn' ? null : input.proposedDate,
      now: input.now,
    });
    return { ok: true, requestId: request.id, duplicate: false };
  });
}
