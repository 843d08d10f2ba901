// Who is asked for their birthday and start date, and when they were.
import type { Db } from '../../db/database.ts';
import { findPeopleToAsk } from '../../db/queries/celebration-profiles.ts';
import { findAwayPeople } from '../directory/away-people.ts';

export { findPeopleToAsk, markAskedForDates } from '../../db/queries/celebration-profiles.ts';

/** How many people an ask would DM now: those never asked, less anyone whose Slack status says they are away. */
export async function countPeopleToAskNow(db: Db, input: { workspaceId: string; now: Date }): Promise<number> {
  const people = await findPeopleToAsk(db, input.workspaceId, 100_000);
  const away = await findAwayPeople(db, { workspaceId: input.workspaceId, userIds: people, now: input.now });
  return people.length - away.size;
}
