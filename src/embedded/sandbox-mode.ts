import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { createSandboxUi, type Sandbox, seedDemoWorkspace, startSandbox } from '../sandbox/index.ts';

export interface SandboxMode {
  sandbox: Sandbox;
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  teamId: string;
  /** Mounts the browser UI at /sandbox on Nudge's own port; `appUrl` is asked for once the server listens. */
  routes(appUrl: () => string): CustomRoute[];
  stop(): Promise<void>;
}

/**
 * No Slack credentials: Nudge talks to a local Slack-compatible sandbox with a seeded demo workspace instead,
 * and the sandbox's browser UI sends the same signed requests Slack would. Only the entry point imports this;
 * the bot never knows it is not talking to Slack.
 */
export async function startSandboxMode(): Promise<SandboxMode> {
  const sandbox = await startSandbox({ host: '127.0.0.1', rateLimits: 'slack' });
  const workspace = seedDemoWorkspace(sandbox);
  const signingSecret = randomBytes(24).toString('hex');
  return {
    sandbox,
    apiUrl: sandbox.apiUrl,
    botToken: workspace.botToken,
    signingSecret,
    teamId: workspace.teamId,
    routes(appUrl) {
      let ui: ReturnType<typeof createSandboxUi> | undefined;
      const uiFor = () =>
        (ui ??= createSandboxUi(sandbox, {
          appUrl: `${appUrl()}/slack/events`,
          signingSecret,
          teamId: workspace.teamId,
          shortcuts: [
            { type: 'global', callbackId: 'give_kudos', name: 'Give kudos' },
            { type: 'message', callbackId: 'give_kudos_message', name: 'Give kudos' },
          ],
        }));
      const handler = (req: IncomingMessage, res: ServerResponse) => {
        if (!uiFor().handle(req, res)) {
          res.writeHead(404);
          res.end();
        }
      };
      // Every method is routed here so the UI itself can answer 405 to the ones it does not serve.
      return [{ path: '/sandbox{/*rest}', method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], handler }];
    },
    stop: () => sandbox.close(),
  };
}
