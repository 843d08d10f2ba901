import { checkMessageBlocks } from '../block-kit-limits.ts';
import { formatTs, msToMicros } from '../ids.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { messageObject, viewObject } from '../slack-objects.ts';
import type { ChannelRecord, ViewRecord, WorkspaceRecord } from '../store.ts';
import type { DriverResponse, SlackDriver, StoredMessage } from '../types.ts';
import {
  actionObject,
  type ClientInput,
  type ClientState,
  clientSideErrors,
  findElement,
  stateValues,
  withIds,
} from './block-state.ts';
import { composeText, splitCommand } from './compose-text.ts';
import { canAct, canSee, type UiNotice } from './ui-state.ts';

/**
 * What a person does in the Slack client, turned into what Slack does: store the effect the client sees at once
 * (a reaction, a message, a closed modal) and send the app the real signed request through the driver.
 * Every method returns plain JSON for the browser; failures are `UiError`s with an HTTP status.
 */

type Json = Record<string, unknown>;

export class UiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message = code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Slack's timeout for a slash command's acknowledgement; a later answer is dropped and the user told. */
const COMMAND_ACK_TIMEOUT_MS = 3000;
const MAX_NOTICES = 500;

export interface UiActionsOptions {
  teamId: string;
  messageEvents: boolean;
  timeControls: ReadonlyArray<{ id: string; label: string; run(): Promise<string> }>;
  shortcuts: ReadonlyArray<{ type: 'global' | 'message'; callbackId: string; name: string }>;
}

export type MessageSurface = { type: 'message'; channel: string; ts: string; ephemeral?: boolean };
export type Surface = MessageSurface | { type: 'view'; viewId: string };

export class UiActions {
  readonly notices: UiNotice[] = [];
  timeStatus: { controlId: string; text: string; ok: boolean; at: number } | undefined;
  readonly #runtime: SandboxRuntime;
  readonly #driver: SlackDriver;
  readonly #options: UiActionsOptions;

  constructor(runtime: SandboxRuntime, driver: SlackDriver, options: UiActionsOptions) {
    this.#runtime = runtime;
    this.#driver = driver;
    this.#options = options;
  }

  get #workspace(): WorkspaceRecord {
    return this.#runtime.store.workspace(this.#options.teamId);
  }

  #actor(userId: unknown): string {
    if (typeof userId !== 'string' || !canAct(this.#workspace, userId)) {
      throw new UiError(400, 'invalid_user', 'user must be a member of the workspace who is not a bot');
    }
    return userId;
  }

  #conversation(channelId: unknown, userId: string): ChannelRecord {
    const channel = typeof channelId === 'string' ? this.#runtime.store.channels.get(channelId) : undefined;
    if (!channel || !canSee(this.#workspace, channel, userId)) throw new UiError(404, 'channel_not_found');
    return channel;
  }

  #writable(channelId: unknown, userId: string): ChannelRecord {
    const channel = this.#conversation(channelId, userId);
    if (!channel.members.has(userId)) throw new UiError(403, 'not_in_channel', 'join the channel first');
    if (channel.isArchived) throw new UiError(403, 'is_archived');
    return channel;
  }

  #notice(channel: ChannelRecord, userId: string, text: string): void {
    this.notices.push({
      teamId: channel.teamId,
      channelId: channel.id,
      userId,
      ts: this.#runtime.store.nextTs(channel),
      text,
    });
    if (this.notices.length > MAX_NOTICES) this.notices.splice(0, this.notices.length - MAX_NOTICES);
  }

  #directory() {
    const workspace = this.#workspace;
    return {
      users: [...workspace.users.values()],
      channels: [...this.#runtime.store.channels.values()].filter((channel) => channel.teamId === workspace.teamId),
      usergroups: [...workspace.usergroups.values()],
    };
  }

  #actionTs(): string {
    return formatTs(msToMicros(this.#runtime.now()));
  }

  #interaction(userId: string, payload: Json): Promise<DriverResponse> {
    const workspace = this.#workspace;
    return this.#driver.interaction({
      teamId: workspace.teamId,
      ...(workspace.enterpriseId !== undefined ? { enterpriseId: workspace.enterpriseId } : {}),
      userId,
      payload,
    });
  }

  async #event(event: Json): Promise<DriverResponse> {
    return this.#driver.event({ teamId: this.#workspace.teamId, event });
  }

  /** A slash command: signed form to the app; the ack body shown as Slack shows it. */
  async command(input: { user?: unknown; channel?: unknown; text?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const channel = this.#writable(input.channel, userId);
    const split = splitCommand(typeof input.text === 'string' ? input.text : '');
    if (!split) throw new UiError(400, 'not_a_command', 'a command starts with /');
    const text = composeText(split.text, this.#directory(), { form: 'command' });
    const started = Date.now();
    let response: DriverResponse;
    try {
      response = await this.#driver.command({
        teamId: channel.teamId,
        userId,
        channelId: channel.id,
        command: split.command,
        text,
      });
    } catch (error) {
      this.#notice(channel, userId, `${split.command} failed with the error "dispatch_failed"`);
      return { ok: false, error: 'dispatch_failed', detail: error instanceof Error ? error.message : String(error) };
    }
    const sent = { command: split.command, text };
    if (Date.now() - started > COMMAND_ACK_TIMEOUT_MS) {
      this.#notice(channel, userId, `${split.command} failed with the error "operation_timeout"`);
      return { ok: false, error: 'operation_timeout', status: response.status, sent };
    }
    if (response.status !== 200) {
      this.#notice(
        channel,
        userId,
        `${split.command} failed with the error "dispatch_failed" (HTTP ${response.status})`,
      );
      return { ok: false, error: 'dispatch_failed', status: response.status, sent };
    }
    const shown = this.#applyCommandAck(channel, userId, `${split.command} ${split.text}`.trim(), response);
    return { ok: true, status: response.status, ack: response.json ?? response.body, shown, sent };
  }

  /**
   * A command's acknowledgement body is shown like a response_url answer: to the invoking user only, or to the
   * channel (together with the command itself) for `response_type: 'in_channel'`.
   */
  #applyCommandAck(channel: ChannelRecord, userId: string, typed: string, response: DriverResponse): string {
    const { store } = this.#runtime;
    const workspace = this.#workspace;
    let body: Json;
    if (response.json !== undefined && typeof response.json === 'object' && response.json !== null) {
      body = response.json as Json;
    } else if (response.body.trim() !== '') {
      body = { text: response.body };
    } else {
      return 'nothing';
    }
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (text === '' && (blocks?.length ?? 0) === 0) return 'nothing';
    const check = checkMessageBlocks(body.blocks);
    if (!check.ok) {
      this.#notice(channel, userId, `The app's answer could not be shown: ${check.error}`);
      return 'invalid';
    }
    if (body.response_type === 'in_channel') {
      channel.messages.push({
        teamId: channel.teamId,
        channelId: channel.id,
        ts: store.nextTs(channel),
        user: userId,
        text: typed,
        reactions: [],
        source: 'command_ack',
      });
      channel.messages.push({
        teamId: channel.teamId,
        channelId: channel.id,
        ts: store.nextTs(channel),
        user: workspace.botUserId,
        botId: workspace.botId,
        appId: workspace.appId,
        text,
        reactions: [],
        source: 'command_ack',
        ...(blocks ? { blocks } : {}),
      });
      return 'in_channel';
    }
    store.ephemerals.push({
      teamId: channel.teamId,
      channelId: channel.id,
      userId,
      ts: store.nextTs(channel),
      text,
      source: 'command_ack',
      ...(blocks ? { blocks } : {}),
    });
    return 'ephemeral';
  }

  /** A plain message from the person; the app hears of it only when message events are switched on. */
  async message(input: { user?: unknown; channel?: unknown; text?: unknown; threadTs?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const channel = this.#writable(input.channel, userId);
    const typed = typeof input.text === 'string' ? input.text.trim() : '';
    if (typed === '') throw new UiError(400, 'no_text');
    const text = composeText(typed, this.#directory(), { form: 'message' });
    const threadTs = typeof input.threadTs === 'string' && input.threadTs !== '' ? input.threadTs : undefined;
    const message = this.#runtime.store.addUserMessage({
      channelId: channel.id,
      userId,
      text,
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
    const events: string[] = [];
    const botUserId = this.#workspace.botUserId;
    if (this.#options.messageEvents && channel.members.has(botUserId)) {
      const event: Json = {
        type: 'message',
        channel: channel.id,
        user: userId,
        text,
        ts: message.ts,
        team: channel.teamId,
        channel_type: channelType(channel),
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      };
      await this.#event(event);
      events.push('message');
      if (text.includes(`<@${botUserId}>`) && channel.kind !== 'im') {
        const { channel_type: _channelType, ...mention } = event;
        await this.#event({ ...mention, type: 'app_mention' });
        events.push('app_mention');
      }
    }
    return { ok: true, ts: message.ts, text, events };
  }

  async join(input: { user?: unknown; channel?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const channel = this.#conversation(input.channel, userId);
    if (channel.kind !== 'public') throw new UiError(403, 'method_not_supported_for_channel_type');
    if (channel.members.has(userId)) return { ok: true, already: true };
    channel.members.add(userId);
    // Slack tells the app about joins only in conversations the app is part of.
    if (channel.members.has(this.#workspace.botUserId)) {
      await this.#event({ type: 'member_joined_channel', user: userId, channel: channel.id, channel_type: 'C' });
    }
    return { ok: true };
  }

  /** Adds or removes the person's reaction, and sends reaction_added / reaction_removed as Slack would. */
  async reaction(input: { user?: unknown; channel?: unknown; ts?: unknown; name?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const channel = this.#conversation(input.channel, userId);
    const name = typeof input.name === 'string' ? input.name.replace(/^:|:$/g, '') : '';
    if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new UiError(400, 'invalid_name');
    const message = this.#runtime.store.findMessage(channel, String(input.ts ?? ''));
    if (!message) throw new UiError(404, 'message_not_found');
    const on = !message.reactions.some((reaction) => reaction.name === name && reaction.users.includes(userId));
    this.#runtime.store.setReaction(message, userId, name, on);
    const type = on ? 'reaction_added' : 'reaction_removed';
    // Events about a conversation reach an app only when its bot user is a member.
    if (!channel.members.has(this.#workspace.botUserId)) {
      return { ok: true, on, event: null, reason: 'the app is not a member of this conversation' };
    }
    const response = await this.#event({
      type,
      user: userId,
      reaction: name,
      item_user: message.user,
      item: { type: 'message', channel: channel.id, ts: message.ts },
    });
    return { ok: true, on, event: type, status: response.status };
  }

  /** Opening the app's Home or Messages tab: `app_home_opened`, with the published view for the Home tab. */
  async openHome(input: { user?: unknown; tab?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const tab = input.tab === 'messages' ? 'messages' : 'home';
    const { store } = this.#runtime;
    const workspace = this.#workspace;
    const dm = store.openDm(workspace, userId).channel;
    const home = store.views.get(store.homeViews.get(`${workspace.teamId}:${userId}`) ?? '');
    const response = await this.#event({
      type: 'app_home_opened',
      user: userId,
      channel: dm.id,
      tab,
      ...(tab === 'home' && home ? { view: viewObject(home) } : {}),
    });
    return { ok: true, channel: dm.id, status: response.status };
  }

  /** A click or a choice on an interactive element of a message, the Home tab or a modal. */
  async action(input: {
    user?: unknown;
    surface?: unknown;
    blockId?: unknown;
    actionId?: unknown;
    input?: unknown;
    state?: unknown;
  }): Promise<Json> {
    const userId = this.#actor(input.user);
    const found = this.#surface(userId, input.surface);
    const element = findElement(found.blocks, String(input.blockId ?? ''), String(input.actionId ?? ''));
    if (!element) throw new UiError(404, 'element_not_found');
    const state = asClientState(input.state);
    const action = actionObject(element.block, element.element, asClientInput(input.input), this.#actionTs());
    const values = stateValues(found.blocks, state);
    let payload: Json;
    if (found.kind === 'message') {
      const { channel, ts, ephemeral, message } = found;
      payload = {
        type: 'block_actions',
        container: {
          type: 'message',
          message_ts: ts,
          channel_id: channel.id,
          is_ephemeral: ephemeral,
          ...(message?.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
        },
        state: { values },
        actions: [action],
      };
      // Slack sends the message only for messages everyone can see; for an ephemeral the app has the container.
      if (message) {
        payload.message = {
          ...messageObject(this.#workspace, channel, message, { includeMetadata: true }),
          blocks: found.blocks,
        };
      }
    } else {
      payload = {
        type: 'block_actions',
        container: { type: 'view', view_id: found.view.id },
        view: { id: found.view.id, blocks: found.blocks, state: { values } },
        actions: [action],
      };
    }
    const response = await this.#interaction(userId, payload);
    return { ok: response.status === 200, status: response.status, action };
  }

  #surface(
    userId: string,
    surface: unknown,
  ):
    | {
        kind: 'message';
        channel: ChannelRecord;
        ts: string;
        ephemeral: boolean;
        message: StoredMessage | undefined;
        blocks: Json[];
      }
    | { kind: 'view'; view: ViewRecord; blocks: Json[] } {
    const given = (typeof surface === 'object' && surface !== null ? surface : {}) as {
      type?: unknown;
      viewId?: unknown;
      channel?: unknown;
      ts?: unknown;
      ephemeral?: unknown;
    };
    if (given.type === 'view') {
      const view = this.#runtime.store.views.get(String(given.viewId ?? ''));
      if (!view || view.userId !== userId || view.teamId !== this.#options.teamId || view.state !== 'open') {
        throw new UiError(404, 'view_not_found');
      }
      return { kind: 'view', view, blocks: withIds(view.view.blocks, view.id) };
    }
    const channel = this.#conversation(given.channel, userId);
    const ts = String(given.ts ?? '');
    if (given.ephemeral) {
      const ephemeral = this.#runtime.store.ephemerals.find(
        (candidate) => candidate.channelId === channel.id && candidate.ts === ts && candidate.userId === userId,
      );
      if (!ephemeral) throw new UiError(404, 'message_not_found');
      return {
        kind: 'message',
        channel,
        ts,
        ephemeral: true,
        message: undefined,
        blocks: withIds(ephemeral.blocks, ts),
      };
    }
    const message = this.#runtime.store.findMessage(channel, ts);
    if (!message) throw new UiError(404, 'message_not_found');
    return { kind: 'message', channel, ts, ephemeral: false, message, blocks: withIds(message.blocks, ts) };
  }

  #openModal(userId: string, viewId: unknown): ViewRecord {
    const view = this.#runtime.store.views.get(String(viewId ?? ''));
    if (
      !view ||
      view.isHome ||
      view.userId !== userId ||
      view.teamId !== this.#options.teamId ||
      view.state !== 'open'
    ) {
      throw new UiError(404, 'view_not_found');
    }
    return view;
  }

  /** Submit: the client's own checks first (as Slack's), then the view_submission; the driver applies the ack. */
  async viewSubmit(input: { user?: unknown; viewId?: unknown; state?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const view = this.#openModal(userId, input.viewId);
    const blocks = withIds(view.view.blocks, view.id);
    const state = asClientState(input.state);
    const local = clientSideErrors(blocks, state);
    if (Object.keys(local).length > 0) {
      view.errors = local;
      return { ok: false, sent: false, errors: local };
    }
    const values = stateValues(blocks, state);
    const response = await this.#interaction(userId, {
      type: 'view_submission',
      view: { id: view.id, blocks, state: { values } },
    });
    const ack = (response.json ?? {}) as Json;
    const stillOpen = this.#runtime.store.views.get(view.id)?.state === 'open';
    return {
      ok: response.status === 200,
      sent: true,
      status: response.status,
      responseAction: typeof ack.response_action === 'string' ? ack.response_action : null,
      errors: view.errors ?? {},
      closed: !stillOpen,
      values,
    };
  }

  /** Close (×/Cancel): Slack closes the view at once, and tells the app only when it asked (`notify_on_close`). */
  async viewClose(input: { user?: unknown; viewId?: unknown; state?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const view = this.#openModal(userId, input.viewId);
    const clear = view.view.clear_on_close === true;
    for (const other of this.#runtime.store.views.values()) {
      if (other === view || (clear && other.rootViewId === view.rootViewId)) other.state = 'closed';
    }
    if (view.view.notify_on_close !== true) return { ok: true, notified: false };
    const blocks = withIds(view.view.blocks, view.id);
    const response = await this.#interaction(userId, {
      type: 'view_closed',
      view: { id: view.id, blocks, state: { values: stateValues(blocks, asClientState(input.state)) } },
      is_cleared: clear,
    });
    return { ok: response.status === 200, notified: true, status: response.status };
  }

  async shortcut(input: { user?: unknown; callbackId?: unknown; channel?: unknown; ts?: unknown }): Promise<Json> {
    const userId = this.#actor(input.user);
    const callbackId = String(input.callbackId ?? '');
    const shortcut = this.#options.shortcuts.find((candidate) => candidate.callbackId === callbackId);
    if (!shortcut) throw new UiError(404, 'shortcut_not_found');
    if (shortcut.type === 'global') {
      const response = await this.#interaction(userId, {
        type: 'shortcut',
        callback_id: callbackId,
        action_ts: this.#actionTs(),
      });
      return { ok: response.status === 200, status: response.status, triggerId: response.triggerId };
    }
    const channel = this.#conversation(input.channel, userId);
    const message = this.#runtime.store.findMessage(channel, String(input.ts ?? ''));
    if (!message) throw new UiError(404, 'message_not_found');
    const response = await this.#interaction(userId, {
      type: 'message_action',
      callback_id: callbackId,
      action_ts: this.#actionTs(),
      channel: { id: channel.id, name: channel.name },
      message_ts: message.ts,
      message: messageObject(this.#workspace, channel, message, { includeMetadata: true }),
    });
    return { ok: response.status === 200, status: response.status, triggerId: response.triggerId };
  }

  async time(controlId: string): Promise<Json> {
    const control = this.#options.timeControls.find((candidate) => candidate.id === controlId);
    if (!control) throw new UiError(404, 'time_control_not_found');
    try {
      const text = await control.run();
      this.timeStatus = { controlId, text, ok: true, at: Date.now() };
    } catch (error) {
      const text = `Failed: ${error instanceof Error ? error.message : String(error)}`;
      this.timeStatus = { controlId, text, ok: false, at: Date.now() };
    }
    return { ok: this.timeStatus.ok, text: this.timeStatus.text };
  }
}

function channelType(channel: ChannelRecord): string {
  switch (channel.kind) {
    case 'public':
      return 'channel';
    case 'private':
      return 'group';
    default:
      return channel.kind;
  }
}

function asClientInput(value: unknown): ClientInput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as { value?: unknown; values?: unknown };
  const input: ClientInput = {};
  if (typeof raw.value === 'string' || raw.value === null) input.value = raw.value;
  if (Array.isArray(raw.values)) input.values = raw.values.filter((item): item is string => typeof item === 'string');
  return input;
}

function asClientState(value: unknown): ClientState {
  const state: ClientState = {};
  if (typeof value !== 'object' || value === null) return state;
  for (const [blockId, actions] of Object.entries(value)) {
    if (typeof actions !== 'object' || actions === null) continue;
    state[blockId] = {};
    for (const [actionId, input] of Object.entries(actions)) {
      const parsed = asClientInput(input);
      if (parsed) state[blockId][actionId] = parsed;
    }
  }
  return state;
}
