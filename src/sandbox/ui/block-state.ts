import { createHash } from 'node:crypto';

/**
 * The Slack client's side of interactive Block Kit: the ids Slack gives blocks and elements the app left
 * unnamed, the `state.values` of a surface, the `actions[]` entry of a block_actions payload, and the checks
 * the client makes before it sends a view_submission (required inputs, lengths).
 */

type Json = Record<string, unknown>;

/** What the browser sends for one element: a value (text, option value, user id, date) or a list of them. */
export interface ClientInput {
  value?: string | null;
  values?: string[];
}

/** block_id -> action_id -> input, for the elements the person has touched. */
export type ClientState = Record<string, Record<string, ClientInput>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Slack-looking, stable for a given surface and position, so state and actions agree on the id across polls. */
function generatedId(seed: string, path: string): string {
  return createHash('sha1').update(`${seed}:${path}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 5);
}

/**
 * A copy of `blocks` where every block has a block_id and every interactive element an action_id, as Slack
 * assigns them when a message is posted or a view opened.
 */
export function withIds(blocks: unknown, seed: string): Json[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isObject).map((block, index) => {
    const copy: Json = structuredClone(block);
    if (typeof copy.block_id !== 'string' || copy.block_id === '') copy.block_id = generatedId(seed, `b${index}`);
    const nameElement = (element: unknown, path: string): unknown => {
      if (!isObject(element) || !isInteractive(element)) return element;
      if (typeof element.action_id !== 'string' || element.action_id === '') {
        element.action_id = generatedId(seed, `${index}.${path}`);
      }
      return element;
    };
    if (Array.isArray(copy.elements) && copy.type === 'actions') {
      copy.elements = copy.elements.map((element, position) => nameElement(element, `e${position}`));
    }
    if (isObject(copy.accessory)) nameElement(copy.accessory, 'accessory');
    if (isObject(copy.element)) nameElement(copy.element, 'element');
    return copy;
  });
}

const STATELESS = new Set(['button', 'overflow', 'workflow_button']);
const NOT_INTERACTIVE = new Set(['image', 'plain_text', 'mrkdwn']);

function isInteractive(element: Json): boolean {
  return typeof element.type === 'string' && !NOT_INTERACTIVE.has(element.type);
}

/** Every interactive element of a surface with its block. */
export function elementsOf(blocks: Json[]): Array<{ block: Json; element: Json }> {
  const found: Array<{ block: Json; element: Json }> = [];
  for (const block of blocks) {
    const candidates = [
      ...(block.type === 'actions' && Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.type === 'input' ? block.element : undefined,
    ];
    for (const element of candidates) if (isObject(element) && isInteractive(element)) found.push({ block, element });
  }
  return found;
}

export function findElement(
  blocks: Json[],
  blockId: string,
  actionId: string,
): { block: Json; element: Json } | undefined {
  return elementsOf(blocks).find(({ block, element }) => block.block_id === blockId && element.action_id === actionId);
}

function optionsOf(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObject).flatMap((group) => (Array.isArray(group.options) ? group.options : []))
    : [];
  return [...direct, ...grouped.filter(isObject)];
}

function optionObject(option: Json): Json {
  const object: Json = { text: option.text, value: option.value };
  if (option.description !== undefined) object.description = option.description;
  return object;
}

function optionByValue(element: Json, value: string | null | undefined): Json | null {
  if (value === undefined || value === null) return null;
  const option = optionsOf(element).find((candidate) => candidate.value === value);
  return option ? optionObject(option) : null;
}

function initialOptionValue(option: unknown): string | null {
  return isObject(option) && typeof option.value === 'string' ? option.value : null;
}

function initialOptionValues(options: unknown): string[] {
  return Array.isArray(options) ? options.map(initialOptionValue).filter((value) => value !== null) : [];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Element type -> the field Slack puts its selection under (in state.values and in actions[]), the element field
 * holding its initial value, and whether that field holds one value or a list.
 */
const SELECTION: Record<string, { field: string; initial: string; many: boolean; options?: boolean }> = {
  plain_text_input: { field: 'value', initial: 'initial_value', many: false },
  number_input: { field: 'value', initial: 'initial_value', many: false },
  email_text_input: { field: 'value', initial: 'initial_value', many: false },
  url_text_input: { field: 'value', initial: 'initial_value', many: false },
  static_select: { field: 'selected_option', initial: 'initial_option', many: false, options: true },
  external_select: { field: 'selected_option', initial: 'initial_option', many: false, options: true },
  radio_buttons: { field: 'selected_option', initial: 'initial_option', many: false, options: true },
  multi_static_select: { field: 'selected_options', initial: 'initial_options', many: true, options: true },
  multi_external_select: { field: 'selected_options', initial: 'initial_options', many: true, options: true },
  checkboxes: { field: 'selected_options', initial: 'initial_options', many: true, options: true },
  users_select: { field: 'selected_user', initial: 'initial_user', many: false },
  multi_users_select: { field: 'selected_users', initial: 'initial_users', many: true },
  conversations_select: { field: 'selected_conversation', initial: 'initial_conversation', many: false },
  multi_conversations_select: { field: 'selected_conversations', initial: 'initial_conversations', many: true },
  channels_select: { field: 'selected_channel', initial: 'initial_channel', many: false },
  multi_channels_select: { field: 'selected_channels', initial: 'initial_channels', many: true },
  datepicker: { field: 'selected_date', initial: 'initial_date', many: false },
  timepicker: { field: 'selected_time', initial: 'initial_time', many: false },
};

/** The selection fields of one element, from what the person chose or else from its initial value. */
function selectionOf(element: Json, input: ClientInput | undefined): Json {
  const type = String(element.type);
  const spec = SELECTION[type];
  if (!spec) return {};
  if (spec.options) {
    if (spec.many) {
      const values = input ? (input.values ?? []) : initialOptionValues(element[spec.initial]);
      return { [spec.field]: values.map((value) => optionByValue(element, value)).filter((option) => option !== null) };
    }
    const value = input ? (input.value ?? null) : initialOptionValue(element[spec.initial]);
    return { [spec.field]: optionByValue(element, value) };
  }
  if (spec.many) return { [spec.field]: input ? [...(input.values ?? [])] : stringList(element[spec.initial]) };
  const value = input ? stringOrNull(input.value) : stringOrNull(element[spec.initial]);
  return { [spec.field]: value };
}

/** `state.values` of a surface as Slack sends it: every stateful element, keyed by block_id then action_id. */
export function stateValues(blocks: Json[], client: ClientState | undefined): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const { block, element } of elementsOf(blocks)) {
    if (STATELESS.has(String(element.type)) || !SELECTION[String(element.type)]) continue;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const input = client?.[blockId]?.[actionId];
    values[blockId] ??= {};
    values[blockId][actionId] = { type: element.type, ...selectionOf(element, input) };
  }
  return values;
}

/** One `actions[]` entry of a block_actions payload. */
export function actionObject(block: Json, element: Json, input: ClientInput | undefined, actionTs: string): Json {
  const type = String(element.type);
  const base: Json = { type, action_id: element.action_id, block_id: block.block_id };
  if (type === 'button') {
    Object.assign(base, { text: element.text });
    if (element.value !== undefined) base.value = element.value;
    if (element.style !== undefined) base.style = element.style;
    if (element.url !== undefined) base.url = element.url;
  } else if (type === 'overflow') {
    base.selected_option = optionByValue(element, input?.value);
  } else {
    Object.assign(base, selectionOf(element, input ?? { value: null, values: [] }));
    const spec = SELECTION[type];
    if (spec && element[spec.initial] !== undefined) base[spec.initial] = element[spec.initial];
    if (element.placeholder !== undefined) base.placeholder = element.placeholder;
  }
  base.action_ts = actionTs;
  return base;
}

/**
 * What the Slack client checks before it sends a view_submission: required inputs must be filled, and
 * plain_text_input lengths respected. Returns block_id -> message, empty when the view may be submitted.
 */
export function clientSideErrors(blocks: Json[], client: ClientState | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const values = stateValues(blocks, client);
  for (const block of blocks) {
    if (block.type !== 'input' || !isObject(block.element)) continue;
    const blockId = String(block.block_id);
    const state = values[blockId]?.[String(block.element.action_id)];
    if (!state) continue;
    const { type: _type, ...selection } = state;
    const chosen = Object.values(selection)[0];
    const empty =
      chosen === null || chosen === undefined || chosen === '' || (Array.isArray(chosen) && chosen.length === 0);
    if (empty) {
      if (block.optional !== true) errors[blockId] = 'Please complete this required field.';
      continue;
    }
    if (block.element.type === 'plain_text_input' && typeof chosen === 'string') {
      const min = typeof block.element.min_length === 'number' ? block.element.min_length : 0;
      const max = typeof block.element.max_length === 'number' ? block.element.max_length : 3000;
      if (chosen.length < min) errors[blockId] = `Must be at least ${min} characters.`;
      else if (chosen.length > max) errors[blockId] = `Must be ${max} characters or fewer.`;
    }
  }
  return errors;
}
