import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAdminAction } from '../../src/domain/audit/record-admin-action.ts';
import { parseCsv } from '../../src/domain/celebrations/csv.ts';
import { seedWorkspaceSpec } from '../support/domain-db.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0AUDITCSV';
const otherTeam = 'T0AUDITOTHER';
const db = () => h.service.deps.db;

beforeAll(async () => {
  h = await startHarness({ label: 'audit-export', workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(db(), teamId, 'U0ADMIN');
  await waitForMember(db(), teamId, 'U0GIVER');
  await seedWorkspaceSpec(db(), kudosWorkspace(otherTeam));
  await db()
    .transaction()
    .execute(async (trx) => {
      await recordAdminAction(trx, {
        workspaceId: teamId,
        actorId: 'U0ADMIN',
        action: 'learning.skill_list_changed',
        // A comma, quotes and a line break, which must stay inside their cell.
        changes: { skills: { from: [], to: ['Rust, "the good parts"', 'Go\nand more'] } },
        now: new Date('2026-01-04T09:30:00Z'),
      });
      await recordAdminAction(trx, {
        workspaceId: teamId,
        actorId: 'UERASED0123456789AB',
        action: 'privacy.person_erased',
        now: new Date('2026-01-05T10:00:00Z'),
      });
      await recordAdminAction(trx, {
        workspaceId: teamId,
        actorId: 'U0ADMIN',
        action: 'pairing.programme_started',
        subject: 'C0TEAM',
        changes: { kind: { from: null, to: 'coffee' } },
        now: new Date('2026-01-06T11:00:00Z'),
      });
      await recordAdminAction(trx, {
        workspaceId: otherTeam,
        actorId: 'U0ADMIN',
        action: 'pairing.programme_started',
        subject: 'C0ONLYOTHER',
        now: new Date('2026-01-06T11:00:00Z'),
      });
    });
});
afterAll(async () => {
  await h?.stop();
});

interface Answer {
  response_type?: string;
  text: string;
  blocks?: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
}

async function nudge(userId: string, text: string): Promise<Answer> {
  const response = await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command: '/nudge', text });
  expect(response.status).toBe(200);
  return response.json as Answer;
}

const csvFiles = () =>
  h.sandbox.files({ teamId }).filter((file) => file.state === 'completed' && file.name.startsWith('nudge-audit-log-'));

const storedEntries = () =>
  db()
    .selectFrom('admin_audit_log')
    .select(['at', 'actor_id', 'action', 'subject', 'changes'])
    .where('workspace_id', '=', teamId)
    .orderBy('at')
    .orderBy('id')
    .execute();

const exportEntries = async () => (await storedEntries()).filter((e) => e.action === 'audit.log_exported');

function dmWith(userId: string): string | undefined {
  const opened = h.sandbox
    .callsTo('conversations.open', { teamId })
    .find((call) => call.args.users === userId && call.status === 200);
  return (opened?.response as { channel?: { id?: string } } | undefined)?.channel?.id;
}

function clickExport(userId: string) {
  return h.driver.interaction({
    teamId,
    userId,
    payload: {
      type: 'block_actions',
      channel: { id: 'C0TEAM' },
      actions: [{ action_id: 'audit_export', block_id: 'audit', type: 'button', value: 'csv' }],
    },
  });
}

describe('exporting the audit log', () => {
  test('someone who is not an admin is refused, by command and by button, and nothing is sent or recorded', async () => {
    const answer = await nudge('U0GIVER', 'audit export');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Only Nudge admins');
    expect(answer.text).toContain('export the audit log');
    const click = await clickExport('U0GIVER');
    expect(click.status).toBe(200);
    const refused = await h.sandbox.waitFor(() => h.sandbox.responseUrlPosts().find((p) => p.userId === 'U0GIVER'));
    expect(JSON.stringify(refused.body)).toContain('Only Nudge admins');
    expect(csvFiles()).toEqual([]);
    expect(await exportEntries()).toEqual([]);
  });

  test('an admin gets every entry of the workspace as a CSV in their DM, the export itself recorded and included', async () => {
    const answer = await nudge('U0ADMIN', 'audit export');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('on its way to your DM');
    const [file] = await eventually(async () => (csvFiles().length > 0 ? csvFiles() : undefined), 'the CSV', 30_000);
    const dm = dmWith('U0ADMIN');
    expect(dm).toMatch(/^D/);
    expect(Object.keys(file!.shares)).toEqual([dm]);
    expect(file!.name).toMatch(/^nudge-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);

    const parsed = parseCsv(file!.content.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const [header, ...rows] = parsed.records.map((r) => r.cells);
    expect(header).toEqual(['at', 'actor_id', 'action', 'subject', 'changes']);
    const stored = await storedEntries();
    expect(stored.map((e) => e.action)).toEqual([
      'learning.skill_list_changed',
      'privacy.person_erased',
      'pairing.programme_started',
      'audit.log_exported',
    ]);
    expect(
      rows.map(([at, actor, action, subject, changes]) => ({
        at,
        actor,
        action,
        subject,
        changes: JSON.parse(changes!),
      })),
    ).toEqual(
      stored.map((e) => ({
        at: e.at.toISOString(),
        actor: e.actor_id,
        action: e.action,
        subject: e.subject ?? '',
        changes: e.changes,
      })),
    );
    expect(rows[0]?.[4]).toContain('Go\\nand more');
    expect(rows[3]?.[1]).toBe('U0ADMIN');
    expect(file!.content.toString('utf8')).not.toContain('C0ONLYOTHER');
    // One file, once, for one request.
    expect(csvFiles()).toHaveLength(1);
    expect(await exportEntries()).toHaveLength(1);
  });

  test('the button on the audit page exports again, and the page shows who exported', async () => {
    const page = await nudge('U0ADMIN', 'audit');
    expect(page.text).toContain('<@U0ADMIN> exported the audit log as a CSV file');
    const button = page.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'audit_export');
    expect(button).toBeDefined();
    const click = await clickExport('U0ADMIN');
    expect(click.status).toBe(200);
    const answered = await h.sandbox.waitFor(() =>
      h.sandbox.responseUrlPosts().find((p) => p.userId === 'U0ADMIN' && JSON.stringify(p.body).includes('on its way')),
    );
    expect((answered.body as { replace_original?: boolean }).replace_original).toBe(false);
    await eventually(async () => (csvFiles().length === 2 ? true : undefined), 'the second CSV', 30_000);
    expect(await exportEntries()).toHaveLength(2);
    const second = csvFiles().find((f) => f.content.toString('utf8').split('audit.log_exported').length === 3);
    expect(second).toBeDefined();
  });
});
