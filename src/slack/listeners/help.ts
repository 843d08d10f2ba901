import { helpMessage } from '../help.blocks.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import type { SlackSurface } from '../surface.ts';

/** `/nudge` — help now; settings and other subcommands join as features land. */
export function registerNudgeCommand(surface: SlackSurface, _deps: ListenerDeps): void {
  surface.record('command', '/nudge');
  surface.app.command('/nudge', async ({ command, ack }) => {
    const text = command.text.trim();
    const subcommand = text.split(/\s+/)[0]?.toLowerCase() ?? '';
    const message = subcommand === '' || subcommand === 'help' ? helpMessage() : helpMessage({ unknownText: text });
    // The answer goes in the ack itself: no extra call, and it is ephemeral to the person who asked.
    await ack({ response_type: 'ephemeral', ...message });
  });
}
