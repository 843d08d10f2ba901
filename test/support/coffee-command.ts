import { expect } from 'vitest';
import type { Harness } from './harness.ts';

/**
 * Runs `/coffee <text>` as `userId` in `channelId` through signed HTTP and returns the text Nudge acknowledged
 * with: '' when it answered with nothing (it opened a modal instead, say).
 */
export async function runCoffee(
  h: Harness,
  input: { teamId: string; userId: string; channelId: string; text: string },
): Promise<string> {
  const response = await h.driver.command({ ...input, command: '/coffee' });
  expect(response.status).toBe(200);
  return (response.json as { text?: string } | undefined)?.text ?? '';
}
