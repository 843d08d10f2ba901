import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type HttpReply, jsonReply, type SandboxRuntime, textReply } from '../runtime.ts';
import { handleApiCall } from '../web-api/handle-api-call.ts';
import { handleFileDownload, handleFileUpload } from './file-upload.ts';
import { handleAuthorize } from './oauth-authorize.ts';
import { handleOpenIdAuthorize, openIdConfiguration, openIdKeys } from './openid-connect.ts';
import { handleResponseUrlPost } from './response-url.ts';

/** Slack refuses larger request bodies; it also keeps a runaway test from eating memory. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Routes: POST|GET /api/<method> (Web API), POST /response/<id> (response_url), POST /upload/v1/<id> (a file's
 * bytes), GET /files-pri/<team>-<file>/… (a file's url_private), GET /oauth/v2/authorize, Sign in with Slack (GET /.well-known/openid-configuration,
 * /openid/connect/authorize and /openid/connect/keys), GET /healthz. Replies held back by injected timeouts are tracked so close() can drop them.
 */
export function createSandboxServer(runtime: SandboxRuntime): { server: Server; dropPending(): void } {
  const pending = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, reply: HttpReply): void => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const bytes = await readBody(req);
    if (bytes === undefined) return send(res, jsonReply(413, { ok: false, error: 'request_too_large' }));

    const body = bytes.toString('utf8');
    let reply: HttpReply;
    if (url.pathname.startsWith('/upload/v1/') && req.method === 'POST') {
      reply = handleFileUpload(runtime, url.pathname.slice('/upload/v1/'.length), {
        contentType: req.headers['content-type'],
        body: bytes,
      });
    } else if (url.pathname.startsWith('/files-pri/') && req.method === 'GET') {
      reply = handleFileDownload(runtime, url.pathname.slice('/files-pri/'.length), req.headers.authorization);
    } else if (url.pathname.startsWith('/api/') && (req.method === 'POST' || req.method === 'GET')) {
      reply = handleApiCall(runtime, decodeURIComponent(url.pathname.slice('/api/'.length)), {
        contentType: req.headers['content-type'],
        body,
        query: url.searchParams,
        authorization: req.headers.authorization,
      });
    } else if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      reply = handleResponseUrlPost(runtime, url.pathname.slice('/response/'.length), body);
    } else if (url.pathname === '/oauth/v2/authorize' && req.method === 'GET') {
      reply = handleAuthorize(runtime, url.searchParams);
    } else if (url.pathname === '/.well-known/openid-configuration' && req.method === 'GET') {
      reply = openIdConfiguration(runtime);
    } else if (url.pathname === '/openid/connect/authorize' && req.method === 'GET') {
      reply = handleOpenIdAuthorize(runtime, url.searchParams);
    } else if (url.pathname === '/openid/connect/keys' && req.method === 'GET') {
      reply = openIdKeys(runtime);
    } else if (url.pathname === '/healthz') {
      reply = textReply(200, 'ok');
    } else {
      reply = textReply(404, 'not found');
    }

    if (reply.delayMs !== undefined && reply.delayMs > 0) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        send(res, reply);
      }, reply.delayMs);
      pending.add(timer);
      return;
    }
    send(res, reply);
  };

  const server = createServer((req, res) => {
    res.on('error', () => {
      // The client went away (e.g. its timeout fired during an injected delay); nothing to tell it.
    });
    route(req, res).catch((error: unknown) => {
      send(res, textReply(500, `sandbox internal error: ${error instanceof Error ? error.stack : String(error)}`));
    });
  });

  return {
    server,
    dropPending() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
