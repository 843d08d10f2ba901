import { once } from 'node:events';
import type { Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { App, HTTPReceiver, type Installation, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { Logger } from '../observability/logger.ts';
import { toSlackLogger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { instrumentedFetch } from './platform/clients.ts';
import { processEventErrorHandler } from './platform/error-replies.ts';
import type { NudgeInstallationStore } from './platform/installation-store.ts';
import type { ListenerDeps } from './platform/listener-deps.ts';
import { eventDedupeMiddleware } from './platform/middleware/event-dedupe.ts';
import { metricsMiddleware } from './platform/middleware/metrics.ts';
import { tracingMiddleware } from './platform/middleware/tracing.ts';
import { workspaceMiddleware } from './platform/middleware/workspace.ts';
import { botScopes } from './platform/oauth-scopes.ts';
import { guardSlackRequests } from './platform/receiver-guards.ts';
import { traceSlackRequests } from './platform/request-tracing.ts';
import type { SingleWorkspace } from './platform/single-workspace.ts';
import { acknowledgeFailedEnvelopes } from './platform/socket-mode-acks.ts';
import { SlackSurface } from './platform/surface.ts';
import { workspaceKey } from './platform/workspace-key.ts';
import { registerListeners } from './register.ts';

/** Slack payloads are a few kB; anything near this is not from Slack. */
const bodyLimitBytes = 256 * 1024;
const slackEndpoint = '/slack/events';

export interface SlackAppDeps extends ListenerDeps {
  config: Config;
  metrics: Metrics;
  logger: Logger;
  routes: CustomRoute[];
  /**
   * Where the HTTP side listens: Slack's requests in HTTP mode; in Socket Mode the routes (probes, metrics,
   * OAuth install) on the server Bolt's SocketModeReceiver builds at construction, so it is known here.
   */
  listen: { port: number; host?: string | undefined };
  singleWorkspace: SingleWorkspace | undefined;
  installationStore: NudgeInstallationStore | undefined;
  /** Called after an OAuth install is stored, e.g. to start the member directory sync. */
  onInstalled(workspaceId: string): Promise<void>;
}

export interface SlackWebApp {
  app: App;
  surface: SlackSurface;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bound HTTP port once started (HTTP mode, or the Socket Mode side server). */
  port(): number | undefined;
}

function installPage(title: string, message: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>${title}</h1><p>${message}</p></body></html>`;
}

export function createSlackWebApp(deps: SlackAppDeps): SlackWebApp {
  const { config } = deps;
  const slackLogger = toSlackLogger(deps.logger, 'bolt');
  const mode = config.slack.mode;
  const oauth =
    mode.kind === 'oauth'
      ? {
          clientId: mode.clientId,
          clientSecret: mode.clientSecret,
          stateSecret: mode.stateSecret,
          scopes: [...botScopes],
          installationStore: deps.installationStore,
          installerOptions: {
            directInstall: true,
            authorizationUrl: new URL('../oauth/v2/authorize', config.slack.apiUrl).href,
            clientOptions: { slackApiUrl: config.slack.apiUrl },
            callbackOptions: {
              success: (
                installation: Installation,
                _options: unknown,
                _req: unknown,
                res: import('node:http').ServerResponse,
              ) => {
                const workspaceId = workspaceKey({
                  teamId: installation.team?.id,
                  enterpriseId: installation.enterprise?.id,
                  isEnterpriseInstall: installation.isEnterpriseInstall,
                });
                void (workspaceId ? deps.onInstalled(workspaceId) : Promise.resolve()).catch((error: unknown) =>
                  deps.logger.error({ err: error }, 'post-install step failed'),
                );
                res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
                res.end(installPage('Nudge is installed', 'You can close this tab and open Nudge in Slack.'));
              },
            },
          },
        }
      : {};

  const receiver = config.slack.appToken
    ? new SocketModeReceiver({
        ...(mode.kind === 'oauth' ? oauth : {}),
        appToken: config.slack.appToken,
        customRoutes: deps.routes,
        logger: slackLogger,
        // The Socket Mode client asks apps.connections.open for its WebSocket URL at the same Slack API URL as
        // every other call (a Slack-compatible server, or the sandbox, serves both).
        installerOptions: {
          ...(oauth.installerOptions ?? {}),
          clientOptions: { slackApiUrl: config.slack.apiUrl },
          port: deps.listen.port,
        },
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        endpoints: [slackEndpoint],
        customRoutes: deps.routes,
        logger: slackLogger,
        bodyLimit: bodyLimitBytes,
        // guardSlackRequests (below) checks every request's signature before Bolt sees it: stricter and cheaper.
        signatureVerification: false,
        processEventErrorHandler: processEventErrorHandler(deps.logger),
        ...oauth,
      });

  if (receiver instanceof SocketModeReceiver) acknowledgeFailedEnvelopes(receiver, deps.logger);
  if (receiver instanceof HTTPReceiver) {
    receiver.requestListener = guardSlackRequests(traceSlackRequests(receiver.requestListener, [slackEndpoint]), {
      endpoints: [slackEndpoint],
      bodyLimit: bodyLimitBytes,
      signingSecret: config.slack.signingSecret,
      onRefused: (status, reason) => deps.logger.warn({ status, reason }, 'request to the Slack endpoint refused'),
    });
  }

  const app = new App({
    receiver,
    logger: slackLogger,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      fetch: instrumentedFetch(deps.metrics),
      // Listeners answer within Slack's 3 s, so their calls get one quick retry at most.
      retryConfig: { retries: 1, factor: 1, minTimeout: 100, maxTimeout: 300 },
      timeout: 2_500,
    },
    ...(deps.singleWorkspace ? { authorize: deps.singleWorkspace.authorize } : {}),
    // Bolt's in-memory conversation store is unused here (state lives in Postgres) and costs every request a lookup.
    convoStore: false,
  });

  app.use(tracingMiddleware());
  app.use(workspaceMiddleware());
  app.use(metricsMiddleware(deps.metrics));
  app.use(eventDedupeMiddleware(deps));
  app.error(async (error) => {
    // Every failure goes on to the receiver's processEventErrorHandler (error-replies.ts), or over Socket Mode to
    // acknowledgeFailedEnvelopes (socket-mode-acks.ts), which log it once and answer: 401 (an empty ack over a
    // socket) for a workspace not served, "try again" when nothing was acknowledged yet. Swallowed here, a
    // listener that failed before ack() would leave Slack waiting 3 s for Bolt's 404 ("operation_timeout").
    throw error;
  });

  const surface = new SlackSurface(app);
  registerListeners(surface, deps);

  let server: Server | undefined;
  return {
    app,
    surface,
    async start() {
      const { port, host } = deps.listen;
      const started = await app.start(host ? { port, host } : port);
      // Bolt's SocketModeReceiver keeps its route server private; its start() resolves with the connection instead.
      const routeServer = receiver instanceof SocketModeReceiver ? socketModeRouteServer(receiver) : started;
      if (routeServer && typeof (routeServer as Server).address === 'function') {
        server = routeServer as Server;
        // Bolt calls listen() without waiting for it: know the bound port before start() returns.
        if (!server.listening) await once(server, 'listening');
        // Node drops a kept-alive socket after 5 s idle, racing a client or proxy that reuses it at that moment:
        // the request dies with a reset. Outlast the usual proxy idle timeout (60 s) so the other side closes first.
        server.keepAliveTimeout = 65_000;
        server.headersTimeout = 66_000;
        server.on('request', (req, res) => {
          // Bolt answers 413 without reading the rest of an oversized body; close the connection so those
          // unread bytes are never parsed as the next request on a kept-alive socket.
          if (Number(req.headers['content-length'] ?? 0) > bodyLimitBytes) res.setHeader('connection', 'close');
        });
      }
    },
    async stop() {
      await app.stop();
    },
    port() {
      const address = server?.address();
      return typeof address === 'object' && address ? address.port : undefined;
    },
  };
}

function socketModeRouteServer(receiver: SocketModeReceiver): Server | undefined {
  return (receiver as unknown as { httpServer?: Server }).httpServer;
}
