import type { KnownBlock } from '@slack/types';
import {
  addKeepInTouchContact,
  changeContactTimer,
  keepInTouchOverview,
  optOutOfKeepInTouch,
  removeKeepInTouchContact,
} from '../../domain/keep-in-touch/contacts.ts';
import { answerFollowUpPrompt, type PromptChoice } from '../../domain/keep-in-touch/follow-up-prompts.ts';
import { workspaceOf } from '../platform/context.ts';
import { tryAgainText } from '../platform/error-replies.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { actionValue, inputOption, inputUser, viewValues } from '../platform/view-state.ts';
import {
  addContactCallbackId,
  addContactModal,
  type ContactAnswer,
  cadenceInput,
  contactInput,
  contactRefusalText,
  doneContactActionId,
  keepInTouchListMessage,
  messageContactActionId,
  openAddContactActionId,
  promptAnsweredMessage,
  promptCadenceActionIds,
  promptNoActionId,
  promptRefusalText,
  reconnectAnsweredMessage,
  remindersStoppedMessage,
  removeContactActionId,
  snoozeContactActionId,
  stopRemindersActionId,
} from './keep-in-touch.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;
const userId = /^[UW][A-Z0-9]{2,30}$/;
type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** `/nudge keep-in-touch`: the person's own list with an Add button; nobody else's. */
export async function keepInTouchAnswer(
  deps: Pick<ListenerDeps, 'db'>,
  input: { workspaceId: string; userId: string },
) {
  return keepInTouchListMessage(await keepInTouchOverview(deps.db, input));
}

/**
 * The follow-up prompt's answers, the weekly DM's Message / Snooze / Done, the one-click stop on both, and the Home
 * tab's Add and Remove. Every answer acts for the person who clicked and rewrites their own DM in place.
 */
export function registerKeepInTouch(surface: SlackSurface, deps: ListenerDeps): void {
  /** The Home tab shows the list; a refresh lost with the queue is made good the next time the person opens it. */
  const refreshHome = async (workspaceId: string, userId: string): Promise<void> => {
    await deps.queues
      .enqueue('home.publish', { workspaceId, userId })
      .catch((err: unknown) => deps.logger.warn({ err, workspaceId }, 'Home tab not refreshed'));
  };
  const tell = async (respond: Respond, text: string): Promise<void> => {
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
  };

  const answerPrompt = async (
    { ack, action, body, respond, context }: Parameters<ActionHandler>[0],
    choice: PromptChoice,
  ): Promise<void> => {
    await ack();
    const promptId = actionValue(action) ?? '';
    if (!uuid.test(promptId)) return await tell(respond, promptRefusalText.not_found);
    const result = await answerFollowUpPrompt(deps.db, {
      workspaceId: workspaceOf(context),
      promptId,
      userId: body.user.id,
      choice,
      now: deps.clock.now(),
    });
    if (!result.ok) return await tell(respond, promptRefusalText[result.refused]);
    await respond({ replace_original: true, ...promptAnsweredMessage(result.partnerId, result.choice) }).catch(
      () => {},
    );
    if (choice !== 'no') await refreshHome(workspaceOf(context), body.user.id);
  };
  const handleKeepInTouchPrompt2: ActionHandler = async (args) => await answerPrompt(args, { cadenceWeeks: 2 });
  const handleKeepInTouchPrompt4: ActionHandler = async (args) => await answerPrompt(args, { cadenceWeeks: 4 });
  const handleKeepInTouchPrompt8: ActionHandler = async (args) => await answerPrompt(args, { cadenceWeeks: 8 });
  const handleKeepInTouchPromptNo: ActionHandler = async (args) => await answerPrompt(args, 'no');
  surface.action(promptCadenceActionIds[2], handleKeepInTouchPrompt2);
  surface.action(promptCadenceActionIds[4], handleKeepInTouchPrompt4);
  surface.action(promptCadenceActionIds[8], handleKeepInTouchPrompt8);
  surface.action(promptNoActionId, handleKeepInTouchPromptNo);

  /** On a prompt the stop also settles that prompt; on the weekly DM it only switches reminders off. */
  const handleKeepInTouchStop: ActionHandler = async (args) => {
    const { ack, body, respond, context, action } = args;
    const promptId = actionValue(action) ?? '';
    if (uuid.test(promptId)) return await answerPrompt(args, 'stop');
    await ack();
    await optOutOfKeepInTouch(deps.db, {
      workspaceId: workspaceOf(context),
      userId: body.user.id,
      now: deps.clock.now(),
    });
    await respond({ replace_original: true, ...remindersStoppedMessage() }).catch(() => {});
    await refreshHome(workspaceOf(context), body.user.id);
  };
  surface.action(stopRemindersActionId, handleKeepInTouchStop);

  const answerContact = async (
    { ack, action, body, respond, context }: Parameters<ActionHandler>[0],
    kind: ContactAnswer['kind'],
  ): Promise<void> => {
    await ack();
    const workspaceId = workspaceOf(context);
    const contactId = actionValue(action) ?? '';
    const now = deps.clock.now();
    if (!userId.test(contactId)) return await tell(respond, 'That person is not on your keep-in-touch list any more.');
    if (kind === 'message') {
      // Queued first: the DM must not say a group DM was opened when it could not be.
      const day = now.toISOString().slice(0, 10);
      const queued = await deps.queues
        .enqueue('keep-in-touch.hello', { workspaceId, ownerId: body.user.id, contactId, day })
        .then(() => true)
        .catch((err: unknown) => {
          deps.logger.warn({ err, workspaceId }, 'hello not queued');
          return false;
        });
      if (!queued) return await tell(respond, tryAgainText);
    }
    const result = await changeContactTimer(deps.db, {
      workspaceId,
      ownerId: body.user.id,
      contactId,
      change: kind === 'snooze' ? 'snooze' : 'done',
      now,
    });
    if (!result.ok) return await tell(respond, 'That person is not on your keep-in-touch list any more.');
    const answer: ContactAnswer = kind === 'snooze' ? { kind, until: result.until } : { kind };
    const original = (body as { message?: { text?: string; blocks?: KnownBlock[] } }).message;
    await respond({ replace_original: true, ...reconnectAnsweredMessage(original, contactId, answer) }).catch(() => {});
  };
  const handleKeepInTouchMessage: ActionHandler = async (args) => await answerContact(args, 'message');
  const handleKeepInTouchSnooze: ActionHandler = async (args) => await answerContact(args, 'snooze');
  const handleKeepInTouchDone: ActionHandler = async (args) => await answerContact(args, 'done');
  surface.action(messageContactActionId, handleKeepInTouchMessage);
  surface.action(snoozeContactActionId, handleKeepInTouchSnooze);
  surface.action(doneContactActionId, handleKeepInTouchDone);

  const handleKeepInTouchAddOpen: ActionHandler = async ({ ack, body, client }) => {
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (triggerId) await client.views.open({ trigger_id: triggerId, view: addContactModal() });
  };
  surface.action(openAddContactActionId, handleKeepInTouchAddOpen);

  const handleKeepInTouchRemove: ActionHandler = async ({ ack, action, body, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const contactId = actionValue(action) ?? '';
    if (userId.test(contactId))
      await removeKeepInTouchContact(deps.db, { workspaceId, ownerId: body.user.id, contactId });
    await refreshHome(workspaceId, body.user.id);
  };
  surface.action(removeContactActionId, handleKeepInTouchRemove);

  const handleKeepInTouchAddSubmitted: ViewHandler = async ({ ack, body, view, context }) => {
    const values = viewValues(view);
    const contactId = inputUser(values, contactInput);
    const cadence = Number(inputOption(values, cadenceInput) ?? '');
    if (!contactId) {
      await ack({ response_action: 'errors', errors: { [contactInput.block]: 'Choose a colleague.' } });
      return;
    }
    const workspaceId = workspaceOf(context);
    const result = await addKeepInTouchContact(deps.db, {
      workspaceId,
      ownerId: body.user.id,
      contactId,
      cadenceWeeks: cadence,
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const block = result.refused === 'bad_cadence' ? cadenceInput.block : contactInput.block;
      await ack({ response_action: 'errors', errors: { [block]: contactRefusalText(result.refused) } });
      return;
    }
    await ack();
    await refreshHome(workspaceId, body.user.id);
  };
  surface.view(addContactCallbackId, handleKeepInTouchAddSubmitted);
}
