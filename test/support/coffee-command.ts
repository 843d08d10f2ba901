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

/** Starts a coffee programme in #coffee and a cross-team one in #cross-team (`pairingWorkspace`) as its admin. */
export async function startCoffeeAndCrossTeam(
  h: Harness,
  teamId: string,
): Promise<{ coffeeId: string; crossTeamId: string }> {
  const coffee = (text: string, channelId: string) => runCoffee(h, { teamId, userId: 'U0ADA', channelId, text });
  expect(await coffee('start coffee', 'C0COFFEE')).toContain('Started');
  expect(await coffee('start cross-team', 'C0XTEAM')).toContain('Started');
  const programmes = await h.service.deps.db.selectFrom('programmes').select(['id', 'channel_id']).execute();
  return {
    coffeeId: programmes.find((p) => p.channel_id === 'C0COFFEE')!.id,
    crossTeamId: programmes.find((p) => p.channel_id === 'C0XTEAM')!.id,
  };
}
