import { mentorChoices } from '../../domain/mentorship/mentor-choice.ts';
import { mentorRequestDetails } from '../../domain/mentorship/request-details.ts';
import { requestMentor } from '../../domain/mentorship/requests.ts';
import { memberNames } from '../directory/member-names.ts';
import type { SlackMessage } from '../platform/block-kit.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import {
  askMentorActionId,
  askRefusal,
  findMentorActionId,
  mentorChoicesMessage,
  mentorChoicesRefusal,
  parseAskValue,
  requestSentMessage,
} from './mentor-suggestions.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;

/**
 * What a mentee sees when they look for a mentor in a mentee-choice programme (`/mentor find`, the Find a mentor
 * button): their top suggestions with an Ask button each and the requests they wait on, or why there is none.
 */
export async function showMentorSuggestions(
  deps: Pick<ListenerDeps, 'db' | 'clock'>,
  input: { workspaceId: string; programmeId: string; userId: string },
): Promise<SlackMessage> {
  if (!uuid.test(input.programmeId)) return mentorChoicesRefusal({ ok: false, refused: 'no_programme' });
  const choices = await mentorChoices(deps.db, {
    workspaceId: input.workspaceId,
    programmeId: input.programmeId,
    menteeId: input.userId,
    now: deps.clock.now(),
  });
  if (!choices.ok) return mentorChoicesRefusal(choices);
  const names = await memberNames(
    deps.db,
    input.workspaceId,
    choices.suggestions.map((s) => s.mentorId),
  );
  return mentorChoicesMessage(input.programmeId, choices, names);
}

/** The mentee's side of mentee choice: seeing their suggestions and asking one of them. */
export function registerMentorSuggestions(surface: SlackSurface, deps: ListenerDeps): void {
  const handleFindMentor: ActionHandler = async ({ ack, action, body, respond, context }) => {
    await ack();
    const message = await showMentorSuggestions(deps, {
      workspaceId: workspaceOf(context),
      programmeId: actionValue(action) ?? '',
      userId: body.user.id,
    });
    await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch(() => {});
  };
  surface.action(findMentorActionId, handleFindMentor);

  const handleAskMentor: ActionHandler = async ({ ack, action, body, respond, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const tell = async (message: SlackMessage) => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message }).catch(() => {});
    };
    const asked = parseAskValue(actionValue(action) ?? '');
    if (!asked) return await tell(askRefusal('bad_value', { mentorId: '', programmeId: '' }));
    const result = await requestMentor(deps.db, {
      workspaceId,
      programmeId: asked.programmeId,
      menteeId: body.user.id,
      mentorId: asked.mentorId,
      now: deps.clock.now(),
    });
    if (!result.ok) return await tell(askRefusal(result.refused, asked));
    // Queued again on a repeated ask: the job id is the request's, so the mentor's DM still goes once, and a first
    // ask whose queueing failed is made good (as is any, by the hourly requests job).
    await deps.queues
      .enqueue('mentorship.request', { workspaceId, requestId: result.requestId })
      .catch((error: unknown) => deps.logger.warn({ err: error, workspaceId }, 'mentor request DM not queued'));
    const details = await mentorRequestDetails(deps.db, { workspaceId, requestId: result.requestId });
    if (!details) return await tell(askRefusal('no_programme', asked));
    await tell(
      requestSentMessage({
        mentorId: asked.mentorId,
        expiresAt: details.expiresAt,
        duplicate: result.duplicate,
        programmeId: asked.programmeId,
      }),
    );
  };
  surface.action(askMentorActionId, handleAskMentor);
}
