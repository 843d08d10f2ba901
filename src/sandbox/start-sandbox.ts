import type { AddressInfo } from 'node:net';
import { createDriver } from './driver/driver.ts';
import { FailureQueue } from './failure-injection.ts';
import { createSandboxServer } from './http/server.ts';
import { createOpenIdSigner } from './openid/signing-key.ts';
import { RateLimiter } from './rate-limits.ts';
import { bindRuntime, type SandboxRuntime } from './runtime.ts';
import { SocketModeServer, slackSocketModeTimings } from './socket-mode/socket-mode-server.ts';
import { SandboxStore } from './store.ts';
import type { OpenView, RecordedCall, Sandbox, SandboxOptions } from './types.ts';
import { waitFor } from './wait-for.ts';

/** Starts a Slack-compatible server on its own port; see types.ts for the contract. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const store = new SandboxStore({ appId: options.appId ?? 'A0SANDBOX01', now });
  const socketMode = new SocketModeServer({
    appId: store.appId,
    timings: { ...slackSocketModeTimings, ...options.socketMode },
    baseUrl: () => runtime.baseUrl,
  });
  const runtime: SandboxRuntime = {
    store,
    limiter: new RateLimiter({ enabled: options.rateLimits !== 'off', timeScale: options.timeScale ?? 1 }),
    failures: new FailureQueue(),
    calls: [],
    now,
    baseUrl: '',
    oauth: options.oauth ?? {},
    appToken: store.ids.secret(`xapp-1-${store.appId}-`),
    socketMode,
    openId: createOpenIdSigner(),
  };
  const { server, dropPending } = createSandboxServer(runtime);
  server.on('upgrade', (req, socket, head) => socketMode.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  runtime.baseUrl = `http://${host}:${address.port}`;

  const sandbox: Sandbox = {
    url: runtime.baseUrl,
    apiUrl: `${runtime.baseUrl}/api/`,
    appToken: runtime.appToken,
    socketMode: {
      connections: () => socketMode.openConnections,
      requestRefresh: () => socketMode.requestRefresh(),
    },

    createWorkspace: (spec) => store.createWorkspace(spec),
    addUser: (teamId, user) => store.addUser(teamId, user),
    addChannel: (teamId, channel) => store.addChannel(teamId, channel),
    addUsergroup: (teamId, usergroup) => store.addUsergroup(teamId, usergroup),
    setUserDeleted: (teamId, userId, deleted) => store.setUserDeleted(teamId, userId, deleted),
    setChannelArchived: (channelId, archived) => store.setChannelArchived(channelId, archived),
    addUserMessage: (input) => store.addUserMessage(input),
    revokeTokens: (teamId) => store.revokeTokens(teamId),
    workspace(teamId) {
      const workspace = store.workspaces.get(teamId);
      return workspace ? store.seeded(workspace) : undefined;
    },

    get calls(): ReadonlyArray<RecordedCall> {
      return Object.freeze(structuredClone(runtime.calls));
    },
    callsTo(method, filter = {}) {
      return structuredClone(
        runtime.calls.filter(
          (call) => call.method === method && (filter.teamId === undefined || call.teamId === filter.teamId),
        ),
      );
    },
    messages(channelId) {
      return structuredClone(store.channels.get(channelId)?.messages ?? []);
    },
    ephemerals(filter = {}) {
      return structuredClone(
        store.ephemerals.filter(
          (ephemeral) =>
            (filter.channelId === undefined || ephemeral.channelId === filter.channelId) &&
            (filter.userId === undefined || ephemeral.userId === filter.userId),
        ),
      );
    },
    responseUrlPosts: () => structuredClone(store.responseUrlPosts),
    homeView(teamId, userId) {
      const view = store.views.get(store.homeViews.get(`${teamId}:${userId}`) ?? '');
      return view ? structuredClone(view.view) : undefined;
    },
    files(filter = {}) {
      return [...store.files.values()]
        .filter((file) => filter.teamId === undefined || file.teamId === filter.teamId)
        .map((file) => ({ ...file, shares: { ...file.shares }, content: Buffer.from(file.content) }));
    },
    openViews() {
      return [...store.views.values()]
        .filter((view) => !view.isHome)
        .map(({ isHome: _isHome, appId: _appId, botId: _botId, ...view }): OpenView => structuredClone(view));
    },
    waitFor: (probe, waitOptions) => waitFor(probe, () => runtime.calls, waitOptions),
    reset() {
      store.reset();
      runtime.calls.length = 0;
      runtime.failures.clear();
      runtime.limiter.reset();
    },

    inject: (failure) => runtime.failures.add(failure),
    clearFailures: () => runtime.failures.clear(),

    driver: (driverOptions) => createDriver(runtime, driverOptions),
    async close() {
      dropPending();
      socketMode.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  bindRuntime(sandbox, runtime);
  return sandbox;
}
