import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { CommandHandler, SlackSurface } from '../platform/surface.ts';
import { adminAuditAnswer } from '../settings/admin-audit.ts';
import { retentionAnswer } from '../settings/retention-settings.ts';
import { isAdmin, notAdminText, openSettings } from '../settings/settings.ts';
import { helpMessage } from './help.blocks.ts';

/** `/nudge help`, `/nudge settings`, `/nudge audit` and `/nudge retention` (admins); anything else gets the help with what was not understood. */
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
    if (subcommand === 'audit') {
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
