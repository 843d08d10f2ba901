import type { Db } from '../../db/database.ts';
import {
  type CelebrationScheduleRow,
  findActiveProgrammeKeys,
  findCelebrationScheduleRows,
  findKeepInTouchWorkspaceIds,
  findKudosScheduleRows,
  findLearningRequestWorkspaceIds,
  findMentorChoiceWorkspaceIds,
  findMentorshipProgrammeKeys,
  type KudosScheduleRow,
} from '../../db/queries/schedules.ts';

export interface ScheduledWork {
  kudos: KudosScheduleRow[];
  programmes: Array<{ id: string; workspace_id: string }>;
  celebrations: CelebrationScheduleRow[];
  mentorship: Array<{ id: string; workspace_id: string }>;
  /** Workspaces whose mentees ask mentors: their requests expire and pass on. */
  mentorRequests: string[];
  /** Workspaces with learning requests open or owed a hand-off: they expire and pass on. */
  learningRequests: string[];
  /** Workspaces with meetings to follow up or keep-in-touch lists: their hourly keep-in-touch sweep. */
  keepInTouch: string[];
}

/** Everything the recurring jobs are derived from, read from Postgres (the source of truth; Redis may be flushed). */
export async function findScheduledWork(db: Db): Promise<ScheduledWork> {
  const kudos = await findKudosScheduleRows(db);
  const programmes = await findActiveProgrammeKeys(db);
  const celebrations = await findCelebrationScheduleRows(db);
  const mentorship = await findMentorshipProgrammeKeys(db);
  const mentorRequests = await findMentorChoiceWorkspaceIds(db);
  const learningRequests = await findLearningRequestWorkspaceIds(db);
  const keepInTouch = await findKeepInTouchWorkspaceIds(db);
  return { kudos, programmes, celebrations, mentorship, mentorRequests, learningRequests, keepInTouch };
}
