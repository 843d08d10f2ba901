import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { upsertCelebrationSettings } from '../../src/db/queries/celebration-settings.ts';
import { findCelebration } from '../../src/db/queries/celebrations.ts';
import { previewCelebrationImport } from '../../src/domain/celebrations/import-dates.ts';
import { pendingCelebrationBatches, planCelebrationPosts } from '../../src/domain/celebrations/plan-posts.ts';
import { saveCelebrationProfile } from '../../src/domain/celebrations/profiles.ts';
import { purgeCelebrationData } from '../../src/domain/celebrations/purge.ts';
import { recordCelebration, resolveContributors } from '../../src/domain/celebrations/shipped.ts';
import { revealWebhookSecret, webhookSecretFor } from '../../src/domain/celebrations/webhook-secret.ts';
import { createSecretBox } from '../../src/security/secret-box.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';

/** Two workspaces with the same user IDs (Enterprise Grid shares W… IDs): nothing of one ever shows in the other. */

let db: Db;
const box = createSecretBox(randomBytes(32));
const people = ['W0ANN', 'W0BEN'];
const now = new Date('2027-04-14T12:00:00Z');

beforeAll(async () => {
  db = await createMigratedDatabase();
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now });
    await seedMembers(
      db,
      id,
      people.map((user_id) => ({
        user_id,
        email: `${user_id.toLowerCase()}@${id.toLowerCase()}.test`,
        is_admin: user_id === 'W0ANN' && id === 'TA',
        synced_at: now,
      })),
    );
    await upsertCelebrationSettings(db, id, { channel_id: `C0${id}`, updated_at: now });
  }
});
afterAll(async () => {
  await db?.destroy();
});

test('dates, decisions, purges, celebrations, emails and secrets stay in their own workspace', async () => {
  for (const workspaceId of ['TA', 'TB']) {
    expect(
      await saveCelebrationProfile(db, {
        workspaceId,
        userId: 'W0ANN',
        profile: {
          birthdayMonth: '4',
          birthdayDay: '14',
          startDate: null,
          birthdayVisibility: 'channel',
          anniversaryVisibility: 'none',
        },
        now,
      }),
    ).toEqual({ ok: true });
  }
  expect(await planCelebrationPosts(db, { workspaceId: 'TA', now })).toMatchObject({ planned: 1 });
  const batchesA = await pendingCelebrationBatches(db, { workspaceId: 'TA', now });
  expect(batchesA.map((b) => [b.channelId, b.rows.map((r) => r.workspace_id)])).toEqual([['C0TA', ['TA']]]);
  expect(await pendingCelebrationBatches(db, { workspaceId: 'TB', now })).toEqual([]);

  // Leaving workspace A forgets A's data only.
  await purgeCelebrationData(db, 'TA', ['W0ANN']);
  const left = await db.selectFrom('celebration_profiles').select('workspace_id').execute();
  expect(left).toEqual([{ workspace_id: 'TB' }]);

  // A celebration of A is invisible from B; emails resolve only to B's own members.
  const recorded = await recordCelebration(db, {
    workspaceId: 'TA',
    title: 'Launch',
    url: null,
    channelId: 'C0TA',
    contributorIds: ['W0BEN'],
    createdBy: null,
    source: 'webhook',
    requestKey: 'k1',
    now,
  });
  expect(recorded.ok).toBe(true);
  const id = recorded.ok ? recorded.celebrationId : '';
  expect(await findCelebration(db, 'TB', id)).toBeUndefined();
  expect(await resolveContributors(db, 'TB', [{ kind: 'email', email: 'w0ben@ta.test' }])).toMatchObject({
    userIds: [],
    unresolved: [{ index: 0 }],
  });
  const preview = await previewCelebrationImport(db, {
    workspaceId: 'TB',
    csv: 'person,birthday\nw0ben@ta.test,01-01',
    now,
  });
  expect(preview).toMatchObject({ ok: true, ready: [], errors: [{ line: 2 }] });

  // Each workspace has its own webhook secret; an admin of A is nobody in B.
  const a = await revealWebhookSecret(db, box, { workspaceId: 'TA', actorId: 'W0ANN', rotate: false, now });
  expect(a.ok).toBe(true);
  expect(await revealWebhookSecret(db, box, { workspaceId: 'TB', actorId: 'W0ANN', rotate: false, now })).toEqual({
    ok: false,
    refused: 'not_admin',
  });
  expect(await webhookSecretFor(db, box, 'TB')).toBeUndefined();
  expect(await webhookSecretFor(db, box, 'TA')).toBe(a.ok ? a.secret : 'missing');
});
