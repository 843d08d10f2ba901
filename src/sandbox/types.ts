/**
 * Public contract of the sandbox: what tests (and later the browser UI) see. Everything here is plain data;
 * the Slack wire shapes are built elsewhere (slack-objects.ts) from the records in store.ts.
 */

import type { SocketModeTimings } from './socket-mode/socket-mode-server.ts';

export interface SandboxOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Clock in ms for `ts` values, trigger/response_url/code expiry and rate-limit windows. Default Date.now. */
  now?: () => number;
  /** 'slack' (default) enforces method tiers and the chat.postMessage limits; 'off' admits everything. */
  rateLimits?: 'slack' | 'off';
  /**
   * Divides every rate-limit window (and so every Retry-After) by this factor, for time-compressed benchmarks.
   * Retry-After stays a whole number of seconds, rounded up, at least 1 (see rate-limits.ts for why).
   */
  timeScale?: number;
  /**
   * The Slack app's OAuth credentials. When set, /oauth/v2/authorize and oauth.v2.access check them
   * (`invalid_client_id`, `bad_client_secret`); when absent any client_id is accepted but a code stays bound to
   * the client_id and redirect_uri it was issued for. `redirectUri` is used when the authorize URL carries none.
   */
  oauth?: { clientId?: string; clientSecret?: string; redirectUri?: string; scopes?: string[] };
  /** App id shared by every workspace the app is installed in. Default 'A0SANDBOX01'. */
  appId?: string;
  /** Socket Mode's ack timeout and event retry waits; Slack's (3 s; 0 s, 1 min, 5 min) by default. */
  socketMode?: Partial<SocketModeTimings>;
}

export interface Sandbox {
  /** e.g. 'http://127.0.0.1:41234' (no trailing slash). */
  readonly url: string;
  /** `${url}/api/`, for WebClient `slackApiUrl`. */
  readonly apiUrl: string;
  /** The app-level token (`xapp-…`, scope connections:write) for apps.connections.open: Socket Mode. */
  readonly appToken: string;
  readonly socketMode: {
    /** The app's open Socket Mode connections. */
    connections(): number;
    /** Sends every connection `{ type: 'disconnect', reason: 'refresh_requested' }`, as Slack does before recycling one. */
    requestRefresh(): void;
  };

  createWorkspace(spec: WorkspaceSpec): SeededWorkspace;
  addUser(teamId: string, user: UserSpec): SandboxUser;
  addChannel(teamId: string, channel: ChannelSpec): SandboxChannel;
  addUsergroup(teamId: string, usergroup: UsergroupSpec): void;
  setUserDeleted(teamId: string, userId: string, deleted: boolean): void;
  /** Marks the channel archived (`is_archived` on post) or unarchived. */
  setChannelArchived(channelId: string, archived: boolean): void;
  /** Seeds a message written by a user (not the bot), e.g. something to react to or thread under. */
  addUserMessage(input: { channelId: string; userId: string; text: string; threadTs?: string }): StoredMessage;
  /** Later calls with that workspace's tokens get `token_revoked`; a new OAuth install issues a fresh token. */
  revokeTokens(teamId: string): void;
  workspace(teamId: string): SeededWorkspace | undefined;

  readonly calls: ReadonlyArray<RecordedCall>;
  callsTo(method: string, filter?: { teamId?: string }): RecordedCall[];
  /** Messages visible in a conversation, oldest first, thread replies included (with `threadTs`). */
  messages(channelId: string): StoredMessage[];
  ephemerals(filter?: { channelId?: string; userId?: string }): EphemeralMessage[];
  responseUrlPosts(): ResponseUrlPost[];
  /** The view object last passed to views.publish (or views.update on the home view) for that user. */
  homeView(teamId: string, userId: string): unknown | undefined;
  /** Files uploaded through files.getUploadURLExternal, in the order they were announced, with their bytes. */
  files(filter?: { teamId?: string }): SandboxFile[];
  openViews(): OpenView[];
  /** Polls `probe` until it returns something other than undefined/false; throws a descriptive error on timeout. */
  waitFor<T>(
    probe: () => T | undefined | false,
    options?: { timeoutMs?: number; intervalMs?: number; description?: string },
  ): Promise<T>;
  /** Clears recorded calls, messages, ephemerals, views, response_urls, triggers, failures and rate windows. */
  reset(): void;

  inject(failure: InjectedFailure): void;
  clearFailures(): void;

  /**
   * Sends the app what Slack sends: signed HTTP requests to `appUrl` (the default), or with `transport: 'socket'`
   * the same commands, events and interactions as Socket Mode envelopes over the app's open connection.
   */
  driver(options: DriverOptions): SlackDriver;
  close(): Promise<void>;
}

export type InjectedFailure = {
  method: string;
  teamId?: string;
  /** How many matching calls this applies to. Default 1. */
  times?: number;
} & (
  | { kind: 'http_error'; status?: number }
  /**
   * Holds the response for delayMs. The call is otherwise processed normally at arrival (its effect applied,
   * as when Slack is merely slow) unless `applyEffect: false`, which models a request lost before Slack saw it.
   */
  | { kind: 'timeout'; delayMs: number; applyEffect?: boolean }
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  /** The effect IS applied (e.g. message stored, with its metadata) but the client gets HTTP `status` (500). */
  | { kind: 'fail_after_effect'; status?: number }
);

export interface WorkspaceSpec {
  teamId: string;
  name: string;
  /** Default: the name, lower-cased and dashed. */
  domain?: string;
  /** Enterprise Grid organisation this workspace belongs to (`E…`). */
  enterpriseId?: string;
  enterpriseName?: string;
  users?: UserSpec[];
  channels?: ChannelSpec[];
  usergroups?: UsergroupSpec[];
  /** Fixed ids/token, handy for env-configured single-workspace runs. Generated when absent. */
  botToken?: string;
  botUserId?: string;
  botId?: string;
  /** The bot user's `name`. Default 'nudge'. */
  botName?: string;
  /** Whether users.list includes Slackbot (`USLACKBOT`), as real Slack does. Default true. */
  includeSlackbot?: boolean;
}

export interface ProfileFieldValue {
  value: string;
  alt?: string;
  /** Shown by users.profile.get with include_labels, and by team.profile.get. */
  label?: string;
}

export interface UserSpec {
  /** `U…`, or `W…` for an Enterprise Grid user. */
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  email?: string;
  /** IANA zone. Default 'America/New_York'. */
  tz?: string;
  title?: string;
  phone?: string;
  isBot?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isRestricted?: boolean;
  deleted?: boolean;
  /** Custom profile fields keyed by field id (`Xf…`); a plain string is the value. */
  profileFields?: Record<string, string | ProfileFieldValue>;
  /** Makes the user carry `enterprise_user` (implied for `W…` ids when the workspace has an enterprise). */
  enterprise?: { id?: string; name?: string; teams?: string[] };
  /** The Slack status; `expiration` is Unix seconds, 0 for a status that never clears. */
  status?: SandboxStatus;
}

export interface SandboxStatus {
  text: string;
  emoji: string;
  expiration: number;
}

export interface ChannelSpec {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  isGeneral?: boolean;
  members: string[];
  /**
   * Whether the bot user is a member. Default false: the bot can still post to public channels
   * (chat:write.public) but gets `not_in_channel` for private ones and for reading history.
   */
  botIsMember?: boolean;
  topic?: string;
  purpose?: string;
}

export interface UsergroupSpec {
  /** `S…`. */
  id: string;
  handle: string;
  name: string;
  description?: string;
  users: string[];
  disabled?: boolean;
}

export interface SeededWorkspace {
  teamId: string;
  enterpriseId?: string;
  botToken: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface SandboxUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  displayName: string;
  email?: string;
  tz: string;
  title: string;
  phone: string;
  isBot: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  isPrimaryOwner: boolean;
  isRestricted: boolean;
  deleted: boolean;
  profileFields: Record<string, ProfileFieldValue>;
  status?: SandboxStatus;
  enterprise?: { id: string; name: string; teams: string[] };
  botId?: string;
  updated: number;
}

export type ConversationKind = 'public' | 'private' | 'im' | 'mpim';

export interface SandboxChannel {
  id: string;
  teamId: string;
  name: string;
  kind: ConversationKind;
  members: string[];
  isArchived: boolean;
  isGeneral: boolean;
  created: number;
  /** For `im`: the other party. */
  user?: string;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface StoredMessage {
  teamId: string;
  channelId: string;
  ts: string;
  threadTs?: string;
  /** Author: the bot user for bot posts. */
  user: string;
  botId?: string;
  appId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  reactions: Reaction[];
  edited?: { user: string; ts: string };
  replyBroadcast?: boolean;
  /** Ids of the files shared with this message (files.completeUploadExternal); see `Sandbox.files()`. */
  files?: string[];
  /** `command_ack`: a slash command's acknowledgement with `response_type: 'in_channel'` (and the command echo). */
  source: 'chat.postMessage' | 'response_url' | 'seed' | 'command_ack' | 'files.completeUploadExternal';
}

/**
 * A file uploaded through Slack's external upload flow. `pending` until its bytes are POSTed to the upload URL,
 * `uploaded` until files.completeUploadExternal, then `completed` (and shared where the call said).
 */
export interface SandboxFile {
  id: string;
  teamId: string;
  /** The bot user that uploaded it. */
  user: string;
  name: string;
  title: string;
  /** The `length` announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  snippetType?: string;
  mimetype: string;
  filetype: string;
  state: 'pending' | 'uploaded' | 'completed';
  /** The bytes POSTed to the upload URL (empty until then). */
  content: Buffer;
  created: number;
  /** Where it was shared: channel id -> the ts of the message that carries it. */
  shares: Record<string, string>;
}

export interface EphemeralMessage {
  teamId: string;
  channelId: string;
  userId: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  /** `command_ack`: the body a slash command's ack carried, which Slack shows to the invoking user. */
  source: 'chat.postEphemeral' | 'response_url' | 'command_ack';
  responseUrlId?: string;
}

export interface ResponseUrlPost {
  responseUrlId: string;
  url: string;
  teamId: string;
  userId: string;
  channelId?: string;
  body: unknown;
  /** HTTP status the sandbox answered with. */
  status: number;
  error?: string;
  at: number;
}

export interface OpenView {
  id: string;
  teamId: string;
  userId: string;
  type: string;
  /** The view object as the app sent it (JSON decoded). */
  view: Record<string, unknown>;
  hash: string;
  externalId?: string;
  rootViewId: string;
  previousViewId?: string;
  triggerId?: string;
  via: 'views.open' | 'views.push' | 'views.update';
  state: 'open' | 'closed';
  updatedAt: number;
  /** Block id -> message from the app's last `response_action: 'errors'`; cleared by the next submission. */
  errors?: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  teamId?: string;
  /** Parsed arguments with JSON-string fields (`blocks`, `attachments`, `metadata`, `view`) decoded; no token. */
  args: Record<string, unknown>;
  /** HTTP status sent. */
  status: number;
  /** The parsed JSON body sent (or the raw text for injected HTTP errors). */
  response: unknown;
  at: number;
  injected?: InjectedFailure['kind'];
  rateLimited?: boolean;
}

export interface DriverOptions {
  appUrl: string;
  signingSecret: string;
  transport?: 'http' | 'socket';
}

/**
 * The app's answer. Over Socket Mode: 200 with the ack's payload as `json` (and `body`, its JSON) once acked, or
 * status 0 and an empty body when no ack came within the ack timeout (after every retry, for an event).
 */
export interface DriverResponse {
  status: number;
  body: string;
  json?: unknown;
  triggerId?: string;
  responseUrl?: string;
}

/** A slash command as a person types it: who, where, which command, what text. */
export interface CommandInput {
  teamId: string;
  enterpriseId?: string;
  userId: string;
  channelId: string;
  command: string;
  text: string;
}

export interface SlackDriver {
  command(input: CommandInput & { retryNum?: number }): Promise<DriverResponse>;
  /** The form `command` would send (fresh trigger_id and response_url), for sending the same one more than once. */
  commandForm(input: CommandInput): { body: string; triggerId: string; responseUrl: string };
  event(input: {
    teamId: string;
    enterpriseId?: string;
    event: Record<string, unknown>;
    eventId?: string;
    retryNum?: number;
    retryReason?: string;
    isEnterpriseInstall?: boolean;
  }): Promise<DriverResponse & { eventId: string }>;
  interaction(input: {
    teamId: string;
    enterpriseId?: string;
    userId: string;
    payload: Record<string, unknown>;
  }): Promise<DriverResponse>;
  signedPost(input: {
    path?: string;
    body: string;
    contentType: string;
    timestamp?: number;
    signature?: string;
    headers?: Record<string, string>;
  }): Promise<DriverResponse>;
}
