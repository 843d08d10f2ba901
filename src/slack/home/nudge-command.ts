import { erasedAt } from '../../domain/privacy/erasure-status.ts';
import { keepInTouchAnswer } from '../keep-in-touch/keep-in-touch-actions.ts';
import { showExpertSuggestions } from '../learning/learning-requests.ts';
import { openSkillsProfile } from '../learning/skills-profile.ts';
import { openWorkspaceSkills } from '../learning/workspace-skills.ts';
import { workspaceOf } from '../platform/context.ts';
import { tryAgainText } from '../platform/error-replies.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { CommandHandler, SlackSurface } from '../platform/surface.ts';
import { adminAuditAnswer, requestAuditExport } from '../settings/admin-audit.ts';
import { retentionAnswer } from '../settings/retention-settings.ts';
import { isAdmin, notAdminText, openSettings } from '../settings/settings.ts';
import { alreadyForgottenText, forgetMeModal } from './forget-me.blocks.ts';
import { helpMessage } from './help.blocks.ts';
import { myDataArgumentRefusal, myDataForgottenText, myDataQueuedMessage } from './my-data.blocks.ts';

/**
 * `/nudge help`, `/nudge skills` (and `skills admin`), `/nudge learn <skill>`, `/nudge keep-in-touch`, `/nudge my-data`,
 * `/nudge forget-me`, and for admins `/nudge settings`, `/nudge audit` (and `audit export`) and `/nudge retention`;
 * anything else gets the help with what was not understood.
 */
export function registerNudgeCommand(surface: SlackSurface, deps: ListenerDeps): void {
  const handleNudgeCommand: CommandHandler = async ({ command, ack, client, context }) => {
    const text = command.text.trim();
    const subcommand = text.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (subcommand === 'settings') {
      const workspaceId = workspaceOf(context);
      if (!(await isAdmin(deps, client, workspaceId, command.user_id))) {
        await ack({ response_type: 'ephemeral', text: notAdminText });
        return;
      }
      await ack();
      await openSettings(deps, client, workspaceId, command.trigger_id);
      return;
    }
    if (subcommand === 'my-data') {
      // Only ever the asker's own data: anything after the word (a name, a mention) is refused, admins included.
      if (text.split(/\s+/).length > 1) {
        await ack({ response_type: 'ephemeral', ...myDataArgumentRefusal() });
        return;
      }
      const workspaceId = workspaceOf(context);
      if (await erasedAt(deps.db, { workspaceId, userId: command.user_id })) {
        await ack({ response_type: 'ephemeral', text: myDataForgottenText() });
        return;
      }
      const day = deps.clock.now().toISOString().slice(0, 10);
      try {
        await deps.queues.enqueue('privacy.export', { workspaceId, userId: command.user_id, day });
      } catch (error) {
        // Uploading takes longer than Slack waits for an answer, so it is never done in the request.
        deps.logger.warn({ workspaceId, err: error }, 'could not enqueue the data export');
        await ack({ response_type: 'ephemeral', text: tryAgainText });
        return;
      }
      await ack({ response_type: 'ephemeral', ...myDataQueuedMessage() });
      return;
    }
    if (subcommand === 'forget-me') {
      const workspaceId = workspaceOf(context);
      if (await erasedAt(deps.db, { workspaceId, userId: command.user_id })) {
        await ack({ response_type: 'ephemeral', text: alreadyForgottenText() });
        return;
      }
      // Opening a modal and answering the command both have to happen within 3 seconds; views.open goes first.
      await client.views.open({ trigger_id: command.trigger_id, view: forgetMeModal() });
      await ack();
      return;
    }
    if (subcommand === 'skills') {
      const workspaceId = workspaceOf(context);
      const rest = text.split(/\s+/).slice(1).join(' ').toLowerCase();
      if (rest === 'admin') {
        // The admin check and the modal both need the trigger within 3 seconds: ack first, answer in a modal.
        await ack();
        await openWorkspaceSkills(deps, client, {
          workspaceId,
          userId: command.user_id,
          body: { trigger_id: command.trigger_id },
        });
        return;
      }
      if (rest !== '') {
        await ack({ response_type: 'ephemeral', ...helpMessage({ unknownText: text }) });
        return;
      }
      await ack();
      await openSkillsProfile(deps, client, { workspaceId, userId: command.user_id, triggerId: command.trigger_id });
      return;
    }
    if (subcommand === 'learn') {
      const skill = text.slice(text.search(/\s|$/)).trim();
      const message = await showExpertSuggestions(deps, {
        workspaceId: workspaceOf(context),
        userId: command.user_id,
        skill,
      });
      await ack({ response_type: 'ephemeral', ...message });
      return;
    }
    if (subcommand === 'keep-in-touch') {
      const answer = await keepInTouchAnswer(deps, { workspaceId: workspaceOf(context), userId: command.user_id });
      await ack({ response_type: 'ephemeral', ...answer });
      return;
    }
    if (subcommand === 'audit') {
      const rest = text.split(/\s+/).slice(1).join(' ').toLowerCase();
      if (rest === 'export') {
        const message = await requestAuditExport(deps, client, {
          workspaceId: workspaceOf(context),
          userId: command.user_id,
        });
        await ack({ response_type: 'ephemeral', ...message });
        return;
      }
      const answer = await adminAuditAnswer(deps, client, {
        workspaceId: workspaceOf(context),
        userId: command.user_id,
      });
      await ack({ response_type: 'ephemeral', ...answer });
      return;
    }
    if (subcommand === 'retention') {
      const answer = await retentionAnswer(deps, client, {
        workspaceId: workspaceOf(context),
        userId: command.user_id,
      });
      await ack({ response_type: 'ephemeral', ...answer });
      return;
    }
    const message = subcommand === '' || subcommand === 'help' ? helpMessage() : helpMessage({ unknownText: text });
    // The answer goes in the ack itself: no extra call, and it is ephemeral to the person who asked.
    await ack({ response_type: 'ephemeral', ...message });
  };
  surface.command('/nudge', handleNudgeCommand);
}
