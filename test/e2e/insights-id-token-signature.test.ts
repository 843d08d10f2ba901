import { afterEach, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.ts';
import { startForgingIssuer } from '../support/forging-issuer.ts';
import { type Harness, oauthClient, startHarness } from '../support/harness.ts';
import { signInToInsights } from '../support/insights-sign-in.ts';
import { waitForMember } from '../support/member-sync.ts';

/**
 * Nudge checks the id_token's RS256 signature against the keys the issuer publishes (its JWKS), not only its claims:
 * an issuer in front of the sandbox re-signs each id_token with its own key, claims intact.
 */
describe('Sign in with Slack: the id_token signature', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  async function signInThrough(publishOwnKey: boolean): Promise<Harness & { status: number; session?: string }> {
    const sandbox = await startSandbox({
      rateLimits: 'off',
      oauth: { clientId: oauthClient.id, clientSecret: oauthClient.secret },
    });
    stops.push(() => sandbox.close());
    const issuer = await startForgingIssuer(sandbox.url, { publishOwnKey });
    stops.push(issuer.close);
    const h = await startHarness({ sandbox, signIn: { issuer: issuer.url }, label: 'id-token' });
    stops.push(h.stop);
    await waitForMember(h.service.deps.db, 'T0ACME', 'U0ALICE');
    const { callback, session } = await signInToInsights(h.appUrl, { teamId: 'T0ACME', userId: 'U0ALICE' });
    return { ...h, status: callback.status, ...(session ? { session } : {}) };
  }

  test('a token signed with a key the issuer does not publish is refused', async () => {
    const forged = await signInThrough(false);
    expect(forged.status).toBe(401);
    expect(forged.session).toBeUndefined();
  });

  test('the same token verifies when the issuer publishes the key it was signed with', async () => {
    const genuine = await signInThrough(true);
    expect(genuine.status).toBe(303);
    expect(genuine.session).toBeDefined();
  });
});
