import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { WindowPacer } from '../../../jobs/slack-pacer.ts';
import { SlackRateLimitedError } from '../../../src/slack/platform/send-errors.ts';

describe('the in-process window pacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const pacer = () => new WindowPacer({ method: 'conversations.open', limit: 3, windowMs: 60_000, maxWaitSlots: 2 });

  test('admits a full window at once, then each next call when the oldest leaves the window', async () => {
    const p = pacer();
    for (let i = 0; i < 3; i += 1) await p.take('T1');
    await vi.advanceTimersByTimeAsync(25_000);
    // 35 s to the next slot: within two slots (40 s), so it waits in process.
    let fourth = false;
    const waiting = p.take('T1').then(() => (fourth = true));
    await vi.advanceTimersByTimeAsync(34_999);
    expect(fourth).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(fourth).toBe(true);
  });

  test('a wait longer than the allowed slots parks the job with the exact wait, and takes no slot', async () => {
    const p = pacer();
    for (let i = 0; i < 3; i += 1) await p.take('T1');
    await vi.advanceTimersByTimeAsync(10_000);
    // The next slot is 50 s away; two slots are 40 s.
    const error = await p.take('T1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackRateLimitedError);
    expect((error as SlackRateLimitedError).retryAfterMs).toBe(50_000);
    await vi.advanceTimersByTimeAsync(50_000);
    await p.take('T1');
  });

  test('workspaces have their own windows, and a time scale shortens them', async () => {
    const p = pacer();
    for (let i = 0; i < 3; i += 1) await p.take('T1', 30);
    await p.take('T2', 30);
    const error = await p.take('T1', 30).catch((e: unknown) => e);
    // Two slots at ×30 are 40 s / 30; the wait is the whole compressed window.
    expect((error as SlackRateLimitedError).retryAfterMs).toBe(2_000);
  });
});
