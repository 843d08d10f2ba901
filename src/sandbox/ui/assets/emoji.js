// @ts-check
// Emoji by Slack name, drawn only where the machine has a colour emoji font; otherwise `:name:` as Slack shows
// unknown ones.

/** @type {Record<string, string>} */
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
/** The reaction button's choices. */
export const REACTION_PALETTE = [
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
export const COLOR_EMOJI = (() => {
  try {
    const canvas = document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 16;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return false;
    context.textBaseline = 'top';
    context.font = '14px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
    context.fillText('\u{1F600}', 0, 0);
    const pixels = context.getImageData(0, 0, 16, 16).data;
    for (let i = 0; i < pixels.length; i += 4) {
      if ((pixels[i + 3] ?? 0) > 0 && (pixels[i] !== pixels[i + 1] || pixels[i + 1] !== pixels[i + 2])) return true;
    }
    return false;
  } catch {
    return false;
  }
})();

/**
 * @param {string} name
 * @returns {string}
 */
export function emoji(name) {
  const char = EMOJI[name.replace(/::skin-tone-\d$/, '')];
  return char && COLOR_EMOJI ? char : `:${name}:`;
}

/**
 * Text with the `:name:` codes this machine can draw replaced by their emoji.
 * @param {string} text
 */
export function withEmoji(text) {
  return text.replace(/:([a-z0-9_+'-]+(?:::skin-tone-\d)?):/g, (whole, name) =>
    EMOJI[name.replace(/::skin-tone-\d$/, '')] && COLOR_EMOJI ? emoji(name) : whole,
  );
}
