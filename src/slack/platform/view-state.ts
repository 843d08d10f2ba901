/**
 * Reads a submitted view's state defensively: whatever arrives (a forged or malformed payload included), each
 * reader returns the plain value it promises or nothing, so a listener never throws on input.
 */

export { hasControlCharacters } from '../../domain/celebrations/text.ts';

type Values = Record<string, Record<string, unknown>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function viewValues(view: unknown): Values {
  const values = isObject(view) && isObject(view.state) ? view.state.values : undefined;
  return isObject(values) ? (values as Values) : {};
}

function field(values: Values, at: { block: string; action: string }): Record<string, unknown> {
  const block = values[at.block];
  const element = isObject(block) ? block[at.action] : undefined;
  return isObject(element) ? element : {};
}

export function inputText(values: Values, at: { block: string; action: string }): string {
  const value = field(values, at).value;
  return typeof value === 'string' ? value : '';
}

export function inputDate(values: Values, at: { block: string; action: string }): string | null {
  const value = field(values, at).selected_date;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function inputOption(values: Values, at: { block: string; action: string }): string | null {
  const option = field(values, at).selected_option;
  return isObject(option) && typeof option.value === 'string' ? option.value : null;
}

export function inputOptions(values: Values, at: { block: string; action: string }): string[] {
  const options = field(values, at).selected_options;
  return Array.isArray(options)
    ? options.flatMap((o) => (isObject(o) && typeof o.value === 'string' ? [o.value] : []))
    : [];
}

const userId = /^[UW][A-Z0-9]{2,30}$/;
const channelId = /^[CGD][A-Z0-9]{2,30}$/;

export function inputUsers(values: Values, at: { block: string; action: string }): string[] {
  const users = field(values, at).selected_users;
  return Array.isArray(users) ? users.filter((u): u is string => typeof u === 'string' && userId.test(u)) : [];
}

/** A users_select's one person. */
export function inputUser(values: Values, at: { block: string; action: string }): string | null {
  const user = field(values, at).selected_user;
  return typeof user === 'string' && userId.test(user) ? user : null;
}

export function inputConversation(values: Values, at: { block: string; action: string }): string | null {
  const value = field(values, at).selected_conversation;
  return typeof value === 'string' && channelId.test(value) ? value : null;
}

/** A button's `value`, if it is a string. */
export function actionValue(action: unknown): string | undefined {
  return isObject(action) && typeof action.value === 'string' ? action.value : undefined;
}
