// @ts-check
// The sandbox's Slack-like client. Plain browser JavaScript in ES modules, no build step, no dependencies, type
// checked by tsc through the JSDoc in each module (tsconfig.json beside it). It draws what `api/state` returns and
// sends what the person does to the `api/...` endpoints, which turn it into the signed requests Slack would send
// the app. Every piece of text reaches the page as a DOM text node (textContent, createTextNode); nothing from a
// message, a view or a name is ever parsed as HTML.
//
// The modules, each with one job:
//   state.js                 what the page knows (latest state, who and where, element values, what is on top)
//   server.js                the POSTs of what the person does and the poll of api/state
//   dom.js, icons.js         building elements from data; the chrome's SVG icons
//   emoji.js, names.js       emoji by name; people, channels and times as the acting person sees them
//   mrkdwn.js                mrkdwn and plain_text drawn as DOM
//   block-kit.js             layout blocks and legacy attachments
//   block-elements.js        interactive elements as form controls
//   block-inputs.js          element values per surface and the block_actions they send
//   menus.js                 popover menus and confirm dialogs
//   actor.js, sidebar.js     who acts; the conversations to open
//   navigation.js            opening a conversation or the app's tabs
//   conversation.js          the main pane: header, tabs, Home tab, conversation
//   messages.js              messages, reactions, the message toolbar
//   composer.js              the composer, the Join bar, the ⚡ shortcuts menu
//   composer-suggestions.js  the `/` and `@` suggestion list
//   modal.js                 the modal view stack
//   time-controls.js         the Time panel

import { renderActor } from './actor.js';
import { attachComposer } from './composer.js';
import { renderMain } from './conversation.js';
import { $ } from './dom.js';
import { icon } from './icons.js';
import { closePopover } from './menus.js';
import { onDismiss } from './messages.js';
import { renderModal } from './modal.js';
import { selectConversation } from './navigation.js';
import { onNewState, refresh, schedulePoll } from './server.js';
import { renderSidebar } from './sidebar.js';
import { isAppTab, setMe, ui } from './state.js';
import { renderTime } from './time-controls.js';

function render() {
  const state = ui.state;
  if (!state) return;
  renderActor(state);
  renderSidebar(state);
  renderTime(state);
  renderMain(state);
  renderModal(state);
}

/** Escape closes one thing, the one on top: a confirm dialog, a menu, the composer's suggestions, a modal view. */
function closeTopmost() {
  if (ui.confirmDeny) {
    ui.confirmDeny();
  } else if (ui.popoverAnchor) {
    const anchor = ui.popoverAnchor;
    closePopover();
    if (anchor.isConnected) anchor.focus();
  } else if (ui.suggestions?.isOpen()) {
    ui.suggestions.close();
  } else if (ui.closeModal) {
    void ui.closeModal();
  } else {
    return false;
  }
  return true;
}

function start() {
  onNewState(render);
  onDismiss(render);
  document.querySelector('.time-panel h2')?.prepend(icon('clock'), ' ');
  attachComposer();
  const actor = $('actor', HTMLSelectElement);
  actor.addEventListener('change', async () => {
    setMe(actor.value);
    ui.rendered = {};
    if (ui.conversation !== null && isAppTab(ui.conversation)) await selectConversation(ui.conversation);
    else await refresh(true);
  });
  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    if (!target.closest('.popover') && !target.closest('[aria-haspopup], .tool, .overflow')) closePopover();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (closeTopmost()) event.preventDefault();
  });
  void refresh(true).then(() => {
    if (ui.conversation !== null && isAppTab(ui.conversation)) void selectConversation(ui.conversation);
    schedulePoll();
  });
}

start();
