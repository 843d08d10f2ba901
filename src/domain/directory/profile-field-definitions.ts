import type { Db } from '../../db/database.ts';
import { upsertProfileFieldDefinitions } from '../../db/queries/profile-field-definitions.ts';
import type { ProfileFieldDefinition } from '../../db/schema.ts';

/**
 * Keeps the workspace's custom profile field definitions (team.profile.get) so a user_change, which carries field
 * values by id only, can tell which field holds a level or a manager.
 */
export async function saveProfileFieldDefinitions(
  db: Db,
  input: { workspaceId: string; fields: unknown; now: Date },
): Promise<{ saved: number }> {
  const fields: ProfileFieldDefinition[] = (Array.isArray(input.fields) ? input.fields : []).flatMap((f) => {
    const field = f as { id?: unknown; label?: unknown; type?: unknown };
    if (typeof field?.id !== 'string') return [];
    return [
      {
        id: field.id,
        label: typeof field.label === 'string' ? field.label : '',
        type: typeof field.type === 'string' ? field.type : 'text',
      },
    ];
  });
  await upsertProfileFieldDefinitions(db, { workspaceId: input.workspaceId, fields, now: input.now });
  return { saved: fields.length };
}
