import type { WebClient } from '@slack/web-api';
import { findMember } from '../../domain/directory/find-members.ts';
import { giveKudos, type KudosRefusal } from '../../domain/kudos/give-kudos.ts';
import { maxReasonLength } from '../../domain/kudos/parse-kudos-command.ts';
import { loadKudosSettings } from '../../domain/kudos/settings.ts';
import { ensureMembersKnown } from '../directory/directory-refresh.ts';
import { memberNames } from '../directory/member-names.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, ShortcutHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { kudosConfirmation, kudosRefusalText } from './kudos.blocks.ts';
import { enqueueKudosJob } from './kudos-jobs.ts';
import {
  giveKudosMessageShortcutId,
  giveKudosShortcutId,
  type KudosModalContext,
  kudosDoneView,
  kudosModal,
  kudosModalBlocks,
  kudosModalCallbackId,
  openKudosModalActionId,
  parseModalContext,
} from './kudos-modal.blocks.ts';

type ModalState = Record<
  string,
  Record<string, { selected_users?: string[]; value?: string | null; selected_option?: { value?: string } | null }>
>;

/** Which input an answer belongs under, so the modal shows it inline next to the field at fault. */
function blockFor(refusal: KudosRefusal): string {
  if (refusal.kind === 'unknown_value') return kudosModalBlocks.value.block;
  return kudosModalBlocks.recipients.block;
}

/** Modal text is plain: make it safe mrkdwn before it is posted anywhere. */
const tagPattern = /(?:^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)/gu;

/** Opens the Give kudos modal; `initial` pre-fills it (the giver can change anything before sending). */
export async function openKudosModal(
  deps: Pick<ListenerDeps, 'db'>,
  client: WebClient,
  input: {
    workspaceId: string;
    triggerId: string;
    context: KudosModalContext;
    initialUsers?: string[];
    initialReason?: string;
  },
): Promise<void> {
  const settings = await loadKudosSettings(deps.db, input.workspaceId);
  const view = kudosModal({
    values: settings.values,
    context: input.context,
    ...(input.initialUsers ? { initialUsers: input.initialUsers } : {}),
    ...(input.initialReason ? { initialReason: input.initialReason } : {}),
  });
  await client.views.open({ trigger_id: input.triggerId, view });
}

export function registerKudosModal(surface: SlackSurface, deps: ListenerDeps): void {
  const openModal = async (
    client: WebClient,
    workspaceId: string,
    triggerId: string,
    context: KudosModalContext,
    initialUsers?: string[],
  ) =>
    await openKudosModal(deps, client, { workspaceId, triggerId, context, ...(initialUsers ? { initialUsers } : {}) });

  const handleGiveKudosShortcut: ShortcutHandler = async ({ ack, shortcut, client, context }) => {
    await ack();
    await openModal(client, workspaceOf(context), shortcut.trigger_id, {
      channelId: null,
      messageLink: null,
      sourceTs: null,
    });
  };
  surface.shortcut(giveKudosShortcutId, handleGiveKudosShortcut);

  const handleGiveKudosMessageShortcut: ShortcutHandler = async ({ ack, shortcut, client, context }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const channelId = shortcut.channel.id;
    const ts = shortcut.message.ts;
    const link = await client.chat
      .getPermalink({ channel: channelId, message_ts: ts })
      .then((r) => (r as { permalink?: string }).permalink ?? null)
      .catch(() => null);
    const author = shortcut.message.user;
    await openModal(
      client,
      workspaceOf(context),
      shortcut.trigger_id,
      { channelId, messageLink: link, sourceTs: ts },
      author ? [author] : [],
    );
  };
  surface.shortcut(giveKudosMessageShortcutId, handleGiveKudosMessageShortcut);

  const handleOpenKudosModal: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    const channelId = (body as { channel?: { id?: string } }).channel?.id ?? null;
    if (triggerId)
      await openModal(client, workspaceOf(context), triggerId, { channelId, messageLink: null, sourceTs: null });
  };
  surface.action(openKudosModalActionId, handleOpenKudosModal);

  const handleKudosModalSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    const giverId = body.user.id;
    const state = view.state.values as ModalState;
    const recipientIds =
      state[kudosModalBlocks.recipients.block]?.[kudosModalBlocks.recipients.action]?.selected_users ?? [];
    const rawReason = (state[kudosModalBlocks.reason.block]?.[kudosModalBlocks.reason.action]?.value ?? '').trim();
    const chosenValue = state[kudosModalBlocks.value.block]?.[kudosModalBlocks.value.action]?.selected_option?.value;
    const words = rawReason.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (recipientIds.length === 0) {
      await ack({
        response_action: 'errors',
        errors: { [kudosModalBlocks.recipients.block]: 'Choose at least one person.' },
      });
      return;
    }
    if (words.length < 2 || rawReason.length < 10 || rawReason.length > maxReasonLength) {
      await ack({
        response_action: 'errors',
        errors: {
          [kudosModalBlocks.reason.block]: `Say what they did in a few words (10 to ${maxReasonLength} characters).`,
        },
      });
      return;
    }
    const modalContext = parseModalContext(view.private_metadata);
    const now = deps.clock.now();
    await ensureMembersKnown({ db: deps.db, client, workspaceId, now }, [giverId, ...recipientIds]);
    const reason = escapeMrkdwn(rawReason);
    const tags = [
      ...(chosenValue ? [chosenValue] : []),
      ...[...rawReason.matchAll(tagPattern)].map((m) => (m[1] ?? '').toLowerCase()),
    ];
    const result = await giveKudos(deps.db, {
      workspaceId,
      giverId,
      recipientIds,
      reason:
        modalContext.messageLink && !reason.includes(modalContext.messageLink)
          ? `${reason} (<${modalContext.messageLink}|message>)`
          : reason,
      tags,
      channelId: modalContext.channelId,
      source: modalContext.fromButton ? 'button' : modalContext.sourceTs ? 'shortcut' : 'modal',
      // A resubmitted modal (double click, Slack retry) has the same view id and records once.
      requestKey: `view:${view.id}`,
      messageLink: modalContext.messageLink,
      sourceTs: modalContext.sourceTs,
      now,
    });
    const giverTimeZone = (await findMember(deps.db, workspaceId, giverId))?.time_zone ?? 'UTC';
    if (!result.ok) {
      const names = await memberNames(deps.db, workspaceId, recipientIds);
      await ack({
        response_action: 'errors',
        errors: { [blockFor(result.refusal)]: kudosRefusalText(result.refusal, giverTimeZone, names).slice(0, 1000) },
      });
      return;
    }
    await ack({ response_action: 'update', view: kudosDoneView(kudosConfirmation({ ...result, giverTimeZone }).text) });
    if (!result.duplicate) await enqueueKudosJob(deps, 'kudos.announce', { workspaceId, giftId: result.giftId });
  };
  surface.view(kudosModalCallbackId, handleKudosModalSubmitted);
}
