import { WindowPacer } from './slack-pacer.ts';

/**
 * One pacer per Slack method this process calls from several jobs: Slack's window is per method per workspace,
 * so every caller of a method must share one, or two features opening group DMs at once would each think they
 * had the whole allowance.
 *
 * conversations.open is Tier 3, 50 a minute per workspace. The window is kept 3 % longer than Slack's, so calls
 * that reach Slack a little unevenly still fit.
 */
export const conversationsOpenPacer = new WindowPacer({
  method: 'conversations.open',
  limit: 50,
  windowMs: 61_800,
  maxWaitSlots: 2,
});
