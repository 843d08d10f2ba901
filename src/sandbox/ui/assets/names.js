// @ts-check
// People, channels and times as the person acting sees them: display names, their time zone, avatars.

import { h } from './dom.js';
import { ui } from './state.js';

/** @param {string | null} id */
export function userById(id) {
  return ui.state?.users.find((user) => user.id === id);
}

/**
 * @param {string} id
 * @param {string} [fallback]
 * @returns {string}
 */
export function userLabel(id, fallback) {
  if (ui.state && id === ui.state.app.botUserId) return ui.state.app.name;
  const user = userById(id);
  if (!user) return fallback ?? id;
  return user.displayName || user.realName || user.name;
}

/**
 * @param {string} id
 * @param {string} [fallback]
 * @returns {string}
 */
export function channelLabel(id, fallback) {
  return ui.state?.channelNames?.[id] ?? fallback ?? id;
}

/** A group DM's name: everyone in it but the person acting. @param {{ members?: string[] }} conversation */
export function mpimLabel(conversation) {
  return (conversation.members ?? [])
    .filter((id) => id !== ui.me)
    .map((id) => userLabel(id))
    .join(', ');
}

/** A message's time in the acting person's time zone. @param {string} ts */
export function formatTime(ts) {
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

/** @param {string} id */
function colorFor(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 45% 45%)`;
}

/**
 * @param {string} userId
 * @param {boolean} isBot
 */
export function avatar(userId, isBot) {
  const label = isBot ? (ui.state?.app.name ?? '') : userLabel(userId);
  const node = h('div', { class: `avatar${isBot ? ' bot' : ''}`, 'aria-hidden': 'true' });
  node.textContent = label.slice(0, 1).toUpperCase();
  if (!isBot) node.style.background = colorFor(userId);
  return node;
}
