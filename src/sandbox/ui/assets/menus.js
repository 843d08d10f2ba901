// @ts-check
// Menus (popovers) and Block Kit confirm dialogs, the two things drawn over the page besides modals.

import { $, fill, h } from './dom.js';
import { plain, renderTextObject } from './mrkdwn.js';
import { ui } from './state.js';

/**
 * @typedef {import('./types.js').Confirm} Confirm
 * @typedef {{ label: string, run: () => unknown, icon?: Node | string, detail?: string }} MenuItem
 */

export function closePopover() {
  fill($('popover-root'));
  ui.popoverAnchor = undefined;
}

/**
 * A menu under (or above) the button that opened it; Escape or a click elsewhere closes it.
 * @param {HTMLElement} anchor
 * @param {MenuItem[]} items
 * @param {string} [title]
 */
export function openPopover(anchor, items, title) {
  closePopover();
  ui.popoverAnchor = anchor;
  const rect = anchor.getBoundingClientRect();
  const menu = h('div', { class: 'popover', role: 'menu' });
  if (title) menu.append(h('div', { class: 'popover-title', text: title }));
  if (items.length === 0) menu.append(h('div', { class: 'popover-empty', text: 'Nothing here' }));
  for (const item of items) {
    menu.append(
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          class: 'popover-item',
          onclick: () => {
            closePopover();
            void item.run();
          },
        },
        item.icon ? h('span', { class: 'popover-icon' }, item.icon) : null,
        h('span', { text: item.label }),
        item.detail ? h('span', { class: 'popover-detail', text: item.detail }) : null,
      ),
    );
  }
  $('popover-root').append(menu);
  const width = menu.offsetWidth;
  const height = menu.offsetHeight;
  menu.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`;
  menu.style.top = `${rect.bottom + height + 8 > window.innerHeight ? rect.top - height - 4 : rect.bottom + 4}px`;
  menu.querySelector('button')?.focus();
}

/**
 * Block Kit's confirm dialog; resolves true when the person confirms.
 * @param {Confirm} confirm
 * @returns {Promise<boolean>}
 */
export function confirmDialog(confirm) {
  return new Promise((resolve) => {
    /** @param {boolean} answer */
    const done = (answer) => {
      ui.confirmDeny = undefined;
      overlay.remove();
      resolve(answer);
    };
    ui.confirmDeny = () => done(false);
    const overlay = h(
      'div',
      { class: 'modal-backdrop confirm' },
      h(
        'div',
        { class: 'modal', role: 'alertdialog', 'aria-modal': 'true' },
        h('div', { class: 'modal-header' }, h('h2', { text: plain(confirm.title) || 'Are you sure?' })),
        h('div', { class: 'modal-body' }, renderTextObject(confirm.text, 'div')),
        h(
          'div',
          { class: 'modal-footer' },
          h('button', {
            type: 'button',
            class: 'bk-button',
            text: plain(confirm.deny) || 'Cancel',
            onclick: () => done(false),
          }),
          h('button', {
            type: 'button',
            class: `bk-button ${confirm.style === 'danger' ? 'danger' : 'primary'}`,
            text: plain(confirm.confirm) || 'Yes',
            onclick: () => done(true),
          }),
        ),
      ),
    );
    document.body.append(overlay);
  });
}
