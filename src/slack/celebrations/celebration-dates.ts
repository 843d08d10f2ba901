import type { WebClient } from '@slack/web-api';
import { countPeopleToAskNow } from '../../domain/celebrations/ask-dates.ts';
import { applyCelebrationImport, previewCelebrationImport } from '../../domain/celebrations/import-dates.ts';
import {
  channelOccasions,
  loadCelebrationProfile,
  type ProfileField,
  saveCelebrationProfile,
} from '../../domain/celebrations/profiles.ts';
import { loadCelebrationSettings } from '../../domain/celebrations/settings.ts';
import {
  type CelebrationSettingsField,
  type CelebrationSettingsInput,
  setCelebrationsPaused,
  updateCelebrationSettings,
} from '../../domain/celebrations/update-settings.ts';
import { ensureMembersKnown } from '../directory/directory-refresh.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import {
  actionValue,
  inputConversation,
  inputDate,
  inputOption,
  inputOptions,
  viewValues,
} from '../platform/view-state.ts';
import { registerCsvImportPreview } from '../settings/csv-import-preview.ts';
import { isAdmin, notAdminText } from '../settings/settings.ts';
import { openDatesActionId } from './celebrations.blocks.ts';
import {
  askForDatesActionId,
  openCelebrationSettingsActionId,
  openImportActionId,
  togglePauseActionId,
} from './celebrations-home.blocks.ts';
import {
  askConfirmView,
  celebrationSettingsBlockIds,
  celebrationSettingsCallbackId,
  celebrationSettingsModal,
  datesModal,
  datesModalBlocks,
  datesModalCallbackId,
  datesSavedWithoutChannelView,
  doneView,
  importConfirmCallbackId,
  importDoneView,
  importModal,
  importModalBlocks,
  importModalCallbackId,
  importPreviewView,
  maxCsvLength,
} from './celebrations-modal.blocks.ts';

const triggerOf = (body: unknown) => (body as { trigger_id?: string }).trigger_id;

export async function openDatesModal(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string; triggerId: string },
): Promise<void> {
  const [profile, settings] = await Promise.all([
    loadCelebrationProfile(deps.db, input.workspaceId, input.userId),
    loadCelebrationSettings(deps.db, input.workspaceId),
  ]);
  await client.views.open({ trigger_id: input.triggerId, view: datesModal(profile, settings.postHour) });
}

export async function openCelebrationSettings(
  deps: ListenerDeps,
  client: WebClient,
  workspaceId: string,
  triggerId: string,
): Promise<void> {
  const settings = await loadCelebrationSettings(deps.db, workspaceId);
  await client.views.open({ trigger_id: triggerId, view: celebrationSettingsModal(settings) });
}

export async function openImport(client: WebClient, triggerId: string): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: importModal() });
}

async function refuseInModal(client: WebClient, triggerId: string): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: doneView('Celebrations', notAdminText) });
}

function readDates(values: ReturnType<typeof viewValues>) {
  return {
    birthdayMonth: inputOption(values, datesModalBlocks.birthdayMonth),
    birthdayDay: inputOption(values, datesModalBlocks.birthdayDay),
    startDate: inputDate(values, datesModalBlocks.startDate),
    birthdayVisibility: inputOption(values, datesModalBlocks.birthdayVisibility) ?? '',
    anniversaryVisibility: inputOption(values, datesModalBlocks.anniversaryVisibility) ?? '',
  };
}

function readSettings(values: ReturnType<typeof viewValues>): CelebrationSettingsInput {
  const at = (name: CelebrationSettingsField) => ({ block: celebrationSettingsBlockIds[name], action: name });
  return {
    channelId: inputConversation(values, at('channelId')),
    paused: inputOptions(values, at('paused')).includes('on'),
    postHour: inputOption(values, at('postHour')) ?? '',
    weekendRule: inputOption(values, at('weekendRule')) ?? '',
    digestChannelId: inputConversation(values, at('digestChannelId')),
    digestWeekday: inputOption(values, at('digestWeekday')) ?? '',
    digestHour: inputOption(values, at('digestHour')) ?? '',
  };
}

async function refreshHome(deps: ListenerDeps, workspaceId: string, userId: string, reconcile = false) {
  try {
    if (reconcile) await deps.queues.enqueue('schedules.reconcile', {});
    await deps.queues.enqueue('home.publish', { workspaceId, userId });
  } catch (error) {
    // Saved already; the Home tab refreshes next time it is opened and schedules reconcile every few minutes.
    deps.logger.warn({ workspaceId, err: error }, 'could not enqueue the Home refresh');
  }
}

/** People's own dates (App Home, the DM that asks, `/celebrate dates`) and the admin controls for celebrations. */
export function registerCelebrationDates(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenDates: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const triggerId = triggerOf(body);
    if (triggerId)
      await openDatesModal(deps, client, { workspaceId: workspaceOf(context), userId: body.user.id, triggerId });
  };
  surface.action(openDatesActionId, handleOpenDates);

  const handleDatesSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    const now = deps.clock.now();
    await ensureMembersKnown({ db: deps.db, client, workspaceId, now }, [body.user.id]);
    const result = await saveCelebrationProfile(deps.db, {
      workspaceId,
      userId: body.user.id,
      profile: readDates(viewValues(view)),
      now,
    });
    if (!result.ok) {
      const errors =
        'refused' in result
          ? { [datesModalBlocks.birthdayVisibility.block]: 'Only members of this workspace can add dates.' }
          : Object.fromEntries(
              Object.entries(result.errors).map(([f, m]) => [datesModalBlocks[f as ProfileField].block, m]),
            );
      await ack({ response_action: 'errors', errors });
      return;
    }
    const [saved, settings] = await Promise.all([
      loadCelebrationProfile(deps.db, workspaceId, body.user.id),
      loadCelebrationSettings(deps.db, workspaceId),
    ]);
    const waiting = settings.channelId ? [] : channelOccasions(saved);
    // Saved as asked; but someone who chose the channel should know nothing will be posted there yet.
    if (waiting.length > 0) await ack({ response_action: 'update', view: datesSavedWithoutChannelView(waiting) });
    else await ack();
    await refreshHome(deps, workspaceId, body.user.id, true);
  };
  surface.view(datesModalCallbackId, handleDatesSubmitted);

  const handleOpenCelebrationSettings: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const triggerId = triggerOf(body);
    if (!triggerId) return;
    if (await isAdmin(deps, client, workspaceId, body.user.id))
      await openCelebrationSettings(deps, client, workspaceId, triggerId);
    else await refuseInModal(client, triggerId);
  };
  surface.action(openCelebrationSettingsActionId, handleOpenCelebrationSettings);

  const handleCelebrationSettingsSubmitted: ViewHandler = async ({ ack, view, body, context }) => {
    const workspaceId = workspaceOf(context);
    const result = await updateCelebrationSettings(deps.db, {
      workspaceId,
      actorId: body.user.id,
      settings: readSettings(viewValues(view)),
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const errors =
        'refused' in result
          ? { [celebrationSettingsBlockIds.channelId]: notAdminText }
          : Object.fromEntries(
              Object.entries(result.errors).map(([f, m]) => [
                celebrationSettingsBlockIds[f as CelebrationSettingsField],
                m,
              ]),
            );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await refreshHome(deps, workspaceId, body.user.id, true);
  };
  surface.view(celebrationSettingsCallbackId, handleCelebrationSettingsSubmitted);

  const handleTogglePause: ActionHandler = async ({ ack, body, action, client, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const paused = actionValue(action) === 'pause';
    const result = await setCelebrationsPaused(deps.db, {
      workspaceId,
      actorId: body.user.id,
      paused,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const triggerId = triggerOf(body);
      if (triggerId) await refuseInModal(client, triggerId);
      return;
    }
    await refreshHome(deps, workspaceId, body.user.id, true);
  };
  surface.action(togglePauseActionId, handleTogglePause);

  const handleOpenImport: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const triggerId = triggerOf(body);
    if (!triggerId) return;
    if (await isAdmin(deps, client, workspaceOf(context), body.user.id)) await openImport(client, triggerId);
    else await refuseInModal(client, triggerId);
  };
  surface.action(openImportActionId, handleOpenImport);

  registerCsvImportPreview(surface, deps, {
    callbackId: importModalCallbackId,
    csvInput: importModalBlocks.csv,
    maxCsvLength,
    notAdminText,
    preview: (workspaceId, csv) => previewCelebrationImport(deps.db, { workspaceId, csv, now: deps.clock.now() }),
    previewView: importPreviewView,
  });

  const handleImportConfirmed: ViewHandler = async ({ ack, view, body, context }) => {
    const workspaceId = workspaceOf(context);
    const result = await applyCelebrationImport(deps.db, {
      workspaceId,
      actorId: body.user.id,
      csv: view.private_metadata ?? '',
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const text = 'refused' in result ? notAdminText : `Nothing was imported. ${result.error}`;
      await ack({ response_action: 'update', view: doneView('Import dates', text) });
      return;
    }
    await ack({ response_action: 'update', view: importDoneView(result) });
    await refreshHome(deps, workspaceId, body.user.id, true);
  };
  surface.view(importConfirmCallbackId, handleImportConfirmed);

  const handleAskForDates: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const triggerId = triggerOf(body);
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      if (triggerId) await refuseInModal(client, triggerId);
      return;
    }
    const count = await countPeopleToAskNow(deps.db, { workspaceId, now: deps.clock.now() });
    // The trigger is only good for 3 seconds: answer first, then queue the DMs.
    if (triggerId) await client.views.open({ trigger_id: triggerId, view: askConfirmView(count) });
    if (count > 0) await deps.queues.enqueue('celebrations.ask-dates', { workspaceId });
  };
  surface.action(askForDatesActionId, handleAskForDates);
}
