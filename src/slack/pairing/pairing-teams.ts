import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { applyTeamImport, previewTeamImport } from '../../domain/pairing/team-import.ts';
import {
  countMembersWithTeam,
  countTeamOverrides,
  listTeamOverrides,
  saveTeamOverride,
  type TeamOverrideField,
} from '../../domain/pairing/team-overrides.ts';
import { ensureMembersKnown } from '../directory/directory-refresh.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { inputText, viewValues } from '../platform/view-state.ts';
import { registerCsvImportPreview } from '../settings/csv-import-preview.ts';
import { isAdmin } from '../settings/settings.ts';
import {
  maxTeamCsvLength,
  notTeamAdminText,
  openTeamImportActionId,
  openTeamOverrideActionId,
  openTeamsActionId,
  teamImportBlocks,
  teamImportCallbackId,
  teamImportConfirmCallbackId,
  teamImportDoneView,
  teamImportModal,
  teamImportPreviewView,
  teamOverrideBlocks,
  teamOverrideCallbackId,
  teamOverrideDoneView,
  teamOverrideModal,
  teamsHubModal,
  teamsMessageView,
} from './pairing-teams.blocks.ts';

/**
 * People's teams and departments are workspace-wide (every programme reads them, and so does the kudos
 * cross-team board), so only Nudge admins change them: a channel's creator manages that channel's programme,
 * not the organisation chart. Checked on the server on every path: command, buttons and each modal submission.
 */

type Body = { trigger_id?: string; view?: { type?: string } };

async function showView(
  deps: ListenerDeps,
  client: WebClient,
  body: Body | { trigger_id?: string },
  view: ModalView,
): Promise<void> {
  const triggerId = body.trigger_id;
  if (!triggerId) return;
  // On top of the modal the button sits in (settings, the hub); from the Home tab or a command, a new modal.
  const inModal = (body as Body).view?.type === 'modal';
  const call = inModal
    ? client.views.push({ trigger_id: triggerId, view })
    : client.views.open({ trigger_id: triggerId, view });
  await call.catch((error: unknown) => deps.logger.warn({ err: error }, 'could not show the teams modal'));
}

export async function teamsHub(deps: ListenerDeps, workspaceId: string): Promise<ModalView> {
  const [inDirectory, overrideCount, overrides] = await Promise.all([
    countMembersWithTeam(deps.db, workspaceId),
    countTeamOverrides(deps.db, workspaceId),
    listTeamOverrides(deps.db, workspaceId, 20),
  ]);
  return teamsHubModal({ inDirectory, overrideCount, overrides });
}

export function registerPairingTeams(surface: SlackSurface, deps: ListenerDeps): void {
  const opener = (actionId: string, view: (workspaceId: string) => Promise<ModalView> | ModalView) => {
    const handleOpenTeamsModal: ActionHandler = async ({ ack, body, client, context }) => {
      await ack();
      const workspaceId = workspaceOf(context);
      const allowed = await isAdmin(deps, client, workspaceId, body.user.id);
      await showView(
        deps,
        client,
        body as Body,
        allowed ? await view(workspaceId) : teamsMessageView('Teams and departments', notTeamAdminText),
      );
    };
    surface.action(actionId, handleOpenTeamsModal);
  };
  opener(openTeamsActionId, (workspaceId) => teamsHub(deps, workspaceId));
  opener(openTeamImportActionId, () => teamImportModal());
  opener(openTeamOverrideActionId, () => teamOverrideModal());

  registerCsvImportPreview(surface, deps, {
    callbackId: teamImportCallbackId,
    csvInput: teamImportBlocks.csv,
    maxCsvLength: maxTeamCsvLength,
    notAdminText: notTeamAdminText,
    preview: (workspaceId, csv) => previewTeamImport(deps.db, { workspaceId, csv }),
    previewView: teamImportPreviewView,
  });

  const handleTeamImportConfirmed: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await ack({ response_action: 'update', view: teamsMessageView('Import teams', notTeamAdminText) });
      return;
    }
    const csv = typeof view.private_metadata === 'string' ? view.private_metadata : '';
    const result = await applyTeamImport(deps.db, {
      workspaceId,
      actorId: body.user.id,
      csv: csv.slice(0, maxTeamCsvLength),
      now: deps.clock.now(),
    });
    await ack({
      response_action: 'update',
      view: result.ok
        ? teamImportDoneView(result)
        : teamsMessageView('Import teams', `Nothing was imported. ${result.error}`),
    });
  };
  surface.view(teamImportConfirmCallbackId, handleTeamImportConfirmed);

  const handleTeamOverrideSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await ack({ response_action: 'errors', errors: { [teamOverrideBlocks.person.block]: notTeamAdminText } });
      return;
    }
    const values = viewValues(view);
    const selected = values[teamOverrideBlocks.person.block]?.[teamOverrideBlocks.person.action] as
      | { selected_user?: unknown }
      | undefined;
    const userId =
      typeof selected?.selected_user === 'string' && /^[UW][A-Z0-9]{2,30}$/.test(selected.selected_user)
        ? selected.selected_user
        : null;
    // Someone who joined since the last directory sync can be given a team at once.
    if (userId) await ensureMembersKnown({ db: deps.db, client, workspaceId, now: deps.clock.now() }, [userId]);
    const result = await saveTeamOverride(deps.db, {
      workspaceId,
      userId,
      team: inputText(values, teamOverrideBlocks.team),
      department: inputText(values, teamOverrideBlocks.department),
      setBy: body.user.id,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([field, message]) => [
          teamOverrideBlocks[field as TeamOverrideField].block,
          message,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: teamOverrideDoneView(result) });
  };
  surface.view(teamOverrideCallbackId, handleTeamOverrideSubmitted);
}
