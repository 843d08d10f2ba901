import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { runtimeOf } from '../runtime.ts';
import type { Sandbox } from '../types.ts';
import { renderShell } from './shell.ts';
import { UiActions, UiError } from './ui-actions.ts';
import { buildUiState } from './ui-state.ts';

export interface SandboxUiOptions {
  /** The bot's Slack endpoint, e.g. 'http://127.0.0.1:3000/slack/events'. */
  appUrl: string;
  signingSecret: string;
  /** The demo workspace the UI shows. */
  teamId: string;
  /** Default '/sandbox'. */
  basePath?: string;
  /** Named time controls the app registers; each shows as a button. run() returns a short status text. */
  timeControls?: Array<{ id: string; label: string; run(): Promise<string> }>;
  /** Shortcuts the app declares in its manifest; global ones show under ⚡, message ones on each message. */
  shortcuts?: Array<{ type: 'global' | 'message'; callbackId: string; name: string }>;
  /** Slash commands the app declares in its manifest, suggested as the person types `/` in the composer. */
  commands?: SandboxUiCommand[];
  /** The app's display name in the sidebar and on its messages. Default 'Nudge'. */
  appName?: string;
  /**
   * Send `message` (and `app_mention`) events for what people type in conversations the bot is in.
   * Default false: Nudge subscribes to neither.
   */
  messageEvents?: boolean;
  /**
   * Host names (without port) the UI answers besides localhost and IP literals, e.g. a container name.
   * Other Host headers get 403, which keeps DNS-rebinding pages away from the local UI. '*' allows any.
   */
  allowedHosts?: string[];
  /**
   * Answer clients that are not on this machine (e.g. through a container's port mapping). Default false:
   * only loopback peers are served, even if the server listens on every interface.
   */
  allowRemote?: boolean;
}

export interface SandboxUiCommand {
  /** e.g. '/kudos' */
  command: string;
  description?: string;
  /** The manifest's `usage_hint`, shown beside the command as Slack shows it. */
  usageHint?: string;
}

export interface SandboxUi {
  /** True when the request was under basePath (and has been or is being answered); false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * Every file under assets/ the page loads: app.js and the ES modules it imports, and the stylesheet. A fixed list,
 * looked up by exact name, so no other file (types.js, tsconfig.json, anything up a `../`) is ever served.
 */
const SCRIPT_MODULES = [
  'app.js',
  'actor.js',
  'block-elements.js',
  'block-inputs.js',
  'block-kit.js',
  'composer.js',
  'composer-suggestions.js',
  'conversation.js',
  'dom.js',
  'emoji.js',
  'file-attachments.js',
  'icons.js',
  'menus.js',
  'messages.js',
  'modal.js',
  'mrkdwn.js',
  'names.js',
  'navigation.js',
  'server.js',
  'sidebar.js',
  'state.js',
  'time-controls.js',
];
const ASSET_TYPES: Record<string, string> = {
  ...Object.fromEntries(SCRIPT_MODULES.map((name) => [name, JAVASCRIPT])),
  'app.css': 'text/css; charset=utf-8',
};

function readAssets(): Map<string, { type: string; body: string }> {
  return new Map(
    Object.entries(ASSET_TYPES).map(([name, type]) => [
      name,
      { type, body: readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8') },
    ]),
  );
}

/**
 * The sandbox's browser UI as a request handler to mount on any Node HTTP server: an HTML shell, its script
 * modules and stylesheet, and JSON endpoints under `${basePath}/api/`. Every interaction goes to the app as the signed
 * request Slack would send, through the sandbox driver.
 */
export function createSandboxUi(sandbox: Sandbox, options: SandboxUiOptions): SandboxUi {
  const runtime = runtimeOf(sandbox);
  runtime.store.workspace(options.teamId);
  const base = `/${(options.basePath ?? '/sandbox').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const appName = options.appName ?? 'Nudge';
  const timeControls = options.timeControls ?? [];
  const shortcuts = options.shortcuts ?? [];
  const allowedHosts = new Set((options.allowedHosts ?? []).map((host) => host.toLowerCase()));
  const commands = options.commands ?? [];
  const assets = readAssets();
  const actions = new UiActions(
    runtime,
    sandbox.driver({ appUrl: options.appUrl, signingSecret: options.signingSecret }),
    { teamId: options.teamId, messageEvents: options.messageEvents ?? false, timeControls, shortcuts },
  );

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ) => {
    if (res.headersSent) return;
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, body: unknown) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

  const peerAllowed = (req: IncomingMessage): boolean => {
    if (options.allowRemote) return true;
    const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    return peer === '::1' || /^127\./.test(peer);
  };

  const hostAllowed = (req: IncomingMessage): boolean => {
    if (allowedHosts.has('*')) return true;
    const host = (req.headers.host ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    return name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0 || allowedHosts.has(name);
  };

  /** Cross-site pages must not drive the UI: JSON only (so a form cannot post), and a same-origin Origin. */
  const sameOriginJson = (req: IncomingMessage): boolean => {
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/json')) return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

  const api = async (req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<void> => {
    if (req.method === 'GET' && route.startsWith('files/')) {
      // Only a file this workspace completed: pending uploads and other workspaces' files stay unseen.
      const file = runtime.store.files.get(decodeURIComponent(route.slice('files/'.length)));
      if (!file || file.teamId !== options.teamId || file.state !== 'completed') {
        return json(res, 404, { ok: false, error: 'file_not_found' });
      }
      const disposition = file.mimetype.startsWith('image/') ? 'inline' : 'attachment';
      return send(res, 200, file.mimetype, file.content, {
        'content-disposition': `${disposition}; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
      });
    }
    if (req.method === 'GET') {
      if (route !== 'state') return json(res, 404, { ok: false, error: 'unknown_endpoint' });
      const state = buildUiState(runtime, {
        teamId: options.teamId,
        userId: url.searchParams.get('user') ?? undefined,
        conversation: url.searchParams.get('conversation') ?? undefined,
        appName,
        notices: actions.notices,
        timeControls,
        shortcuts,
        commands,
        timeStatus: actions.timeStatus,
      });
      const since = url.searchParams.get('since');
      return json(
        res,
        200,
        since !== null && since === state.version ? { version: state.version, unchanged: true } : state,
      );
    }
    if (!sameOriginJson(req)) {
      return json(res, 403, { ok: false, error: 'forbidden', detail: 'POST application/json from the UI only' });
    }
    const raw = await readBody(req);
    if (raw === undefined) return json(res, 413, { ok: false, error: 'request_too_large' });
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return json(res, 400, { ok: false, error: 'invalid_json' });
    }
    let result: unknown;
    if (route.startsWith('time/')) {
      result = await actions.time(decodeURIComponent(route.slice('time/'.length)));
    } else {
      switch (route) {
        case 'command':
          result = await actions.command(body);
          break;
        case 'message':
          result = await actions.message(body);
          break;
        case 'join':
          result = await actions.join(body);
          break;
        case 'reaction':
          result = await actions.reaction(body);
          break;
        case 'open-home':
          result = await actions.openHome(body);
          break;
        case 'action':
          result = await actions.action(body);
          break;
        case 'view-submit':
          result = await actions.viewSubmit(body);
          break;
        case 'view-close':
          result = await actions.viewClose(body);
          break;
        case 'shortcut':
          result = await actions.shortcut(body);
          break;
        default:
          return json(res, 404, { ok: false, error: 'unknown_endpoint' });
      }
    }
    json(res, 200, result);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed', { allow: 'GET, POST' });
    }
    if (!peerAllowed(req)) {
      return send(
        res,
        403,
        'text/plain; charset=utf-8',
        'The sandbox UI answers this machine only; set allowRemote to serve other machines.',
      );
    }
    if (!hostAllowed(req)) {
      return send(
        res,
        403,
        'text/plain; charset=utf-8',
        'The sandbox UI answers localhost and IP addresses only; add this host name to allowedHosts to use it.',
      );
    }
    const rest = url.pathname.slice(base.length).replace(/^\/+/, '');
    if (rest.startsWith('api/')) return api(req, res, rest.slice('api/'.length), url);
    if (req.method !== 'GET')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed', { allow: 'GET' });
    if (rest === '') {
      const workspace = runtime.store.workspace(options.teamId);
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        renderShell({ basePath: base, teamName: workspace.name, appName }),
      );
    }
    const file = rest.startsWith('assets/') ? assets.get(rest.slice('assets/'.length)) : undefined;
    if (file) return send(res, 200, file.type, file.body);
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };

  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://ui.invalid');
      if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
      serve(req, res, url).catch((error: unknown) => {
        if (error instanceof UiError)
          return json(res, error.status, { ok: false, error: error.code, detail: error.message });
        json(res, 500, {
          ok: false,
          error: 'internal_error',
          detail: error instanceof Error ? error.message : String(error),
        });
      });
      return true;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
