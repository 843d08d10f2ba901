import type { Db } from '../../src/db/database.ts';
import { upsertKudosSettings } from '../../src/db/queries/kudos-settings.ts';

type SettingsRow = Parameters<typeof upsertKudosSettings>[1];

/** Saves a workspace's kudos settings: the defaults with `changes` on top (tests raise or lower the limits). */
export async function saveKudosSettings(
  db: Db,
  workspaceId: string,
  changes: Partial<Omit<SettingsRow, 'workspace_id'>> = {},
): Promise<void> {
  await upsertKudosSettings(db, {
    workspace_id: workspaceId,
    allowance: 10,
    allowance_period: 'week',
    pair_cap: 3,
    emoji: 'clap',
    kudos_values: ['teamwork', 'craft', 'customer', 'ownership', 'kindness'],
    kudos_channel_id: null,
    prompt_channel_ids: [],
    prompt_weekday: 5,
    prompt_hour: 15,
    digest_enabled: false,
    admin_user_ids: [],
    updated_at: new Date(),
    ...changes,
  });
}
