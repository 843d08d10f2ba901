import { createHash } from 'node:crypto';
import type { SandboxRuntime } from '../runtime.ts';
import { type ChannelRecord, compareTs, type ViewRecord, type WorkspaceRecord } from '../store.ts';
import type { StoredMessage } from '../types.ts';
import { withIds } from './block-state.ts';

/**
 * The JSON the browser renders: one person's view of the demo workspace. Built fresh on every poll from the
 * sandbox store (the same state the Web API serves), so nothing here can drift from what the app sees.
 */

type Json = Record<string, unknown>;

/** What only the Slack client shows: e.g. "/kudos failed with the error …". Never stored in the sandbox. */
export interface UiNotice {
  teamId: string;
  channelId: string;
  userId: string;
  ts: string;
  text: string;
}

export const APP_HOME = 'app-home';
export const APP_MESSAGES = 'app-messages';

export interface UiStateInput {
  teamId: string;
  userId: string | undefined;
  /** A conversation id, APP_HOME or APP_MESSAGES. */
  conversation: string | undefined;
  appName: string;
  notices: ReadonlyArray<UiNotice>;
  timeControls: ReadonlyArray<{ id: string; label: string }>;
  shortcuts: ReadonlyArray<{ type: 'global' | 'message'; callbackId: string; name: string }>;
  commands: ReadonlyArray<{ command: string; description?: string; usageHint?: string }>;
  timeStatus: { controlId: string; text: string; ok: boolean; at: number } | undefined;
}

/** The person the UI acts as when none (or someone who cannot act) is asked for: an admin, else anyone. */
export function defaultActor(workspace: WorkspaceRecord): string | undefined {
  const people = [...workspace.users.values()].filter((user) => !user.isBot && !user.deleted);
  return (people.find((user) => user.isAdmin) ?? people[0])?.id;
}

export function canAct(workspace: WorkspaceRecord, userId: string | undefined): userId is string {
  const user = userId === undefined ? undefined : workspace.users.get(userId);
  return user !== undefined && !user.isBot && !user.deleted;
}

/** Conversations this person can open: public channels, their private channels, group DMs and the app DM. */
export function canSee(workspace: WorkspaceRecord, channel: ChannelRecord | undefined, userId: string): boolean {
  if (!channel || channel.teamId !== workspace.teamId) return false;
  return channel.kind === 'public' || channel.members.has(userId);
}

export function buildUiState(runtime: SandboxRuntime, input: UiStateInput): Json {
  const { store } = runtime;
  const workspace = store.workspace(input.teamId);
  const me = canAct(workspace, input.userId) ? input.userId : defaultActor(workspace);
  const state: Json = {
    team: { id: workspace.teamId, name: workspace.name, domain: workspace.domain },
    app: { name: input.appName, botUserId: workspace.botUserId, botId: workspace.botId },
    me: me ?? null,
    users: [...workspace.users.values()].map((user) => ({
      id: user.id,
      name: user.name,
      realName: user.realName,
      displayName: user.displayName,
      title: user.title,
      tz: user.tz,
      isBot: user.isBot,
      isAdmin: user.isAdmin,
      deleted: user.deleted,
    })),
    usergroups: [...workspace.usergroups.values()].map((group) => ({
      id: group.id,
      handle: group.handle,
      name: group.name,
    })),
    timeControls: input.timeControls.map(({ id, label }) => ({ id, label })),
    shortcuts: input.shortcuts.map(({ type, callbackId, name }) => ({ type, callbackId, name })),
    commands: input.commands.map(({ command, description, usageHint }) => ({
      command,
      description: description ?? '',
      usageHint: usageHint ?? '',
    })),
    timeStatus: input.timeStatus ?? null,
  };
  if (me === undefined) return withVersion(state);

  const channels = [...store.channels.values()].filter((channel) => channel.teamId === workspace.teamId);
  state.conversations = channels
    .filter((channel) => channel.kind !== 'im' && canSee(workspace, channel, me))
    .map((channel) => ({
      id: channel.id,
      name: channel.name,
      kind: channel.kind,
      isMember: channel.members.has(me),
      isArchived: channel.isArchived,
      members: channel.kind === 'mpim' ? [...channel.members] : undefined,
      latestTs: latestTs(channel, me, input.notices),
    }));
  // Names for `<#C…>` in any text, including channels this person cannot open (Slack shows those as private).
  state.channelNames = Object.fromEntries(
    channels.filter((channel) => channel.kind !== 'im').map((channel) => [channel.id, channel.name]),
  );
  const dmId = workspace.dmByUser.get(me);
  const dm = dmId === undefined ? undefined : store.channels.get(dmId);
  state.appDm = dm ? { id: dm.id, latestTs: latestTs(dm, me, input.notices) } : null;
  // Slack shows a slack_file image only to someone who can see the file: shared in a conversation they are in.
  state.viewableFiles = [...store.files.values()]
    .filter(
      (file) =>
        file.teamId === workspace.teamId &&
        file.state === 'completed' &&
        Object.keys(file.shares).some((channelId) => store.channels.get(channelId)?.members.has(me) === true),
    )
    .map((file) => file.id);

  const selected = input.conversation;
  if (selected === APP_HOME) {
    const home = store.views.get(store.homeViews.get(`${workspace.teamId}:${me}`) ?? '');
    state.home = home ? surfaceView(home) : null;
  } else {
    const channelId = selected === APP_MESSAGES ? dmId : selected;
    const channel = channelId === undefined ? undefined : store.channels.get(channelId);
    if (channel && (canSee(workspace, channel, me) || channel.id === dmId)) {
      state.conversation = conversationState(runtime, workspace, channel, me, input.notices);
    }
  }

  const modal = topModal(runtime, workspace.teamId, me);
  state.modal = modal ? { ...surfaceView(modal), errors: modal.errors ?? {}, depth: stackDepth(runtime, modal) } : null;
  return withVersion(state);
}

function withVersion(state: Json): Json {
  const version = createHash('sha1').update(JSON.stringify(state)).digest('base64url').slice(0, 16);
  return { version, ...state };
}

function latestTs(channel: ChannelRecord, me: string, notices: ReadonlyArray<UiNotice>): string | null {
  const stamps = [
    ...channel.messages.map((message) => message.ts),
    ...notices.filter((notice) => notice.channelId === channel.id && notice.userId === me).map((notice) => notice.ts),
  ];
  return stamps.reduce<string | null>(
    (latest, ts) => (latest === null || compareTs(ts, latest) > 0 ? ts : latest),
    null,
  );
}

function conversationState(
  runtime: SandboxRuntime,
  workspace: WorkspaceRecord,
  channel: ChannelRecord,
  me: string,
  notices: ReadonlyArray<UiNotice>,
): Json {
  const items: Json[] = [
    ...channel.messages.map((message) => messageItem(runtime, message, me)),
    ...runtime.store.ephemerals
      .filter((ephemeral) => ephemeral.channelId === channel.id && ephemeral.userId === me)
      .map((ephemeral) => ({
        kind: 'ephemeral',
        ts: ephemeral.ts,
        threadTs: ephemeral.threadTs ?? null,
        user: workspace.botUserId,
        isBot: true,
        text: ephemeral.text,
        blocks: ephemeral.blocks ? withIds(ephemeral.blocks, ephemeral.ts) : null,
        source: ephemeral.source,
      })),
    ...notices
      .filter((notice) => notice.channelId === channel.id && notice.userId === me)
      .map((notice) => ({ kind: 'notice', ts: notice.ts, text: notice.text })),
  ];
  items.sort((a, b) => compareTs(String(a.ts), String(b.ts)));
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    topic: channel.topic,
    purpose: channel.purpose,
    isArchived: channel.isArchived,
    isMember: channel.members.has(me),
    botIsMember: channel.members.has(workspace.botUserId),
    memberCount: channel.members.size,
    members: [...channel.members],
    items,
  };
}

/** What the page shows of a shared file; its bytes come from `api/files/<id>`. */
function fileItems(runtime: SandboxRuntime, ids: string[]): Json[] {
  return ids.flatMap((id) => {
    const file = runtime.store.files.get(id);
    if (!file) return [];
    return [
      {
        id: file.id,
        name: file.name,
        title: file.title,
        mimetype: file.mimetype,
        size: file.content.length,
        altText: file.altText ?? null,
      },
    ];
  });
}

function messageItem(runtime: SandboxRuntime, message: StoredMessage, me: string): Json {
  return {
    kind: 'message',
    ts: message.ts,
    threadTs: message.threadTs ?? null,
    user: message.user,
    isBot: message.botId !== undefined,
    text: message.text,
    blocks: message.blocks ? withIds(message.blocks, message.ts) : null,
    attachments: message.attachments ?? null,
    files: message.files ? fileItems(runtime, message.files) : null,
    reactions: message.reactions.map((reaction) => ({
      name: reaction.name,
      count: reaction.count,
      users: [...reaction.users],
      mine: reaction.users.includes(me),
    })),
    edited: message.edited !== undefined,
    source: message.source,
  };
}

function surfaceView(view: ViewRecord): Json {
  return {
    id: view.id,
    hash: view.hash,
    type: view.type,
    title: view.view.title ?? null,
    submit: view.view.submit ?? null,
    close: view.view.close ?? null,
    callbackId: view.view.callback_id ?? '',
    blocks: withIds(view.view.blocks, view.id),
  };
}

/** The modal on top of this person's stack: the most recently opened or pushed view still open. */
export function topModal(runtime: SandboxRuntime, teamId: string, userId: string): ViewRecord | undefined {
  let top: ViewRecord | undefined;
  for (const view of runtime.store.views.values()) {
    if (!view.isHome && view.state === 'open' && view.teamId === teamId && view.userId === userId) top = view;
  }
  return top;
}

function stackDepth(runtime: SandboxRuntime, view: ViewRecord): number {
  let depth = 1;
  for (let below = view.previousViewId; below !== undefined; depth += 1) {
    const record = runtime.store.views.get(below);
    if (record?.state !== 'open') break;
    below = record.previousViewId;
  }
  return depth;
}
