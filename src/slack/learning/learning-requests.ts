import type { WebClient } from '@slack/web-api';
import type { LearningRequestKind } from '../../db/schema-learning.ts';
import { answerLearningRequest, type LearningAnswer } from '../../domain/learning/answer-learning-request.ts';
import { expertSuggestions } from '../../domain/learning/expert-suggestions.ts';
import { learningRequestDetails } from '../../domain/learning/learning-handoff.ts';
import { requestLearning } from '../../domain/learning/request-learning.ts';
import { memberNames } from '../directory/member-names.ts';
import { answerClick } from '../platform/answer-click.ts';
import { plainText, type SlackMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, ShortcutHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { actionValue, inputDate, inputOption, inputText, inputUser, viewValues } from '../platform/view-state.ts';
import { republishLearningHomes } from './learning-home-refresh.ts';
import {
  acceptLearningActionId,
  askExpertActionId,
  askRefusal,
  declineLearningActionId,
  expertSuggestionsMessage,
  findSkillActionId,
  learningAnsweredMessage,
  learnShortcutCallbackId,
  learnSkillModal,
  learnSkillModalCallbackId,
  parseAskValue,
  requestSentMessage,
  shadowExpertActionId,
  shadowModal,
  shadowModalCallbackId,
  skillRefusal,
  skillRefusalText,
  suggestColleagueActionId,
  suggestColleagueCallbackId,
  suggestColleagueModal,
} from './learning-requests.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;
const notYours = 'This request is not for you, or no longer exists.';
const title = 'Learn something';

/** What `/nudge learn <skill>` and the shortcut's modal show: up to three people with why, or why there is none. */
export async function showExpertSuggestions(
  deps: Pick<ListenerDeps, 'db' | 'clock'>,
  input: { workspaceId: string; userId: string; skill: string },
): Promise<SlackMessage> {
  const result = await expertSuggestions(deps.db, {
    workspaceId: input.workspaceId,
    askerId: input.userId,
    skill: input.skill,
    now: deps.clock.now(),
  });
  return result.ok ? expertSuggestionsMessage(result) : skillRefusal(result.refused);
}

function asModal(message: SlackMessage) {
  return { type: 'modal' as const, title: plainText(title), close: plainText('Close'), blocks: message.blocks };
}

/**
 * The asker's side (the shortcut, Ask, Shadow) and the expert's (Accept, Decline, Suggest someone else). Answers
 * appear where the button was read: in the message, on the Home tab or in the modal.
 */
export function registerLearningRequests(surface: SlackSurface, deps: ListenerDeps): void {
  // Both people's Home tabs list the open request, so each change to it publishes both again.
  const refreshHomes = async (workspaceId: string, request: { asker_id: string; expert_id: string }) =>
    await republishLearningHomes(deps.queues, workspaceId, request).catch((err: unknown) =>
      deps.logger.warn({ err }, 'learning Home tabs not queued'),
    );
  const ask = async (
    input: { workspaceId: string; askerId: string; expertId: string; skill: string },
    kind: LearningRequestKind,
    proposedDate: string | null,
  ): Promise<{ ok: true; message: SlackMessage } | { ok: false; message: SlackMessage; badDate: boolean }> => {
    const result = await requestLearning(deps.db, { ...input, kind, proposedDate, now: deps.clock.now() });
    if (!result.ok)
      return { ok: false, message: askRefusal(result.refused, input.expertId), badDate: result.refused === 'bad_date' };
    // Queued again on a repeated ask: the job id is the request's, so the expert's DM still goes once, and a lost
    // job is made good by the hourly requests job.
    await deps.queues
      .enqueue('learning.request', { workspaceId: input.workspaceId, requestId: result.requestId })
      .catch((err: unknown) => deps.logger.warn({ err }, 'learning request DM not queued'));
    const request = await learningRequestDetails(deps.db, {
      workspaceId: input.workspaceId,
      requestId: result.requestId,
    });
    if (request && !result.duplicate) await refreshHomes(input.workspaceId, request);
    return {
      ok: true,
      message: requestSentMessage({
        expertId: input.expertId,
        requestedAt: request?.requested_at ?? deps.clock.now(),
        duplicate: result.duplicate,
      }),
    };
  };

  const handleLearnShortcut: ShortcutHandler = async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: learnSkillModal() });
  };
  surface.shortcut(learnShortcutCallbackId, handleLearnShortcut);

  const handleLearnSkillSubmitted: ViewHandler = async ({ ack, body, view, context }) => {
    const skill = inputText(viewValues(view), { block: 'skill', action: 'value' });
    const result = await expertSuggestions(deps.db, {
      workspaceId: workspaceOf(context),
      askerId: body.user.id,
      skill,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { skill: skillRefusalText(result.refused) } });
      return;
    }
    await ack({ response_action: 'update', view: asModal(expertSuggestionsMessage(result)) });
  };
  surface.view(learnSkillModalCallbackId, handleLearnSkillSubmitted);

  const handleAskExpert: ActionHandler = async ({ ack, action, body, client, respond, context }) => {
    await ack();
    const tell = async (message: SlackMessage) =>
      await answerClick({ body, client, respond, title }, message).catch((err: unknown) =>
        deps.logger.warn({ err }, 'learning request answer not shown'),
      );
    const asked = parseAskValue(actionValue(action) ?? '');
    if (!asked) return await tell(askRefusal('bad_value', ''));
    const answer = await ask({ workspaceId: workspaceOf(context), askerId: body.user.id, ...asked }, 'learn', null);
    await tell(answer.message);
  };
  surface.action(askExpertActionId, handleAskExpert);

  const handleFindSkill: ActionHandler = async ({ ack, action, body, client, respond, context }) => {
    await ack();
    const message = await showExpertSuggestions(deps, {
      workspaceId: workspaceOf(context),
      userId: body.user.id,
      skill: actionValue(action) ?? '',
    });
    await answerClick({ body, client, respond, title }, message).catch((err: unknown) =>
      deps.logger.warn({ err }, 'learning suggestions not shown'),
    );
  };
  surface.action(findSkillActionId, handleFindSkill);

  const handleShadowExpert: ActionHandler = async ({ ack, action, body, client, respond, context }) => {
    await ack();
    const asked = parseAskValue(actionValue(action) ?? '');
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (!asked || !triggerId) {
      await answerClick({ body, client, respond, title }, askRefusal('bad_value', '')).catch(() => {});
      return;
    }
    const names = await memberNames(deps.db, workspaceOf(context), [asked.expertId]);
    const view = shadowModal(asked.expertId, asked.skill, names);
    const from = (body as { view?: { id?: string; type?: string } }).view;
    // From inside a modal the shadow form is pushed on top, so Cancel returns to the suggestions.
    if (from?.type === 'modal') await client.views.push({ trigger_id: triggerId, view });
    else await client.views.open({ trigger_id: triggerId, view });
  };
  surface.action(shadowExpertActionId, handleShadowExpert);

  const handleShadowSubmitted: ViewHandler = async ({ ack, body, view, context }) => {
    const asked = parseAskValue(view.private_metadata ?? '');
    const values = viewValues(view);
    const kind = inputOption(values, { block: 'length', action: 'value' });
    if (!asked || (kind !== 'shadow_hour' && kind !== 'shadow_half_day')) {
      await ack({ response_action: 'errors', errors: { length: 'Pick an hour or half a day.' } });
      return;
    }
    const date = inputDate(values, { block: 'date', action: 'value' });
    const answer = await ask({ workspaceId: workspaceOf(context), askerId: body.user.id, ...asked }, kind, date);
    if (!answer.ok && answer.badDate) {
      await ack({ response_action: 'errors', errors: { date: 'Pick today or a later day.' } });
      return;
    }
    await ack({ response_action: 'update', view: asModal(answer.message) });
  };
  surface.view(shadowModalCallbackId, handleShadowSubmitted);

  const answer = async (choice: LearningAnswer, args: Parameters<ActionHandler>[0]): Promise<void> => {
    const { ack, action, body, client, respond, context } = args;
    await ack();
    const workspaceId = workspaceOf(context);
    const tell = async (message: SlackMessage, replaceOriginal = false) =>
      await answerClick({ body, client, respond, title: 'Learning request' }, message, { replaceOriginal }).catch(
        (err: unknown) => deps.logger.warn({ err }, 'learning answer not shown'),
      );
    const requestId = actionValue(action) ?? '';
    if (!uuid.test(requestId)) return await tell(textOnly(notYours));
    const result = await answerLearningRequest(deps.db, {
      workspaceId,
      requestId,
      expertId: body.user.id,
      answer: choice,
      now: deps.clock.now(),
    });
    const request = await learningRequestDetails(deps.db, { workspaceId, requestId });
    if (!request || (!result.ok && result.refused === 'not_found')) return await tell(textOnly(notYours));
    if (result.ok) {
      // Queued on a repeated click too: the job id is the request's, so the asker still hears once.
      if (result.outcome === 'accepted') await deps.queues.enqueue('learning.accepted', { workspaceId, requestId });
      else await deps.queues.enqueue('learning.handoff', { workspaceId, requestId });
      if (!result.duplicate) await refreshHomes(workspaceId, request);
      return await tell(learningAnsweredMessage(request, result.outcome), true);
    }
    const state = request.status === 'accepted' ? 'accepted' : request.status === 'declined' ? 'declined' : 'closed';
    return await tell(learningAnsweredMessage(request, state), true);
  };
  const handleAcceptLearning: ActionHandler = async (args) => await answer('accept', args);
  surface.action(acceptLearningActionId, handleAcceptLearning);
  const handleDeclineLearning: ActionHandler = async (args) => await answer('decline', args);
  surface.action(declineLearningActionId, handleDeclineLearning);

  const handleSuggestColleague: ActionHandler = async ({ ack, action, body, client, context }) => {
    await ack();
    const requestId = actionValue(action) ?? '';
    const request = uuid.test(requestId)
      ? await learningRequestDetails(deps.db, { workspaceId: workspaceOf(context), requestId })
      : undefined;
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (!request || request.expert_id !== body.user.id || !triggerId) return;
    const where = body as { container?: { channel_id?: string; message_ts?: string } };
    const view = suggestColleagueModal(requestId, request.skill);
    // The DM it came from, to rewrite once the expert has chosen.
    view.private_metadata = [requestId, where.container?.channel_id ?? '', where.container?.message_ts ?? ''].join('|');
    await client.views.open({ trigger_id: triggerId, view });
  };
  surface.action(suggestColleagueActionId, handleSuggestColleague);

  const handleSuggestSubmitted: ViewHandler = async ({ ack, body, view, client, context }) => {
    const [requestId = '', channel = '', ts = ''] = (view.private_metadata ?? '').split('|');
    const colleague = inputUser(viewValues(view), { block: 'colleague', action: 'value' });
    if (!colleague) {
      await ack({ response_action: 'errors', errors: { colleague: 'Pick a colleague.' } });
      return;
    }
    if (colleague === body.user.id) {
      await ack({ response_action: 'errors', errors: { colleague: 'Pick someone other than yourself.' } });
      return;
    }
    const workspaceId = workspaceOf(context);
    const result = uuid.test(requestId)
      ? await answerLearningRequest(deps.db, {
          workspaceId,
          requestId,
          expertId: body.user.id,
          answer: 'decline',
          now: deps.clock.now(),
        })
      : ({ ok: false, refused: 'not_found' } as const);
    const request = await learningRequestDetails(deps.db, { workspaceId, requestId });
    if (!result.ok || result.duplicate || !request) {
      await ack({ response_action: 'update', view: asModal(textOnly(closedOrGone(result.ok))) });
      return;
    }
    await ack();
    await deps.queues.enqueue('learning.handoff', { workspaceId, requestId, suggestedId: colleague });
    await refreshHomes(workspaceId, request);
    if (channel && ts) await rewrite(client, channel, ts, learningAnsweredMessage(request, 'suggested'));
  };
  surface.view(suggestColleagueCallbackId, handleSuggestSubmitted);

  async function rewrite(client: WebClient, channel: string, ts: string, message: SlackMessage): Promise<void> {
    await client.chat
      .update({ channel, ts, text: message.text, blocks: message.blocks })
      .catch((err: unknown) => deps.logger.warn({ err }, 'learning request DM not rewritten'));
  }
}

function textOnly(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

function closedOrGone(answered: boolean): string {
  return answered
    ? 'You already answered this request.'
    : 'This request is no longer open, so there is nothing left to answer.';
}
