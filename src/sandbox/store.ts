import { formatTs, IdMint, msToMicros, parseTs, randomHex } from './ids.ts';
import type {
  ChannelSpec,
  ConversationKind,
  EphemeralMessage,
  OpenView,
  ProfileFieldValue,
  ResponseUrlPost,
  SandboxChannel,
  SandboxFile,
  SandboxUser,
  SeededWorkspace,
  StoredMessage,
  UsergroupSpec,
  UserSpec,
  WorkspaceSpec,
} from './types.ts';

/**
 * The sandbox's whole world, in memory. Web API handlers, the response_url endpoint, the OAuth endpoints and the
 * driver all read and change it through this one object, so a future browser UI can render the same state.
 * Records are mutable internally; everything handed out through the public API is a copy.
 */

export interface WorkspaceRecord {
  teamId: string;
  name: string;
  domain: string;
  enterpriseId?: string;
  enterpriseName?: string;
  appId: string;
  botId: string;
  botUserId: string;
  botName: string;
  includeSlackbot: boolean;
  users: Map<string, SandboxUser>;
  usergroups: Map<string, UsergroupRecord>;
  /** user id -> D… id, so conversations.open is idempotent. */
  dmByUser: Map<string, string>;
  /** sorted user ids joined -> G… id. */
  mpimByKey: Map<string, string>;
  created: number;
}

export interface UsergroupRecord {
  id: string;
  teamId: string;
  handle: string;
  name: string;
  description: string;
  users: string[];
  disabled: boolean;
  created: number;
}

export interface ChannelRecord {
  id: string;
  teamId: string;
  name: string;
  kind: ConversationKind;
  members: Set<string>;
  isArchived: boolean;
  isGeneral: boolean;
  created: number;
  creator: string;
  topic: string;
  purpose: string;
  user?: string;
  messages: StoredMessage[];
  lastTs: bigint;
}

export interface TokenRecord {
  token: string;
  /** The workspace's `T…` id; for an org-wide install's token, the enterprise's `E…` id. */
  teamId: string;
  revoked: boolean;
  /** One token for every workspace of an Enterprise Grid organisation the app is granted (an org-wide install). */
  orgWide?: boolean;
}

/** What an org-wide install's token reaches: the organisation's workspaces the app was added to. */
export interface OrgGrant {
  enterpriseId: string;
  enterpriseName: string;
  workspaces: WorkspaceRecord[];
}

export interface ViewRecord extends OpenView {
  isHome: boolean;
  appId: string;
  botId: string;
}

export interface TriggerRecord {
  id: string;
  teamId: string;
  userId: string;
  createdAt: number;
  exchanged: boolean;
  /** The modal an interaction came from, so views.push can stack on it. */
  fromViewId?: string;
}

export interface ResponseUrlRecord {
  id: string;
  url: string;
  teamId: string;
  userId: string;
  channelId?: string;
  createdAt: number;
  uses: number;
  /** The message an interaction was on: replace_original / delete_original act on it. */
  original?: { channelId: string; ts: string; ephemeral: boolean };
}

export interface UploadUrlRecord {
  id: string;
  fileId: string;
  teamId: string;
  createdAt: number;
  used: boolean;
}

export interface OAuthCodeRecord {
  code: string;
  teamId: string;
  /** Set for an org-wide install (the installer chose the organisation, not one workspace). */
  enterpriseId?: string;
  installerUserId: string;
  clientId: string;
  redirectUri?: string;
  scopes: string[];
  userScopes: string[];
  createdAt: number;
  used: boolean;
}

/** A Sign in with Slack code from /openid/connect/authorize, for openid.connect.token. */
export interface OpenIdCodeRecord {
  code: string;
  teamId: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  /** PKCE (S256 only): the token request must carry the verifier that hashes to it. */
  codeChallenge?: string;
  createdAt: number;
  used: boolean;
}

/** The access token openid.connect.token returns: good only for openid.connect.userInfo. */
export interface OpenIdTokenRecord {
  teamId: string;
  userId: string;
  scopes: string[];
}

export type TokenLookup =
  | { status: 'ok'; workspace: WorkspaceRecord }
  | { status: 'org'; org: OrgGrant }
  | { status: 'revoked' }
  | { status: 'invalid' };

const DEFAULT_TZ = 'America/New_York';

export class SandboxStore {
  readonly ids = new IdMint();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  /** Channel ids are global, as in Slack, so `messages(channelId)` needs no team. */
  readonly channels = new Map<string, ChannelRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly views = new Map<string, ViewRecord>();
  /** `${teamId}:${userId}` -> view id of the published home tab. */
  readonly homeViews = new Map<string, string>();
  readonly triggers = new Map<string, TriggerRecord>();
  readonly responseUrls = new Map<string, ResponseUrlRecord>();
  readonly oauthCodes = new Map<string, OAuthCodeRecord>();
  readonly openIdCodes = new Map<string, OpenIdCodeRecord>();
  readonly openIdTokens = new Map<string, OpenIdTokenRecord>();
  /** Files by id, and the single-use upload URLs that receive their bytes (by the id in the URL). */
  readonly files = new Map<string, SandboxFile>();
  readonly uploadUrls = new Map<string, UploadUrlRecord>();
  ephemerals: EphemeralMessage[] = [];
  responseUrlPosts: ResponseUrlPost[] = [];

  readonly appId: string;
  readonly #now: () => number;
  #triggerCount = 0;

  constructor(options: { appId: string; now: () => number }) {
    this.appId = options.appId;
    this.#now = options.now;
  }

  createWorkspace(spec: WorkspaceSpec): SeededWorkspace {
    if (this.workspaces.has(spec.teamId)) throw new Error(`sandbox: workspace ${spec.teamId} already exists`);
    const created = Math.floor(this.#now() / 1000);
    const workspace: WorkspaceRecord = {
      teamId: spec.teamId,
      name: spec.name,
      domain: spec.domain ?? spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      appId: this.appId,
      botId: spec.botId ?? this.ids.next('B'),
      botUserId: spec.botUserId ?? this.ids.next('U'),
      botName: spec.botName ?? 'nudge',
      includeSlackbot: spec.includeSlackbot ?? true,
      users: new Map(),
      usergroups: new Map(),
      dmByUser: new Map(),
      mpimByKey: new Map(),
      created,
    };
    if (spec.enterpriseId !== undefined) workspace.enterpriseId = spec.enterpriseId;
    if (spec.enterpriseName !== undefined || spec.enterpriseId !== undefined) {
      workspace.enterpriseName = spec.enterpriseName ?? `${spec.name} Org`;
    }
    this.workspaces.set(spec.teamId, workspace);
    this.addUser(spec.teamId, {
      id: workspace.botUserId,
      name: workspace.botName,
      realName: workspace.botName,
      isBot: true,
      tz: 'America/Los_Angeles',
    });
    workspace.users.get(workspace.botUserId)!.botId = workspace.botId;
    const token = spec.botToken ?? this.ids.secret(`xoxb-${spec.teamId}-`);
    this.issueToken(spec.teamId, token);
    for (const user of spec.users ?? []) this.addUser(spec.teamId, user);
    for (const channel of spec.channels ?? []) this.addChannel(spec.teamId, channel);
    for (const usergroup of spec.usergroups ?? []) this.addUsergroup(spec.teamId, usergroup);
    return this.seeded(workspace, token);
  }

  /** `botToken` is the live token, or the last one issued when all are revoked. */
  seeded(workspace: WorkspaceRecord, token = this.#currentToken(workspace.teamId)): SeededWorkspace {
    const result: SeededWorkspace = {
      teamId: workspace.teamId,
      botToken: token,
      botUserId: workspace.botUserId,
      botId: workspace.botId,
      appId: workspace.appId,
    };
    if (workspace.enterpriseId !== undefined) result.enterpriseId = workspace.enterpriseId;
    return result;
  }

  workspace(teamId: string): WorkspaceRecord {
    const workspace = this.workspaces.get(teamId);
    if (!workspace) throw new Error(`sandbox: no workspace ${teamId}; call createWorkspace first`);
    return workspace;
  }

  addUser(teamId: string, spec: UserSpec): SandboxUser {
    const workspace = this.workspace(teamId);
    if (spec.tz !== undefined) assertTimeZone(spec.tz);
    const profileFields: Record<string, ProfileFieldValue> = {};
    for (const [id, field] of Object.entries(spec.profileFields ?? {})) {
      profileFields[id] = typeof field === 'string' ? { value: field, alt: '' } : { alt: '', ...field };
    }
    const user: SandboxUser = {
      id: spec.id,
      teamId,
      name: spec.name,
      realName: spec.realName ?? spec.name,
      displayName: spec.displayName ?? '',
      tz: spec.tz ?? DEFAULT_TZ,
      title: spec.title ?? '',
      phone: spec.phone ?? '',
      isBot: spec.isBot ?? false,
      isAdmin: spec.isAdmin ?? false,
      isOwner: spec.isOwner ?? false,
      isPrimaryOwner: spec.isPrimaryOwner ?? false,
      isRestricted: spec.isRestricted ?? false,
      deleted: spec.deleted ?? false,
      profileFields,
      updated: Math.floor(this.#now() / 1000),
    };
    if (spec.email !== undefined) user.email = spec.email;
    if (spec.status !== undefined) user.status = { ...spec.status };
    if (spec.enterprise !== undefined || (spec.id.startsWith('W') && workspace.enterpriseId !== undefined)) {
      user.enterprise = {
        id: spec.enterprise?.id ?? workspace.enterpriseId ?? `E${teamId.slice(1)}`,
        name: spec.enterprise?.name ?? workspace.enterpriseName ?? `${workspace.name} Org`,
        teams: spec.enterprise?.teams ?? [teamId],
      };
    }
    workspace.users.set(user.id, user);
    return structuredClone(user);
  }

  addChannel(teamId: string, spec: ChannelSpec): SandboxChannel {
    const workspace = this.workspace(teamId);
    if (this.channels.has(spec.id)) throw new Error(`sandbox: channel ${spec.id} already exists (ids are global)`);
    const members = new Set(spec.members);
    if (spec.botIsMember) members.add(workspace.botUserId);
    const channel = this.#newChannel({
      id: spec.id,
      teamId,
      name: spec.name,
      kind: spec.isPrivate ? 'private' : 'public',
      members,
      creator: spec.members[0] ?? workspace.botUserId,
    });
    channel.isArchived = spec.isArchived ?? false;
    channel.isGeneral = spec.isGeneral ?? false;
    channel.topic = spec.topic ?? '';
    channel.purpose = spec.purpose ?? '';
    return toSandboxChannel(channel);
  }

  addUsergroup(teamId: string, spec: UsergroupSpec): void {
    const workspace = this.workspace(teamId);
    workspace.usergroups.set(spec.id, {
      id: spec.id,
      teamId,
      handle: spec.handle,
      name: spec.name,
      description: spec.description ?? '',
      users: [...spec.users],
      disabled: spec.disabled ?? false,
      created: Math.floor(this.#now() / 1000),
    });
  }

  setUserDeleted(teamId: string, userId: string, deleted: boolean): void {
    const user = this.workspace(teamId).users.get(userId);
    if (!user) throw new Error(`sandbox: no user ${userId} in ${teamId}`);
    user.deleted = deleted;
    user.updated = Math.floor(this.#now() / 1000);
  }

  setChannelArchived(channelId: string, archived: boolean): void {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`sandbox: no channel ${channelId}`);
    channel.isArchived = archived;
  }

  issueToken(teamId: string, token: string): TokenRecord {
    const record = { token, teamId, revoked: false };
    this.tokens.set(token, record);
    return record;
  }

  /** An org-wide install's token: one for all of the organisation's workspaces. */
  issueOrgToken(enterpriseId: string, token: string): TokenRecord {
    const record = { token, teamId: enterpriseId, revoked: false, orgWide: true };
    this.tokens.set(token, record);
    return record;
  }

  /** Whether the app is installed org-wide (a live org-level token) on this workspace's organisation. */
  installedOrgWide(workspace: WorkspaceRecord | undefined): boolean {
    if (workspace?.enterpriseId === undefined) return false;
    return this.activeToken(workspace.enterpriseId)?.orgWide === true;
  }

  /** The organisation's workspaces, oldest first; the app is granted to each of them once installed org-wide. */
  org(enterpriseId: string): OrgGrant | undefined {
    const workspaces = [...this.workspaces.values()].filter((w) => w.enterpriseId === enterpriseId);
    const first = workspaces[0];
    if (!first) return undefined;
    return { enterpriseId, enterpriseName: first.enterpriseName ?? enterpriseId, workspaces };
  }

  activeToken(teamId: string): TokenRecord | undefined {
    for (const record of this.tokens.values()) if (record.teamId === teamId && !record.revoked) return record;
    return undefined;
  }

  #currentToken(teamId: string): string {
    let last = '';
    for (const record of this.tokens.values()) {
      if (record.teamId !== teamId) continue;
      if (!record.revoked) return record.token;
      last = record.token;
    }
    return last;
  }

  revokeTokens(teamId: string): void {
    if (!this.org(teamId)) this.workspace(teamId);
    for (const record of this.tokens.values()) if (record.teamId === teamId) record.revoked = true;
  }

  lookupToken(token: string): TokenLookup {
    const record = this.tokens.get(token);
    if (!record) return { status: 'invalid' };
    if (record.revoked) return { status: 'revoked' };
    if (record.orgWide) {
      const org = this.org(record.teamId);
      return org ? { status: 'org', org } : { status: 'invalid' };
    }
    return { status: 'ok', workspace: this.workspace(record.teamId) };
  }

  /** A conversation of this workspace, by id. Channels of other workspaces are invisible, as in Slack. */
  channelIn(workspace: WorkspaceRecord, channelId: string): ChannelRecord | undefined {
    const channel = this.channels.get(channelId);
    return channel?.teamId === workspace.teamId ? channel : undefined;
  }

  channelByName(workspace: WorkspaceRecord, name: string): ChannelRecord | undefined {
    const wanted = name.replace(/^#/, '');
    for (const channel of this.channels.values()) {
      if (channel.teamId === workspace.teamId && channel.name === wanted && channel.kind !== 'im') return channel;
    }
    return undefined;
  }

  /** The conversation id a post target (id, `#name` or user id) refers to, without creating anything. */
  conversationIdFor(workspace: WorkspaceRecord, target: string): string {
    return (
      this.channelIn(workspace, target)?.id ??
      this.channelByName(workspace, target)?.id ??
      workspace.dmByUser.get(target) ??
      target
    );
  }

  openDm(workspace: WorkspaceRecord, userId: string): { channel: ChannelRecord; existed: boolean } {
    const existing = workspace.dmByUser.get(userId);
    if (existing) return { channel: this.channels.get(existing)!, existed: true };
    const channel = this.#newChannel({
      id: this.ids.next('D'),
      teamId: workspace.teamId,
      name: userId,
      kind: 'im',
      members: new Set([userId, workspace.botUserId]),
      creator: workspace.botUserId,
    });
    channel.user = userId;
    workspace.dmByUser.set(userId, channel.id);
    return { channel, existed: false };
  }

  openMpim(workspace: WorkspaceRecord, userIds: string[]): { channel: ChannelRecord; existed: boolean } {
    const everyone = [...new Set([...userIds, workspace.botUserId])].sort();
    const key = everyone.join(',');
    const existing = workspace.mpimByKey.get(key);
    if (existing) return { channel: this.channels.get(existing)!, existed: true };
    const names = everyone.map((id) => workspace.users.get(id)?.name ?? id);
    const channel = this.#newChannel({
      id: this.ids.next('G'),
      teamId: workspace.teamId,
      name: `mpdm-${names.join('--')}-1`,
      kind: 'mpim',
      members: new Set(everyone),
      creator: workspace.botUserId,
    });
    workspace.mpimByKey.set(key, channel.id);
    return { channel, existed: false };
  }

  /** Strictly increasing per channel even when the clock stands still or goes back. */
  nextTs(channel: ChannelRecord): string {
    const fromClock = msToMicros(this.#now());
    channel.lastTs = fromClock > channel.lastTs ? fromClock : channel.lastTs + 1n;
    return formatTs(channel.lastTs);
  }

  findMessage(channel: ChannelRecord, ts: string): StoredMessage | undefined {
    return channel.messages.find((message) => message.ts === ts);
  }

  addUserMessage(input: { channelId: string; userId: string; text: string; threadTs?: string }): StoredMessage {
    const channel = this.channels.get(input.channelId);
    if (!channel) throw new Error(`sandbox: no channel ${input.channelId}`);
    const message: StoredMessage = {
      teamId: channel.teamId,
      channelId: channel.id,
      ts: this.nextTs(channel),
      user: input.userId,
      text: input.text,
      reactions: [],
      source: 'seed',
    };
    if (input.threadTs !== undefined) message.threadTs = input.threadTs;
    channel.messages.push(message);
    return structuredClone(message);
  }

  /**
   * A user's reaction on a message, as the Slack client records it. Returns false when there was nothing to do
   * (already reacted / not reacted), which is when Slack sends no event either.
   */
  setReaction(message: StoredMessage, userId: string, name: string, on: boolean): boolean {
    const reaction = message.reactions.find((candidate) => candidate.name === name);
    if (on) {
      if (reaction?.users.includes(userId)) return false;
      if (reaction) {
        reaction.users.push(userId);
        reaction.count += 1;
      } else {
        message.reactions.push({ name, users: [userId], count: 1 });
      }
      return true;
    }
    if (!reaction?.users.includes(userId)) return false;
    reaction.users = reaction.users.filter((user) => user !== userId);
    reaction.count -= 1;
    if (reaction.count === 0) message.reactions = message.reactions.filter((candidate) => candidate !== reaction);
    return true;
  }

  mintTrigger(teamId: string, userId: string, fromViewId?: string): string {
    this.#triggerCount += 1;
    const id = `${Math.floor(this.#now() / 1000)}.${this.#triggerCount}.${randomHex(16)}`;
    const record: TriggerRecord = { id, teamId, userId, createdAt: this.#now(), exchanged: false };
    if (fromViewId !== undefined) record.fromViewId = fromViewId;
    this.triggers.set(id, record);
    return id;
  }

  mintResponseUrl(
    baseUrl: string,
    input: Omit<ResponseUrlRecord, 'id' | 'url' | 'createdAt' | 'uses'>,
  ): ResponseUrlRecord {
    const id = `R${randomHex(12)}`;
    const record: ResponseUrlRecord = {
      ...input,
      id,
      url: `${baseUrl}/response/${id}`,
      createdAt: this.#now(),
      uses: 0,
    };
    this.responseUrls.set(id, record);
    return record;
  }

  /** Everything recorded or produced since seeding goes; workspaces, users, channels and tokens stay. */
  reset(): void {
    for (const channel of this.channels.values()) channel.messages = [];
    this.views.clear();
    this.homeViews.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    this.oauthCodes.clear();
    this.openIdCodes.clear();
    this.openIdTokens.clear();
    this.files.clear();
    this.uploadUrls.clear();
    this.ephemerals = [];
    this.responseUrlPosts = [];
  }

  #newChannel(input: {
    id: string;
    teamId: string;
    name: string;
    kind: ConversationKind;
    members: Set<string>;
    creator: string;
  }): ChannelRecord {
    const channel: ChannelRecord = {
      ...input,
      isArchived: false,
      isGeneral: false,
      created: Math.floor(this.#now() / 1000),
      topic: '',
      purpose: '',
      messages: [],
      lastTs: 0n,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }
}

export function toSandboxChannel(channel: ChannelRecord): SandboxChannel {
  const result: SandboxChannel = {
    id: channel.id,
    teamId: channel.teamId,
    name: channel.name,
    kind: channel.kind,
    members: [...channel.members],
    isArchived: channel.isArchived,
    isGeneral: channel.isGeneral,
    created: channel.created,
  };
  if (channel.user !== undefined) result.user = channel.user;
  return result;
}

export function compareTs(a: string, b: string): number {
  const left = parseTs(a) ?? 0n;
  const right = parseTs(b) ?? 0n;
  return left < right ? -1 : left > right ? 1 : 0;
}

function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new Error(`sandbox: unknown IANA time zone ${tz}`);
  }
}
