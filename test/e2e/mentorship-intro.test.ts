import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveMentorshipCycle } from '../../src/domain/mentorship/approve-cycle.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';
import { eventually } from '../support/wait.ts';

const teamId = 'T0MINTRO';
let h: Harness;
const db = () => h.service.deps.db;

beforeAll(async () => {
  h = await startHarness({ label: 'mentor-intro', workspaces: [kudosWorkspace(teamId)] });
  for (const userId of ['U0ALEX', 'U0BEA']) await waitForMember(db(), teamId, userId);
});

afterAll(async () => {
  await h?.stop();
});

describe('the intro of a new mentorship pair', () => {
  test('opens one group DM of the two with the goals, the shared skills and a first agenda, once however often it is queued', async () => {
    const now = new Date();
    const programmeId = await startProgramme(db(), teamId, now, { skills: ['Rust', 'Go'] });
    await signUp(db(), teamId, programmeId, 'U0ALEX', now, {
      role: 'mentor',
      teaches: ['rust', 'Go'],
      learns: [],
      capacity: 2,
    });
    await signUp(db(), teamId, programmeId, 'U0BEA', now, {
      learns: ['Rust', 'Kotlin'],
      goals: 'ship our first crate',
    });
    const plan = await planMentorshipCycle(db(), { workspaceId: teamId, programmeId, now });
    if (!plan.ok) throw new Error('refused');
    const approved = await approveMentorshipCycle(db(), {
      workspaceId: teamId,
      cycleId: plan.cycleId,
      approvedBy: 'U0ADMIN',
      now,
    });
    if (!approved.ok) throw new Error('not approved');
    const [pairId] = approved.pairIds;
    expect(pairId).toBeDefined();

    for (let i = 0; i < 3; i += 1) {
      await h.service.deps.queues.enqueue('mentorship.intro', { workspaceId: teamId, pairId: pairId! });
    }
    const intros = () =>
      h.sandbox
        .callsTo('chat.postMessage', { teamId })
        .filter((c) => c.status === 200 && String(c.args.text).includes('meet your mentor'));
    const intro = await h.sandbox.waitFor(() => intros()[0], { timeoutMs: 20_000, description: 'the intro' });
    const opened = h.sandbox
      .callsTo('conversations.open', { teamId })
      .find((c) => (c.response as { channel?: { id?: string } }).channel?.id === intro.args.channel);
    expect(String(opened?.args.users).split(',').sort()).toEqual(['U0ALEX', 'U0BEA']);
    const body = JSON.stringify(intro.args.blocks);
    expect(body).toContain('<@U0BEA>, meet your mentor <@U0ALEX>');
    expect(body).toContain('ship our first crate');
    // Kotlin is wanted but not taught: only what the mentor teaches is named as shared.
    expect(body).toContain('*To learn together:* Rust');
    expect(body).not.toContain('Kotlin');
    expect(body).toContain('A first meeting');

    const sentAt = await eventually(async () => {
      const row = await db()
        .selectFrom('mentorship_pairs')
        .select('intro_sent_at')
        .where('workspace_id', '=', teamId)
        .where('id', '=', pairId!)
        .executeTakeFirst();
      return row?.intro_sent_at ?? undefined;
    }, 'the pair records its intro');
    expect(sentAt).toBeInstanceOf(Date);

    // Queued again after it went out (a retried approval, a sweep after a Redis flush): nothing more is posted.
    await h.service.deps.queues.enqueue('mentorship.intro', { workspaceId: teamId, pairId: pairId! });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(intros()).toHaveLength(1);
  });
});
