/** The parts of a Slack message or answer that tests read: its words and its buttons. */

/** The words of a message or answer: its text and every Block Kit text in it. */
export function words(message: { text: string; blocks?: unknown[] }): string {
  const texts: string[] = [message.text];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'text' && typeof v === 'string') texts.push(v);
        else walk(v);
      }
    }
  };
  walk(message.blocks ?? []);
  return texts.join('\n');
}

export interface ButtonPart {
  action_id: string;
  value: string;
  text: string;
}

/** Every button in a message, a view or an answer, in order. */
export function buttonsOf(message: { blocks?: unknown[] }): ButtonPart[] {
  const found: ButtonPart[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      if (v.type === 'button')
        found.push({ action_id: String(v.action_id), value: String(v.value), text: (v.text as { text: string }).text });
      else Object.values(v).forEach(walk);
    }
  };
  walk(message.blocks ?? []);
  return found;
}
