// @ts-check
// Modals: the view stack the app opens, pushes and updates, submitted or closed as Slack's client does.

import { surfaceState } from './block-inputs.js';
import { renderBlocks } from './block-kit.js';
import { $, fill, h } from './dom.js';
import { plain } from './mrkdwn.js';
import { post } from './server.js';
import { changed, ui } from './state.js';

/**
 * @typedef {import('./types.js').RenderContext} RenderContext
 * @typedef {import('./types.js').UiState} UiState
 */

/**
 * The top view of the acting person's modal stack, with ← from the second view on.
 * @param {UiState} state
 */
export function renderModal(state) {
  const modal = state.modal;
  if (!changed('modal', [modal, state.users.length])) return;
  const root = $('modal-root');
  if (!modal) {
    ui.closeModal = undefined;
    fill(root);
    return;
  }
  const hadFocus = document.activeElement?.closest?.('.modal') ? document.activeElement : null;
  const focusPath = hadFocus ? [hadFocus.closest('[data-block-id]')?.getAttribute('data-block-id') ?? undefined] : [];
  /** @type {RenderContext} */
  const ctx = { key: `v:${modal.id}`, surface: { type: 'view', viewId: modal.id }, errors: modal.errors };
  // Slack closes one view per Close (Escape included): the view under it comes back, unless clear_on_close.
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    return post('view-close', { user: ui.me, viewId: modal.id, state: surfaceState(ctx) });
  };
  ui.closeModal = close;
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    await post('view-submit', { user: ui.me, viewId: modal.id, state: surfaceState(ctx) });
  };
  const dialog = h(
    'form',
    {
      class: 'modal',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-label': plain(modal.title),
      onsubmit: submit,
      dataset: { viewId: modal.id },
    },
    h(
      'div',
      { class: 'modal-header' },
      modal.depth > 1
        ? h('button', { type: 'button', class: 'modal-back', 'aria-label': 'Back', text: '←', onclick: close })
        : null,
      h('h2', { text: plain(modal.title) }),
      h('button', { type: 'button', class: 'modal-close', 'aria-label': 'Close', text: '×', onclick: close }),
    ),
    h('div', { class: 'modal-body' }, renderBlocks(ctx, modal.blocks)),
    h(
      'div',
      { class: 'modal-footer' },
      h('button', { type: 'button', class: 'bk-button', text: plain(modal.close) || 'Cancel', onclick: close }),
      modal.submit ? h('button', { type: 'submit', class: 'bk-button primary', text: plain(modal.submit) }) : null,
    ),
  );
  fill(root, h('div', { class: 'modal-backdrop' }, dialog));
  const blockId = focusPath[0];
  const refocus = blockId
    ? dialog.querySelector(
        `[data-block-id="${CSS.escape(blockId)}"] input, [data-block-id="${CSS.escape(blockId)}"] textarea`,
      )
    : null;
  /** @type {HTMLElement | null} */ (refocus ?? dialog.querySelector('input, textarea, select'))?.focus();
}
