import { queueInsightsUpdate } from '../../../jobs/insights-update.ts';
import { type AnswerCheckinResult, answerCheckin, type CheckinAnswer } from '../../domain/mentorship/checkins.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import {
  checkinAnsweredMessage,
  checkinMetActionId,
  checkinNotMetActionId,
  checkinUsefulActionId,
  parseCheckinValue,
} from './mentorship-checkin.blocks.ts';

const refusals: Record<Exclude<AnswerCheckinResult, { ok: true }>['refused'], string> = {
  not_found: 'That check-in is not yours to answer.',
  not_open: 'This pairing has ended, so there is nothing more to record.',
  not_met: 'Say first whether you met: the score is for a meeting.',
  bad_answer: 'Choose a score from 1 to 5.',
};

/** The value of a button, or of the option picked in a select. */
function chosenValue(action: unknown): string {
  const selected = (action as { selected_option?: { value?: unknown } }).selected_option?.value;
  return typeof selected === 'string' ? selected : (actionValue(action) ?? '');
}

/**
 * The private check-in's answers (met, not met, a score 1–5): recorded for the person who clicked, and shown back to
 * them alone by rewriting their own DM. The first meeting queues the fit check (the sweep sends it if this cannot).
 */
export function registerMentorshipCheckins(surface: SlackSurface, deps: ListenerDeps): void {
  const answer = async (
    { ack, action, body, respond, context }: Parameters<ActionHandler>[0],
    answerOf: (usefulness: number | undefined) => CheckinAnswer | undefined,
  ): Promise<void> => {
    await ack();
    const workspaceId = workspaceOf(context);
    const parsed = parseCheckinValue(chosenValue(action));
    const answer = parsed ? answerOf(parsed.usefulness) : undefined;
    const tell = async (text: string): Promise<void> => {
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    if (!parsed || !answer) return await tell('That check-in is not yours to answer.');
    const result = await answerCheckin(deps.db, {
      workspaceId,
      pairId: parsed.pairId,
      number: parsed.number,
      userId: body.user.id,
      answer,
      now: deps.clock.now(),
    });
    if (!result.ok) return await tell(refusals[result.refused]);
    await respond({
      replace_original: true,
      ...checkinAnsweredMessage({ pairId: parsed.pairId, number: parsed.number, ...result }),
    }).catch(() => {});
    if (result.firstMeeting) {
      await queueInsightsUpdate(deps.queues, workspaceId, deps.clock.now());
      await deps.queues
        .enqueue('mentorship.fit-check', { workspaceId, pairId: parsed.pairId })
        .catch((err: unknown) => deps.logger.warn({ err }, 'fit check not queued; the sweep will send it'));
    }
  };

  const handleMentorshipCheckinMet: ActionHandler = async (args) => await answer(args, () => ({ met: true }));
  const handleMentorshipCheckinNotMet: ActionHandler = async (args) => await answer(args, () => ({ met: false }));
  const handleMentorshipCheckinUseful: ActionHandler = async (args) =>
    await answer(args, (usefulness) => (usefulness === undefined ? undefined : { usefulness }));
  surface.action(checkinMetActionId, handleMentorshipCheckinMet);
  surface.action(checkinNotMetActionId, handleMentorshipCheckinNotMet);
  surface.action(checkinUsefulActionId, handleMentorshipCheckinUseful);
}
