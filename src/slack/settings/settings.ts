import type { WebClient } from '@slack/web-api';
import { loadAwayMarkers } from '../../domain/directory/away-people.ts';
import { checkAwayMarkers, updateAwayMarkers } from '../../domain/directory/update-away-markers.ts';
import { isNudgeAdminUser } from '../../domain/kudos/admins.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import { type SettingsField, type SettingsInput, updateKudosSettings } from '../../domain/kudos/update-settings.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import { ensureMembersKnown } from '../directory/directory-refresh.ts';
import { openSettingsActionId } from '../home/home.blocks.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import {
  awayMarkersActionId,
  awayMarkersBlockId,
  settingsBlockIds,
  settingsCallbackId,
  settingsModal,
} from './settings.blocks.ts';

export const notAdminText =
  'Only Nudge admins (Slack workspace admins and owners, and people they name) can change settings.';

type StateValue = {
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_users?: string[];
  selected_options?: Array<{ value?: string }>;
};

/** Admin check on the server for every path: the command, the Home button and the modal submission itself. */
export async function isAdmin(
  deps: ListenerDeps,
  client: WebClient,
  workspaceId: string,
  userId: string,
): Promise<boolean> {
  await ensureMembersKnown({ db: deps.db, client, workspaceId, now: deps.clock.now() }, [userId]);
  return await isNudgeAdminUser(deps.db, workspaceId, userId);
}

export async function openSettings(
  deps: ListenerDeps,
  client: WebClient,
  workspaceId: string,
  triggerId: string,
): Promise<void> {
  const [settings, workspace, awayMarkers] = await Promise.all([
    loadKudosSettings(deps.db, workspaceId),
    findWorkspace(deps.db, workspaceId),
    loadAwayMarkers(deps.db, workspaceId),
  ]);
  await client.views.open({
    trigger_id: triggerId,
    view: settingsModal(settings, workspace?.time_zone ?? 'UTC', awayMarkers),
  });
}

function readSettings(values: Record<string, Record<string, StateValue>>): SettingsInput {
  const field = (name: SettingsField): StateValue => values[settingsBlockIds[name]]?.[name] ?? {};
  const text = (name: SettingsField) => field(name).value ?? '';
  return {
    timeZone: text('timeZone'),
    allowance: text('allowance'),
    allowancePeriod: field('allowancePeriod').selected_option?.value ?? '',
    pairCap: text('pairCap'),
    emoji: text('emoji'),
    values: text('values'),
    kudosChannelId: field('kudosChannelId').selected_conversation ?? null,
    promptChannelIds: field('promptChannelIds').selected_conversations ?? [],
    promptWeekday: field('promptWeekday').selected_option?.value ?? '',
    promptHour: field('promptHour').selected_option?.value ?? '',
    digestEnabled: (field('digestEnabled').selected_options ?? []).some((o) => o.value === 'on'),
    adminUserIds: field('adminUserIds').selected_users ?? [],
  };
}

export function registerSettings(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenSettings: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (!triggerId) return;
    if (await isAdmin(deps, client, workspaceId, body.user.id)) {
      await openSettings(deps, client, workspaceId, triggerId);
    } else {
      await client.views.open({
        trigger_id: triggerId,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Nudge settings' },
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: notAdminText } }],
        },
      });
    }
  };
  surface.action(openSettingsActionId, handleOpenSettings);

  const handleSettingsSubmitted: ViewHandler = async ({ ack, view, body, context }) => {
    const workspaceId = workspaceOf(context);
    const values = view.state.values as Record<string, Record<string, StateValue>>;
    // A modal opened before the field existed carries no such block: the list then stays as it is.
    const awayBlock = values[awayMarkersBlockId]?.[awayMarkersActionId];
    const awayText = awayBlock ? (awayBlock.value ?? '') : undefined;
    const awayChecked = awayText === undefined ? undefined : checkAwayMarkers(awayText);
    const awayError: Record<string, string> =
      awayChecked && !awayChecked.ok ? { [awayMarkersBlockId]: awayChecked.error } : {};
    const result = await updateKudosSettings(deps.db, {
      workspaceId,
      actorId: body.user.id,
      settings: readSettings(values),
      now: deps.clock.now(),
      // Nothing is saved while the away list has a problem, so the admin sees every problem at once.
      dryRun: Object.keys(awayError).length > 0,
    });
    if (!result.ok || Object.keys(awayError).length > 0) {
      const errors =
        !result.ok && 'refused' in result
          ? { [settingsBlockIds.timeZone]: notAdminText }
          : {
              ...(result.ok
                ? {}
                : Object.fromEntries(
                    Object.entries(result.errors).map(([f, m]) => [settingsBlockIds[f as SettingsField], m]),
                  )),
              ...awayError,
            };
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (awayText !== undefined) {
      await updateAwayMarkers(deps.db, { workspaceId, actorId: body.user.id, text: awayText, now: deps.clock.now() });
    }
    deps.kudosEmoji.forget(workspaceId);
    await ack();
    // New prompt times and channels take effect now, not at the next periodic reconcile.
    await deps.queues.enqueue('schedules.reconcile', {});
    await deps.queues.enqueue('home.publish', { workspaceId, userId: body.user.id });
  };
  surface.view(settingsCallbackId, handleSettingsSubmitted);
}
