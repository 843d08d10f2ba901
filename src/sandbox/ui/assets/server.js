// @ts-check
// Talking to the sandbox: POSTs of what the person does, and the poll of `api/state` that redraws the page.

import { toast } from './dom.js';
import { conversationExists, defaultConversation, setMe, ui } from './state.js';

/**
 * @typedef {import('./types.js').ApiResult} ApiResult
 * @typedef {import('./types.js').UiState} UiState
 * @typedef {import('./types.js').Unchanged} Unchanged
 */

const base = document.body.dataset.base ?? '/sandbox';
const POLL_MS = 700;

/**
 * Where the page reads a shared file's bytes.
 * @param {string} fileId
 */
export function fileUrl(fileId) {
  return `${base}/api/files/${encodeURIComponent(fileId)}`;
}

/** @type {() => void} */
let draw = () => {};

/**
 * What draws the page whenever a new state arrives.
 * @param {() => void} render
 */
export function onNewState(render) {
  draw = render;
}

/**
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<ApiResult>}
 */
export async function post(path, body) {
  document.body.classList.add('busy');
  try {
    const response = await fetch(`${base}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    /** @type {ApiResult} */
    const data = await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }));
    if (!response.ok) toast(`${path}: ${data.error ?? response.status}${data.detail ? ` (${data.detail})` : ''}`);
    return data;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    toast(`${path}: ${message}`);
    return { ok: false, error: message };
  } finally {
    document.body.classList.remove('busy');
    await refresh(true);
  }
}

/**
 * @param {boolean} [force] fetch the whole state even when the version has not moved
 * @returns {Promise<void>}
 */
export async function refresh(force = false) {
  const params = new URLSearchParams();
  if (ui.me) params.set('user', ui.me);
  if (ui.conversation) params.set('conversation', ui.conversation);
  if (!force && ui.version) params.set('since', ui.version);
  /** @type {UiState | Unchanged} */
  let data;
  try {
    const response = await fetch(`${base}/api/state?${params}`);
    data = await response.json();
  } catch {
    document.body.classList.add('offline');
    return;
  }
  document.body.classList.remove('offline');
  if ('unchanged' in data) return;
  ui.version = data.version;
  ui.state = data;
  if (data.me && data.me !== ui.me) setMe(data.me, false);
  if (!ui.conversation || !conversationExists(ui.conversation)) {
    const fallback = defaultConversation();
    if (fallback && fallback !== ui.conversation) {
      ui.conversation = fallback;
      return refresh(true);
    }
  }
  draw();
}

export function schedulePoll() {
  clearTimeout(ui.pollTimer);
  ui.pollTimer = setTimeout(async () => {
    if (!document.hidden) await refresh();
    schedulePoll();
  }, POLL_MS);
}
