import type { Db } from '../../db/database.ts';
import {
  deleteRecapOptOut,
  findHomePicture,
  findPeopleOwedRecap,
  findRecapOptOut,
  findRecapOutcome,
  insertRecapOptOut,
  insertRecapOutcome,
  type PersonScope,
  upsertHomePicture,
} from '../../db/queries/insights-person.ts';
import { findAwayPeople } from '../directory/away-people.ts';

export { findHomePicture, findPeopleOwedRecap, findRecapOutcome };

/** The recap DM is on unless the person turned it off. */
export async function isRecapOff(db: Db, scope: PersonScope): Promise<boolean> {
  return await findRecapOptOut(db, scope);
}

export async function setRecapOff(db: Db, input: PersonScope & { off: boolean; now: Date }): Promise<void> {
  const scope = { workspaceId: input.workspaceId, userId: input.userId };
  if (input.off) await insertRecapOptOut(db, scope, input.now);
  else await deleteRecapOptOut(db, scope);
}

/** Of the people owed a recap, those to write to now: anyone whose Slack status says they are away waits until back. */
export async function peopleToRecapNow(
  db: Db,
  input: { workspaceId: string; quarter: string; now: Date; limit: number; after?: string | undefined },
): Promise<{ people: string[]; last: string | undefined }> {
  const owed = await findPeopleOwedRecap(db, input);
  const away = await findAwayPeople(db, { workspaceId: input.workspaceId, userIds: owed, now: input.now });
  return { people: owed.filter((id) => !away.has(id)), last: owed[owed.length - 1] };
}

export async function recordRecap(
  db: Db,
  input: PersonScope & { quarter: string; outcome: 'sent' | 'nothing'; now: Date },
): Promise<void> {
  await insertRecapOutcome(
    db,
    { workspaceId: input.workspaceId, userId: input.userId },
    { quarter: input.quarter, outcome: input.outcome, now: input.now },
  );
}

export async function saveHomePicture(
  db: Db,
  input: PersonScope & { figuresHash: string; fileId: string; now: Date },
): Promise<void> {
  await upsertHomePicture(db, { workspaceId: input.workspaceId, userId: input.userId }, input);
}
