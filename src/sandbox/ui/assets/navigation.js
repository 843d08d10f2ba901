// @ts-check
// Moving between conversations and the app's Home and Messages tabs.

import { $ } from './dom.js';
import { closePopover } from './menus.js';
import { post, refresh } from './server.js';
import { APP_HOME, isAppTab, rememberConversation, ui } from './state.js';

/**
 * Opens a conversation, or one of the app's tabs, which tells the app as Slack does (app_home_opened).
 * @param {string} id a conversation id, APP_HOME or APP_MESSAGES
 */
export async function selectConversation(id) {
  rememberConversation(id);
  closePopover();
  if (isAppTab(id)) {
    await post('open-home', { user: ui.me, tab: id === APP_HOME ? 'home' : 'messages' });
  } else {
    await refresh(true);
  }
  $('composer-input').focus();
}
