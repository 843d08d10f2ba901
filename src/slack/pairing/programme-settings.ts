import { findProgramme } from '../../domain/pairing/find-programme.ts';
import {
  type ProgrammeSettingsField,
  type ProgrammeSettingsInput,
  parseSourceChoice,
  updateProgrammeSettings,
} from '../../domain/pairing/update-programme.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { SlackSurface, ViewHandler } from '../platform/surface.ts';
import { inputOption, inputOptions, inputText, viewValues } from '../platform/view-state.ts';
import { canManageProgramme } from './pairing-permissions.ts';
import { programmeSettingsBlocks, programmeSettingsCallbackId } from './programme-settings.blocks.ts';
import { availableTeamSources, fetchTeamSourceOptions } from './team-source-options.ts';

function readSettings(view: unknown): ProgrammeSettingsInput {
  const values = viewValues(view);
  const at = (name: ProgrammeSettingsField) => ({ block: programmeSettingsBlocks[name], action: name });
  return {
    frequency: inputOption(values, at('frequency')) ?? '',
    weekday: inputOption(values, at('weekday')) ?? '',
    sendHour: inputOption(values, at('sendHour')) ?? '',
    groupSize: inputOption(values, at('groupSize')) ?? '',
    cooldownWeeks: inputText(values, at('cooldownWeeks')),
    teamSource: inputOption(values, at('teamSource')) ?? '',
    teamUsergroupIds: inputOptions(values, at('teamUsergroupIds')),
    departmentSource: inputOption(values, at('departmentSource')) ?? '',
    approvalRequired: inputOptions(values, at('approvalRequired')).length > 0,
    paused: inputOptions(values, at('paused')).length > 0,
  };
}

/** A choice that names a profile field or user groups is checked against what Slack says exists now. */
function needsSlack(settings: ProgrammeSettingsInput): boolean {
  return (
    parseSourceChoice(settings.teamSource)?.source === 'usergroup' ||
    parseSourceChoice(settings.teamSource)?.fieldId != null ||
    parseSourceChoice(settings.departmentSource)?.fieldId != null ||
    settings.teamUsergroupIds.length > 0
  );
}

/** The `/coffee settings` modal's submission: refused for non-managers, checked field by field, saved whole. */
export function registerProgrammeSettings(surface: SlackSurface, deps: ListenerDeps): void {
  const handleProgrammeSettingsSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    let programmeId: unknown;
    try {
      programmeId = (JSON.parse(view.private_metadata || '{}') as { programmeId?: unknown } | null)?.programmeId;
    } catch {}
    const programme =
      typeof programmeId === 'string' && /^[0-9a-f-]{36}$/.test(programmeId)
        ? await findProgramme(deps.db, workspaceId, programmeId)
        : undefined;
    const ctx = { workspaceId, userId: body.user.id, channelId: programme?.channel_id ?? '', client };
    if (!programme || !(await canManageProgramme(deps, ctx, programme))) {
      await ack({
        response_action: 'errors',
        errors: {
          [programmeSettingsBlocks.frequency]: 'Only Nudge admins or the channel’s creator can change these settings.',
        },
      });
      return;
    }
    const settings = readSettings(view);
    const available = needsSlack(settings)
      ? availableTeamSources(await fetchTeamSourceOptions(client))
      : { profileFieldIds: [], usergroupIds: [] };
    const result = await updateProgrammeSettings(deps.db, {
      workspaceId,
      programmeId: programme.id,
      actorId: body.user.id,
      settings,
      available,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([f, m]) => [programmeSettingsBlocks[f as ProgrammeSettingsField], m]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await deps.queues.enqueue('schedules.reconcile', {});
  };
  surface.view(programmeSettingsCallbackId, handleProgrammeSettingsSubmitted);
}
