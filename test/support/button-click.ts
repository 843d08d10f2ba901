import { expect } from 'vitest';
import type { Harness } from './harness.ts';

/** What Nudge answered a click with, through the click's response_url. */
export interface ClickAnswer {
  text: string;
  blocks: Array<Record<string, unknown>>;
  replace_original?: boolean;
}

/**
 * A signed click on a button in `channel` (on the message `on`, when given), and the answer Nudge sent back through
 * the click's response_url.
 */
export async function clickForAnswer(
  h: Harness,
  input: {
    teamId: string;
    userId: string;
    actionId: string;
    value: string;
    channel: string;
    on?: { channel: string; ts: string } | undefined;
  },
): Promise<ClickAnswer> {
  const { on } = input;
  const response = await h.driver.interaction({
    teamId: input.teamId,
    userId: input.userId,
    payload: {
      type: 'block_actions',
      channel: { id: on?.channel ?? input.channel },
      ...(on ? { container: { type: 'message', channel_id: on.channel, message_ts: on.ts } } : {}),
      actions: [{ action_id: input.actionId, type: 'button', value: input.value }],
    },
  });
  expect(response.status).toBe(200);
  const post = await h.sandbox.waitFor(() => h.sandbox.responseUrlPosts().find((p) => p.url === response.responseUrl), {
    timeoutMs: 20_000,
    description: `the answer to ${input.actionId}`,
  });
  return post.body as ClickAnswer;
}
