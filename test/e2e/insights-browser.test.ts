import { mkdirSync, readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildInsightsReport, insightsComputedAt } from '../../src/domain/insights/build-insights-report.ts';
import { insightChartCsv } from '../../src/http/insights/insights-csv.ts';
import { findChromium } from '../support/chromium.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { seedTeamsActivity } from '../support/insights-activity.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

/**
 * The admins' insights page in Debian's Chromium: Sign in with Slack through the sandbox's OpenID pages (choosing who
 * signs in, as Slack's consent screen would), as an admin and as a member; then, with activity recorded and the
 * insights job run, every chart drawn and made interactive, and a CSV downloaded. Screenshots go to test-results/.
 * Chromium as browser.test.ts finds it: without one the suite fails in CI and skips itself on a developer machine.
 */

const SCREENSHOTS = 'test-results';

const chromiumPath = findChromium();
const skip = !chromiumPath && !process.env.CI;

/** Two frames of the page drawn: by then its resize observers have seen the layout of the first. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const window = globalThis as unknown as { requestAnimationFrame(callback: () => void): number };
    return new Promise<void>((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve)));
  });
}

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
    // With its stack, so that a script error in the page can be traced to the line that threw it.
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
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

  test('with activity and the insights job run, every chart is drawn, made interactive, and its CSV downloads', async () => {
    const db = h.service.deps.db;
    await seedTeamsActivity(db, 'T0ACME', new Date(Date.now() - 60 * 60 * 1000));
    const asked = new Date();
    await h.service.deps.queues.enqueue('insights.recompute', { workspaceId: 'T0ACME' });
    // Until the computation has written its time, the page may show one part's new figures beside the other's old.
    const report = await eventually(
      async () => {
        const computedAt = await insightsComputedAt(db, 'T0ACME');
        if (!computedAt || computedAt < asked) return undefined;
        const built = await buildInsightsReport(db, 'T0ACME', new Date());
        return built.hasData ? built : undefined;
      },
      'the insights job to compute the report',
      30_000,
    );
    const charts = report.sections.flatMap((section) => section.charts);
    const drawn = charts.filter((chart) => chart.kind !== 'figures');
    expect(drawn.length).toBeGreaterThan(0);

    const { context, page, errors } = await signInAs('U0ALICE');
    try {
      await page.locator('h1', { hasText: 'Insights · Acme' }).waitFor();
      for (const section of report.sections) {
        await page.locator(`#section-${section.id} h2`, { hasText: section.title }).waitFor();
      }
      expect(await page.locator('figure.chart').count()).toBe(charts.length);
      for (const chart of charts) {
        const figure = page.locator(`#chart-${chart.id}`);
        await figure.locator('h3', { hasText: chart.title }).waitFor();
        expect(await figure.locator('a.csv').getAttribute('href')).toBe(`/insights/csv/${chart.id}.csv`);
      }
      // The browser's ECharts took over every server-drawn chart and drew it again (SVG renderer).
      for (const chart of drawn) {
        const canvas = page.locator(`#chart-${chart.id} .chart-canvas[data-interactive="true"]`);
        await canvas.waitFor();
        expect(await canvas.locator('svg').count()).toBe(1);
        await expect.poll(() => canvas.locator('svg path').count()).toBeGreaterThan(0);
      }
      // A window shrunk to nothing and back, as a full-page screenshot sometimes does for an instant: the charts wait
      // for room instead of laying out in a box of no width, and are drawn again at the window's size.
      await page.setViewportSize({ width: 1, height: 1 });
      await nextFrames(page);
      await page.setViewportSize({ width: 1280, height: 900 });
      await nextFrames(page);
      expect(errors).toEqual([]);
      for (const chart of drawn) {
        const box = await page.locator(`#chart-${chart.id} .chart-canvas svg`).boundingBox();
        expect(box?.width).toBe(720);
      }
      await page.screenshot({ path: `${SCREENSHOTS}/insights-charts.png`, fullPage: true });
      // The team heatmap and E-I index side by side in one picture: the README's (docs/insights.png).
      const heatmap = await page.locator('#chart-team-connections').boundingBox();
      const eiIndex = await page.locator('#chart-team-ei-index').boundingBox();
      if (heatmap && eiIndex) {
        await page.screenshot({
          path: `${SCREENSHOTS}/insights-teams.png`,
          fullPage: true,
          clip: { x: 0, y: heatmap.y - 16, width: 1280, height: eiIndex.y + eiIndex.height - heatmap.y + 32 },
        });
      }

      const chart = charts.find((candidate) => candidate.id === 'programme-participants') ?? drawn[0]!;
      const download = page.waitForEvent('download');
      await page.locator(`#chart-${chart.id} a.csv`).click();
      const file = await (await download).path();
      expect(readFileSync(file, 'utf8')).toBe(insightChartCsv(chart));
      expect((await download).suggestedFilename()).toBe(`${chart.id}.csv`);
      expect(errors).toEqual([]);
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
