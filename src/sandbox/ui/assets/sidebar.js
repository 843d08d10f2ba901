// @ts-check
// The sidebar: the conversations the person can open, with unread marks.

import { $, fill, h } from './dom.js';
import { icon } from './icons.js';
import { mpimLabel } from './names.js';
import { selectConversation } from './navigation.js';
import { APP_HOME, APP_MESSAGES, changed, currentChannelId, ui } from './state.js';

/** @typedef {import('./types.js').UiState} UiState */

/**
 * @param {string} id
 * @param {string | null} latestTs
 */
function isUnread(id, latestTs) {
  return latestTs && id !== currentChannelId() && (!ui.seen[id] || Number(latestTs) > Number(ui.seen[id]));
}

/**
 * @param {{ id: string, icon: Node | string, label: string, unread?: unknown, muted?: boolean, title?: string }} item
 */
function sidebarItem({ id, icon: itemIcon, label, unread, muted, title }) {
  const current = ui.conversation === id || (id === APP_HOME && ui.conversation === APP_MESSAGES);
  return h(
    'button',
    {
      type: 'button',
      class: `sidebar-item${current ? ' current' : ''}${unread ? ' unread' : ''}${muted ? ' muted' : ''}`,
      'aria-current': current ? 'page' : undefined,
      title,
      dataset: { conversation: id },
      onclick: () => selectConversation(id),
    },
    h('span', { class: 'sidebar-icon' }, itemIcon),
    h('span', { class: 'sidebar-label', text: label }),
  );
}

/**
 * Channels you are in, other public channels, group DMs and the app.
 * @param {UiState} state
 */
export function renderSidebar(state) {
  const conversations = state.conversations ?? [];
  if (!changed('sidebar', [conversations, state.appDm, state.me, ui.conversation, ui.seen, state.users.length])) return;
  const channels = conversations.filter((c) => c.kind !== 'mpim').sort((a, b) => a.name.localeCompare(b.name));
  /**
   * @param {string} title
   * @param {HTMLElement[]} items
   */
  const section = (title, items) =>
    items.length === 0 ? null : h('section', { class: 'sidebar-section' }, h('h2', { text: title }), ...items);
  fill(
    $('sidebar-sections'),
    ...[
      section(
        'Channels',
        channels
          .filter((c) => c.isMember)
          .map((c) =>
            sidebarItem({
              id: c.id,
              icon: c.kind === 'private' ? icon('lock') : '#',
              label: c.name,
              unread: isUnread(c.id, c.latestTs),
              muted: c.isArchived,
            }),
          ),
      ),
      section(
        'Other channels',
        channels
          .filter((c) => !c.isMember)
          .map((c) => sidebarItem({ id: c.id, icon: '#', label: c.name, muted: true, title: 'You are not a member' })),
      ),
      section(
        'Direct messages',
        conversations
          .filter((c) => c.kind === 'mpim')
          .map((c) =>
            sidebarItem({ id: c.id, icon: icon('people'), label: mpimLabel(c), unread: isUnread(c.id, c.latestTs) }),
          ),
      ),
      section('Apps', [
        sidebarItem({
          id: APP_HOME,
          icon: icon('app'),
          label: state.app.name,
          unread: state.appDm && isUnread(state.appDm.id, state.appDm.latestTs),
        }),
      ]),
    ],
  );
}
