import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../support/chromium.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { waitForMember } from '../support/member-sync.ts';

/**
 * The admins' insights page in Debian's Chromium: Sign in with Slack through the sandbox's OpenID pages (choosing who
 * signs in, as Slack's consent screen would), as an admin and as a member. Screenshots go to test-results/.
 * Chromium as browser.test.ts finds it: without one the suite fails in CI and skips itself on a developer machine.
 */

const SCREENSHOTS = 'test-results';
const chromiumPath = findChromium();
const skip = !chromiumPath && !process.env.CI;

describe.skipIf(skip)('the insights page in the browser', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    if (!chromiumPath)
      throw new Error('No Chromium found for the browser tests (apt-get install chromium, or CHROMIUM_PATH)');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const launched = chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
    });
    h = await startHarness({ signIn: true, label: 'insights-browser' });
    browser = await launched;
    await waitForMember(h.service.deps.db, 'T0ACME', 'U0ALICE');
    await waitForMember(h.service.deps.db, 'T0ACME', 'U0BOB');
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await h?.stop();
  }, 30_000);

  async function signInAs(userId: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${h.appUrl}/insights`);
    // Signed out: Nudge sent the browser to Slack's (the sandbox's) Sign in with Slack page.
    expect(page.url()).toContain('/openid/connect/authorize');
    await page.locator('h1', { hasText: 'Sign in with Slack' }).waitFor();
    const answer = page.waitForResponse((response) => response.url().includes('/insights/callback'));
    await page.locator(`a.person[data-user="${userId}"]`).click();
    const callback = await answer;
    await page.waitForLoadState();
    return { context, page, callback, errors };
  }

  test('an admin signs in with Slack and sees the page', async () => {
    const { context, page, errors } = await signInAs('U0ALICE');
    try {
      expect(new URL(page.url()).pathname).toBe('/insights');
      await page.locator('h1', { hasText: 'Insights · Acme' }).waitFor();
      await page.locator('text=No insights yet').waitFor();
      const cookies = await context.cookies(`${h.appUrl}/insights`);
      expect(cookies.find((cookie) => cookie.name === 'nudge_insights_session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
        path: '/insights',
      });
      await page.screenshot({ path: `${SCREENSHOTS}/insights-admin.png`, fullPage: true });
      expect(errors).toEqual([]);

      await page.locator('button', { hasText: 'Sign out' }).click();
      await page.locator('h1', { hasText: 'You are signed out' }).waitFor();
      expect(
        (await context.cookies(`${h.appUrl}/insights`)).find((cookie) => cookie.name === 'nudge_insights_session'),
      ).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  test('a member who is not an admin is refused', async () => {
    const { context, page, callback } = await signInAs('U0BOB');
    try {
      expect(callback.status()).toBe(403);
      await page.locator('h1', { hasText: 'Only Nudge admins can see insights' }).waitFor();
      expect(await page.content()).not.toContain('Acme');
      expect(
        (await context.cookies(`${h.appUrl}/insights`)).find((cookie) => cookie.name === 'nudge_insights_session'),
      ).toBeUndefined();
      await page.screenshot({ path: `${SCREENSHOTS}/insights-member-refused.png` });
    } finally {
      await context.close();
    }
  });
});
