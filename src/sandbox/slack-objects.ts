import type { ChannelRecord, UsergroupRecord, ViewRecord, WorkspaceRecord } from './store.ts';
import type { SandboxFile, SandboxUser, StoredMessage } from './types.ts';

/**
 * Builds the JSON objects Slack returns (user, conversation, message, team, usergroup, view), following the
 * `objs_*` definitions in slack_web_openapi_v2.json. Fields Slack always sends but Nudge never reads are kept
 * when they are cheap, so code written against the sandbox meets no surprises against Slack.
 */

type Json = Record<string, unknown>;

/**
 * Building an Intl.DateTimeFormat costs far more than using one; users.list on a 5,000-person workspace built
 * two per user per page (seconds of blocked event loop per call), so keep them per zone.
 */
const zoneFormats = new Map<string, { offset: Intl.DateTimeFormat; name: Intl.DateTimeFormat }>();

function formatsFor(tz: string): { offset: Intl.DateTimeFormat; name: Intl.DateTimeFormat } {
  let formats = zoneFormats.get(tz);
  if (!formats) {
    formats = {
      offset: new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }),
      name: new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }),
    };
    zoneFormats.set(tz, formats);
  }
  return formats;
}

export function timeZoneInfo(tz: string, atMs: number): { offsetSeconds: number; label: string } {
  const formats = formatsFor(tz);
  const offsetName =
    formats.offset.formatToParts(new Date(atMs)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetName);
  const offsetSeconds = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  const label = formats.name.formatToParts(new Date(atMs)).find((part) => part.type === 'timeZoneName')?.value ?? tz;
  return { offsetSeconds, label };
}

function avatar(id: string, size: number): string {
  return `https://avatars.sandbox.invalid/${id}_${size}.png`;
}

export function profileObject(
  workspace: WorkspaceRecord,
  user: SandboxUser,
  options: { fields: 'none' | 'values' | 'labelled' },
): Json {
  const [firstName = '', ...rest] = user.realName.split(' ');
  const profile: Json = {
    title: user.title,
    phone: user.phone,
    skype: '',
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.displayName,
    display_name_normalized: user.displayName,
    fields: null,
    status_text: user.status?.text ?? '',
    status_emoji: user.status?.emoji ?? '',
    status_emoji_display_info: [],
    status_expiration: user.status?.expiration ?? 0,
    avatar_hash: `g${user.id.toLowerCase().slice(-11)}`,
    first_name: firstName,
    last_name: rest.join(' '),
    image_24: avatar(user.id, 24),
    image_32: avatar(user.id, 32),
    image_48: avatar(user.id, 48),
    image_72: avatar(user.id, 72),
    image_192: avatar(user.id, 192),
    image_512: avatar(user.id, 512),
    team: workspace.teamId,
  };
  if (user.email !== undefined) profile.email = user.email;
  if (user.botId !== undefined) {
    profile.bot_id = user.botId;
    profile.api_app_id = workspace.appId;
    profile.always_active = true;
  }
  if (options.fields !== 'none') {
    const fields: Json = {};
    for (const [id, field] of Object.entries(user.profileFields)) {
      fields[id] =
        options.fields === 'labelled'
          ? { value: field.value, alt: field.alt ?? '', label: field.label ?? id }
          : { value: field.value, alt: field.alt ?? '' };
    }
    profile.fields = fields;
  }
  return profile;
}

/**
 * users.list and users.info leave custom profile fields out (`fields: null`), as Slack does: only
 * users.profile.get returns them. Deactivated users come without tz and role flags, also as Slack does.
 */
export function userObject(workspace: WorkspaceRecord, user: SandboxUser, atMs: number): Json {
  const object: Json = {
    id: user.id,
    team_id: workspace.teamId,
    name: user.name,
    deleted: user.deleted,
    color: '9f69e7',
    real_name: user.realName,
    profile: profileObject(workspace, user, { fields: 'none' }),
    is_bot: user.isBot,
    is_app_user: false,
    updated: user.updated,
  };
  if (!user.deleted) {
    const tz = timeZoneInfo(user.tz, atMs);
    Object.assign(object, {
      tz: user.tz,
      tz_label: tz.label,
      tz_offset: tz.offsetSeconds,
      is_admin: user.isAdmin,
      is_owner: user.isOwner,
      is_primary_owner: user.isPrimaryOwner,
      is_restricted: user.isRestricted,
      is_ultra_restricted: false,
      is_email_confirmed: !user.isBot,
      who_can_share_contact_card: 'EVERYONE',
    });
  }
  if (user.enterprise) {
    object.enterprise_user = {
      id: user.id,
      enterprise_id: user.enterprise.id,
      enterprise_name: user.enterprise.name,
      is_admin: user.isAdmin,
      is_owner: user.isOwner,
      is_primary_owner: user.isPrimaryOwner,
      teams: user.enterprise.teams,
    };
  }
  return object;
}

export function slackbotObject(workspace: WorkspaceRecord, atMs: number): Json {
  return userObject(
    workspace,
    {
      id: 'USLACKBOT',
      teamId: workspace.teamId,
      name: 'slackbot',
      realName: 'Slackbot',
      displayName: 'Slackbot',
      tz: 'America/Los_Angeles',
      title: '',
      phone: '',
      // Slackbot is famously not `is_bot`; directory syncs must filter it by id.
      isBot: false,
      isAdmin: false,
      isOwner: false,
      isPrimaryOwner: false,
      isRestricted: false,
      deleted: false,
      profileFields: {},
      updated: 0,
    },
    atMs,
  );
}

export function botProfileObject(workspace: WorkspaceRecord): Json {
  return {
    id: workspace.botId,
    app_id: workspace.appId,
    name: workspace.botName,
    icons: { image_36: avatar(workspace.botId, 36), image_48: avatar(workspace.botId, 48) },
    deleted: false,
    updated: workspace.created,
    team_id: workspace.teamId,
  };
}

export function messageObject(
  workspace: WorkspaceRecord,
  channel: ChannelRecord,
  message: StoredMessage,
  options: {
    includeMetadata: boolean;
    /** The workspace's files and the sandbox's URL, to describe a file share in full (else by id only). */
    files?: { byId: ReadonlyMap<string, SandboxFile>; baseUrl: string };
  },
): Json {
  const object: Json = {
    type: 'message',
    user: message.user,
    text: message.text,
    ts: message.ts,
    team: message.teamId,
  };
  if (message.replyBroadcast) object.subtype = 'thread_broadcast';
  if (message.botId !== undefined) {
    object.bot_id = message.botId;
    object.app_id = message.appId;
    object.bot_profile = botProfileObject(workspace);
  }
  if (message.blocks !== undefined) object.blocks = message.blocks;
  if (message.attachments !== undefined) object.attachments = message.attachments;
  if (message.threadTs !== undefined) object.thread_ts = message.threadTs;
  const replies = channel.messages.filter((other) => other.threadTs === message.ts && other.ts !== message.ts);
  if (replies.length > 0) {
    object.thread_ts = message.ts;
    object.reply_count = replies.length;
    object.reply_users = [...new Set(replies.map((reply) => reply.user))];
    object.reply_users_count = (object.reply_users as string[]).length;
    object.latest_reply = replies[replies.length - 1]!.ts;
  }
  if (message.edited) object.edited = message.edited;
  if (message.reactions.length > 0) object.reactions = message.reactions;
  if (options.includeMetadata && message.metadata) object.metadata = message.metadata;
  if (message.files !== undefined) {
    const described = options.files;
    object.files = message.files.map((id) => {
      const file = described?.byId.get(id);
      return file && described ? fileObject(workspace, file, { baseUrl: described.baseUrl }) : { id };
    });
    object.upload = true;
    object.display_as_bot = false;
  }
  return object;
}

/** Slack's id prefixes, for when the channel record is not at hand: D is a DM, G a private conversation. */
function kindById(channelId: string): string {
  if (channelId.startsWith('D')) return 'im';
  return channelId.startsWith('G') ? 'private' : 'public';
}

/**
 * A file as Slack describes it (`objs_file` in Slack's OpenAPI): where it was shared, split by the kind of
 * conversation, and the private URLs that need the workspace's token to download.
 */
export function fileObject(
  workspace: WorkspaceRecord,
  file: SandboxFile,
  options: { baseUrl: string; channels?: ReadonlyMap<string, ChannelRecord> },
): Json {
  const created = Math.floor(file.created / 1000);
  const privatePath = `${options.baseUrl}/files-pri/${workspace.teamId}-${file.id}`;
  const shared = Object.entries(file.shares).map(([channelId, ts]) => ({
    channelId,
    ts,
    kind: options.channels?.get(channelId)?.kind ?? kindById(channelId),
  }));
  const sharesOf = (kinds: string[]): Json =>
    Object.fromEntries(
      shared
        .filter((share) => kinds.includes(share.kind))
        .map((share) => [share.channelId, [{ ts: share.ts, channel_name: '', team_id: workspace.teamId }]]),
    );
  const object: Json = {
    id: file.id,
    created,
    timestamp: created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype.toUpperCase(),
    user: file.user,
    user_team: workspace.teamId,
    editable: false,
    size: file.content.length > 0 ? file.content.length : file.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: shared.some((share) => share.kind === 'public'),
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${privatePath}/${encodeURIComponent(file.name)}`,
    url_private_download: `${privatePath}/download/${encodeURIComponent(file.name)}`,
    permalink: `${options.baseUrl}/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    permalink_public: `${options.baseUrl}/${workspace.teamId}-${file.id}`,
    comments_count: 0,
    is_starred: false,
    shares: { public: sharesOf(['public']), private: sharesOf(['private', 'im', 'mpim']) },
    channels: shared.filter((share) => share.kind === 'public').map((share) => share.channelId),
    groups: shared.filter((share) => share.kind === 'private' || share.kind === 'mpim').map((share) => share.channelId),
    ims: shared.filter((share) => share.kind === 'im').map((share) => share.channelId),
    has_rich_preview: false,
  };
  if (file.altText !== undefined) object.alt_txt = file.altText;
  return object;
}

export function conversationObject(
  workspace: WorkspaceRecord,
  channel: ChannelRecord,
  options: { includeNumMembers?: boolean; atMs: number },
): Json {
  const isMember = channel.members.has(workspace.botUserId);
  if (channel.kind === 'im') {
    return {
      id: channel.id,
      created: channel.created,
      is_archived: false,
      is_im: true,
      is_org_shared: false,
      context_team_id: workspace.teamId,
      updated: channel.created * 1000,
      user: channel.user,
      is_user_deleted: workspace.users.get(channel.user ?? '')?.deleted ?? false,
      priority: 0,
      is_open: true,
    };
  }
  const object: Json = {
    id: channel.id,
    name: channel.name,
    is_channel: channel.kind === 'public' || channel.kind === 'private',
    is_group: false,
    is_im: false,
    is_mpim: channel.kind === 'mpim',
    is_private: channel.kind !== 'public',
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: channel.isGeneral,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: workspace.teamId,
    updated: options.atMs,
    parent_conversation: null,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [workspace.teamId],
    pending_connected_team_ids: [],
    is_member: isMember,
    topic: { value: channel.topic, creator: channel.topic ? channel.creator : '', last_set: 0 },
    purpose: { value: channel.purpose, creator: channel.purpose ? channel.creator : '', last_set: 0 },
    previous_names: [],
  };
  if (options.includeNumMembers) object.num_members = channel.members.size;
  return object;
}

export function teamObject(workspace: WorkspaceRecord): Json {
  const object: Json = {
    id: workspace.teamId,
    name: workspace.name,
    url: `https://${workspace.domain}.slack.com/`,
    domain: workspace.domain,
    email_domain: '',
    icon: { image_default: true, image_34: avatar(workspace.teamId, 34), image_44: avatar(workspace.teamId, 44) },
    avatar_base_url: 'https://avatars.sandbox.invalid/',
    is_verified: false,
  };
  if (workspace.enterpriseId !== undefined) {
    object.enterprise_id = workspace.enterpriseId;
    object.enterprise_name = workspace.enterpriseName;
    object.enterprise_domain = workspace.enterpriseId.toLowerCase();
  }
  return object;
}

export function usergroupObject(
  workspace: WorkspaceRecord,
  group: UsergroupRecord,
  options: { includeUsers: boolean; includeCount: boolean },
): Json {
  const object: Json = {
    id: group.id,
    team_id: workspace.teamId,
    is_usergroup: true,
    is_subteam: true,
    name: group.name,
    description: group.description,
    handle: group.handle,
    is_external: false,
    date_create: group.created,
    date_update: group.created,
    date_delete: group.disabled ? group.created : 0,
    auto_type: null,
    auto_provision: false,
    enterprise_subteam_id: '',
    created_by: workspace.botUserId,
    updated_by: workspace.botUserId,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
  };
  // Slack takes deactivated accounts out of their user groups.
  const users = group.users.filter((id) => !workspace.users.get(id)?.deleted);
  if (options.includeUsers) object.users = users;
  if (options.includeCount) object.user_count = users.length;
  return object;
}

export function viewObject(view: ViewRecord): Json {
  const source = view.view;
  const object: Json = {
    id: view.id,
    team_id: view.teamId,
    type: view.type,
    blocks: source.blocks ?? [],
    private_metadata: source.private_metadata ?? '',
    callback_id: source.callback_id ?? '',
    state: { values: {} },
    hash: view.hash,
    clear_on_close: source.clear_on_close ?? false,
    notify_on_close: source.notify_on_close ?? false,
    close: source.close ?? null,
    submit: source.submit ?? null,
    previous_view_id: view.previousViewId ?? null,
    root_view_id: view.rootViewId,
    app_id: view.appId,
    external_id: view.externalId ?? '',
    app_installed_team_id: view.teamId,
    bot_id: view.botId,
  };
  if (source.title !== undefined) object.title = source.title;
  return object;
}
