import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { applySkillImport, previewSkillImport } from '../../domain/learning/import-skills.ts';
import { maxWeeklyRequestCap, setWeeklyRequestCap, weeklyRequestCap } from '../../domain/learning/learning-settings.ts';
import { loadWorkspaceSkills, saveWorkspaceSkills } from '../../domain/learning/workspace-skills.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { inputText, viewValues } from '../platform/view-state.ts';
import { registerCsvImportPreview } from '../settings/csv-import-preview.ts';
import { isAdmin } from '../settings/settings.ts';
import {
  maxSkillCsvLength,
  notSkillsAdminText,
  openSkillImportActionId,
  openWorkspaceSkillsActionId,
  skillImportBlocks,
  skillImportCallbackId,
  skillImportConfirmCallbackId,
  skillImportDoneView,
  skillImportModal,
  skillImportPreviewView,
  skillsMessageView,
  workspaceSkillsBlocks,
  workspaceSkillsCallbackId,
  workspaceSkillsModal,
  workspaceSkillsSavedView,
} from './workspace-skills.blocks.ts';

/**
 * The workspace's skill list and the CSV import of people's skills are admin tools, checked on the server on every
 * path: the command, the buttons and each modal submission.
 */

type Body = { trigger_id?: string; view?: { type?: string } };

/** The admin's skill list modal, or the refusal, in a new modal (command, Home) or on top of the one clicked in. */
export async function openWorkspaceSkills(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string; body: Body },
  view?: (workspaceId: string) => Promise<ModalView> | ModalView,
): Promise<void> {
  const triggerId = input.body.trigger_id;
  if (!triggerId) return;
  const allowed = await isAdmin(deps, client, input.workspaceId, input.userId);
  const shown = !allowed
    ? skillsMessageView('Workspace skills', notSkillsAdminText)
    : view
      ? await view(input.workspaceId)
      : workspaceSkillsModal(
          await loadWorkspaceSkills(deps.db, input.workspaceId),
          await weeklyRequestCap(deps.db, input.workspaceId),
        );
  const call =
    input.body.view?.type === 'modal'
      ? client.views.push({ trigger_id: triggerId, view: shown })
      : client.views.open({ trigger_id: triggerId, view: shown });
  await call.catch((error: unknown) => deps.logger.warn({ err: error }, 'could not show the skills modal'));
}

export function registerWorkspaceSkills(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenWorkspaceSkills: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    await openWorkspaceSkills(deps, client, {
      workspaceId: workspaceOf(context),
      userId: body.user.id,
      body: body as Body,
    });
  };
  surface.action(openWorkspaceSkillsActionId, handleOpenWorkspaceSkills);

  const handleOpenSkillImport: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    await openWorkspaceSkills(
      deps,
      client,
      { workspaceId: workspaceOf(context), userId: body.user.id, body: body as Body },
      () => skillImportModal(),
    );
  };
  surface.action(openSkillImportActionId, handleOpenSkillImport);

  const handleWorkspaceSkillsSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    const block = workspaceSkillsBlocks.skills.block;
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await ack({ response_action: 'errors', errors: { [block]: notSkillsAdminText } });
      return;
    }
    const values = viewValues(view);
    const capText = inputText(values, workspaceSkillsBlocks.weeklyCap).trim();
    const cap = capText === '' ? undefined : Number(capText);
    // Checked before anything is saved, so a bad number leaves the skill list as it was too.
    if (cap !== undefined && !(Number.isInteger(cap) && cap >= 1 && cap <= maxWeeklyRequestCap)) {
      await ack({
        response_action: 'errors',
        errors: { [workspaceSkillsBlocks.weeklyCap.block]: `A whole number from 1 to ${maxWeeklyRequestCap}.` },
      });
      return;
    }
    const skills = inputText(values, workspaceSkillsBlocks.skills).split('\n');
    const result = await saveWorkspaceSkills(deps.db, {
      workspaceId,
      actorId: body.user.id,
      skills,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [block]: result.problem } });
      return;
    }
    if (cap !== undefined) {
      await setWeeklyRequestCap(deps.db, { workspaceId, actorId: body.user.id, cap, now: deps.clock.now() });
    }
    await ack({ response_action: 'update', view: workspaceSkillsSavedView(result.skills) });
  };
  surface.view(workspaceSkillsCallbackId, handleWorkspaceSkillsSubmitted);

  registerCsvImportPreview(surface, deps, {
    callbackId: skillImportCallbackId,
    csvInput: skillImportBlocks.csv,
    maxCsvLength: maxSkillCsvLength,
    notAdminText: notSkillsAdminText,
    preview: (workspaceId, csv) => previewSkillImport(deps.db, { workspaceId, csv }),
    previewView: skillImportPreviewView,
  });

  const handleSkillImportConfirmed: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await ack({ response_action: 'update', view: skillsMessageView('Import skills', notSkillsAdminText) });
      return;
    }
    const csv = typeof view.private_metadata === 'string' ? view.private_metadata : '';
    const result = await applySkillImport(deps.db, {
      workspaceId,
      actorId: body.user.id,
      csv: csv.slice(0, maxSkillCsvLength),
      now: deps.clock.now(),
    });
    await ack({
      response_action: 'update',
      view: result.ok
        ? skillImportDoneView(result)
        : skillsMessageView('Import skills', `Nothing was imported. ${result.error}`),
    });
  };
  surface.view(skillImportConfirmCallbackId, handleSkillImportConfirmed);
}
