import type { Db } from '../../db/database.ts';
import { findProgrammeByChannel, insertProgrammeIfMissing, type Programme } from '../../db/queries/pairing.ts';
import { countMembersWithTeam, countTeamOverrides } from '../../db/queries/pairing-teams.ts';
import type { ProgrammeKind } from '../../db/schema-pairing.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';
import { proposeTeamField } from './team-field.ts';

export const programmeDefaults = {
  frequency: 'weekly',
  weekday: 1,
  sendHour: 10,
  groupSize: 2,
  cooldownWeeks: 8,
} as const;

/** Where a new cross-team programme's teams come from, as its starter is told. */
export type TeamsAtStart =
  | { source: 'profile_field'; fieldId: string; label: string }
  | { source: 'directory'; people: number }
  | { source: 'none' };

export type CreateProgrammeResult =
  | { ok: true; programme: Programme; teams?: TeamsAtStart }
  | { ok: false; refusal: 'exists' | 'host_required'; programme?: Programme };

/**
 * A cross-team programme must know teams from its first round: the Slack profile field that holds them when
 * there is one, else Nudge's directory (CSV import, overrides) when it has teams, else nothing, said plainly.
 */
async function teamsForCrossTeam(
  db: Db,
  workspaceId: string,
  profileFields: ReadonlyArray<{ id: string; label: string }> | null,
): Promise<TeamsAtStart> {
  const field = proposeTeamField(profileFields ?? []);
  if (field) return { source: 'profile_field', fieldId: field.id, label: field.label };
  const [people, overrides] = await Promise.all([
    countMembersWithTeam(db, workspaceId),
    countTeamOverrides(db, workspaceId),
  ]);
  return people + overrides > 0 ? { source: 'directory', people: people + overrides } : { source: 'none' };
}

/** Starts a programme in a channel: its members become the pool; sensible defaults, changeable in settings. */
export async function createProgramme(
  db: Db,
  input: {
    workspaceId: string;
    channelId: string;
    kind: ProgrammeKind;
    hostUserId: string | null;
    createdBy: string;
    /** The workspace's custom profile fields (null when Slack could not say); read for cross-team programmes. */
    profileFields?: ReadonlyArray<{ id: string; label: string }> | null;
    now: Date;
  },
): Promise<CreateProgrammeResult> {
  const existing = await findProgrammeByChannel(db, input.workspaceId, input.channelId);
  if (existing) return { ok: false, refusal: 'exists', programme: existing };
  if (input.kind === 'exec-lottery' && !input.hostUserId) return { ok: false, refusal: 'host_required' };
  const teams =
    input.kind === 'cross-team'
      ? await teamsForCrossTeam(db, input.workspaceId, input.profileFields ?? null)
      : undefined;
  const programme = await db.transaction().execute(async (trx) => {
    const inserted = await insertProgrammeIfMissing(trx, {
      workspace_id: input.workspaceId,
      channel_id: input.channelId,
      kind: input.kind,
      frequency: programmeDefaults.frequency,
      weekday: programmeDefaults.weekday,
      send_hour: programmeDefaults.sendHour,
      group_size: programmeDefaults.groupSize,
      cooldown_weeks: programmeDefaults.cooldownWeeks,
      approval_required: false,
      team_source: teams?.source === 'profile_field' ? 'profile_field' : 'directory',
      team_field_id: teams?.source === 'profile_field' ? teams.fieldId : null,
      host_user_id: input.hostUserId,
      status: 'active',
      created_by: input.createdBy,
      created_at: input.now,
    });
    if (inserted) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.createdBy,
        action: 'pairing.programme_started',
        subject: inserted.channel_id,
        changes: { kind: { from: null, to: inserted.kind } },
        now: input.now,
      });
    }
    return inserted;
  });
  if (!programme) {
    const raced = await findProgrammeByChannel(db, input.workspaceId, input.channelId);
    return { ok: false, refusal: 'exists', ...(raced ? { programme: raced } : {}) };
  }
  return { ok: true, programme, ...(teams ? { teams } : {}) };
}
