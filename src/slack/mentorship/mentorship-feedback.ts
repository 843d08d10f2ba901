import { feedbackForm, saveFeedback } from '../../domain/mentorship/feedback.ts';
import { memberNames } from '../directory/member-names.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { actionValue, inputOption, inputText, viewValues } from '../platform/view-state.ts';
import {
  feedbackBlocks,
  feedbackCallbackId,
  feedbackErrors,
  feedbackModal,
  feedbackOpenActionId,
  feedbackThanksView,
} from './mentorship-feedback.blocks.ts';

const closedText = 'This feedback is closed: the cycle was already settled, or this pairing is not yours.';

function pairIdOf(privateMetadata: string | undefined): string {
  try {
    const pairId = (JSON.parse(privateMetadata ?? '{}') as { pairId?: unknown }).pairId;
    return typeof pairId === 'string' && /^[0-9a-f-]{36}$/.test(pairId) ? pairId : '';
  } catch {
    return '';
  }
}

/** The cycle-end feedback: the button opens the private form; the form saves, or shows every problem at once. */
export function registerMentorshipFeedback(surface: SlackSurface, deps: ListenerDeps): void {
  const handleMentorshipFeedbackOpen: ActionHandler = async ({ ack, action, body, respond, client, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const pairId = actionValue(action) ?? '';
    const form = /^[0-9a-f-]{36}$/.test(pairId)
      ? await feedbackForm(deps.db, { workspaceId, pairId, userId: body.user.id, now: deps.clock.now() })
      : ({ ok: false, refused: 'not_found' } as const);
    if (!form.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: closedText }).catch(() => {});
      return;
    }
    const names = await memberNames(deps.db, workspaceId, [form.partnerId]);
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: feedbackModal({ pairId: form.pairId, partnerName: names.get(form.partnerId) ?? 'your partner' }),
    });
  };
  surface.action(feedbackOpenActionId, handleMentorshipFeedbackOpen);

  const handleMentorshipFeedbackSubmitted: ViewHandler = async ({ ack, view, body, context }) => {
    const workspaceId = workspaceOf(context);
    const values = viewValues(view);
    const continueNext = inputOption(values, feedbackBlocks.continueNext);
    const result = await saveFeedback(deps.db, {
      workspaceId,
      pairId: pairIdOf(view.private_metadata),
      userId: body.user.id,
      rating: inputOption(values, feedbackBlocks.rating) ?? undefined,
      comment: inputText(values, feedbackBlocks.comment),
      continueNext: continueNext === 'yes' ? true : continueNext === 'no' ? false : undefined,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      if ('errors' in result) await ack({ response_action: 'errors', errors: feedbackErrors(result.errors) });
      else await ack({ response_action: 'update', view: feedbackThanksView(closedText) });
      return;
    }
    await ack({
      response_action: 'update',
      view: feedbackThanksView(
        result.outcome === 'waiting'
          ? 'Thank you: your feedback is saved, privately. Nudge tells you both what happens next once you have both answered.'
          : 'Thank you: your feedback is saved, privately. Nudge is telling you both what happens next.',
      ),
    });
    if (result.outcome !== 'waiting') {
      await deps.queues
        .enqueue('mentorship.ended', { workspaceId, pairId: result.pairId })
        .catch((err: unknown) => deps.logger.warn({ err }, 'end notice not queued; the sweep will queue it'));
    }
  };
  surface.view(feedbackCallbackId, handleMentorshipFeedbackSubmitted);
}
