// @ts-check
// The Time panel: controls that do now what the calendar would do later (a coffee round, a weekly prompt...).

import { $, fill, h } from './dom.js';
import { post } from './server.js';
import { changed } from './state.js';

/** @typedef {import('./types.js').UiState} UiState */

/**
 * One button per time control the app registered, and the status text the last one returned.
 * @param {UiState} state
 */
export function renderTime(state) {
  if (!changed('time', [state.timeControls, state.timeStatus])) return;
  const controls = $('time-controls');
  fill(
    controls,
    ...(state.timeControls.length === 0
      ? [h('div', { class: 'muted-text', text: 'No time controls registered.' })]
      : state.timeControls.map((control) => {
          const button = h('button', {
            type: 'button',
            class: 'time-button',
            dataset: { control: control.id },
            text: control.label,
          });
          button.addEventListener('click', async () => {
            button.disabled = true;
            await post(`time/${encodeURIComponent(control.id)}`, {});
          });
          return button;
        })),
  );
  const status = $('time-status');
  fill(status);
  const timeStatus = state.timeStatus;
  if (timeStatus) {
    const label = state.timeControls.find((control) => control.id === timeStatus.controlId)?.label;
    status.className = timeStatus.ok ? 'ok' : 'failed';
    status.append(h('b', { text: `${label ?? timeStatus.controlId}: ` }), timeStatus.text);
  }
}
