// @ts-check
// The composer: slash commands and messages, the Join bar, suggestions and the global shortcuts menu.

import { attachSuggestions } from './composer-suggestions.js';
import { $, fill, h } from './dom.js';
import { icon } from './icons.js';
import { openPopover } from './menus.js';
import { mpimLabel } from './names.js';
import { post } from './server.js';
import { changed, currentChannelId, ui } from './state.js';

/**
 * @typedef {import('./types.js').Conversation} Conversation
 * @typedef {import('./types.js').UiState} UiState
 */

/**
 * The composer, or the Join bar for a public channel the person is not in.
 * @param {UiState} state
 * @param {Conversation | undefined} conversation
 */
export function renderComposer(state, conversation) {
  const joinBar = $('join-bar');
  const input = $('composer-input', HTMLTextAreaElement);
  const canWrite = conversation?.isMember && !conversation.isArchived;
  if (!changed('composer', [conversation?.id, conversation?.isMember, conversation?.isArchived, state.app.name]))
    return;
  fill(joinBar);
  joinBar.hidden = Boolean(canWrite) || !conversation;
  input.disabled = !canWrite;
  $('send-button', HTMLButtonElement).disabled = !canWrite;
  if (conversation && !conversation.isMember && conversation.kind === 'public') {
    joinBar.append(
      h('span', { text: `You are viewing #${conversation.name}. ` }),
      h('button', {
        type: 'button',
        class: 'bk-button primary',
        text: 'Join channel',
        onclick: () => post('join', { user: ui.me, channel: conversation.id }),
      }),
    );
  } else if (conversation?.isArchived) {
    joinBar.append(h('span', { text: 'This channel is archived.' }));
  }
  const name = !conversation
    ? ''
    : conversation.kind === 'im'
      ? state.app.name
      : conversation.kind === 'mpim'
        ? mpimLabel(conversation)
        : `#${conversation.name}`;
  input.placeholder = `Message ${name}`;
}

/**
 * Sends what is typed: a slash command to the app, anything else as the person's message.
 * @param {Event} [event]
 */
async function sendComposer(event) {
  event?.preventDefault();
  const input = $('composer-input', HTMLTextAreaElement);
  const text = input.value.trim();
  const channel = currentChannelId();
  if (text === '' || !channel) return;
  const isCommand = text.startsWith('/');
  // Cleared at once, as Slack does, so what is typed while the request is under way is never wiped; a send that
  // did not go through gives its text back for editing, unless something new has been typed meanwhile.
  input.value = '';
  autosize();
  const result = await post(isCommand ? 'command' : 'message', { user: ui.me, channel, text });
  const sent = result.ok || (isCommand && result.error !== 'not_a_command');
  if (!sent && input.value === '') {
    input.value = text;
    autosize();
  }
}

function autosize() {
  const input = $('composer-input', HTMLTextAreaElement);
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
}

/** Wires the composer: sending, growing with its text, suggestions for `/` and `@`, and the ⚡ shortcuts menu. */
export function attachComposer() {
  const input = $('composer-input', HTMLTextAreaElement);
  $('shortcuts-button').prepend(icon('bolt'), ' ');
  $('composer').addEventListener('submit', sendComposer);
  const suggestions = attachSuggestions(input, $('composer-suggestions'), {
    commands: () => ui.state?.commands ?? [],
    people: () => ui.state?.users ?? [],
  });
  ui.suggestions = suggestions;
  input.addEventListener('keydown', (event) => {
    if (suggestions.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) void sendComposer(event);
  });
  input.addEventListener('input', autosize);
  const shortcutsButton = $('shortcuts-button');
  shortcutsButton.addEventListener('click', () => {
    const globals = (ui.state?.shortcuts ?? []).filter((shortcut) => shortcut.type === 'global');
    openPopover(
      shortcutsButton,
      globals.map((shortcut) => ({
        icon: icon('bolt'),
        label: shortcut.name,
        detail: shortcut.callbackId,
        run: () => post('shortcut', { user: ui.me, callbackId: shortcut.callbackId }),
      })),
      'Shortcuts',
    );
  });
}
