/**
 * Why Nudge holds each bot scope: the Web API methods it calls and the events it subscribes to that need it
 * (Slack's method and event reference names the scopes of each). manifest.yml must list exactly these scopes,
 * and every method and event named here must be one Nudge really calls or listens to (test/unit/manifest.test.ts).
 */
export interface ScopeUse {
  /** Web API methods Nudge calls that need this scope. */
  methods?: readonly string[];
  /** Events Nudge subscribes to that need this scope. */
  events?: readonly string[];
  /** Slash commands and shortcuts need `commands`. */
  commands?: true;
  /** The README's words for why the scope is there. */
  why: string;
}

export const botScopeUses = {
  commands: { commands: true, why: 'the `/kudos`, `/coffee`, `/celebrate` and `/nudge` commands and the shortcuts' },
  'chat:write': {
    methods: ['chat.postMessage', 'chat.postEphemeral', 'chat.update'],
    why: 'posting kudos, intros, check-ins, digests and celebrations; private answers; updating a retracted kudos',
  },
  'chat:write.public': {
    methods: ['chat.postMessage'],
    why: 'announcing in a public channel (kudos, celebrations) without being invited to it first',
  },
  'files:write': {
    methods: ['files.getUploadURLExternal', 'files.completeUploadExternal'],
    why: 'sending files and pictures (data exports, charts) into a DM or channel',
  },
  'im:write': { methods: ['conversations.open'], why: 'opening the DM in which a person gets a prompt or an intro' },
  'mpim:write': { methods: ['conversations.open'], why: 'opening the group DM of a coffee or intro group' },
  'channels:history': {
    methods: ['conversations.history'],
    why: 'the exactly-once sender: after a crash between posting and recording, it reads the public channel back to see whether the post landed',
  },
  'groups:history': {
    methods: ['conversations.history'],
    why: 'the same crash check for a private channel',
  },
  'im:history': { methods: ['conversations.history'], why: 'the same crash check for a DM' },
  'mpim:history': { methods: ['conversations.history'], why: 'the same crash check for a group DM' },
  'channels:read': {
    methods: ['conversations.info', 'conversations.members'],
    events: ['member_joined_channel'],
    why: "a public programme channel's members and creator; whether a chosen channel can take posts; people joining a programme channel",
  },
  'groups:read': {
    methods: ['conversations.info', 'conversations.members'],
    events: ['member_joined_channel'],
    why: 'the same for a private channel Nudge was invited to',
  },
  'im:read': {
    methods: ['conversations.info'],
    why: 'telling someone who picked a DM where a channel is needed to choose a channel',
  },
  'mpim:read': {
    methods: ['conversations.info'],
    events: ['member_joined_channel'],
    why: 'the same for a group DM',
  },
  'users:read': {
    methods: ['users.list', 'users.info'],
    events: ['user_change', 'team_join'],
    why: "the member directory: names, time zones, who is a bot, a guest or deactivated (daily sync and each person's changes)",
  },
  'users:read.email': {
    methods: ['users.lookupByEmail'],
    why: 'celebration dates imported or sent by webhook name people by email',
  },
  'users.profile:read': {
    methods: ['users.profile.get', 'team.profile.get'],
    why: "pairing teams drawn from a custom profile field, and people's seniority and manager from theirs (the values and the list of fields)",
  },
  'usergroups:read': {
    methods: ['usergroups.list', 'usergroups.users.list'],
    why: 'kudos to a user group, and pairing teams drawn from user groups',
  },
  'reactions:read': {
    events: ['reaction_added', 'reaction_removed'],
    why: 'giving (and taking back) kudos with the kudos emoji',
  },
  'reactions:write': { methods: ['reactions.add'], why: 'the reaction Nudge adds under a celebration it posts' },
} as const satisfies Record<string, ScopeUse>;

export type BotScope = keyof typeof botScopeUses;

/** The bot scopes Nudge asks for; manifest.yml must list exactly these (a test checks it). */
export const botScopes = Object.keys(botScopeUses) as BotScope[];
