// @ts-check
// The main pane: the header of what is open, the app's tabs, and either its Home tab or a conversation.

import { renderBlocks } from './block-kit.js';
import { renderComposer } from './composer.js';
import { $, fill, h } from './dom.js';
import { icon } from './icons.js';
import { renderMessages } from './messages.js';
import { avatar, mpimLabel } from './names.js';
import { selectConversation } from './navigation.js';
import { APP_HOME, APP_MESSAGES, changed, isAppTab, ui } from './state.js';

/**
 * @typedef {import('./types.js').Conversation} Conversation
 * @typedef {import('./types.js').RenderContext} RenderContext
 * @typedef {import('./types.js').UiState} UiState
 */

/**
 * The main pane: a conversation with its composer, or the app's Home and Messages tabs.
 * @param {UiState} state
 */
export function renderMain(state) {
  const isApp = isAppTab(ui.conversation);
  const conversation = state.conversation;
  renderHeader(state, isApp, conversation);
  const tabs = $('tabs');
  tabs.hidden = !isApp;
  if (isApp && changed('tabs', ui.conversation)) {
    fill(
      tabs,
      .../** @type {Array<[string, string]>} */ ([
        [APP_HOME, 'Home'],
        [APP_MESSAGES, 'Messages'],
      ]).map(([id, label]) =>
        h('button', {
          type: 'button',
          role: 'tab',
          class: `tab${ui.conversation === id ? ' current' : ''}`,
          'aria-selected': String(ui.conversation === id),
          text: label,
          onclick: () => selectConversation(id),
        }),
      ),
    );
  }
  const showHome = ui.conversation === APP_HOME;
  $('home').hidden = !showHome;
  $('messages').hidden = showHome;
  $('composer').hidden = showHome;
  if (showHome) {
    renderHome(state);
    return;
  }
  renderMessages(state, conversation);
  renderComposer(state, conversation);
}

/**
 * @param {UiState} state
 * @param {boolean} isApp
 * @param {Conversation | undefined} conversation
 */
function renderHeader(state, isApp, conversation) {
  const header = $('channel-header');
  if (
    !changed('header', [
      isApp,
      conversation?.id,
      conversation?.topic,
      conversation?.memberCount,
      conversation?.botIsMember,
      state.me,
    ])
  )
    return;
  if (isApp) {
    fill(
      header,
      avatar(state.app.botUserId, true),
      h('h1', { text: state.app.name }),
      h('span', { class: 'app-badge', text: 'APP' }),
    );
    return;
  }
  if (!conversation) {
    fill(header, h('h1', { text: 'Pick a conversation' }));
    return;
  }
  const title =
    conversation.kind === 'mpim'
      ? mpimLabel(conversation)
      : `${conversation.kind === 'private' ? '🔒 ' : '# '}${conversation.name}`;
  fill(
    header,
    h('h1', { text: title }),
    conversation.topic ? h('span', { class: 'topic', text: conversation.topic }) : null,
    h('span', { class: 'header-meta', title: 'Members' }, icon('person'), ` ${conversation.memberCount}`),
    h('span', {
      class: `header-meta${conversation.botIsMember ? '' : ' warn'}`,
      title: conversation.botIsMember ? '' : 'The app gets no events (e.g. reactions) from this conversation',
      text: conversation.botIsMember
        ? `${state.app.name} is in this conversation`
        : `${state.app.name} is not a member`,
    }),
  );
}

/**
 * The Home tab the app published for the acting person.
 * @param {UiState} state
 */
function renderHome(state) {
  const home = state.home;
  if (!changed('home', [home, state.users.length, state.me])) return;
  const container = $('home');
  if (!home) {
    fill(container, h('div', { class: 'empty', text: `${state.app.name} has not published a Home tab for you yet.` }));
    return;
  }
  /** @type {RenderContext} */
  const ctx = { key: `v:${home.id}`, surface: { type: 'view', viewId: home.id } };
  fill(container, renderBlocks(ctx, home.blocks));
}
