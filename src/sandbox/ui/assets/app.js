// The sandbox's Slack-like client. Plain browser JavaScript, no build step, no dependencies. It draws what
// `api/state` returns and sends what the person does to the `api/...` endpoints, which turn it into the signed
// requests Slack would send the app. Every piece of text reaches the page as a DOM text node (textContent,
// createTextNode); nothing from a message, a view or a name is ever parsed as HTML.

import { attachSuggestions } from './composer-suggestions.js';

const base = document.body.dataset.base ?? '/sandbox';
const POLL_MS = 700;
const STORAGE = 'nudge-sandbox:';

const ui = {
  me: localStorage.getItem(`${STORAGE}me`),
  conversation: localStorage.getItem(`${STORAGE}conversation`),
  version: null,
  state: null,
  /** `${surface}\u0000${blockId}\u0000${actionId}` -> { value } | { values } for elements the person touched. */
  inputs: new Map(),
  seen: readJson(`${STORAGE}seen`, {}),
  dismissed: new Set(),
  rendered: {},
  pollTimer: undefined,
  /** What Escape closes, topmost first (closeTopmost): a confirm dialog, the open menu, the suggestions, a modal. */
  confirmDeny: undefined,
  popoverAnchor: undefined,
  closeModal: undefined,
  suggestions: undefined,
};

function readJson(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '') ?? fallback;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

const $ = (id) => document.getElementById(id);

/** replaceChildren without the "null" text nodes it makes of absent children. */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  return node;
}

// Icons for the client's own chrome, drawn as SVG so they need no emoji font (CI machines often have none).
const ICONS = {
  lock: 'M6 11h12v10H6z M8 11V8a4 4 0 0 1 8 0v3',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 7v5l3 2',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
  person: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8z M4 21c0-4 4-6 8-6s8 2 8 6',
  people:
    'M9 11a3.5 3.5 0 1 0 0-7a3.5 3.5 0 1 0 0 7z M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5 M16 4.5a3.5 3.5 0 0 1 0 6.5 M18 14.5c2.5.6 4 2.4 4 5.5',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
  image: 'M3 5h18v14H3z M3 16l5-5 4 4 3-3 6 6 M15.5 8.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3z',
  reaction: 'M11 3a8 8 0 1 0 8 8 M8 14s1.2 2 3 2 3-2 3-2 M8.5 9.5h.01 M13.5 9.5h.01 M19 2v6 M16 5h6',
  app: 'M4 4h7v7H4z M13 4h7v7h-7z M4 13h7v7H4z M13 13h7v7h-7z',
};

function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

function toast(message) {
  const node = $('toast');
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    node.hidden = true;
  }, 5000);
}

// ---------------------------------------------------------------------------------------------------------------
// Server calls

async function post(path, body) {
  document.body.classList.add('busy');
  try {
    const response = await fetch(`${base}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }));
    if (!response.ok) toast(`${path}: ${data.error ?? response.status}${data.detail ? ` (${data.detail})` : ''}`);
    return data;
  } catch (error) {
    toast(`${path}: ${error.message}`);
    return { ok: false, error: error.message };
  } finally {
    document.body.classList.remove('busy');
    await refresh(true);
  }
}

async function refresh(force = false) {
  const params = new URLSearchParams();
  if (ui.me) params.set('user', ui.me);
  if (ui.conversation) params.set('conversation', ui.conversation);
  if (!force && ui.version) params.set('since', ui.version);
  let data;
  try {
    const response = await fetch(`${base}/api/state?${params}`);
    data = await response.json();
  } catch {
    document.body.classList.add('offline');
    return;
  }
  document.body.classList.remove('offline');
  if (data.unchanged) return;
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
  render();
}

function schedulePoll() {
  clearTimeout(ui.pollTimer);
  ui.pollTimer = setTimeout(async () => {
    if (!document.hidden) await refresh();
    schedulePoll();
  }, POLL_MS);
}

function setMe(userId, persist = true) {
  ui.me = userId;
  if (persist) localStorage.setItem(`${STORAGE}me`, userId);
}

function conversationExists(id) {
  if (id === 'app-home' || id === 'app-messages') return true;
  return (ui.state?.conversations ?? []).some((conversation) => conversation.id === id);
}

function defaultConversation() {
  const conversations = ui.state?.conversations ?? [];
  const mine = conversations.filter((conversation) => conversation.isMember && conversation.kind !== 'mpim');
  return (mine.find((conversation) => conversation.name === 'general') ?? mine[0] ?? conversations[0])?.id;
}

async function selectConversation(id) {
  ui.conversation = id;
  localStorage.setItem(`${STORAGE}conversation`, id);
  closePopover();
  if (id === 'app-home' || id === 'app-messages') {
    await post('open-home', { user: ui.me, tab: id === 'app-home' ? 'home' : 'messages' });
  } else {
    await refresh(true);
  }
  $('composer-input').focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Names, emoji and time

const EMOJI = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  heart: '❤️',
  tada: '🎉',
  coffee: '☕',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  eyes: '👀',
  raised_hands: '🙌',
  clap: '👏',
  fire: '🔥',
  rocket: '🚀',
  star: '⭐',
  star2: '🌟',
  sparkles: '✨',
  smile: '😄',
  slightly_smiling_face: '🙂',
  wave: '👋',
  joy: '😂',
  pray: '🙏',
  100: '💯',
  trophy: '🏆',
  medal: '🏅',
  gift: '🎁',
  birthday: '🎂',
  cake: '🍰',
  balloon: '🎈',
  calendar: '📅',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  clock: '🕐',
  alarm_clock: '⏰',
  hourglass: '⌛',
  bell: '🔔',
  wave_hello: '👋',
  handshake: '🤝',
  people_holding_hands: '🧑‍🤝‍🧑',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  speech_balloon: '💬',
  bulb: '💡',
  seedling: '🌱',
  muscle: '💪',
  thinking_face: '🤔',
  information_source: 'ℹ️',
  question: '❓',
  exclamation: '❗',
  no_entry_sign: '🚫',
  lock: '🔒',
  link: '🔗',
  memo: '📝',
  pushpin: '📌',
  mag: '🔍',
  gear: '⚙️',
  chart_with_upwards_trend: '📈',
  bar_chart: '📊',
  earth_americas: '🌎',
  globe_with_meridians: '🌐',
  sunny: '☀️',
  zap: '⚡',
  robot_face: '🤖',
  party_popper: '🎉',
  partying_face: '🥳',
  hugging_face: '🤗',
  sunglasses: '😎',
  rainbow: '🌈',
  teamwork: '🤝',
  point_right: '👉',
  arrow_right: '➡️',
  leftwards_arrow_with_hook: '↩️',
  hourglass_flowing_sand: '⏳',
};
const REACTION_PALETTE = [
  '+1',
  'heart',
  'tada',
  'raised_hands',
  'clap',
  'eyes',
  'white_check_mark',
  'coffee',
  'fire',
  'rocket',
];

/** Whether this machine can draw colour emoji; without a font for them Slack-style `:name:` text is clearer. */
const COLOR_EMOJI = (() => {
  try {
    const canvas = document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 16;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.textBaseline = 'top';
    context.font = '14px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
    context.fillText('\u{1F600}', 0, 0);
    const pixels = context.getImageData(0, 0, 16, 16).data;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 0 && (pixels[i] !== pixels[i + 1] || pixels[i + 1] !== pixels[i + 2])) return true;
    }
    return false;
  } catch {
    return false;
  }
})();

function emoji(name) {
  const char = EMOJI[name.replace(/::skin-tone-\d$/, '')];
  return char && COLOR_EMOJI ? char : `:${name}:`;
}

function userById(id) {
  return ui.state?.users.find((user) => user.id === id);
}

function userLabel(id, fallback) {
  if (id === ui.state?.app.botUserId) return ui.state.app.name;
  const user = userById(id);
  if (!user) return fallback ?? id;
  return user.displayName || user.realName || user.name;
}

function channelLabel(id, fallback) {
  return ui.state?.channelNames?.[id] ?? fallback ?? id;
}

function formatTime(ts) {
  const date = new Date(Number(ts) * 1000);
  const tz = userById(ui.me)?.tz;
  try {
    return {
      short: new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: tz }).format(date),
      long: new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'long', timeZone: tz }).format(date),
    };
  } catch {
    return { short: date.toLocaleTimeString(), long: date.toString() };
  }
}

function colorFor(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 45% 45%)`;
}

function avatar(userId, isBot) {
  const label = isBot ? ui.state.app.name : userLabel(userId);
  const node = h('div', { class: `avatar${isBot ? ' bot' : ''}`, 'aria-hidden': 'true' });
  node.textContent = label.slice(0, 1).toUpperCase();
  if (!isBot) node.style.background = colorFor(userId);
  return node;
}

// ---------------------------------------------------------------------------------------------------------------
// Text: mrkdwn and plain_text

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function withEmoji(text) {
  return text.replace(/:([a-z0-9_+'-]+(?:::skin-tone-\d)?):/g, (whole, name) =>
    EMOJI[name.replace(/::skin-tone-\d$/, '')] && COLOR_EMOJI ? emoji(name) : whole,
  );
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

function safeUrl(url) {
  return /^(https?:|mailto:)/i.test(url) ? url : undefined;
}

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

function renderMrkdwn(text, parent) {
  const parts = String(text ?? '').split('```');
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      parent.append(h('pre', { class: 'code-block', text: decodeEntities(part.replace(/^\n/, '')) }));
      return;
    }
    const lines = part.split('\n');
    let quote;
    lines.forEach((line, lineIndex) => {
      const quoted = /^(?:&gt;|>) ?(.*)$/.exec(line);
      if (quoted) {
        if (quote) quote.append(h('br'));
        else {
          quote = h('blockquote');
          parent.append(quote);
        }
        renderInline(quoted[1], quote);
        return;
      }
      quote = undefined;
      renderInline(line, parent);
      if (lineIndex < lines.length - 1) parent.append(h('br'));
    });
  });
  return parent;
}

function renderTextObject(object, tag = 'span', className = '') {
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

function plain(object) {
  if (!object) return '';
  return typeof object === 'string' ? object : withEmoji(String(object.text ?? ''));
}

// ---------------------------------------------------------------------------------------------------------------
// Block Kit

/** What an element currently holds: what the person chose, else its initial value. */
function inputKey(ctx, blockId, actionId) {
  return `${ctx.key}\u0000${blockId}\u0000${actionId}`;
}

function currentInput(ctx, block, element) {
  const stored = ui.inputs.get(inputKey(ctx, block.block_id, element.action_id));
  if (stored) return stored;
  const optionValue = (option) => (option && typeof option.value === 'string' ? option.value : null);
  switch (element.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { value: optionValue(element.initial_option) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { values: (element.initial_options ?? []).map(optionValue).filter(Boolean) };
    case 'users_select':
      return { value: element.initial_user ?? null };
    case 'multi_users_select':
      return { values: element.initial_users ?? [] };
    case 'conversations_select':
      return { value: element.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { values: element.initial_conversations ?? [] };
    case 'channels_select':
      return { value: element.initial_channel ?? null };
    case 'multi_channels_select':
      return { values: element.initial_channels ?? [] };
    case 'datepicker':
      return { value: element.initial_date ?? null };
    case 'timepicker':
      return { value: element.initial_time ?? null };
    default:
      return { value: element.initial_value ?? null };
  }
}

function setInput(ctx, block, element, input) {
  ui.inputs.set(inputKey(ctx, block.block_id, element.action_id), input);
}

function surfaceState(ctx) {
  const state = {};
  const prefix = `${ctx.key}\u0000`;
  for (const [key, input] of ui.inputs) {
    if (!key.startsWith(prefix)) continue;
    const [, blockId, actionId] = key.split('\u0000');
    state[blockId] ??= {};
    state[blockId][actionId] = input;
  }
  return state;
}

async function sendAction(ctx, block, element, input) {
  if (element.confirm && !(await confirmDialog(element.confirm))) return;
  await post('action', {
    user: ui.me,
    surface: ctx.surface,
    blockId: block.block_id,
    actionId: element.action_id,
    input,
    state: surfaceState(ctx),
  });
}

/** Elements in input blocks only report their state, unless the block asks for dispatch_action. */
function dispatches(block) {
  return block.type !== 'input' || block.dispatch_action === true;
}

function optionsOf(element) {
  return [...(element.options ?? []), ...(element.option_groups ?? []).flatMap((group) => group.options ?? [])];
}

function choiceLists(element) {
  if (element.type.includes('users')) {
    return (ui.state?.users ?? [])
      .filter((user) => !user.deleted)
      .map((user) => ({ value: user.id, label: `${user.realName} (@${user.name})` }));
  }
  if (element.type.includes('conversations') || element.type.includes('channels')) {
    return (ui.state?.conversations ?? [])
      .filter((conversation) => conversation.kind !== 'mpim')
      .map((conversation) => ({ value: conversation.id, label: `#${conversation.name}` }));
  }
  if (element.type.includes('external')) {
    // Without block_suggestion the only options the client knows of are the ones the app chose up front.
    const initial = element.initial_option ? [element.initial_option] : (element.initial_options ?? []);
    return initial.map((option) => ({ value: option.value, label: plain(option.text) }));
  }
  return optionsOf(element).map((option) => ({ value: option.value, label: plain(option.text) }));
}

function renderSelect(ctx, block, element) {
  const current = currentInput(ctx, block, element).value;
  const select = h('select', { class: 'bk-select', 'aria-label': plain(element.placeholder) || 'Select' });
  select.append(h('option', { value: '', text: plain(element.placeholder) || 'Select an item' }));
  const add = (parent, option) => {
    parent.append(h('option', { value: option.value, text: option.label, selected: option.value === current }));
  };
  if (element.option_groups) {
    for (const group of element.option_groups) {
      const optgroup = h('optgroup', { label: plain(group.label) });
      for (const option of group.options ?? []) add(optgroup, { value: option.value, label: plain(option.text) });
      select.append(optgroup);
    }
  } else {
    for (const option of choiceLists(element)) add(select, option);
  }
  select.addEventListener('change', () => {
    const input = { value: select.value === '' ? null : select.value };
    setInput(ctx, block, element, input);
    if (dispatches(block) && select.value !== '') void sendAction(ctx, block, element, input);
  });
  return select;
}

function renderMultiSelect(ctx, block, element) {
  const choices = choiceLists(element);
  const wrapper = h('div', { class: 'bk-multi' });
  const draw = () => {
    fill(wrapper);
    const chosen = currentInput(ctx, block, element).values ?? [];
    const chips = h('div', { class: 'chips' });
    for (const value of chosen) {
      const label = choices.find((choice) => choice.value === value)?.label ?? value;
      chips.append(
        h(
          'span',
          { class: 'chip' },
          label,
          h('button', {
            type: 'button',
            class: 'chip-remove',
            'aria-label': `Remove ${label}`,
            text: '×',
            onclick: () => change(chosen.filter((other) => other !== value)),
          }),
        ),
      );
    }
    const adder = h('select', { class: 'bk-select', 'aria-label': plain(element.placeholder) || 'Add' });
    adder.append(h('option', { value: '', text: plain(element.placeholder) || 'Add…' }));
    for (const choice of choices) {
      if (!chosen.includes(choice.value)) adder.append(h('option', { value: choice.value, text: choice.label }));
    }
    adder.addEventListener('change', () => {
      if (adder.value !== '') change([...chosen, adder.value]);
    });
    wrapper.append(chips, adder);
  };
  const change = (values) => {
    const input = { values };
    setInput(ctx, block, element, input);
    draw();
    if (dispatches(block)) void sendAction(ctx, block, element, input);
  };
  draw();
  return wrapper;
}

function renderChoices(ctx, block, element) {
  const many = element.type === 'checkboxes';
  const current = currentInput(ctx, block, element);
  const name = `${ctx.key}-${block.block_id}-${element.action_id}`;
  const list = h('div', { class: 'bk-choices', role: many ? 'group' : 'radiogroup' });
  for (const option of optionsOf(element)) {
    const checked = many ? (current.values ?? []).includes(option.value) : current.value === option.value;
    const box = h('input', { type: many ? 'checkbox' : 'radio', name, value: option.value, checked });
    box.addEventListener('change', () => {
      const boxes = [...list.querySelectorAll('input')];
      const input = many
        ? { values: boxes.filter((other) => other.checked).map((other) => other.value) }
        : { value: boxes.find((other) => other.checked)?.value ?? null };
      setInput(ctx, block, element, input);
      if (dispatches(block)) void sendAction(ctx, block, element, input);
    });
    list.append(
      h(
        'label',
        { class: 'bk-choice' },
        box,
        renderTextObject(option.text),
        option.description ? renderTextObject(option.description, 'span', 'bk-choice-description') : null,
      ),
    );
  }
  return list;
}

function renderTextInput(ctx, block, element) {
  const current = currentInput(ctx, block, element).value ?? '';
  const types = { number_input: 'number', email_text_input: 'email', url_text_input: 'url' };
  const multiline = element.type === 'plain_text_input' && element.multiline;
  const field = multiline
    ? h('textarea', { class: 'bk-text', rows: 4 })
    : h('input', { class: 'bk-text', type: types[element.type] ?? 'text' });
  field.value = current;
  if (element.placeholder) field.placeholder = plain(element.placeholder);
  if (element.max_length) field.maxLength = element.max_length;
  field.setAttribute('aria-label', plain(block.label) || plain(element.placeholder) || 'Input');
  field.addEventListener('input', () =>
    setInput(ctx, block, element, { value: field.value === '' ? null : field.value }),
  );
  if (dispatches(block)) {
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        void sendAction(ctx, block, element, { value: field.value });
      }
    });
  }
  return field;
}

function renderPicker(ctx, block, element, type) {
  const field = h('input', { class: 'bk-text', type, 'aria-label': plain(element.placeholder) || type });
  field.value = currentInput(ctx, block, element).value ?? '';
  field.addEventListener('change', () => {
    const input = { value: field.value === '' ? null : field.value };
    setInput(ctx, block, element, input);
    if (dispatches(block) && field.value !== '') void sendAction(ctx, block, element, input);
  });
  return field;
}

function renderOverflow(ctx, block, element) {
  const button = h('button', { type: 'button', class: 'bk-button overflow', 'aria-label': 'More options', text: '⋯' });
  button.addEventListener('click', () =>
    openPopover(
      button,
      optionsOf(element).map((option) => ({
        label: plain(option.text),
        run: () => sendAction(ctx, block, element, { value: option.value }),
      })),
    ),
  );
  return button;
}

function renderButton(ctx, block, element) {
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  return h('button', {
    type: 'button',
    class: `bk-button${style}`,
    text: plain(element.text),
    onclick: () => {
      const url = element.url && safeUrl(element.url);
      if (url) window.open(url, '_blank', 'noopener');
      void sendAction(ctx, block, element, undefined);
    },
  });
}

function renderImageElement(element, className = 'bk-image-thumb') {
  return h(
    'span',
    { class: className, role: 'img', 'aria-label': element.alt_text ?? '', title: element.alt_text ?? '' },
    icon('image'),
  );
}

function renderElement(ctx, block, element) {
  switch (element.type) {
    case 'button':
      return renderButton(ctx, block, element);
    case 'overflow':
      return renderOverflow(ctx, block, element);
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return renderSelect(ctx, block, element);
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return renderMultiSelect(ctx, block, element);
    case 'checkboxes':
    case 'radio_buttons':
      return renderChoices(ctx, block, element);
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return renderTextInput(ctx, block, element);
    case 'datepicker':
      return renderPicker(ctx, block, element, 'date');
    case 'timepicker':
      return renderPicker(ctx, block, element, 'time');
    case 'image':
      return renderImageElement(element);
    default:
      return h('span', { class: 'bk-unknown', text: `[${element.type}]` });
  }
}

function renderRichText(block) {
  const node = h('div', { class: 'bk-rich' });
  const inline = (element) => {
    switch (element.type) {
      case 'text': {
        const style = element.style ?? {};
        let piece = document.createTextNode(element.text ?? '');
        if (style.code) piece = h('code', {}, piece);
        if (style.bold) piece = h('b', {}, piece);
        if (style.italic) piece = h('i', {}, piece);
        if (style.strike) piece = h('s', {}, piece);
        return piece;
      }
      case 'link': {
        const href = safeUrl(element.url ?? '');
        const text = element.text ?? element.url ?? '';
        return href
          ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', text })
          : document.createTextNode(text);
      }
      case 'user':
        return h('span', { class: 'mention', text: `@${userLabel(element.user_id)}` });
      case 'channel':
        return h('span', { class: 'mention channel', text: `#${channelLabel(element.channel_id)}` });
      case 'usergroup': {
        const group = ui.state?.usergroups.find((candidate) => candidate.id === element.usergroup_id);
        return h('span', { class: 'mention', text: `@${group?.handle ?? element.usergroup_id}` });
      }
      case 'broadcast':
        return h('span', { class: 'mention', text: `@${element.range}` });
      case 'emoji':
        return h('span', { class: 'emoji', text: emoji(element.name ?? '') });
      case 'date':
        return document.createTextNode(element.fallback ?? String(element.timestamp ?? ''));
      default:
        return document.createTextNode(element.text ?? '');
    }
  };
  const section = (part, tag = 'div') => h(tag, {}, ...(part.elements ?? []).map(inline));
  for (const part of block.elements ?? []) {
    if (part.type === 'rich_text_section') node.append(section(part));
    else if (part.type === 'rich_text_quote') node.append(section(part, 'blockquote'));
    else if (part.type === 'rich_text_preformatted') node.append(section(part, 'pre'));
    else if (part.type === 'rich_text_list') {
      const list = h(part.style === 'ordered' ? 'ol' : 'ul');
      for (const item of part.elements ?? []) list.append(section(item, 'li'));
      node.append(list);
    }
  }
  return node;
}

function renderBlock(ctx, block) {
  switch (block.type) {
    case 'header':
      return renderTextObject(block.text, 'h3', 'bk-header');
    case 'divider':
      return h('hr', { class: 'bk-divider' });
    case 'section': {
      const body = h('div', { class: 'bk-section-body' });
      if (block.text) body.append(renderTextObject(block.text, 'div', 'bk-text-object'));
      if (block.fields) {
        body.append(
          h('div', { class: 'bk-fields' }, ...block.fields.map((field) => renderTextObject(field, 'div', 'bk-field'))),
        );
      }
      const accessory = block.accessory
        ? h(
            'div',
            { class: 'bk-accessory' },
            block.accessory.type === 'image'
              ? renderImageElement(block.accessory, 'bk-image-accessory')
              : renderElement(ctx, block, block.accessory),
          )
        : null;
      return h('div', { class: 'bk-section' }, body, accessory);
    }
    case 'context':
      return h(
        'div',
        { class: 'bk-context' },
        ...(block.elements ?? []).map((element) =>
          element.type === 'image' ? renderImageElement(element, 'bk-context-image') : renderTextObject(element),
        ),
      );
    case 'actions':
      return h(
        'div',
        { class: 'bk-actions' },
        ...(block.elements ?? []).map((element) => renderElement(ctx, block, element)),
      );
    case 'image':
      return h(
        'figure',
        { class: 'bk-image' },
        block.title ? renderTextObject(block.title, 'figcaption') : null,
        h(
          'div',
          { class: 'bk-image-box', role: 'img', 'aria-label': block.alt_text ?? '' },
          icon('image'),
          ` ${block.alt_text ?? ''}`,
        ),
      );
    case 'input': {
      const error = ctx.errors?.[block.block_id];
      return h(
        'div',
        { class: `bk-input${error ? ' has-error' : ''}`, dataset: { blockId: block.block_id } },
        h(
          'label',
          { class: 'bk-label' },
          plain(block.label),
          block.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null,
        ),
        block.element ? renderElement(ctx, block, block.element) : null,
        block.hint ? renderTextObject(block.hint, 'div', 'bk-hint') : null,
        error ? h('div', { class: 'bk-error', role: 'alert', text: error }) : null,
      );
    }
    case 'rich_text':
      return renderRichText(block);
    default:
      return h('div', { class: 'bk-unknown', text: `[${block.type} block]` });
  }
}

function renderBlocks(ctx, blocks) {
  return h('div', { class: 'blocks' }, ...(blocks ?? []).map((block) => renderBlock(ctx, block)));
}

function renderAttachments(ctx, attachments) {
  return (attachments ?? []).map((attachment) => {
    const node = h('div', { class: 'attachment' });
    if (attachment.color)
      node.style.borderLeftColor = /^#?[0-9a-f]{3,8}$/i.test(attachment.color)
        ? `#${attachment.color.replace('#', '')}`
        : '';
    if (attachment.pretext) node.append(renderMrkdwn(attachment.pretext, h('div', { class: 'pretext' })));
    if (attachment.author_name) node.append(h('div', { class: 'author', text: attachment.author_name }));
    if (attachment.title) node.append(h('div', { class: 'title', text: attachment.title }));
    if (attachment.text) node.append(renderMrkdwn(attachment.text, h('div')));
    for (const field of attachment.fields ?? []) {
      node.append(
        h(
          'div',
          { class: 'bk-field' },
          h('b', { text: field.title ?? '' }),
          h('br'),
          renderMrkdwn(field.value ?? '', h('span')),
        ),
      );
    }
    if (attachment.blocks) node.append(renderBlocks(ctx, attachment.blocks));
    if (attachment.footer) node.append(h('div', { class: 'footer', text: attachment.footer }));
    return node;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Popovers and dialogs

function closePopover() {
  fill($('popover-root'));
  ui.popoverAnchor = undefined;
}

function openPopover(anchor, items, title) {
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

function confirmDialog(confirm) {
  return new Promise((resolve) => {
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

// ---------------------------------------------------------------------------------------------------------------
// Rendering the page

function changed(region, value) {
  const signature = JSON.stringify(value);
  if (ui.rendered[region] === signature) return false;
  ui.rendered[region] = signature;
  return true;
}

function render() {
  const state = ui.state;
  if (!state) return;
  renderActor(state);
  renderSidebar(state);
  renderTime(state);
  renderMain(state);
  renderModal(state);
}

function renderActor(state) {
  const people = state.users.filter((user) => !user.isBot && !user.deleted);
  if (!changed('actor', [people, state.me])) return;
  const select = $('actor');
  fill(
    select,
    ...people.map((user) =>
      h('option', {
        value: user.id,
        selected: user.id === state.me,
        text: `${user.realName} (@${user.name})${user.isAdmin ? ' · admin' : ''}`,
      }),
    ),
  );
}

function isUnread(id, latestTs) {
  return latestTs && id !== currentChannelId() && (!ui.seen[id] || Number(latestTs) > Number(ui.seen[id]));
}

function sidebarItem({ id, icon: itemIcon, label, unread, muted, title }) {
  const current = ui.conversation === id || (id === 'app-home' && ui.conversation === 'app-messages');
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

function mpimLabel(conversation) {
  return (conversation.members ?? [])
    .filter((id) => id !== ui.me)
    .map((id) => userLabel(id))
    .join(', ');
}

function renderSidebar(state) {
  const conversations = state.conversations ?? [];
  if (!changed('sidebar', [conversations, state.appDm, state.me, ui.conversation, ui.seen, state.users.length])) return;
  const channels = conversations.filter((c) => c.kind !== 'mpim').sort((a, b) => a.name.localeCompare(b.name));
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
          id: 'app-home',
          icon: icon('app'),
          label: state.app.name,
          unread: state.appDm && isUnread(state.appDm.id, state.appDm.latestTs),
        }),
      ]),
    ],
  );
}

function renderTime(state) {
  if (!changed('time', [state.timeControls, state.timeStatus])) return;
  const controls = $('time-controls');
  fill(
    controls,
    ...(state.timeControls.length === 0
      ? [h('div', { class: 'muted-text', text: 'No time controls registered.' })]
      : state.timeControls.map((control) =>
          h('button', {
            type: 'button',
            class: 'time-button',
            dataset: { control: control.id },
            text: control.label,
            onclick: async (event) => {
              event.currentTarget.disabled = true;
              await post(`time/${encodeURIComponent(control.id)}`, {});
            },
          }),
        )),
  );
  const status = $('time-status');
  fill(status);
  if (state.timeStatus) {
    const label = state.timeControls.find((control) => control.id === state.timeStatus.controlId)?.label;
    status.className = state.timeStatus.ok ? 'ok' : 'failed';
    status.append(h('b', { text: `${label ?? state.timeStatus.controlId}: ` }), state.timeStatus.text);
  }
}

function currentChannelId() {
  if (ui.conversation === 'app-home') return undefined;
  if (ui.conversation === 'app-messages') return ui.state?.appDm?.id;
  return ui.conversation;
}

function renderMain(state) {
  const isApp = ui.conversation === 'app-home' || ui.conversation === 'app-messages';
  const conversation = state.conversation;
  renderHeader(state, isApp, conversation);
  const tabs = $('tabs');
  tabs.hidden = !isApp;
  if (isApp && changed('tabs', ui.conversation)) {
    fill(
      tabs,
      ...[
        ['app-home', 'Home'],
        ['app-messages', 'Messages'],
      ].map(([id, label]) =>
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
  const showHome = ui.conversation === 'app-home';
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

function renderHome(state) {
  const home = state.home;
  if (!changed('home', [home, state.users.length, state.me])) return;
  const container = $('home');
  if (!home) {
    fill(container, h('div', { class: 'empty', text: `${state.app.name} has not published a Home tab for you yet.` }));
    return;
  }
  const ctx = { key: `v:${home.id}`, surface: { type: 'view', viewId: home.id } };
  fill(container, renderBlocks(ctx, home.blocks));
}

function renderMessage(state, conversation, item) {
  const ctxKey = `${item.kind === 'ephemeral' ? 'e' : 'm'}:${conversation.id}:${item.ts}`;
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
                render();
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

async function react(channel, ts, name) {
  const result = await post('reaction', { user: ui.me, channel, ts, name });
  if (result.ok && result.event === null) toast(`Reaction saved; no event sent (${result.reason}).`);
}

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

function renderMessages(state, conversation) {
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
  if (latest && ui.seen[conversation.id] !== latest) {
    ui.seen[conversation.id] = latest;
    localStorage.setItem(`${STORAGE}seen`, JSON.stringify(ui.seen));
  }
  if (switched || atBottom) container.scrollTop = container.scrollHeight;
}

function renderComposer(state, conversation) {
  const joinBar = $('join-bar');
  const input = $('composer-input');
  const canWrite = conversation?.isMember && !conversation.isArchived;
  if (!changed('composer', [conversation?.id, conversation?.isMember, conversation?.isArchived, state.app.name]))
    return;
  fill(joinBar);
  joinBar.hidden = Boolean(canWrite) || !conversation;
  input.disabled = !canWrite;
  $('send-button').disabled = !canWrite;
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

function renderModal(state) {
  const modal = state.modal;
  if (!changed('modal', [modal, state.users.length])) return;
  const root = $('modal-root');
  if (!modal) {
    ui.closeModal = undefined;
    fill(root);
    return;
  }
  const hadFocus = document.activeElement?.closest?.('.modal') ? document.activeElement : null;
  const focusPath = hadFocus ? [hadFocus.closest('[data-block-id]')?.dataset.blockId] : [];
  const ctx = { key: `v:${modal.id}`, surface: { type: 'view', viewId: modal.id }, errors: modal.errors };
  // Slack closes one view per Close (Escape included): the view under it comes back, unless clear_on_close.
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    return post('view-close', { user: ui.me, viewId: modal.id, state: surfaceState(ctx) });
  };
  ui.closeModal = close;
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
  const refocus =
    focusPath[0] &&
    dialog.querySelector(
      `[data-block-id="${CSS.escape(focusPath[0])}"] input, [data-block-id="${CSS.escape(focusPath[0])}"] textarea`,
    );
  (refocus ?? dialog.querySelector('input, textarea, select'))?.focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Composer, menus and start-up

async function sendComposer(event) {
  event?.preventDefault();
  const input = $('composer-input');
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

function autosize() {
  const input = $('composer-input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
}

function start() {
  document.querySelector('.time-panel h2')?.prepend(icon('clock'), ' ');
  $('shortcuts-button').prepend(icon('bolt'), ' ');
  $('composer').addEventListener('submit', sendComposer);
  ui.suggestions = attachSuggestions($('composer-input'), $('composer-suggestions'), {
    commands: () => ui.state?.commands ?? [],
    people: () => ui.state?.users ?? [],
  });
  $('composer-input').addEventListener('keydown', (event) => {
    if (ui.suggestions.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) void sendComposer(event);
  });
  $('composer-input').addEventListener('input', autosize);
  $('actor').addEventListener('change', async (event) => {
    setMe(event.target.value);
    ui.rendered = {};
    if (ui.conversation === 'app-home' || ui.conversation === 'app-messages') await selectConversation(ui.conversation);
    else await refresh(true);
  });
  $('shortcuts-button').addEventListener('click', (event) => {
    const globals = (ui.state?.shortcuts ?? []).filter((shortcut) => shortcut.type === 'global');
    openPopover(
      event.currentTarget,
      globals.map((shortcut) => ({
        icon: icon('bolt'),
        label: shortcut.name,
        detail: shortcut.callbackId,
        run: () => post('shortcut', { user: ui.me, callbackId: shortcut.callbackId }),
      })),
      'Shortcuts',
    );
  });
  document.addEventListener('click', (event) => {
    if (!event.target.closest('.popover') && !event.target.closest('[aria-haspopup], .tool, .overflow')) closePopover();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (closeTopmost()) event.preventDefault();
  });
  void refresh(true).then(() => {
    if (ui.conversation === 'app-home' || ui.conversation === 'app-messages') void selectConversation(ui.conversation);
    schedulePoll();
  });
}

start();
