// @ts-check
// What the page knows: the latest state from the server, who it acts as, where it is, what the person has typed
// into Block Kit elements and what sits on top (for Escape). Who and where survive a reload in localStorage.

/**
 * @typedef {import('./types.js').UiState} UiState
 * @typedef {import('./types.js').InputValue} InputValue
 * @typedef {ReturnType<typeof import('./composer-suggestions.js').attachSuggestions>} Suggestions
 */

const STORAGE = 'nudge-sandbox:';

/** The two tabs of the app's own conversation, which are not channels. */
export const APP_HOME = 'app-home';
export const APP_MESSAGES = 'app-messages';

export const ui = {
  /** @type {string | null} */
  me: localStorage.getItem(`${STORAGE}me`),
  /** @type {string | null} */
  conversation: localStorage.getItem(`${STORAGE}conversation`),
  /** @type {string | null} */
  version: null,
  /** @type {UiState | null} */
  state: null,
  /**
   * `${surface}\u0000${blockId}\u0000${actionId}` -> { value } | { values } for elements the person touched.
   * @type {Map<string, InputValue>}
   */
  inputs: new Map(),
  /** @type {Record<string, string>} */
  seen: readJson(`${STORAGE}seen`, {}),
  /** @type {Set<string>} */
  dismissed: new Set(),
  /** @type {Record<string, string>} */
  rendered: {},
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  pollTimer: undefined,
  /**
   * What Escape closes, topmost first (closeTopmost): a confirm dialog, the open menu, the suggestions, a modal.
   * @type {(() => void) | undefined}
   */
  confirmDeny: undefined,
  /** @type {HTMLElement | undefined} */
  popoverAnchor: undefined,
  /** @type {(() => Promise<unknown> | undefined) | undefined} */
  closeModal: undefined,
  /** @type {Suggestions | undefined} */
  suggestions: undefined,
};

/**
 * @template T
 * @param {string} key
 * @param {T} fallback
 * @returns {T}
 */
function readJson(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '') ?? fallback;
  } catch {
    return fallback;
  }
}

/**
 * @param {string} userId
 * @param {boolean} [persist]
 */
export function setMe(userId, persist = true) {
  ui.me = userId;
  if (persist) localStorage.setItem(`${STORAGE}me`, userId);
}

/** @param {string} id */
export function rememberConversation(id) {
  ui.conversation = id;
  localStorage.setItem(`${STORAGE}conversation`, id);
}

/**
 * @param {string} conversationId
 * @param {string} latestTs
 */
export function markSeen(conversationId, latestTs) {
  ui.seen[conversationId] = latestTs;
  localStorage.setItem(`${STORAGE}seen`, JSON.stringify(ui.seen));
}

/** @param {string | null} id */
export function isAppTab(id) {
  return id === APP_HOME || id === APP_MESSAGES;
}

/** @param {string} id */
export function conversationExists(id) {
  if (isAppTab(id)) return true;
  return (ui.state?.conversations ?? []).some((conversation) => conversation.id === id);
}

export function defaultConversation() {
  const conversations = ui.state?.conversations ?? [];
  const mine = conversations.filter((conversation) => conversation.isMember && conversation.kind !== 'mpim');
  return (mine.find((conversation) => conversation.name === 'general') ?? mine[0] ?? conversations[0])?.id;
}

/** The channel the composer writes to: the app's DM for its Messages tab, none on its Home tab. */
export function currentChannelId() {
  if (ui.conversation === APP_HOME) return undefined;
  if (ui.conversation === APP_MESSAGES) return ui.state?.appDm?.id;
  return ui.conversation;
}

/**
 * Whether a region must be drawn again: true when what it shows differs from the last time it was drawn.
 * @param {string} region
 * @param {unknown} value
 */
export function changed(region, value) {
  const signature = JSON.stringify(value);
  if (ui.rendered[region] === signature) return false;
  ui.rendered[region] = signature;
  return true;
}
