import type { WebClient } from '@slack/web-api';
import { isNudgeAdminUser } from '../../domain/kudos/admins.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import { type SettingsField, type SettingsInput, updateKudosSettings } from '../../domain/kudos/update-settings.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import { ensureMembersKnown } from '../directory/directory-refresh.ts';
import { openSettingsActionId } from '../home/home.blocks.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { settingsBlockIds, settingsCallbackId, settingsModal } from './settings.blocks.ts';

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
  const [settings, workspace] = await Promise.all([
    loadKudosSettings(deps.db, workspaceId),
    findWorkspace(deps.db, workspaceId),
  ]);
  await client.views.open({ trigger_id: triggerId, view: settingsModal(settings, workspace?.time_zone ?? 'UTC') });
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
    const result = await updateKudosSettings(deps.db, {
      workspaceId,
      actorId: body.user.id,
      settings: readSettings(view.state.values as Record<string, Record<string, StateValue>>),
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const errors =
        'refused' in result
          ? { [settingsBlockIds.timeZone]: notAdminText }
          : Object.fromEntries(
              Object.entries(result.errors).map(([f, m]) => [settingsBlockIds[f as SettingsField], m]),
            );
      await ack({ response_action: 'errors', errors });
      return;
    }
    deps.kudosEmoji.forget(workspaceId);
    await ack();
    // New prompt times and channels take effect now, not at the next periodic reconcile.
    await deps.queues.enqueue('schedules.reconcile', {});
    await deps.queues.enqueue('home.publish', { workspaceId, userId: body.user.id });
  };
  surface.view(settingsCallbackId, handleSettingsSubmitted);
}
