import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { findKudosSettings, findWorkspaceWithKudosSettings } from '../../db/queries/kudos-settings.ts';
import type { KudosPeriodSetting, KudosSettingsTable } from '../../db/schema.ts';

export interface KudosSettings {
  allowance: number;
  allowancePeriod: KudosPeriodSetting;
  /** Most kudos one person may give one other person per week. */
  pairCap: number;
  /** Reaction name (without colons) that gives kudos to a message's author. */
  emoji: string;
  values: string[];
  kudosChannelId: string | null;
  promptChannelIds: string[];
  /** 1 = Monday … 7 = Sunday, in the workspace time zone. */
  promptWeekday: number;
  promptHour: number;
  digestEnabled: boolean;
  adminUserIds: string[];
}

export const defaultKudosSettings: Readonly<KudosSettings> = Object.freeze({
  allowance: 10,
  allowancePeriod: 'week',
  pairCap: 3,
  emoji: 'clap',
  values: ['teamwork', 'craft', 'customer', 'ownership', 'kindness'],
  kudosChannelId: null,
  promptChannelIds: [],
  promptWeekday: 5,
  promptHour: 15,
  digestEnabled: true,
  adminUserIds: [],
});

/** A workspace's kudos settings; a workspace that never changed them gets the defaults. */
export async function loadKudosSettings(db: Db, workspaceId: string): Promise<KudosSettings> {
  return settingsFrom(await findKudosSettings(db, workspaceId));
}

/** The workspace's status and time zone with its kudos settings, in one round trip (every give needs both). */
export async function loadWorkspaceKudos(
  db: Db,
  workspaceId: string,
): Promise<{ workspace: { status: string; timeZone: string } | undefined; settings: KudosSettings }> {
  const found = await findWorkspaceWithKudosSettings(db, workspaceId);
  return {
    workspace: found && { status: found.workspace.status, timeZone: found.workspace.time_zone },
    settings: settingsFrom(found?.settings),
  };
}

function settingsFrom(row: Selectable<KudosSettingsTable> | undefined): KudosSettings {
  if (!row) return { ...defaultKudosSettings, values: [...defaultKudosSettings.values] };
  return {
    allowance: row.allowance,
    allowancePeriod: row.allowance_period,
    pairCap: row.pair_cap,
    emoji: row.emoji,
    values: row.kudos_values,
    kudosChannelId: row.kudos_channel_id,
    promptChannelIds: row.prompt_channel_ids,
    promptWeekday: row.prompt_weekday,
    promptHour: row.prompt_hour,
    digestEnabled: row.digest_enabled,
    adminUserIds: row.admin_user_ids,
  };
}
