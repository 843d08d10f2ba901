import { askForRematch } from '../../domain/mentorship/fit-check.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import { rematchAskActionId, rematchAskedMessage } from './mentorship-fit-check.blocks.ts';

/**
 * "Ask for a different match", confirmed in Slack's own dialog: the pair ends at once, the asker's fit check turns
 * into the confirmation, and the end notice and the re-match are queued (the sweep queues them if this cannot).
 */
export function registerMentorshipFitCheck(surface: SlackSurface, deps: ListenerDeps): void {
  const handleMentorshipRematchAsk: ActionHandler = async ({ ack, action, body, respond, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const pairId = actionValue(action) ?? '';
    const tell = async (text: string): Promise<void> => {
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    if (!/^[0-9a-f-]{36}$/.test(pairId)) return await tell('That match is not yours.');
    const result = await askForRematch(deps.db, { workspaceId, pairId, userId: body.user.id, now: deps.clock.now() });
    if (!result.ok) {
      return await tell(
        result.refused === 'not_found'
          ? 'That match is not yours.'
          : 'This pairing has already ended; Nudge is looking for new matches and will tell you within 48 hours.',
      );
    }
    await respond({ replace_original: true, ...rematchAskedMessage() }).catch(() => {});
    for (const name of ['mentorship.ended', 'mentorship.rematch'] as const) {
      await deps.queues
        .enqueue(name, { workspaceId, pairId })
        .catch((err: unknown) => deps.logger.warn({ err, job: name }, 'not queued; the sweep will queue it'));
    }
  };
  surface.action(rematchAskActionId, handleMentorshipRematchAsk);
}
