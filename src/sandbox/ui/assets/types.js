// @ts-check
// The shapes the page works with: the JSON `api/state` answers (built by ui-state.ts) and the Block Kit inside
// it. Block Kit arrives as the app wrote it, so its types list only what this client reads, mostly optional.

export {};

/**
 * @typedef {{ id: string, name: string, realName: string, displayName: string, title?: string, tz?: string,
 *   isBot: boolean, isAdmin: boolean, deleted: boolean }} User
 * @typedef {{ id: string, handle: string, name: string }} Usergroup
 * @typedef {{ id: string, label: string }} TimeControl
 * @typedef {{ controlId: string, text: string, ok: boolean, at: number }} TimeStatus
 * @typedef {{ type: 'global' | 'message', callbackId: string, name: string }} Shortcut
 * @typedef {{ command: string, description: string, usageHint: string }} Command
 * @typedef {'public' | 'private' | 'mpim' | 'im'} ConversationKind
 * @typedef {{ id: string, name: string, kind: ConversationKind, isMember: boolean, isArchived: boolean,
 *   members?: string[], latestTs: string | null }} ConversationSummary
 * @typedef {{ name: string, count: number, users: string[], mine: boolean }} Reaction
 * @typedef {{ id: string, name: string, title: string, mimetype: string, size: number, altText: string | null }} FileItem
 * @typedef {{ kind: 'message', ts: string, threadTs: string | null, user: string, isBot: boolean, text: string,
 *   blocks: Block[] | null, attachments: Attachment[] | null, files: FileItem[] | null, reactions: Reaction[],
 *   edited: boolean }} MessageItem
 * @typedef {{ kind: 'ephemeral', ts: string, threadTs: string | null, user: string, isBot: boolean, text: string,
 *   blocks: Block[] | null, attachments?: undefined, files?: undefined, edited?: undefined }} EphemeralItem
 * @typedef {{ kind: 'notice', ts: string, text: string, threadTs?: undefined }} NoticeItem
 * @typedef {MessageItem | EphemeralItem | NoticeItem} Item
 * @typedef {{ id: string, name: string, kind: ConversationKind, topic: string, purpose: string, isArchived: boolean,
 *   isMember: boolean, botIsMember: boolean, memberCount: number, members: string[], items: Item[] }} Conversation
 * @typedef {{ id: string, hash: string, type: string, title: TextObject | null, submit: TextObject | null,
 *   close: TextObject | null, callbackId: string, blocks: Block[] }} View
 * @typedef {View & { errors: Record<string, string>, depth: number }} Modal
 * @typedef {{
 *   version: string,
 *   team: { id: string, name: string, domain: string },
 *   app: { name: string, botUserId: string, botId: string },
 *   me: string | null,
 *   users: User[],
 *   usergroups: Usergroup[],
 *   timeControls: TimeControl[],
 *   shortcuts: Shortcut[],
 *   commands: Command[],
 *   timeStatus: TimeStatus | null,
 *   conversations?: ConversationSummary[],
 *   channelNames?: Record<string, string>,
 *   appDm?: { id: string, latestTs: string | null } | null,
 *   viewableFiles?: string[],
 *   home?: View | null,
 *   conversation?: Conversation,
 *   modal?: Modal | null,
 * }} UiState
 * @typedef {{ version: string, unchanged: true }} Unchanged
 * @typedef {{ ok: boolean, error?: string, detail?: string, event?: unknown, reason?: string }} ApiResult
 */

/**
 * Block Kit as the client reads it.
 * @typedef {string | { type?: string, text?: string, emoji?: boolean }} TextObject
 * @typedef {{ text?: TextObject, value: string, description?: TextObject }} Option
 * @typedef {{ label?: TextObject, options?: Option[] }} OptionGroup
 * @typedef {{ title?: TextObject, text?: TextObject, confirm?: TextObject, deny?: TextObject, style?: string }} Confirm
 * @typedef {{
 *   type: string, action_id: string, text?: TextObject, style?: string, url?: string, placeholder?: TextObject,
 *   options?: Option[], option_groups?: OptionGroup[], initial_option?: Option, initial_options?: Option[],
 *   initial_user?: string, initial_users?: string[], initial_conversation?: string,
 *   initial_conversations?: string[], initial_channel?: string, initial_channels?: string[],
 *   initial_date?: string, initial_time?: string, initial_value?: string, multiline?: boolean,
 *   max_length?: number, confirm?: Confirm, alt_text?: string,
 * }} Element
 * @typedef {{ type: string, text?: string, emoji?: boolean, alt_text?: string }} ContextElement
 * @typedef {{ type: string, text?: string, url?: string, user_id?: string, channel_id?: string,
 *   usergroup_id?: string, range?: string, name?: string, fallback?: string, timestamp?: number,
 *   style?: string | { code?: boolean, bold?: boolean, italic?: boolean, strike?: boolean },
 *   elements?: RichTextNode[] }} RichTextNode
 * @typedef {{ type: string, block_id: string, dispatch_action?: boolean, label?: TextObject }} Block
 * @typedef {Block & { text?: TextObject }} HeaderBlock
 * @typedef {Block & { text?: TextObject, fields?: TextObject[], accessory?: Element }} SectionBlock
 * @typedef {Block & { elements?: ContextElement[] }} ContextBlock
 * @typedef {Block & { elements?: Element[] }} ActionsBlock
 * @typedef {Block & { title?: TextObject, alt_text?: string, image_url?: string,
 *   slack_file?: { id?: string, url?: string } }} ImageBlock
 * @typedef {Block & { optional?: boolean, element?: Element, hint?: TextObject }} InputBlock
 * @typedef {Block & { elements?: RichTextNode[] }} RichTextBlock
 * @typedef {{ color?: string, pretext?: string, author_name?: string, title?: string, text?: string,
 *   fields?: Array<{ title?: string, value?: string }>, blocks?: Block[], footer?: string }} Attachment
 */

/**
 * Where an element lives, and what its state is keyed by.
 * @typedef {{ type: 'message', channel: string, ts: string, ephemeral: boolean } | { type: 'view', viewId: string }} Surface
 * @typedef {{ key: string, surface: Surface, errors?: Record<string, string> }} RenderContext
 * @typedef {{ value?: string | null, values?: string[] }} InputValue
 */
