import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { SignInSettings } from '../config.ts';
import { createSandboxUi, DEMO_CHANNELS, type Sandbox, seedDemoWorkspace, startSandbox } from '../sandbox/index.ts';
import { seedDemoLearning } from './demo-learning.ts';
import { seedDemoMentorship } from './demo-mentorship.ts';
import { manifestFeatures } from './manifest-features.ts';
import { demoTimeControls, type TimeControlDeps } from './time-controls.ts';

/** Ada, the demo workspace's admin, who started its programmes. */
const DEMO_ADMIN_ID = 'U0DEMOADA1';

export interface SandboxMode {
  sandbox: Sandbox;
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  teamId: string;
  /** Sign in with Slack against the sandbox's own OpenID endpoints, so the insights page signs in locally. */
  signIn: SignInSettings;
  /**
   * Mounts the browser UI at /sandbox on Nudge's own port; `appUrl` is asked for once the server listens.
   * `service` gives the UI's time controls the running service's database and job queues once it has started
   * (undefined until then: the controls answer "still starting").
   */
  routes(appUrl: () => string, service?: () => TimeControlDeps | undefined): CustomRoute[];
  /**
   * Seeds what the demo shows from the first start (a mentorship programme with its sign-ups, people's skills) once
   * Nudge runs.
   */
  seed(service: TimeControlDeps): Promise<void>;
  stop(): Promise<void>;
}

/**
 * No Slack credentials: Nudge talks to a local Slack-compatible sandbox with a seeded demo workspace instead,
 * and the sandbox's browser UI sends the same signed requests Slack would. Only the entry point imports this;
 * the bot never knows it is not talking to Slack.
 */
export async function startSandboxMode(): Promise<SandboxMode> {
  const signInClient = {
    clientId: `${Date.now()}.${randomBytes(6).readUIntBE(0, 6)}`,
    clientSecret: randomBytes(16).toString('hex'),
  };
  const sandbox = await startSandbox({ host: '127.0.0.1', rateLimits: 'slack', oauth: signInClient });
  const workspace = seedDemoWorkspace(sandbox);
  const signingSecret = randomBytes(24).toString('hex');
  return {
    sandbox,
    apiUrl: sandbox.apiUrl,
    botToken: workspace.botToken,
    signingSecret,
    teamId: workspace.teamId,
    signIn: { issuer: sandbox.url, ...signInClient },
    routes(appUrl, service = () => undefined) {
      const channelNames = new Map<string, string>(Object.values(DEMO_CHANNELS).map((c) => [c.id, c.name]));
      const timeControls = demoTimeControls(service, {
        teamId: workspace.teamId,
        promptChannelId: DEMO_CHANNELS.general.id,
        kudosChannelId: DEMO_CHANNELS.kudos.id,
        coffeeChannelId: DEMO_CHANNELS.coffee.id,
        channelName: (id) => channelNames.get(id) ?? id,
      });
      let ui: ReturnType<typeof createSandboxUi> | undefined;
      const uiFor = () =>
        (ui ??= createSandboxUi(sandbox, {
          appUrl: `${appUrl()}/slack/events`,
          signingSecret,
          teamId: workspace.teamId,
          timeControls,
          ...manifestFeatures(),
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
    async seed(service) {
      await seedDemoMentorship(service, {
        teamId: workspace.teamId,
        channelId: DEMO_CHANNELS.mentoring.id,
        adminId: DEMO_ADMIN_ID,
      });
      await seedDemoLearning(service, { teamId: workspace.teamId });
    },
    stop: () => sandbox.close(),
  };
}
