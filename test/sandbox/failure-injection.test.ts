import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox, SeededWorkspace } from '../../src/sandbox/index.ts';
import { clientFor, sandboxWithWorkspace } from './support.ts';

let sandbox: Sandbox;
let workspace: SeededWorkspace;

beforeEach(async () => {
  ({ sandbox, workspace } = await sandboxWithWorkspace({ rateLimits: 'off' }));
});
afterEach(async () => {
  await sandbox.close();
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
}

const metadata = { event_type: 'nudge_send', event_payload: { key: 'k-1' } };

describe('injected failures', () => {
  test('http_error: the client gets the status and nothing happens', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    sandbox.inject({ method: 'chat.postMessage', kind: 'http_error', status: 503 });
    const error = await failure(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'x' }));
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(503);
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
    expect(sandbox.callsTo('chat.postMessage')[0]).toMatchObject({ status: 503, injected: 'http_error' });
    // Only the next call was affected.
    await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'y' });
    expect(sandbox.messages('C0GENERAL1').map((message) => message.text)).toEqual(['y']);
  });

  test('ratelimited: HTTP 429 with the given Retry-After and nothing happens', async () => {
    const client = clientFor(sandbox, workspace.botToken, { rejectRateLimitedCalls: true });
    sandbox.inject({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 7 });
    const error = await failure(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'x' }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
  });

  test('error: HTTP 200 with ok:false and the given error', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    sandbox.inject({ method: 'conversations.open', kind: 'error', error: 'fatal_error' });
    const error = await failure(client.conversations.open({ users: 'U0BOB00001' }));
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect((error as WebAPIPlatformError).data.error).toBe('fatal_error');
    expect(sandbox.callsTo('conversations.open')[0]).toMatchObject({ status: 200, injected: 'error' });
  });

  test('timeout: the client times out while the post still lands (Slack was merely slow)', async () => {
    const client = clientFor(sandbox, workspace.botToken, { timeout: 100 });
    sandbox.inject({ method: 'chat.postMessage', kind: 'timeout', delayMs: 1000 });
    const error = await failure(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'slow', metadata }));
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(sandbox.messages('C0GENERAL1')).toEqual([expect.objectContaining({ text: 'slow', metadata })]);
  });

  test('timeout with applyEffect: false loses the request', async () => {
    const client = clientFor(sandbox, workspace.botToken, { timeout: 100 });
    sandbox.inject({ method: 'chat.postMessage', kind: 'timeout', delayMs: 1000, applyEffect: false });
    const error = await failure(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'lost' }));
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(sandbox.messages('C0GENERAL1')).toEqual([]);
  });

  test('fail_after_effect: HTTP 500, yet the message and its metadata are in conversations.history', async () => {
    const client = clientFor(sandbox, workspace.botToken);
    const { channel } = await client.conversations.open({ users: 'U0BOB00001' });
    const dm = channel?.id ?? '';
    sandbox.inject({ method: 'chat.postMessage', kind: 'fail_after_effect' });
    const error = await failure(client.chat.postMessage({ channel: dm, text: 'did it send?', metadata }));
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(500);

    const history = await client.conversations.history({ channel: dm, include_all_metadata: true, oldest: '0' });
    expect(history.messages).toEqual([expect.objectContaining({ text: 'did it send?', metadata })]);
    expect(sandbox.callsTo('chat.postMessage')[0]).toMatchObject({ status: 500, injected: 'fail_after_effect' });
  });

  test('times, teamId scoping and clearFailures', async () => {
    const other = sandbox.createWorkspace({ teamId: 'T0OTHER001', name: 'Other' });
    const acme = clientFor(sandbox, workspace.botToken);
    const otherClient = clientFor(sandbox, other.botToken);
    sandbox.inject({ method: 'auth.test', teamId: 'T0ACME0001', kind: 'error', error: 'internal_error', times: 2 });
    await otherClient.auth.test();
    expect(await failure(acme.auth.test())).toBeInstanceOf(WebAPIPlatformError);
    expect(await failure(acme.auth.test())).toBeInstanceOf(WebAPIPlatformError);
    await acme.auth.test();

    sandbox.inject({ method: 'auth.test', kind: 'http_error', times: 5 });
    sandbox.clearFailures();
    await acme.auth.test();
    expect(sandbox.callsTo('auth.test').map((call) => call.injected ?? 'none')).toEqual([
      'none',
      'error',
      'error',
      'none',
      'none',
    ]);
  });
});
