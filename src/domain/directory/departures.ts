import type { Db } from '../../db/database.ts';
import { purgeCelebrationData } from '../celebrations/purge.ts';

/**
 * What each feature forgets when a person leaves (deleted in Slack: a `user_change` with `deleted: true`, or the
 * daily members sync). The directory calls this after saving; features add their purge here.
 */
const departureHandlers: Array<(db: Db, workspaceId: string, userIds: string[]) => Promise<void>> = [
  purgeCelebrationData,
];

export async function forgetDepartedMembers(db: Db, workspaceId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  for (const handler of departureHandlers) await handler(db, workspaceId, userIds);
}
