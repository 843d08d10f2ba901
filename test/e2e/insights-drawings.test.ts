import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildInsightsReport } from '../../src/domain/insights/build-insights-report.ts';
import { reportChartOptions } from '../../src/http/insights/report-drawings.ts';
import { defaultWorkspace, type Harness, installViaOAuth, startHarness } from '../support/harness.ts';
import { seedKudos, seedTeamsActivity } from '../support/insights-activity.ts';
import { otherWorkspace, signInToInsights } from '../support/insights-sign-in.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

/**
 * The admins' insights charts are drawn by the worker right after each computation and stored; the page shows the
 * stored drawings instead of drawing them. Two workspaces with the same people, teams and figures, so their charts
 * have the same keys: each is shown only its own drawings.
 */

const at = new Date(Date.now() - 60 * 60 * 1000);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ oauth: true, workspaces: [defaultWorkspace, otherWorkspace], label: 'insights-drawings' });
  for (const teamId of ['T0ACME', 'T0OTHER']) expect((await installViaOAuth(h, teamId)).status).toBe(200);
  for (const [teamId, userId] of [
    ['T0ACME', 'U0ALICE'],
    ['T0OTHER', 'U0BOB'],
  ] as const) {
    await waitForMember(h.service.deps.db, teamId, userId);
  }
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

/** Each drawn chart's key in the workspace's report as it stands, by chart id. */
async function reportKeys(workspaceId: string): Promise<Map<string, string>> {
  const report = await buildInsightsReport(h.service.deps.db, workspaceId, new Date());
  return new Map([...reportChartOptions(report)].map(([id, { key }]) => [id, key]));
}

async function storedDrawings(workspaceId: string): Promise<Map<string, string>> {
  const rows = await h.service.deps.db
    .selectFrom('insights_drawings')
    .select(['drawing_key', 'svg'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return new Map(rows.map((row) => [row.drawing_key, row.svg]));
}

/** Waits until the workspace's stored drawings are exactly those of its report's charts. */
async function drawingsOfReport(workspaceId: string, label: string) {
  return await eventually(
    async () => {
      const keys = await reportKeys(workspaceId);
      const stored = await storedDrawings(workspaceId);
      const wanted = [...new Set(keys.values())].sort();
      return wanted.length > 0 && JSON.stringify([...stored.keys()].sort()) === JSON.stringify(wanted)
        ? { keys, stored }
        : undefined;
    },
    label,
    30_000,
  );
}

async function page(teamId: string, userId: string): Promise<string> {
  const { session } = await signInToInsights(h.appUrl, { teamId, userId });
  const response = await fetch(`${h.appUrl}/insights`, { headers: { cookie: session ?? '' } });
  expect(response.status).toBe(200);
  return await response.text();
}

/** A drawing the renderer never makes: if the page shows it, the page read it from storage. */
const marker = (key: string) => `<svg data-stored="${key}"></svg>`;

test('a computation stores a drawing of every chart, and the page shows the stored drawings without drawing them', async () => {
  const db = h.service.deps.db;
  await seedTeamsActivity(db, 'T0ACME', at);
  await h.service.deps.queues.enqueue('insights.recompute', { workspaceId: 'T0ACME' });
  const { keys, stored } = await drawingsOfReport('T0ACME', 'the charts drawn after the computation');
  expect(keys.size).toBeGreaterThanOrEqual(8);
  for (const svg of stored.values()) expect(svg).toMatch(/^<svg[^>]*width="720" height="320"/);
  expect((await storedDrawings('T0OTHER')).size).toBe(0);

  for (const key of stored.keys()) {
    await db
      .updateTable('insights_drawings')
      .set({ svg: marker(key) })
      .where('workspace_id', '=', 'T0ACME')
      .where('drawing_key', '=', key)
      .execute();
  }
  const html = await page('T0ACME', 'U0ALICE');
  for (const [id, key] of keys) {
    expect(html).toContain(`id="chart-${id}"`);
    expect(html).toContain(marker(key));
  }
  expect(html.match(/<svg/g)?.length).toBe(keys.size);
});

test('another workspace with the same figures is shown only its own drawings', async () => {
  await seedTeamsActivity(h.service.deps.db, 'T0OTHER', at);
  await h.service.deps.queues.enqueue('insights.recompute', { workspaceId: 'T0OTHER' });
  const { keys, stored } = await drawingsOfReport('T0OTHER', 'the other workspace’s charts drawn');
  // The same figures give the same keys in both workspaces.
  expect([...keys.values()].sort()).toEqual([...(await reportKeys('T0ACME')).values()].sort());

  const html = await page('T0OTHER', 'U0BOB');
  expect(html).toContain('Insights · Other Co');
  expect(html).not.toContain('data-stored');
  for (const key of keys.values()) expect(html).toContain(stored.get(key));
  // Acme's page still shows Acme's stored drawings.
  expect(await page('T0ACME', 'U0ALICE')).toContain('data-stored');
});

test('after new events the update draws only the charts that changed, and the page shows the new drawings', async () => {
  const db = h.service.deps.db;
  const before = await reportKeys('T0ACME');
  for (let i = 0; i < 6; i++) {
    await seedKudos(db, 'T0ACME', `U0A${i}`, `U0C${i}`, at, { giver: 'Team A', recipient: 'Team C' });
  }
  await h.service.deps.queues.enqueue('insights.update', { workspaceId: 'T0ACME', bucket: 1 });
  const { keys, stored } = await eventually(
    async () => {
      const drawn = await drawingsOfReport('T0ACME', 'the charts drawn after the update');
      return drawn.keys.get('kudos-departments') !== before.get('kudos-departments') ? drawn : undefined;
    },
    'the update to count the new kudos',
    30_000,
  );
  const changed = keys.get('kudos-departments') as string;
  expect(stored.has(before.get('kudos-departments') as string)).toBe(false);
  expect(stored.get(changed)).toMatch(/^<svg[^>]*width="720"/);
  // The charts whose figures did not change keep their drawings: not drawn again.
  for (const [id, key] of keys) {
    if (id !== 'kudos-departments') {
      expect(key).toBe(before.get(id));
      expect(stored.get(key)).toBe(marker(key));
    }
  }

  const html = await page('T0ACME', 'U0ALICE');
  expect(html).not.toContain(marker(before.get('kudos-departments') as string));
  expect(html).toContain(stored.get(changed));
});
