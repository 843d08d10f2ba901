import type { WebClient } from '@slack/web-api';
import type { MentorshipMatchingMode } from '../../db/schema-mentorship.ts';
import { findMentorshipProgramme, type MentorshipProgrammeRow } from '../../domain/mentorship/find-programme.ts';
import { updateMentorshipSettings } from '../../domain/mentorship/programmes.ts';
import type { MentorshipSettings, MentorshipSettingsField } from '../../domain/mentorship/settings.ts';
import { signupDeadlineFromDate } from '../../domain/mentorship/signup-deadline.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import { canManageProgramme } from '../pairing/pairing-permissions.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { actionValue, inputDate, inputOption, inputOptions, inputText, viewValues } from '../platform/view-state.ts';
import {
  mentorshipSettingsBlocks,
  mentorshipSettingsCallbackId,
  mentorshipSettingsModal,
  openMentorshipSettingsActionId,
  sameTeamValue,
} from './mentorship-settings.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;
export const notManagerText = 'Only Nudge admins or the channel’s creator can change this programme’s settings.';

async function workspaceZone(deps: ListenerDeps, workspaceId: string): Promise<string> {
  return (await findWorkspace(deps.db, workspaceId))?.time_zone ?? 'UTC';
}

/** Opens the settings of `programme`; the caller has checked that the person may change them. */
export async function openMentorshipSettings(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; triggerId: string },
  programme: MentorshipProgrammeRow,
): Promise<void> {
  const view = mentorshipSettingsModal(programme, await workspaceZone(deps, input.workspaceId));
  await client.views.open({ trigger_id: input.triggerId, view });
}

/** A number as typed; anything that is not one is left for the rules to refuse. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

function readSettings(view: unknown, timeZone: string): MentorshipSettings {
  const values = viewValues(view);
  const at = (field: MentorshipSettingsField) => ({ block: mentorshipSettingsBlocks[field], action: field });
  const deadline = inputDate(values, at('signupDeadline'));
  return {
    cycleMonths: numberOf(inputText(values, at('cycleMonths'))),
    signupDeadline: deadline === null ? null : signupDeadlineFromDate(deadline, timeZone),
    matchingMode: (inputOption(values, at('matchingMode')) ?? '') as MentorshipMatchingMode,
    defaultCapacity: numberOf(inputText(values, at('defaultCapacity'))),
    maxCapacity: numberOf(inputText(values, at('maxCapacity'))),
    minSeniorityGap: numberOf(inputText(values, at('minSeniorityGap'))),
    allowSameTeam: inputOptions(values, at('allowSameTeam')).includes(sameTeamValue),
    skills: inputText(values, at('skills')).split('\n'),
  };
}

/** `/mentor settings` and the settings button: admins and the channel's creator only, checked on every path. */
export function registerMentorshipSettings(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenMentorshipSettings: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const id = actionValue(action) ?? '';
    const programme = uuid.test(id) ? await findMentorshipProgramme(deps.db, workspaceId, id) : undefined;
    const tell = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    if (!programme) return await tell('That mentorship programme no longer exists.');
    const ctx = { workspaceId, userId: body.user.id, channelId: programme.channel_id, client };
    if (!(await canManageProgramme(deps, ctx, programme))) return await tell(notManagerText);
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (triggerId) await openMentorshipSettings(deps, client, { workspaceId, triggerId }, programme);
  };
  surface.action(openMentorshipSettingsActionId, handleOpenMentorshipSettings);

  const handleMentorshipSettingsSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    let id: unknown;
    try {
      id = (JSON.parse(view.private_metadata || '{}') as { programmeId?: unknown } | null)?.programmeId;
    } catch {}
    const programme =
      typeof id === 'string' && uuid.test(id) ? await findMentorshipProgramme(deps.db, workspaceId, id) : undefined;
    const ctx = { workspaceId, userId: body.user.id, channelId: programme?.channel_id ?? '', client };
    if (!programme || !(await canManageProgramme(deps, ctx, programme))) {
      await ack({ response_action: 'errors', errors: { [mentorshipSettingsBlocks.cycleMonths]: notManagerText } });
      return;
    }
    const result = await updateMentorshipSettings(deps.db, {
      workspaceId,
      programmeId: programme.id,
      actorId: body.user.id,
      changes: readSettings(view, await workspaceZone(deps, workspaceId)),
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const errors =
        'errors' in result
          ? Object.fromEntries(
              Object.entries(result.errors).map(([f, m]) => [
                mentorshipSettingsBlocks[f as MentorshipSettingsField],
                m,
              ]),
            )
          : { [mentorshipSettingsBlocks.cycleMonths]: 'This mentorship programme no longer exists.' };
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
  };
  surface.view(mentorshipSettingsCallbackId, handleMentorshipSettingsSubmitted);
}
