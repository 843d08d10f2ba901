import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type { CelebrationSettingsRow, CelebrationSettingsTable } from '../schema-celebrations.ts';

type Executor = Kysely<Database>;

export async function findCelebrationSettings(
  db: Executor,
  workspaceId: string,
): Promise<CelebrationSettingsRow | undefined> {
  return await db
    .selectFrom('celebration_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** Creates the row with its defaults if missing, then applies `changes`. */
export async function upsertCelebrationSettings(
  db: Executor,
  workspaceId: string,
  changes: Omit<Updateable<CelebrationSettingsTable>, 'workspace_id'> & { updated_at: Date },
): Promise<void> {
  await db
    .insertInto('celebration_settings')
    .values({ workspace_id: workspaceId, ...changes })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .execute();
}
