import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function once(read: () => Buffer): () => Buffer {
  let bytes: Buffer | undefined;
  return () => (bytes ??= read());
}

/** The browser build of the same ECharts the server draws with, from node_modules: the page needs no CDN. */
const echartsBundle = once(() =>
  readFileSync(join(dirname(createRequire(import.meta.url).resolve('echarts')), 'echarts.min.js')),
);
const pageScript = once(() => readFileSync(new URL('./assets/insights.js', import.meta.url)));

function serveScript(body: () => Buffer) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
    res.end(body());
  };
}

export const serveEcharts = serveScript(echartsBundle);
export const serveInsightsScript = serveScript(pageScript);
