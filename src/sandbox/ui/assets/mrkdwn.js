// @ts-check
// Slack's text formats drawn as DOM: mrkdwn (bold, italic, strike, code, quotes, mentions, links, emoji) and
// plain_text objects. Text always lands in text nodes; links are limited to http, https and mailto.

import { h } from './dom.js';
import { emoji, withEmoji } from './emoji.js';
import { channelLabel, userLabel } from './names.js';
import { ui } from './state.js';

/** @typedef {import('./types.js').TextObject} TextObject */

/** @param {string} text */
function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const INLINE = new RegExp(
  [
    '<([^<>\\n]+)>',
    '`([^`\\n]+)`',
    '(?<![\\p{L}\\p{N}*])\\*(?!\\s)([^*\\n]+?)(?<!\\s)\\*(?![\\p{L}\\p{N}*])',
    '(?<![\\p{L}\\p{N}_])_(?!\\s)([^_\\n]+?)(?<!\\s)_(?![\\p{L}\\p{N}_])',
    '(?<![\\p{L}\\p{N}~])~(?!\\s)([^~\\n]+?)(?<!\\s)~(?![\\p{L}\\p{N}~])',
    ":([a-z0-9_+'-]+(?:::skin-tone-\\d)?):",
  ].join('|'),
  'gu',
);

/**
 * @param {string} text
 * @param {HTMLElement} parent
 */
function renderInline(text, parent) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parent.append(decodeEntities(text.slice(last, match.index)));
    const [whole, reference, code, bold, italic, strike, emojiName] = match;
    if (reference !== undefined) parent.append(renderReference(reference));
    else if (code !== undefined) parent.append(h('code', { text: decodeEntities(code) }));
    else if (bold !== undefined) renderInline(bold, parent.appendChild(h('b')));
    else if (italic !== undefined) renderInline(italic, parent.appendChild(h('i')));
    else if (strike !== undefined) renderInline(strike, parent.appendChild(h('s')));
    else if (emojiName !== undefined)
      parent.append(h('span', { class: 'emoji', title: whole, text: emoji(emojiName) }));
    last = match.index + whole.length;
  }
  if (last < text.length) parent.append(decodeEntities(text.slice(last)));
}

/**
 * The URL if it is one the client may open (http, https, mailto).
 * @param {string} url
 */
export function safeUrl(url) {
  return /^(https?:|mailto:)/i.test(url) ? url : undefined;
}

/**
 * `<@U…>`, `<#C…>`, `<!subteam^…>`, `<!here>` and links, as names and anchors.
 * @param {string} body what is between `<` and `>`
 * @returns {Node}
 */
function renderReference(body) {
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(body.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return h('span', { class: `mention${id === ui.me ? ' me' : ''}`, text: `@${userLabel(id, label)}` });
  }
  if (target.startsWith('#'))
    return h('span', { class: 'mention channel', text: `#${channelLabel(target.slice(1), label)}` });
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    const group = ui.state?.usergroups.find((candidate) => candidate.id === id);
    return h('span', { class: 'mention', text: group ? `@${group.handle}` : (label ?? '@group') });
  }
  if (target === '!here' || target === '!channel' || target === '!everyone') {
    return h('span', { class: 'mention', text: `@${target.slice(1)}` });
  }
  if (target.startsWith('!')) return document.createTextNode(label ?? target.slice(1));
  const href = safeUrl(decodeEntities(target));
  const text = label ?? decodeEntities(target);
  if (!href) return document.createTextNode(text);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', text });
}

/**
 * @template {HTMLElement} T
 * @param {string | undefined} text
 * @param {T} parent
 * @returns {T}
 */
export function renderMrkdwn(text, parent) {
  const parts = String(text ?? '').split('```');
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      parent.append(h('pre', { class: 'code-block', text: decodeEntities(part.replace(/^\n/, '')) }));
      return;
    }
    const lines = part.split('\n');
    /** @type {HTMLElement | undefined} */
    let quote;
    lines.forEach((line, lineIndex) => {
      const quoted = /^(?:&gt;|>) ?(.*)$/.exec(line);
      if (quoted) {
        if (quote) quote.append(h('br'));
        else {
          quote = h('blockquote');
          parent.append(quote);
        }
        renderInline(quoted[1] ?? '', quote);
        return;
      }
      quote = undefined;
      renderInline(line, parent);
      if (lineIndex < lines.length - 1) parent.append(h('br'));
    });
  });
  return parent;
}

/**
 * @param {TextObject | null | undefined} object
 * @param {keyof HTMLElementTagNameMap} [tag]
 * @param {string} [className]
 * @returns {HTMLElement}
 */
export function renderTextObject(object, tag = 'span', className = '') {
  const node = h(tag, { class: className });
  if (!object) return node;
  if (typeof object === 'string') {
    node.textContent = object;
    return node;
  }
  if (object.type === 'mrkdwn') return renderMrkdwn(object.text, node);
  node.textContent = object.emoji === false ? String(object.text ?? '') : withEmoji(String(object.text ?? ''));
  return node;
}

/**
 * A text object as plain text, for labels and attributes.
 * @param {TextObject | null | undefined} object
 */
export function plain(object) {
  if (!object) return '';
  return typeof object === 'string' ? object : withEmoji(String(object.text ?? ''));
}
