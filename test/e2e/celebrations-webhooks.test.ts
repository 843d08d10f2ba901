import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signGithubWebhook, signNudgeWebhook } from '../../src/domain/celebrations/webhook-signature.ts';
import { celebrationsWorkspace } from '../support/celebrations-workspace.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';

let h: Harness;
let secret: string;
const teamId = 'T0HOOKS';

async function showSecret(text = 'secret'): Promise<string> {
  const response = await h.driver.command({
    teamId,
    userId: 'U0ADA',
    channelId: 'C0SHIP',
    command: '/celebrate',
    text,
  });
  const found = /nudge_whsec_[A-Za-z0-9_-]+/.exec((response.json as { text: string }).text)?.[0];
  if (!found) throw new Error('no secret shown');
  return found;
}

beforeAll(async () => {
  h = await startHarness({ label: 'cel-hooks', workspaces: [celebrationsWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0ADA');
  secret = await showSecret();
});
afterAll(async () => {
  await h?.stop();
});

const db = () => h.service.deps.db;
const now = () => Math.floor(Date.now() / 1000);
const celebrationCount = async () =>
  (await db().selectFrom('celebrations').select('id').where('workspace_id', '=', teamId).execute()).length;
const shippedPosts = () =>
  h.sandbox.callsTo('chat.postMessage').filter((c) => c.status === 200 && String(c.args.text).startsWith('Shipped:'));

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function post(
  body: string,
  headers: Record<string, string>,
  path = `/hooks/celebrate/${teamId}`,
): Promise<Answer> {
  const response = await fetch(`${h.appUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function signed(payload: unknown, options: { key?: string; timestamp?: number } = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    body,
    headers: { 'x-nudge-signature': signNudgeWebhook(options.key ?? secret, options.timestamp ?? now(), body) },
  };
}

function github(payload: unknown, options: { key?: string; event?: string } = {}) {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'x-github-event': options.event ?? 'release',
      'x-github-delivery': crypto.randomUUID(),
      'x-hub-signature-256': signGithubWebhook(options.key ?? secret, body),
    },
  };
}

const release = (overrides: Record<string, unknown> = {}) => ({
  action: 'published',
  release: {
    id: 1001,
    tag_name: 'v3.0.0',
    name: 'Search 3',
    html_url: 'https://github.test/party/search/releases/tag/v3.0.0',
    body: 'Faster search.\n\nCo-authored-by: Dev Eloper <dev@party.test>\nCo-authored-by: Stranger <stranger@elsewhere.test>',
    author: { login: 'dev' },
    ...((overrides.release as object | undefined) ?? {}),
  },
  repository: { full_name: 'party/search' },
  sender: { login: 'dev' },
  ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'release')),
});

describe('POST /hooks/celebrate/<workspace> (Nudge format)', () => {
  test('a signed request celebrates once: contributors by Slack ID and by email; a replay is refused', async () => {
    const request = signed({
      title: 'Billing v4',
      url: 'https://party.test/billing',
      channel: 'C0SHIP',
      contributors: ['U0DEV', 'OPS@party.test'],
    });
    const accepted = await post(request.body, request.headers);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({ ok: true, duplicate: false, contributors: ['U0DEV', 'U0OPS'] });
    const message = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0SHIP').find((m) => m.text === 'Shipped: Billing v4 by <@U0DEV> and <@U0OPS>'),
    );
    expect(JSON.stringify(message.blocks)).toContain('Celebrated with Nudge (webhook)');
    expect(JSON.stringify(message.blocks)).toContain('Send kudos to Dev Eloper');
    await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0SHIP').find((m) => m.ts === message.ts && m.reactions.some((r) => r.name === 'tada')),
    );

    const replay = await post(request.body, request.headers);
    expect(replay).toEqual({
      status: 409,
      json: { ok: false, error: 'replayed', reason: 'this signed request was already accepted' },
    });
    expect(await celebrationCount()).toBe(1);
  });

  test('an idempotency id makes a re-signed retry a duplicate, not a second post', async () => {
    const payload = { title: 'Search index', channel: 'C0SHIP', id: 'deploy-2027-42' };
    const first = await post(signed(payload).body, signed(payload).headers);
    expect(first).toMatchObject({ status: 202, json: { duplicate: false } });
    const retry = signed(payload, { timestamp: now() - 10 });
    const second = await post(retry.body, retry.headers);
    expect(second).toMatchObject({ status: 202, json: { duplicate: true, celebrationId: first.json.celebrationId } });
    await h.sandbox.waitFor(() => shippedPosts().find((c) => String(c.args.text) === 'Shipped: Search index'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shippedPosts().filter((c) => String(c.args.text) === 'Shipped: Search index')).toHaveLength(1);
  });

  test('every refusal: 401 bad signature, 400 naming the field, 422 unknown channel or person; nothing posted', async () => {
    const rowsBefore = await celebrationCount();
    const postsBefore = h.sandbox.callsTo('chat.postMessage').length;
    const good = { title: 'Refused launch', channel: 'C0SHIP', contributors: ['U0DEV'] };
    const cases: Array<[string, Promise<Answer>, number, Record<string, unknown>]> = [
      [
        'wrong secret',
        post(signed(good, { key: 'nudge_whsec_wrong' }).body, signed(good, { key: 'nudge_whsec_wrong' }).headers),
        401,
        { error: 'invalid_signature', reason: 'signature does not match' },
      ],
      [
        'no signature',
        post(JSON.stringify(good), {}),
        401,
        { error: 'invalid_signature', reason: 'missing X-Nudge-Signature header' },
      ],
      [
        'stale timestamp',
        post(signed(good, { timestamp: now() - 600 }).body, signed(good, { timestamp: now() - 600 }).headers),
        401,
        { error: 'invalid_signature' },
      ],
      [
        'body changed after signing',
        post(JSON.stringify({ ...good, title: 'Other' }), signed(good).headers),
        401,
        { error: 'invalid_signature' },
      ],
      [
        'unknown workspace',
        post(signed(good).body, signed(good).headers, '/hooks/celebrate/T0NOBODY'),
        401,
        { error: 'invalid_signature' },
      ],
      [
        'not JSON',
        post(signed('{"title": ').body, signed('{"title": ').headers),
        400,
        { error: 'invalid_request', field: 'body' },
      ],
      [
        'no title',
        post(signed({ channel: 'C0SHIP' }).body, signed({ channel: 'C0SHIP' }).headers),
        400,
        { field: 'title' },
      ],
      [
        'a channel name',
        post(signed({ ...good, channel: '#shipped' }).body, signed({ ...good, channel: '#shipped' }).headers),
        400,
        { field: 'channel' },
      ],
      [
        'a bad contributor',
        post(
          signed({ ...good, contributors: ['U0DEV', 'dev'] }).body,
          signed({ ...good, contributors: ['U0DEV', 'dev'] }).headers,
        ),
        400,
        { field: 'contributors[1]' },
      ],
      [
        'a bad url',
        post(
          signed({ ...good, url: 'javascript:alert(1)' }).body,
          signed({ ...good, url: 'javascript:alert(1)' }).headers,
        ),
        400,
        { field: 'url' },
      ],
      [
        'an unknown channel',
        post(signed({ ...good, channel: 'C0NOPE' }).body, signed({ ...good, channel: 'C0NOPE' }).headers),
        422,
        { error: 'unprocessable', field: 'channel' },
      ],
      [
        'a private channel without Nudge',
        post(signed({ ...good, channel: 'G0HIDDEN' }).body, signed({ ...good, channel: 'G0HIDDEN' }).headers),
        422,
        { field: 'channel' },
      ],
      [
        'an archived channel',
        post(signed({ ...good, channel: 'C0OLD' }).body, signed({ ...good, channel: 'C0OLD' }).headers),
        422,
        { field: 'channel', reason: 'channel C0OLD is archived' },
      ],
      [
        'an unknown email',
        post(
          signed({ ...good, contributors: ['nobody@party.test'] }).body,
          signed({ ...good, contributors: ['nobody@party.test'] }).headers,
        ),
        422,
        { field: 'contributors[0]', reason: 'no active member of this workspace has the email nobody@party.test' },
      ],
      [
        'someone who left',
        post(
          signed({ ...good, contributors: ['U0DEV', 'U0GONE'] }).body,
          signed({ ...good, contributors: ['U0DEV', 'U0GONE'] }).headers,
        ),
        422,
        { field: 'contributors[1]' },
      ],
    ];
    for (const [what, pending, status, body] of cases) {
      const answer = await pending;
      expect(answer.status, what).toBe(status);
      expect(answer.json, what).toMatchObject({ ok: false, ...body });
    }
    // A refused request is not remembered: fixing it needs no new timestamp.
    const fixed = signed(good);
    expect((await post(JSON.stringify({ ...good, title: 'Other' }), fixed.headers)).status).toBe(401);
    expect((await post(fixed.body, fixed.headers)).status).toBe(202);
    expect(await celebrationCount()).toBe(rowsBefore + 1);
    await h.sandbox.waitFor(() =>
      shippedPosts().find((c) => String(c.args.text).startsWith('Shipped: Refused launch')),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sandbox.callsTo('chat.postMessage').length).toBe(postsBefore + 1);
  });
});

describe('any signed body', () => {
  test('is answered with a JSON reason and a 2xx or 4xx, never a 5xx', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.record(
          {
            title: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.jsonValue()),
            channel: fc.oneof(fc.constantFrom('C0SHIP', 'C0NOPE', 'G0HIDDEN', 'C0OLD', '#x'), fc.jsonValue()),
            contributors: fc.array(fc.oneof(fc.constantFrom('U0DEV', 'U0GONE', 'U0ROBOT', 'x@y.z'), fc.string())),
            url: fc.oneof(fc.webUrl(), fc.string({ unit: 'binary' })),
          },
          { requiredKeys: [] },
        ),
      ),
      { numRuns: 60, seed: 20271110 },
    );
    for (const body of bodies) {
      for (const request of [signed(body), github({ action: 'published', release: body, repository: body })]) {
        const answer = await post(request.body, request.headers, `/hooks/celebrate/${teamId}?channel=C0SHIP`);
        expect(answer.status, request.body).toBeGreaterThanOrEqual(200);
        expect(answer.status, request.body).toBeLessThan(500);
        expect(typeof answer.json.ok, request.body).toBe('boolean');
      }
    }
    expect(h.logs.text()).not.toContain('celebration webhook failed');
  }, 60_000);
});

describe('GitHub release webhooks', () => {
  test('a published release celebrates in ?channel=, mapping emails to people; a redelivery records nothing new', async () => {
    const request = github(release());
    const accepted = await post(request.body, request.headers, `/hooks/celebrate/${teamId}?channel=C0SHIP`);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({ ok: true, contributors: ['U0DEV'], unmatched: ['stranger@elsewhere.test'] });
    const message = await h.sandbox.waitFor(() =>
      h.sandbox.messages('C0SHIP').find((m) => m.text === 'Shipped: party/search Search 3 by <@U0DEV>'),
    );
    expect(JSON.stringify(message.blocks)).toContain('https://github.test/party/search/releases/tag/v3.0.0');
    expect(JSON.stringify(message.blocks)).toContain('GitHub release');

    const again = github(release());
    const redelivered = await post(again.body, again.headers, `/hooks/celebrate/${teamId}?channel=C0SHIP`);
    expect(redelivered).toMatchObject({
      status: 202,
      json: { duplicate: true, celebrationId: accepted.json.celebrationId },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shippedPosts().filter((c) => String(c.args.text).includes('Search 3'))).toHaveLength(1);
  });

  test('refusals and ignored events change nothing', async () => {
    const rowsBefore = await celebrationCount();
    const postsBefore = h.sandbox.callsTo('chat.postMessage').length;
    const path = `/hooks/celebrate/${teamId}?channel=C0SHIP`;
    const other = release({ release: { id: 2002 } });
    const badSignature = github(other, { key: 'nudge_whsec_wrong' });
    expect(await post(badSignature.body, badSignature.headers, path)).toMatchObject({
      status: 401,
      json: { error: 'invalid_signature', reason: 'signature does not match' },
    });
    const missing = github(other);
    expect(await post(missing.body, { 'x-github-event': 'release' }, path)).toMatchObject({ status: 401 });
    const draft = github(release({ action: 'created', release: { id: 2003 } }));
    expect(await post(draft.body, draft.headers, path)).toMatchObject({ status: 202, json: { ignored: true } });
    const ping = github({ zen: 'Keep it logically awesome.' }, { event: 'ping' });
    expect(await post(ping.body, ping.headers, path)).toMatchObject({ status: 202, json: { ignored: true } });
    const broken = github(release({ release: { id: 2004, html_url: null } }));
    expect(await post(broken.body, broken.headers, path)).toMatchObject({
      status: 400,
      json: { field: 'release.html_url' },
    });
    const noChannel = github(release({ release: { id: 2005 } }));
    expect(await post(noChannel.body, noChannel.headers, `/hooks/celebrate/${teamId}`)).toMatchObject({
      status: 422,
      json: { field: 'channel' },
    });
    const badChannel = github(release({ release: { id: 2006 } }));
    expect(await post(badChannel.body, badChannel.headers, `/hooks/celebrate/${teamId}?channel=C0NOPE`)).toMatchObject({
      status: 422,
      json: { field: 'channel' },
    });
    expect(await celebrationCount()).toBe(rowsBefore);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sandbox.callsTo('chat.postMessage').length).toBe(postsBefore);
  });

  test('after a rotation the old secret is refused and the new one works; secrets never reach the logs', async () => {
    const old = secret;
    secret = await showSecret('secret rotate');
    const stale = github(release({ release: { id: 3001 } }), { key: old });
    expect((await post(stale.body, stale.headers, `/hooks/celebrate/${teamId}?channel=C0SHIP`)).status).toBe(401);
    const fresh = github(release({ release: { id: 3001 } }));
    expect((await post(fresh.body, fresh.headers, `/hooks/celebrate/${teamId}?channel=C0SHIP`)).status).toBe(202);
    expect(h.logs.text()).not.toContain(old);
    expect(h.logs.text()).not.toContain(secret);
  });
});
