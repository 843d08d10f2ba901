import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../support/chromium.ts';
import { reservePort } from '../support/ports.ts';
import { eventually } from '../support/wait.ts';

/**
 * Nudge as a first-time user meets it: `src/main.ts all` with no configuration at all (embedded PostgreSQL,
 * BullMQ on PostgreSQL, sandbox mode), driven through the sandbox UI in Debian's Chromium: kudos, a coffee
 * round with its check-in (through the UI's time controls), the demo's mentorship programme (sign-up and the
 * admin's preview of the pairs), learning from a colleague (skills, `/nudge learn`, the expert's accept and the
 * group DM), the weekly kudos prompt and App Home, each through
 * the real signed Slack requests. Screenshots go to test-results/.
 *
 * Chromium: `CHROMIUM_PATH`, else `command -v chromium`. Without one the suite fails in CI (which installs it)
 * and skips itself only on a developer machine (no `CI` variable).
 */

const ADA = 'U0DEMOADA1'; // the demo workspace's admin
const GRACE = 'U0DEMOGRC1';
const KATHERINE = 'U0DEMOKTH1';
const GENERAL = 'C0DEMOGEN1';
const COFFEE = 'C0DEMOCOF1';
const MENTORING = 'C0DEMOMEN1';
const SCREENSHOTS = 'test-results';

const chromiumPath = findChromium();
const skip = !chromiumPath && !process.env.CI;
if (skip) {
  console.warn('browser.test.ts skipped: no Chromium binary found (apt-get install chromium, or set CHROMIUM_PATH)');
}

interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function startNudge(port: number, dataDir: string): Running {
  // No Slack, database or Redis settings at all: what a first `npm start` on a fresh machine sees.
  const child = spawn(process.execPath, ['src/main.ts', 'all'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), NUDGE_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function stopNudge(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  // main.ts stops within 10 s (then exits hard); SIGKILL only if even that did not happen.
  const timedOut = await Promise.race([
    running.exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 15_000)),
  ]);
  if (timedOut) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
}

describe.skipIf(skip)('Nudge in the browser, zero configuration', () => {
  let dataDir: string | undefined;
  let nudge: Running | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumPath) {
      throw new Error(
        'No Chromium found for the browser tests. CI must provide it: `.ci/run` installs Debian\'s "chromium" ' +
          '(apt-get install -y chromium); or set CHROMIUM_PATH to a Chromium binary.',
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'nudge-browser-'));
    // As root, the embedded PostgreSQL runs as its own user and must reach the data folder inside.
    chmodSync(dataDir, 0o755);
    const port = await reservePort();
    const running = startNudge(port, dataDir);
    nudge = running;
    const launched = chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      await eventually(
        async () => {
          if (running.child.exitCode !== null) throw new Error(`Nudge exited early:\n${running.output()}`);
          const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
          return response?.status === 200 ? true : undefined;
        },
        'Nudge to be ready',
        60_000,
      );
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- Nudge output ---\n${running.output()}`,
      );
    } finally {
      browser = await launched;
    }
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`http://localhost:${port}/sandbox`);
    await page.locator(`.sidebar-item[data-conversation="${GENERAL}"]`).waitFor();
  }, 90_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: `${SCREENSHOTS}/browser-failed-${name}.png` }).catch(() => {});
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    if (nudge) await stopNudge(nudge);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function actAs(userId: string): Promise<void> {
    await page.locator('#actor').selectOption(userId);
    expect(await page.locator('#actor').inputValue()).toBe(userId);
  }

  async function open(conversation: string): Promise<void> {
    await page.locator(`.sidebar-item[data-conversation="${conversation}"]`).click();
    await page.locator(`.sidebar-item.current[data-conversation="${conversation}"]`).waitFor();
  }

  async function runCommand(text: string): Promise<void> {
    await page.locator('#composer-input').fill(text);
    await page.locator('#composer-input').press('Enter');
  }

  async function timeControl(id: string, expected: string | RegExp): Promise<string> {
    const button = page.locator(`.time-button[data-control="${id}"]`);
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    const status = page.locator('#time-status');
    await status.filter({ hasText: expected }).waitFor();
    return (await status.textContent()) ?? '';
  }

  test('typing / in the composer suggests Nudge’s own commands with the usage hints of its manifest', async () => {
    await actAs(ADA);
    await open(GENERAL);
    const input = page.locator('#composer-input');
    const list = page.locator('#composer-suggestions');
    await input.fill('');
    await input.pressSequentially('/');
    await list.waitFor();
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual([
      '/kudos',
      '/coffee',
      '/celebrate',
      '/mentor',
      '/nudge',
    ]);
    await input.pressSequentially('k');
    expect(await list.locator('[role="option"]').allTextContents()).toEqual([
      expect.stringContaining('@someone for <what they did> #value'),
    ]);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    await input.fill('');
  });

  test('/kudos in #general: the public post in the channel and the recipient’s DM', async () => {
    await actAs(ADA);
    await open(GENERAL);
    await runCommand('/kudos @grace for untangling the release pipeline');
    // The confirmation comes through the command's response_url once the kudos job has run: only Ada sees it.
    await page.locator('.msg.ephemeral', { hasText: 'Kudos sent' }).waitFor();
    const post = page.locator('.msg:not(.ephemeral)', { hasText: 'gave kudos to' });
    await post.waitFor();
    expect(await post.locator('.author').first().textContent()).toBe('Nudge');
    expect(await post.textContent()).toContain('untangling the release pipeline');
    expect(await post.locator('.mention').allTextContents()).toEqual(expect.arrayContaining(['@Ada', '@Grace']));
    await page.screenshot({ path: `${SCREENSHOTS}/browser-kudos-channel.png` });

    await actAs(GRACE);
    await open('app-home');
    await page.locator('.tab', { hasText: 'Messages' }).click();
    const dm = page.locator('.msg', { hasText: 'gave you kudos' });
    await dm.waitFor();
    expect(await dm.textContent()).toContain('untangling the release pipeline');
    expect(await dm.locator('.mention').first().textContent()).toBe('@Ada');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-kudos-dm.png` });
  });

  test('a coffee programme: start it, run a round, see the group DM, jump to the check-in and answer “We met”', async () => {
    await actAs(ADA);
    await open(COFFEE);
    expect(await timeControl('coffee-round', 'No coffee programme yet')).toContain('/coffee start coffee');
    await runCommand('/coffee start coffee');
    await page.locator('.msg.ephemeral', { hasText: 'Started a coffee programme' }).waitFor();

    expect(await timeControl('coffee-round', 'matched')).toMatch(/#coffee: round 1 matched 3 groups/);
    const groupDm = page.locator('.sidebar-section', { hasText: 'Direct messages' }).locator('.sidebar-item');
    await groupDm.first().waitFor();
    await groupDm.first().click();
    const intro = page.locator('.msg', { hasText: 'paired through' });
    await intro.waitFor();
    expect(await intro.textContent()).toContain('#coffee');
    expect(await intro.textContent()).toContain('@Ada');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-coffee-intro.png` });

    expect(await timeControl('coffee-checkin', 'Did you meet')).toContain('3 groups of round 1');
    const checkin = page.locator('.msg', { hasText: 'did you get a chance to meet' });
    await checkin.waitFor();
    await checkin.locator('button', { hasText: 'We met' }).click();
    await page.locator('.msg.ephemeral', { hasText: 'Thanks! Noted: you met.' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/browser-coffee-checkin.png` });
  });

  test('mentorship: sign up from #mentoring’s button (a bad answer shown in the form first), then preview and approve the pairs', async () => {
    await actAs(ADA);
    await open(MENTORING);
    const announcement = page.locator('.msg:not(.ephemeral)', {
      hasText: 'A mentorship programme starts in this channel',
    });
    await announcement.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/browser-mentorship-announcement.png` });
    await announcement.locator('button', { hasText: 'Sign up' }).click();

    const modal = page.locator('.modal[role="dialog"]');
    await modal.locator('h2', { hasText: 'Mentorship sign-up' }).waitFor();
    await modal.locator('[data-block-id="mentorship_signup_role"] input[value="both"]').check();
    await modal.locator('button[type="submit"]').click();
    const learnsError = modal.locator('[data-block-id="mentorship_signup_learns"] .bk-error');
    await learnsError.waitFor();
    expect((await learnsError.textContent())?.trim()).toBe('Add at least one skill to learn.');
    expect((await modal.locator('[data-block-id="mentorship_signup_teaches"] .bk-error').textContent())?.trim()).toBe(
      'Add at least one skill to teach.',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/browser-mentorship-signup-errors.png` });

    await modal.locator('[data-block-id="mentorship_signup_learns"] select').selectOption('Rust');
    await modal.locator('[data-block-id="mentorship_signup_teaches"] select').selectOption('Leadership');
    await modal.locator('[data-block-id="mentorship_signup_teaches_other"] input').fill('Hiring, Mathematics');
    await modal.locator('[data-block-id="mentorship_signup_goals"] textarea').fill('Write my first Rust service');
    await modal.locator('[data-block-id="mentorship_signup_capacity"] input').fill('1');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-mentorship-signup.png` });
    await modal.locator('button[type="submit"]').click();
    await modal.locator('h2', { hasText: 'Signed up' }).waitFor();
    const confirmation = (await modal.locator('.modal-body').textContent()) ?? '';
    expect(confirmation).toContain('You are signed up as both a mentor and a mentee');
    expect(confirmation).toContain('To teach: Leadership, Hiring, Mathematics');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-mentorship-signed-up.png` });
    await modal.locator('.modal-footer button', { hasText: 'Done' }).click();
    await modal.waitFor({ state: 'detached' });

    await runCommand('/mentor plan');
    await modal.locator('.bk-header', { hasText: 'the proposed pairs' }).waitFor();
    const preview = (await modal.locator('.modal-body').textContent()) ?? '';
    expect(preview).toMatch(/\d+ pairs; \d+ of 7 mentees matched/);
    expect(preview).toContain('mentors');
    expect(preview).toContain('Without a mentor this cycle');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-mentorship-preview.png` });
    await modal.locator('button', { hasText: /^Approve \d+ pairs$/ }).click();
    await modal.locator('.modal-body', { hasText: 'Approved:' }).waitFor();
    expect((await modal.locator('.modal-body').textContent()) ?? '').toMatch(
      /Approved: \d+ pairs formed in #mentoring/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/browser-mentorship-approved.png` });
    await modal.locator('.modal-footer button', { hasText: 'Done' }).click();
    await modal.waitFor({ state: 'detached' });
  });

  test('learning: the expert adds skills on their Home, a colleague asks with /nudge learn, the expert accepts, and the group DM opens with a first step', async () => {
    const modal = page.locator('.modal[role="dialog"]');
    await actAs(KATHERINE);
    await open('app-home');
    await page.locator('.tab', { hasText: 'Home' }).click();
    await page.locator('#home .bk-header', { hasText: 'Your skills' }).waitFor();
    await page.locator('#home button', { hasText: 'Add skills' }).click();
    await modal.locator('[data-block-id="learning_skills_ask_me_about_other"] input').fill('Kubernetes, Go');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-learning-skills.png` });
    await modal.locator('button[type="submit"]').click();
    await modal.locator('h2', { hasText: 'Skills saved' }).waitFor();
    expect((await modal.locator('.modal-body').textContent()) ?? '').toContain('Ask me about: Kubernetes, Go');
    await modal.locator('.modal-footer button', { hasText: 'Done' }).click();
    await modal.waitFor({ state: 'detached' });

    await actAs(ADA);
    await open(GENERAL);
    // The demo's people come with skills, so there are people to ask from the first start.
    await runCommand('/nudge learn rust');
    const rust = page.locator('.msg.ephemeral', { hasText: 'People who can help you learn Rust' });
    await rust.waitFor();
    expect(await rust.locator('.mention').allTextContents()).toEqual(expect.arrayContaining(['@Grace', '@Margaret']));
    await runCommand('/nudge learn kubernetes');
    const suggestions = page.locator('.msg.ephemeral', { hasText: 'People who can help you learn kubernetes' });
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain('asks to be asked about Kubernetes and Go');
    expect(await suggestions.locator('.mention').allTextContents()).toEqual(['@Katherine']);
    await page.screenshot({ path: `${SCREENSHOTS}/browser-learning-suggestions.png` });
    await suggestions.locator('button', { hasText: 'Ask' }).first().click();
    await page.locator('.msg.ephemeral', { hasText: 'Your request went to' }).waitFor();

    await actAs(KATHERINE);
    await open('app-home');
    await page.locator('.tab', { hasText: 'Home' }).click();
    const home = page.locator('#home');
    const learningHeader = home.locator('.bk-header', { hasText: 'Learning requests' });
    await learningHeader.waitFor();
    // The Home is published again as its sections' jobs finish, which may replace the header while it scrolls.
    await eventually(
      () =>
        learningHeader.scrollIntoViewIfNeeded({ timeout: 2_000 }).then(
          () => true,
          () => undefined,
        ),
      'the learning requests in view',
    );
    expect(await home.textContent()).toContain('would like to learn kubernetes from you');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-learning-home.png` });
    await page.locator('.tab', { hasText: 'Messages' }).click();
    const request = page.locator('.msg', { hasText: 'would like to learn kubernetes from you' });
    await request.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/browser-learning-request.png` });
    await request.locator('button', { hasText: 'Accept' }).click();
    await page.locator('.msg', { hasText: 'You accepted' }).waitFor();

    // The group DM of both: the one whose intro says so (coffee and mentorship may have paired them before).
    const groupDms = page.locator('.sidebar-section', { hasText: 'Direct messages' }).locator('.sidebar-item', {
      hasText: 'Ada',
    });
    const intro = page.locator('.msg', { hasText: 'is happy to help you with kubernetes' });
    await expect
      .poll(
        async () => {
          for (const item of await groupDms.all()) {
            await item.click();
            if (await intro.isVisible().catch(() => false)) return true;
          }
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await intro.locator('.mention').allTextContents()).toEqual(expect.arrayContaining(['@Ada', '@Katherine']));
    expect(await page.locator('.msg', { hasText: 'A first step' }).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/browser-learning-group-dm.png` });
  });

  test('the weekly kudos prompt control posts “Who helped you this week?” in #general', async () => {
    await actAs(ADA);
    await open(GENERAL);
    expect(await timeControl('kudos-prompt', 'Weekly kudos prompt sent')).toContain('#general');
    const prompt = page.locator('.msg:not(.ephemeral)', { hasText: 'Who helped you this week?' });
    await prompt.waitFor();
    expect(await prompt.locator('button', { hasText: 'Give kudos' }).count()).toBe(1);
  });

  test('App Home shows the view Nudge publishes', async () => {
    await actAs(ADA);
    await open('app-home');
    await page.locator('.tab', { hasText: 'Home' }).click();
    await page.locator('#home .bk-header', { hasText: 'Welcome to Nudge' }).waitFor();
    expect((await page.locator('.tab[aria-selected="true"]').textContent())?.trim()).toBe('Home');
    await page.screenshot({ path: `${SCREENSHOTS}/browser-app-home.png` });
    expect(pageErrors).toEqual([]);
  });
});
