import type { Kysely } from 'kysely';
import type { Database, ProfileFieldDefinition } from '../schema.ts';

type Executor = Kysely<Database>;

export async function findProfileFieldDefinitions(
  db: Executor,
  workspaceId: string,
): Promise<ProfileFieldDefinition[] | undefined> {
  const row = await db
    .selectFrom('profile_field_definitions')
    .select('fields')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.fields;
}

export async function upsertProfileFieldDefinitions(
  db: Executor,
  input: { workspaceId: string; fields: ProfileFieldDefinition[]; now: Date },
): Promise<void> {
  const values = { fields: JSON.stringify(input.fields), fetched_at: input.now };
  await db
    .insertInto('profile_field_definitions')
    .values({ workspace_id: input.workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
}
