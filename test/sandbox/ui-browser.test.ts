import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../support/chromium.ts';
import { solidPng } from '../support/png.ts';
import { clientFor } from './support.ts';
import {
  ADA,
  GENERAL,
  GRACE,
  KATHERINE,
  SAMPLER_BLOCKS,
  startUiFixture,
  type UiFixture,
  uiState,
} from './ui-fixture.ts';

/**
 * The sandbox UI in a real browser (Debian's Chromium through playwright-core) against a real Bolt app:
 * a slash command, a button, a modal with the app's validation errors, a reaction, and the Home tab.
 * Skips itself only when no Chromium binary exists on this machine.
 */

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    'ui-browser.test.ts skipped: no Chromium binary found (install Debian\'s "chromium" or set CHROMIUM_PATH)',
  );
}

const SCREENSHOTS = 'test-results';

async function eventually(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${probe.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!chromiumPath)('sandbox UI in Chromium', () => {
  let fixture: UiFixture;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    fixture = await startUiFixture();
    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(fixture.uiUrl);
    await page.locator(`.sidebar-item[data-conversation="${GENERAL}"]`).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  test('a slash command in the composer shows the app’s answer only to the person who ran it', async () => {
    expect(await page.locator('#actor').inputValue()).toBe(ADA);
    await page.locator(`.sidebar-item[data-conversation="${GENERAL}"]`).click();
    await page.locator('#composer-input').fill('/demo hello @grace');
    // As in Slack, the first Enter takes @grace from the open mention list; the second sends.
    await page.locator('#composer-input').press('Enter');
    await page.locator('#composer-suggestions').waitFor({ state: 'hidden' });
    await page.locator('#composer-input').press('Enter');
    const ephemeral = page.locator('.msg.ephemeral');
    await ephemeral.waitFor();
    expect(await ephemeral.textContent()).toContain('Only visible to you');
    expect(await ephemeral.textContent()).toContain('Demo for @Ada: hello @Grace');
    expect(await page.locator('#composer-input').inputValue()).toBe('');
    const [request] = fixture.receivedOf('/demo');
    expect(request?.verified).toBe(true);
    expect(request?.body.text).toBe(`hello <@${GRACE}|grace>`);
  });

  test('clicking the button sends block_actions and the bot’s message appears', async () => {
    await page.locator('.msg.ephemeral button', { hasText: 'Approve' }).click();
    const posted = page.locator('.msg:not(.ephemeral)', { hasText: 'approved' });
    await posted.waitFor();
    expect((await posted.locator('.author').textContent())?.trim()).toBe('Nudge');
    const [request] = fixture.receivedOf('block_actions');
    expect(request?.verified).toBe(true);
    expect(request?.body.actions).toEqual([expect.objectContaining({ action_id: 'demo_approve', value: 'yes' })]);
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-channel.png` });
  });

  test('a reaction from the toolbar is recorded and sent to the app', async () => {
    const posted = page.locator('.msg:not(.ephemeral)', { hasText: 'approved' });
    await posted.hover();
    await posted.locator('button[aria-label="Add reaction"]').click();
    await page.locator('.popover-item', { hasText: ':tada:' }).click();
    await posted.locator('.reaction.mine').waitFor();
    expect((await posted.locator('.reaction .count').textContent())?.trim()).toBe('1');
    expect(fixture.receivedOf('reaction_added')).toHaveLength(1);
  });

  test('message text is shown as text, never as markup', async () => {
    await page.locator('#composer-input').fill('<img src=x onerror="window.__pwned=1"> *bold* & `code`');
    await page.locator('#composer-input').press('Enter');
    const message = page.locator('.msg', { hasText: 'onerror' });
    await message.waitFor();
    expect(await message.locator('.msg-body').textContent()).toContain(
      '<img src=x onerror="window.__pwned=1"> bold & code',
    );
    expect((await message.locator('.msg-body b').textContent())?.trim()).toBe('bold');
    expect(await page.locator('.messages img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('a shortcut opens a modal; the app’s validation error shows under the input; a good submit closes it', async () => {
    await page.locator('#shortcuts-button').click();
    await page.locator('.popover-item', { hasText: 'Demo shortcut' }).click();
    const modal = page.locator('.modal[role="dialog"]');
    await modal.waitFor();
    expect((await modal.locator('h2').textContent())?.trim()).toBe('Demo modal');
    await modal.locator('textarea').fill('abc');
    await modal.locator('button[type="submit"]').click();
    expect((await modal.locator('[data-block-id="reason_block"] .bk-error').textContent())?.trim()).toBe(
      'Tell us a bit more (5 characters or more).',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-modal.png` });
    await modal.locator('textarea').fill('because it was great');
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'detached' });
    await page.locator('.msg', { hasText: 'said: because it was great' }).waitFor();
    expect(fixture.receivedOf('view_submission')).toHaveLength(2);
  });

  test('a Block Kit message renders its blocks, with unsafe links left as text', async () => {
    const client = clientFor(fixture.sandbox, fixture.workspace.botToken);
    await client.chat.postMessage({ channel: GENERAL, text: 'sampler', blocks: SAMPLER_BLOCKS });
    const message = page.locator('.msg', { hasText: 'Block Kit sampler' });
    await message.waitFor();
    await message.scrollIntoViewIfNeeded();
    expect(await message.locator('.bk-header').textContent()).toContain('Block Kit sampler');
    expect(await message.locator('.bk-section-body b').first().textContent()).toBe('Bold');
    expect(await message.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      'https://example.com/docs',
    ]);
    expect(await message.locator('.bk-text-object').first().textContent()).toContain(
      'not a link, @Grace, #general, @engineers, @here',
    );
    expect(await message.locator('blockquote').textContent()).toBe('a quote with <angle> & ampersand');
    expect(await message.locator('.bk-fields .bk-field').count()).toBe(2);
    expect(await message.locator('[role="img"][aria-label="a coffee cup"]').count()).toBe(1);
    expect(await message.locator('.bk-image-box').textContent()).toContain('the team at the offsite');
    expect(await message.locator('.bk-rich li').allTextContents()).toEqual(['first point', 'second point']);
    expect(await message.locator('.bk-button.danger').textContent()).toBe('Skip');
    expect(await message.locator('input[type="date"]').inputValue()).toBe('2026-01-05');
    // An external select (no block_suggestion here) offers the option the app chose up front.
    const external = message.locator('select[aria-label="Project"]');
    expect(await external.inputValue()).toBe('apollo');
    expect(await external.locator('option:checked').textContent()).toBe('Apollo');
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-blocks.png` });

    // A button with a confirm dialog asks first; "Keep" sends nothing.
    const before = fixture.receivedOf('block_actions').length;
    await message.locator('.bk-button.danger').click();
    await page.locator('[role="alertdialog"] button', { hasText: 'Keep' }).click();
    // Escape answers a confirm dialog the same way, and sends nothing either.
    await message.locator('.bk-button.danger').click();
    await page.locator('[role="alertdialog"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[role="alertdialog"]').waitFor({ state: 'detached' });
    await message.locator('.bk-select').first().selectOption(GRACE);
    await eventually(() => fixture.receivedOf('block_actions').length > before);
    const after = fixture.receivedOf('block_actions').slice(before);
    expect(after.map((request) => (request.body.actions as Array<{ action_id: string }>)[0]?.action_id)).toEqual([
      'sampler_user',
    ]);
  });

  test('a shared PNG shows inline with its alt text, and any file as a card with its name that downloads it', async () => {
    const client = clientFor(fixture.sandbox, fixture.workspace.botToken);
    const picture = solidPng(240, 120, [18, 100, 163]);
    await client.files.uploadV2({
      channel_id: GENERAL,
      file: picture,
      filename: 'connections.png',
      title: 'Connections this quarter',
      initial_comment: 'Your quarter in connections',
    });
    await client.files.uploadV2({ channel_id: GENERAL, file: Buffer.from('a,b\n1,2\n'), filename: 'data.csv' });
    const image = page.locator('.msg', { hasText: 'Your quarter in connections' }).locator('img.file-image');
    await image.waitFor();
    await image.scrollIntoViewIfNeeded();
    await image.evaluate((node) =>
      (node as unknown as { decode(): Promise<void> }).decode().catch(() => {
        // Left for the assertion below to report.
      }),
    );
    expect(await image.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
    expect(await image.getAttribute('alt')).toBe('Connections this quarter');
    const card = page.locator('.file-card', { hasText: 'data.csv' });
    await card.waitFor();
    expect(await card.locator('.file-meta').textContent()).toBe('data.csv · 8 B');
    expect(await page.locator('.file.image .file-title').last().textContent()).toBe('Connections this quarter');
    const download = await page.evaluate(
      async (href) => {
        const response = await fetch(href);
        return { type: response.headers.get('content-type'), text: await response.text() };
      },
      (await card.getAttribute('href')) ?? '',
    );
    expect(download).toEqual({ type: 'text/csv', text: 'a,b\n1,2\n' });
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-files.png` });
  });

  test('Apps → Nudge opens the Home tab the app publishes', async () => {
    await page.locator('.sidebar-item[data-conversation="app-home"]').click();
    await page.locator('#home .bk-header', { hasText: 'Welcome home' }).waitFor();
    expect(await page.locator('#home').textContent()).toContain('Hi @Ada, here is what is going on.');
    expect((await page.locator('.tab[aria-selected="true"]').textContent())?.trim()).toBe('Home');
    expect(fixture.receivedOf('app_home_opened').length).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-home.png` });
  });

  test("an image the app uploaded into the reader's DM shows on their Home tab (slack_file)", async () => {
    const client = clientFor(fixture.sandbox, fixture.workspace.botToken);
    const uploaded = await client.files.uploadV2({
      channel_id: ADA,
      file: solidPng(240, 120, [74, 123, 208]),
      filename: 'your-network.png',
      title: 'People you met each month',
    });
    const fileId = (uploaded as unknown as { files: Array<{ files: Array<{ id: string }> }> }).files[0]?.files[0]?.id;
    await client.views.publish({
      user_id: ADA,
      view: {
        type: 'home',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Your network' } },
          { type: 'image', alt_text: 'Bars by month', slack_file: { id: fileId ?? '' } },
        ],
      },
    });
    const image = page.locator('#home img.bk-image-file');
    await image.waitFor();
    await image.evaluate((node) =>
      (node as unknown as { decode(): Promise<void> }).decode().catch(() => {
        // Left for the assertion below to report.
      }),
    );
    expect(await image.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
    expect(await image.getAttribute('alt')).toBe('Bars by month');
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-home-image.png` });
  });

  test('Escape closes an open menu, and only it, and hands the focus back to its button', async () => {
    await page.locator(`.sidebar-item[data-conversation="${GENERAL}"]`).click();
    const shortcutsBefore = fixture.receivedOf('shortcut').length;
    await page.locator('#composer-input').fill('half a thought');
    await page.locator('#shortcuts-button').click();
    const menu = page.locator('.popover[role="menu"]');
    await menu.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-escape-menu-open.png` });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-escape-menu-closed.png` });
    // Focus goes back to the button that opened the menu, so the keyboard carries on from there.
    expect(await page.locator('#shortcuts-button:focus').count()).toBe(1);
    expect(await page.locator('#composer-input').inputValue()).toBe('half a thought');
    expect(fixture.receivedOf('shortcut')).toHaveLength(shortcutsBefore);

    fixture.sandbox.addUserMessage({ channelId: GENERAL, userId: GRACE, text: 'a message with a menu' });
    const posted = page.locator('.msg', { hasText: 'a message with a menu' });
    await posted.hover();
    await posted.locator('button[aria-label="More actions"]').click();
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await posted.locator('button[aria-label="More actions"]:focus').count()).toBe(1);
    expect(fixture.receivedOf('message_action')).toHaveLength(0);
    await page.locator('#composer-input').fill('');
  });

  test('Escape closes the topmost first: a menu in a modal, the pushed view (telling the app), then the first', async () => {
    await page.locator('#shortcuts-button').click();
    await page.locator('.popover-item', { hasText: 'Demo shortcut' }).click();
    const modal = page.locator('.modal[role="dialog"]');
    await modal.locator('h2', { hasText: 'Demo modal' }).waitFor();
    await modal.locator('textarea').fill('push please');
    await modal.locator('button[type="submit"]').click();
    await modal.locator('h2', { hasText: 'Step two' }).waitFor();
    await modal.locator('button[aria-label="More options"]').click();
    const menu = page.locator('.popover[role="menu"]');
    await menu.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-escape-modal-menu.png` });

    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect((await modal.locator('h2').textContent())?.trim()).toBe('Step two');
    expect(fixture.receivedOf('view_closed')).toHaveLength(0);

    // The pushed view asked for notify_on_close: closing it tells the app and uncovers the first view.
    await page.keyboard.press('Escape');
    await modal.locator('h2', { hasText: 'Demo modal' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-escape-modal-back.png` });
    const [closed] = fixture.receivedOf('view_closed');
    expect(closed?.verified).toBe(true);
    expect(closed?.body).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { callback_id: 'demo_step_two' },
    });

    // The first view did not ask: it closes without a word to the app.
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    expect((await uiState(fixture, { user: ADA })).modal).toBeNull();
    expect(fixture.receivedOf('view_closed')).toHaveLength(1);
  });

  test('typing / suggests the app’s commands with their usage hints, filtered as you type; Enter picks one', async () => {
    const input = page.locator('#composer-input');
    const list = page.locator('#composer-suggestions');
    const sentBefore = fixture.receivedOf('/demo').length;
    await input.fill('');
    await input.pressSequentially('/');
    await list.waitFor();
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual([
      '/demo',
      '/deploy',
      '/help',
    ]);
    expect(await list.locator('[role="option"]').first().textContent()).toContain('[anything you like]');
    await input.pressSequentially('de');
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual(['/demo', '/deploy']);
    await input.pressSequentially('p');
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual(['/deploy']);
    await input.press('Backspace');
    await input.press('ArrowDown');
    expect(await list.locator('[aria-selected="true"] .suggestion-label').textContent()).toBe('/deploy');
    await input.press('ArrowUp');
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-command-suggestions.png` });
    await input.press('Enter');
    await list.waitFor({ state: 'hidden' });
    expect(await input.inputValue()).toBe('/demo ');
    expect(fixture.receivedOf('/demo')).toHaveLength(sentBefore);

    // Escape dismisses the list and keeps what was typed; Tab picks like Enter.
    await input.fill('');
    await input.pressSequentially('/h');
    await list.waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(await input.inputValue()).toBe('/h');
    await input.pressSequentially('e');
    await list.waitFor();
    await input.press('Tab');
    expect(await input.inputValue()).toBe('/help ');
    await input.fill('');
  });

  test('what is typed while a command is on its way is kept: the composer clears when sending, not on the answer', async () => {
    const input = page.locator('#composer-input');
    const sentBefore = fixture.receivedOf('/demo').length;
    fixture.delayAnswers(600);
    try {
      await input.fill('/demo sent while typing');
      await input.press('Enter');
      await input.pressSequentially('next thought');
      await eventually(() => fixture.receivedOf('/demo').length > sentBefore);
      await page.locator('.msg.ephemeral', { hasText: 'sent while typing' }).waitFor();
      expect(await input.inputValue()).toBe('next thought');
    } finally {
      fixture.delayAnswers(0);
      await input.fill('');
    }
  });

  test('typing @ suggests people by name; the pick reaches the app as Slack’s mention', async () => {
    const input = page.locator('#composer-input');
    const list = page.locator('#composer-suggestions');
    const sentBefore = fixture.receivedOf('/demo').length;
    await input.fill('');
    await input.pressSequentially('/demo thanks @hop');
    await list.waitFor();
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual(['Grace']);
    expect(await list.locator('[role="option"]').textContent()).toContain('Grace Hopper');
    await page.screenshot({ path: `${SCREENSHOTS}/sandbox-ui-mention-suggestions.png` });
    await input.press('Enter');
    expect(await input.inputValue()).toBe('/demo thanks @grace ');
    await input.pressSequentially('for the review');
    await input.press('Enter');
    await eventually(() => fixture.receivedOf('/demo').length > sentBefore);
    expect(fixture.receivedOf('/demo').at(-1)?.body.text).toBe(`thanks <@${GRACE}|grace> for the review`);

    // In a message the same pick becomes the short form; real and display names both find people.
    await input.pressSequentially('lunch with @K');
    await list.waitFor();
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual(['Katherine']);
    await input.press('Tab');
    await input.pressSequentially('and @ada');
    expect(await list.locator('[role="option"] .suggestion-label').allTextContents()).toEqual(['Ada']);
    await input.press('Enter');
    expect(await input.inputValue()).toBe('lunch with @katherine and @ada ');
    await input.press('Enter');
    const message = page.locator('.msg', { hasText: 'lunch with' });
    await message.waitFor();
    expect(await message.locator('.mention').allTextContents()).toEqual(['@Katherine', '@Ada']);
    const stored = fixture.sandbox.messages(GENERAL).find((candidate) => candidate.text.startsWith('lunch with'));
    expect(stored?.text).toBe(`lunch with <@${KATHERINE}> and <@${ADA}>`);
  });

  test('switching the acting user changes whose view it is', async () => {
    await page.locator('#actor').selectOption(GRACE);
    await page.locator(`.sidebar-item[data-conversation="${GENERAL}"]`).click();
    await page.locator('.msg', { hasText: 'approved' }).waitFor();
    // Ada's ephemeral answer disappears once the page redraws as Grace.
    await page.locator('.msg.ephemeral').first().waitFor({ state: 'detached' });
    // Mentions of the acting user are highlighted: now Grace's, no longer Ada's.
    expect(new Set(await page.locator('.msg .mention.me').allTextContents())).toEqual(new Set(['@Grace']));
    expect(pageErrors).toEqual([]);
  });
});
