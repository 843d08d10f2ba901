// @ts-check
// The state of Block Kit elements on a surface (a message or a view) as the person changes it, and the
// block_actions each change sends when the element's block dispatches it.

import { confirmDialog } from './menus.js';
import { post } from './server.js';
import { ui } from './state.js';

/**
 * @typedef {import('./types.js').Block} Block
 * @typedef {import('./types.js').Element} Element
 * @typedef {import('./types.js').InputValue} InputValue
 * @typedef {import('./types.js').Option} Option
 * @typedef {import('./types.js').RenderContext} RenderContext
 */

/**
 * @param {RenderContext} ctx
 * @param {string} blockId
 * @param {string} actionId
 */
function inputKey(ctx, blockId, actionId) {
  return `${ctx.key}\u0000${blockId}\u0000${actionId}`;
}

/**
 * What an element currently holds: what the person chose, else its initial value.
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 * @returns {InputValue}
 */
export function currentInput(ctx, block, element) {
  const stored = ui.inputs.get(inputKey(ctx, block.block_id, element.action_id));
  if (stored) return stored;
  /** @param {Option | undefined} option */
  const optionValue = (option) => (option && typeof option.value === 'string' ? option.value : null);
  switch (element.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { value: optionValue(element.initial_option) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        values: (element.initial_options ?? [])
          .map(optionValue)
          .filter(/** @returns {value is string} */ (value) => Boolean(value)),
      };
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

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 * @param {InputValue} input
 */
export function setInput(ctx, block, element, input) {
  ui.inputs.set(inputKey(ctx, block.block_id, element.action_id), input);
}

/**
 * `state.values` of a surface as Slack sends it: block id -> action id -> what the element holds.
 * @param {RenderContext} ctx
 */
export function surfaceState(ctx) {
  /** @type {Record<string, Record<string, InputValue>>} */
  const state = {};
  const prefix = `${ctx.key}\u0000`;
  for (const [key, input] of ui.inputs) {
    if (!key.startsWith(prefix)) continue;
    const [, blockId, actionId] = key.split('\u0000');
    if (blockId === undefined || actionId === undefined) continue;
    state[blockId] ??= {};
    state[blockId][actionId] = input;
  }
  return state;
}

/**
 * A block_actions request for this element, after its confirm dialog if it has one.
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 * @param {InputValue | undefined} input
 */
export async function sendAction(ctx, block, element, input) {
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

/**
 * Elements in input blocks only report their state, unless the block asks for dispatch_action.
 * @param {Block} block
 */
export function dispatches(block) {
  return block.type !== 'input' || block.dispatch_action === true;
}
