import type { Db } from '../../db/database.ts';
import { findErasure } from '../../db/queries/erased-members.ts';

/** When this person was forgotten in this workspace, or null when they were not. */
export async function erasedAt(db: Db, input: { workspaceId: string; userId: string }): Promise<Date | null> {
  return (await findErasure(db, input.workspaceId, input.userId))?.erased_at ?? null;
}
