// @ts-check
// A conversation's messages: authors, times, Block Kit or mrkdwn bodies, attachments, files, reactions, ephemeral
// messages (only visible to you) and the client's own notices, threads shown as indented replies.

import { renderAttachments, renderBlocks } from './block-kit.js';
import { $, fill, h, toast } from './dom.js';
import { COLOR_EMOJI, emoji, REACTION_PALETTE } from './emoji.js';
import { renderFiles } from './file-attachments.js';
import { icon } from './icons.js';
import { openPopover } from './menus.js';
import { renderMrkdwn } from './mrkdwn.js';
import { avatar, formatTime, mpimLabel, userLabel } from './names.js';
import { post } from './server.js';
import { changed, markSeen, ui } from './state.js';

/**
 * @typedef {import('./types.js').Conversation} Conversation
 * @typedef {import('./types.js').Item} Item
 * @typedef {import('./types.js').MessageItem} MessageItem
 * @typedef {import('./types.js').RenderContext} RenderContext
 * @typedef {import('./types.js').UiState} UiState
 */

/** @type {() => void} */
let redraw = () => {};

/**
 * What draws the page again when a message is dismissed.
 * @param {() => void} render
 */
export function onDismiss(render) {
  redraw = render;
}

/**
 * @param {UiState} state
 * @param {Conversation} conversation
 * @param {Item} item
 */
function renderMessage(state, conversation, item) {
  const ctxKey = `${item.kind === 'ephemeral' ? 'e' : 'm'}:${conversation.id}:${item.ts}`;
  /** @type {RenderContext} */
  const ctx = {
    key: ctxKey,
    surface: { type: 'message', channel: conversation.id, ts: item.ts, ephemeral: item.kind === 'ephemeral' },
  };
  const time = formatTime(item.ts);
  if (item.kind === 'notice') {
    return h(
      'div',
      { class: 'msg ephemeral notice', dataset: { ts: item.ts } },
      h('div', { class: 'avatar slackbot', 'aria-hidden': 'true', text: 'S' }),
      h(
        'div',
        { class: 'msg-main' },
        h(
          'div',
          { class: 'msg-meta' },
          h('span', { class: 'author', text: 'Slackbot' }),
          h('time', { title: time.long, text: time.short }),
        ),
        h('div', { class: 'msg-body', text: item.text }),
        h('div', { class: 'only-you' }, icon('eye'), ' Only visible to you'),
      ),
    );
  }
  const isBot = item.isBot;
  const author = isBot ? state.app.name : userLabel(item.user);
  const body = h('div', { class: 'msg-body' });
  if (item.blocks && item.blocks.length > 0) body.append(renderBlocks(ctx, item.blocks));
  else renderMrkdwn(item.text, body);
  if (item.attachments) body.append(...renderAttachments(ctx, item.attachments));
  if (item.files) body.append(...renderFiles(item.files));
  const node = h(
    'div',
    {
      class: `msg${item.kind === 'ephemeral' ? ' ephemeral' : ''}${item.threadTs && item.threadTs !== item.ts ? ' reply' : ''}`,
      dataset: { ts: item.ts, user: item.user },
    },
    avatar(item.user, isBot),
    h(
      'div',
      { class: 'msg-main' },
      h(
        'div',
        { class: 'msg-meta' },
        h('span', { class: 'author', text: author }),
        isBot ? h('span', { class: 'app-badge', text: 'APP' }) : null,
        h('time', { title: time.long, text: time.short }),
        item.edited ? h('span', { class: 'edited', text: '(edited)' }) : null,
      ),
      body,
      item.kind === 'ephemeral'
        ? h(
            'div',
            { class: 'only-you' },
            icon('eye'),
            ' Only visible to you · ',
            h('button', {
              type: 'button',
              class: 'link-button',
              text: 'Dismiss',
              onclick: () => {
                ui.dismissed.add(ctxKey);
                ui.rendered.messages = '';
                redraw();
              },
            }),
          )
        : null,
      item.kind === 'message' ? renderReactions(conversation, item) : null,
    ),
    item.kind === 'message' ? messageToolbar(state, conversation, item) : null,
  );
  return node;
}

/**
 * @param {Conversation} conversation
 * @param {MessageItem} item
 */
function renderReactions(conversation, item) {
  if (item.reactions.length === 0) return null;
  return h(
    'div',
    { class: 'reactions' },
    ...item.reactions.map((reaction) =>
      h(
        'button',
        {
          type: 'button',
          class: `reaction${reaction.mine ? ' mine' : ''}`,
          'aria-pressed': String(reaction.mine),
          title: `${reaction.users.map((id) => userLabel(id)).join(', ')} reacted with :${reaction.name}:`,
          dataset: { reaction: reaction.name },
          onclick: () => react(conversation.id, item.ts, reaction.name),
        },
        h('span', { class: 'emoji', text: emoji(reaction.name) }),
        h('span', { class: 'count', text: String(reaction.count) }),
      ),
    ),
  );
}

/**
 * Adds the acting person's reaction, or removes it when it is already there.
 * @param {string} channel
 * @param {string} ts
 * @param {string} name
 */
async function react(channel, ts, name) {
  const result = await post('reaction', { user: ui.me, channel, ts, name });
  if (result.ok && result.event === null) toast(`Reaction saved; no event sent (${result.reason}).`);
}

/**
 * The toolbar shown on hover: add a reaction, and the app's message shortcuts.
 * @param {UiState} state
 * @param {Conversation} conversation
 * @param {MessageItem} item
 */
function messageToolbar(state, conversation, item) {
  const messageShortcuts = state.shortcuts.filter((shortcut) => shortcut.type === 'message');
  const addReaction = h('button', {
    type: 'button',
    class: 'tool',
    title: 'Add reaction',
    'aria-label': 'Add reaction',
  });
  addReaction.append(icon('reaction'));
  addReaction.addEventListener('click', () =>
    openPopover(
      addReaction,
      REACTION_PALETTE.map((name) => ({
        icon: COLOR_EMOJI ? emoji(name) : undefined,
        label: `:${name}:`,
        run: () => react(conversation.id, item.ts, name),
      })),
      'Add reaction',
    ),
  );
  const more = h('button', {
    type: 'button',
    class: 'tool',
    title: 'More actions',
    'aria-label': 'More actions',
    text: '⋮',
  });
  more.addEventListener('click', () =>
    openPopover(
      more,
      messageShortcuts.map((shortcut) => ({
        icon: icon('bolt'),
        label: shortcut.name,
        detail: shortcut.callbackId,
        run: () =>
          post('shortcut', { user: ui.me, callbackId: shortcut.callbackId, channel: conversation.id, ts: item.ts }),
      })),
      'Message shortcuts',
    ),
  );
  return h('div', { class: 'msg-toolbar' }, addReaction, messageShortcuts.length > 0 ? more : null);
}

/**
 * The conversation's messages, replies under their parent, with the channel intro on top.
 * @param {UiState} state
 * @param {Conversation | undefined} conversation
 */
export function renderMessages(state, conversation) {
  const container = $('messages');
  if (!changed('messages', [conversation, state.users, state.channelNames, state.me, [...ui.dismissed]])) return;
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  const switched = container.dataset.conversation !== (conversation?.id ?? '');
  container.dataset.conversation = conversation?.id ?? '';
  if (!conversation) {
    fill(container, h('div', { class: 'empty', text: 'Nothing to show.' }));
    return;
  }
  const items = conversation.items.filter(
    (item) => !ui.dismissed.has(`${item.kind === 'ephemeral' ? 'e' : 'm'}:${conversation.id}:${item.ts}`),
  );
  const topLevel = items.filter((item) => !item.threadTs || item.threadTs === item.ts);
  const replies = items.filter((item) => item.threadTs && item.threadTs !== item.ts);
  const nodes = [];
  for (const item of topLevel) {
    nodes.push(renderMessage(state, conversation, item));
    for (const reply of replies.filter((candidate) => candidate.threadTs === item.ts)) {
      nodes.push(renderMessage(state, conversation, reply));
    }
  }
  const orphans = replies.filter((reply) => !topLevel.some((item) => item.ts === reply.threadTs));
  for (const reply of orphans) nodes.push(renderMessage(state, conversation, reply));
  const intro = h(
    'div',
    { class: 'channel-intro' },
    h('h2', {
      text:
        conversation.kind === 'im'
          ? `This is your direct message history with ${state.app.name}.`
          : conversation.kind === 'mpim'
            ? `This is the start of your group conversation with ${mpimLabel(conversation)}.`
            : `This is the very beginning of #${conversation.name}.`,
    }),
    conversation.purpose ? h('p', { text: conversation.purpose }) : null,
  );
  fill(container, intro, ...nodes);
  const latest = conversation.items.at(-1)?.ts;
  if (latest && ui.seen[conversation.id] !== latest) markSeen(conversation.id, latest);
  if (switched || atBottom) container.scrollTop = container.scrollHeight;
}
