/**
 * The baseline: a bare Bolt app with the same HTTPReceiver settings and signing as Nudge (endpoint, body limit,
 * signature check) and handlers that do nothing. Started by run.ts as its own process:
 * PORT, SLACK_SIGNING_SECRET in the environment; prints "listening" when ready.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const port = Number(process.env.PORT ?? 0);
const signingSecret = process.env.SLACK_SIGNING_SECRET ?? '';

const receiver = new HTTPReceiver({
  signingSecret,
  endpoints: ['/slack/events'],
  bodyLimit: 256 * 1024,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  receiver,
  logLevel: LogLevel.ERROR,
  // No installation lookup and no auth.test: the least any Bolt app does for a request.
  authorize: async () => ({ botToken: 'xoxb-bench-baseline', botId: 'B0BENCH', botUserId: 'U0BOT' }),
});
app.command('/kudos', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'ok' });
});
app.event('app_home_opened', async () => {});
app.event('reaction_added', async () => {});

await app.start(port);
process.stdout.write('listening\n');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void app.stop().finally(() => process.exit(0));
  });
}
