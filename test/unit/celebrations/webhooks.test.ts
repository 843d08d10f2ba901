import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../../src/domain/celebrations/csv.ts';
import { parseCelebrationHook, parseGithubRelease } from '../../../src/domain/celebrations/webhook-payloads.ts';
import {
  generateWebhookSecret,
  signGithubWebhook,
  signNudgeWebhook,
  verifyGithubSignature,
  verifyNudgeSignature,
} from '../../../src/domain/celebrations/webhook-signature.ts';

const secret = generateWebhookSecret();
const body = Buffer.from(JSON.stringify({ title: 'Checkout v2', channel: 'C0SHIP' }));
const now = new Date('2027-03-10T12:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('X-Nudge-Signature', () => {
  test('accepts the HMAC of "<t>.<body>" within five minutes', () => {
    const header = signNudgeWebhook(secret, t - 299, body);
    expect(verifyNudgeSignature({ secret, header, body, now })).toMatchObject({ ok: true });
  });

  test.each([
    ['a missing header', undefined, /missing/],
    ['a malformed header', 'v1=abc', /t=<unix seconds>/],
    ['a timestamp six minutes old', signNudgeWebhook(secret, t - 360, body), /5 minutes/],
    ['a timestamp six minutes ahead', signNudgeWebhook(secret, t + 360, body), /5 minutes/],
    ['another secret', signNudgeWebhook(generateWebhookSecret(), t, body), /does not match/],
    ['a changed timestamp', signNudgeWebhook(secret, t, body).replace(`t=${t}`, `t=${t - 1}`), /does not match/],
  ])('refuses %s', (_what, header, reason) => {
    const result = verifyNudgeSignature({ secret, header, body, now });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toMatch(reason);
  });

  test('refuses a body changed after signing', () => {
    const header = signNudgeWebhook(secret, t, body);
    const tampered = Buffer.from(JSON.stringify({ title: 'Checkout v3', channel: 'C0SHIP' }));
    expect(verifyNudgeSignature({ secret, header, body: tampered, now }).ok).toBe(false);
  });
});

describe('X-Hub-Signature-256', () => {
  test('accepts GitHub’s sha256=<hex> of the raw body and refuses anything else', () => {
    expect(verifyGithubSignature({ secret, header: signGithubWebhook(secret, body), body }).ok).toBe(true);
    expect(verifyGithubSignature({ secret, header: signGithubWebhook('nope', body), body }).ok).toBe(false);
    expect(verifyGithubSignature({ secret, header: undefined, body }).ok).toBe(false);
    expect(verifyGithubSignature({ secret, header: 'sha1=abc', body }).ok).toBe(false);
  });
});

describe('the celebrate JSON', () => {
  const parse = (value: unknown) =>
    parseCelebrationHook(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

  test('a full request', () => {
    expect(
      parse({
        title: ' Checkout v2 ',
        url: 'https://x.test/r',
        channel: 'C0SHIP',
        contributors: ['U0DEV', 'Ops@Party.test'],
        id: 'deploy-7',
      }),
    ).toEqual({
      ok: true,
      hook: {
        title: 'Checkout v2',
        url: 'https://x.test/r',
        channel: 'C0SHIP',
        contributors: [
          { kind: 'id', userId: 'U0DEV' },
          { kind: 'email', email: 'ops@party.test' },
        ],
        requestKey: 'hook:id:deploy-7',
      },
    });
  });

  test.each([
    ['{not json', 'body'],
    [[1, 2], 'body'],
    [{ channel: 'C0SHIP' }, 'title'],
    [{ title: '', channel: 'C0SHIP' }, 'title'],
    [{ title: 'x'.repeat(151), channel: 'C0SHIP' }, 'title'],
    [{ title: 'A', channel: 'C0SHIP', url: 'javascript:alert(1)' }, 'url'],
    [{ title: 'A' }, 'channel'],
    [{ title: 'A', channel: '#general' }, 'channel'],
    [{ title: 'A', channel: 'C0SHIP', contributors: 'U0DEV' }, 'contributors'],
    [{ title: 'A', channel: 'C0SHIP', contributors: ['U0DEV', 'bob'] }, 'contributors[1]'],
    [{ title: 'A', channel: 'C0SHIP', contributers: [] }, 'contributers'],
    [{ title: 'A', channel: 'C0SHIP', id: 'has spaces' }, 'id'],
  ])('names the field at fault: %j → %s', (value, field) => {
    expect(parse(value)).toMatchObject({ ok: false, field });
  });
});

describe('the GitHub release event', () => {
  const release = (overrides: Record<string, unknown> = {}) =>
    Buffer.from(
      JSON.stringify({
        action: 'published',
        release: {
          id: 42,
          tag_name: 'v2.0.0',
          name: 'Checkout 2',
          html_url: 'https://github.test/acme/shop/releases/v2.0.0',
          body: 'Thanks!\n\nCo-authored-by: Dev <DEV@party.test>\nCo-authored-by: Bot <1+bot@users.noreply.github.com>',
          author: { login: 'dev' },
        },
        repository: { full_name: 'acme/shop' },
        sender: { login: 'dev' },
        ...overrides,
      }),
    );

  test('published releases celebrate, with contributors from the emails the release names', () => {
    expect(parseGithubRelease('release', release())).toEqual({
      ok: true,
      hook: {
        title: 'acme/shop Checkout 2',
        url: 'https://github.test/acme/shop/releases/v2.0.0',
        channel: null,
        contributors: [{ kind: 'email', email: 'dev@party.test' }],
        requestKey: 'github:release:acme/shop:42',
      },
    });
  });

  test('other actions and events are acknowledged and ignored; broken payloads name the field', () => {
    expect(parseGithubRelease('release', release({ action: 'created' }))).toMatchObject({ ok: 'ignored' });
    expect(parseGithubRelease('ping', Buffer.from('{}'))).toMatchObject({ ok: 'ignored' });
    expect(parseGithubRelease('push', Buffer.from('{}'))).toMatchObject({ ok: 'ignored' });
    expect(parseGithubRelease('release', release({ release: { id: 'x' } }))).toMatchObject({ field: 'release.id' });
    expect(parseGithubRelease('release', release({ repository: {} }))).toMatchObject({ field: 'repository.full_name' });
  });
});

describe('CSV', () => {
  test('reads quotes, escaped quotes, line breaks in quotes, CRLF and a BOM', () => {
    const parsed = parseCsv('\uFEFFperson,note\r\n"a@b.test","say ""hi"", then\nleave"\r\n\r\nU1 , x \n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['person', 'note'] },
        { line: 2, cells: ['a@b.test', 'say "hi", then\nleave'] },
        { line: 5, cells: ['U1', 'x'] },
      ],
    });
  });

  test('reports an unclosed quote with its line', () => {
    expect(parseCsv('person\n"U1\n')).toEqual({ ok: false, line: 2, error: 'a quoted field is never closed' });
  });
});

describe('never a throw, whatever arrives', () => {
  const bodies = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((j) => JSON.stringify(j)),
    fc
      .record(
        {
          title: fc.oneof(fc.string(), fc.jsonValue()),
          url: fc.oneof(fc.webUrl(), fc.string(), fc.jsonValue()),
          channel: fc.oneof(fc.constantFrom('C0SHIP', 'G0X1', '#x', ''), fc.jsonValue()),
          contributors: fc.oneof(fc.array(fc.oneof(fc.emailAddress(), fc.string())), fc.jsonValue()),
          id: fc.oneof(fc.string(), fc.jsonValue()),
        },
        { requiredKeys: [] },
      )
      .map((j) => JSON.stringify(j)),
    fc.string({ unit: 'binary' }),
  );

  test('the celebrate JSON parser answers ok or names a field, for any body', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const result = parseCelebrationHook(Buffer.from(body));
        if (result.ok === true) {
          expect(result.hook.title.length).toBeGreaterThan(0);
          expect(result.hook.channel).toMatch(/^[CG][A-Z0-9]+$/);
        } else expect(result).toMatchObject({ field: expect.any(String), reason: expect.any(String) });
      }),
    );
  });

  test('the GitHub parser and the CSV reader never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom('release', 'ping', 'push'), bodies, (event, body) => {
        expect(['boolean', 'string']).toContain(typeof parseGithubRelease(event, Buffer.from(body)).ok);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const parsed = parseCsv(text);
        if (parsed.ok) for (const r of parsed.records) expect(r.line).toBeGreaterThan(0);
      }),
    );
  });
});
