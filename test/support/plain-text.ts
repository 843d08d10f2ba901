import type { Harness } from './harness.ts';

/** Slack shows these as plain text: a mention or channel link there reads as `<@U…>`. */
const markup = /<[@#!][^>]*>/;

/** Every plain_text object under `value` (a view, blocks, a call's arguments) whose text has Slack markup. */
export function plainTextWithMarkup(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      // Views and blocks arrive JSON-encoded in form-encoded calls.
      if (/^[[{]/.test(node)) {
        try {
          walk(JSON.parse(node));
        } catch {
          // Not JSON: ordinary text.
        }
      }
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (object.type === 'plain_text' && typeof object.text === 'string' && markup.test(object.text)) {
      found.push(object.text);
    }
    for (const child of Object.values(object)) walk(child);
  };
  walk(value);
  return found;
}

/** Modal errors are plain text too. */
export function errorsWithMarkup(answer: unknown): string[] {
  const errors = (answer as { errors?: Record<string, string> } | undefined)?.errors ?? {};
  return Object.values(errors).filter((text) => markup.test(text));
}

/** Plain-text fields with markup in everything Nudge sent to Slack so far (views, messages, Home tabs). */
export function sentPlainTextWithMarkup(h: Harness): string[] {
  const methods = [
    'views.open',
    'views.update',
    'views.push',
    'views.publish',
    'chat.postMessage',
    'chat.postEphemeral',
    'chat.update',
  ];
  return methods.flatMap((method) => h.sandbox.callsTo(method).flatMap((call) => plainTextWithMarkup(call.args)));
}
