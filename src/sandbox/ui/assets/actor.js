// @ts-check
// Who the page acts as.

import { $, fill, h } from './dom.js';
import { changed } from './state.js';

/** @typedef {import('./types.js').UiState} UiState */

/**
 * The "Acting as" list: everyone who can act (no bots, no deactivated accounts).
 * @param {UiState} state
 */
export function renderActor(state) {
  const people = state.users.filter((user) => !user.isBot && !user.deleted);
  if (!changed('actor', [people, state.me])) return;
  const select = $('actor', HTMLSelectElement);
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
