import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { seedWorkspaceSpec } from '../support/domain-db.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';
import { eventually } from '../support/wait.ts';

let h: Harness;
const teamId = 'T0MYDATA';
const otherTeam = 'T0OTHER';
const person = 'U0ALEX';
const db = () => h.service.deps.db;

async function give(ws: string, giverId: string, recipientId: string, reason: string) {
  const given = await giveKudos(db(), {
    workspaceId: ws,
    giverId,
    recipientIds: [recipientId],
    reason,
    tags: [],
    channelId: 'C0TEAM',
    source: 'command',
    requestKey: `${ws}-${giverId}-${reason}`,
    messageLink: null,
    now: new Date(),
  });
  expect(given.ok).toBe(true);
}

beforeAll(async () => {
  h = await startHarness({ label: 'my-data', workspaces: [kudosWorkspace(teamId)] });
  for (const userId of [person, 'U0GIVER', 'U0BEA', 'U0ADMIN']) await waitForMember(db(), teamId, userId);
  await seedWorkspaceSpec(db(), kudosWorkspace(otherTeam));
  await give(teamId, person, 'U0GIVER', 'for the review, "finally"');
  await give(teamId, 'U0GIVER', person, 'for the launch');
  await give(otherTeam, person, 'U0GIVER', 'only in the other workspace');
  // Gina asked never to be paired with Alex: that is hers, and confidential.
  await db()
    .insertInto('pairing_blocks')
    .values({ workspace_id: teamId, user_id: 'U0GIVER', blocked_user_id: person, created_at: new Date() })
    .execute();
});
afterAll(async () => {
  await h?.stop();
});

async function nudge(userId: string, text: string): Promise<{ response_type?: string; text: string }> {
  const response = await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command: '/nudge', text });
  expect(response.status).toBe(200);
  return response.json as { response_type?: string; text: string };
}

/** The DM Nudge opened with exactly this person. */
function dmWith(userId: string): string | undefined {
  const opened = h.sandbox
    .callsTo('conversations.open', { teamId })
    .find((call) => call.args.users === userId && call.status === 200);
  return (opened?.response as { channel?: { id?: string } } | undefined)?.channel?.id;
}

const auditEntries = (actorId: string) =>
  db()
    .selectFrom('admin_audit_log')
    .select(['actor_id', 'changes'])
    .where('workspace_id', '=', teamId)
    .where('action', '=', 'privacy.data_exported')
    .where('actor_id', '=', actorId)
    .execute();

describe('/nudge my-data', () => {
  test('the help lists it', async () => {
    expect((await nudge(person, 'help')).text).toContain('/nudge my-data');
  });

  test('asked twice, the DM gets the files once: a JSON with everything that matches the database, a CSV per kind', async () => {
    const answers = [await nudge(person, 'my-data'), await nudge(person, 'my-data')];
    for (const answer of answers) {
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain('on its way to your DM');
    }
    const entries = await eventually(
      async () => {
        const found = await auditEntries(person);
        return found.length > 0 ? found : undefined;
      },
      'the export to finish',
      30_000,
    );
    const files = (entries[0]?.changes.files?.to ?? 0) as number;
    expect(files).toBeGreaterThan(1);
    const dm = dmWith(person);
    expect(dm).toMatch(/^D/);
    const shared = h.sandbox.files({ teamId }).filter((file) => file.state === 'completed');
    expect(shared.map((file) => file.name).sort()).toEqual(
      [
        'nudge-my-data.json',
        'nudge-my-data-profile.csv',
        'nudge-my-data-kudos_given.csv',
        'nudge-my-data-kudos_given_to.csv',
        'nudge-my-data-kudos_received.csv',
        'nudge-my-data-kudos_totals.csv',
      ].sort(),
    );
    expect(shared).toHaveLength(files);
    for (const file of shared) expect(Object.keys(file.shares)).toEqual([dm]);
    // Every file is in one message of the DM, and no file is shared twice.
    const sharedInDm = h.sandbox.messages(dm as string).flatMap((message) => message.files ?? []);
    expect(sharedInDm.sort()).toEqual(shared.map((file) => file.id).sort());

    const json = shared.find((file) => file.name === 'nudge-my-data.json');
    const data = JSON.parse(json?.content.toString('utf8') ?? '') as {
      workspaceId: string;
      userId: string;
      kinds: Record<string, Array<Record<string, unknown>>>;
    };
    expect({ workspaceId: data.workspaceId, userId: data.userId }).toEqual({ workspaceId: teamId, userId: person });
    const profile = await db()
      .selectFrom('members')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .where('user_id', '=', person)
      .execute();
    expect(data.kinds.profile).toEqual(JSON.parse(JSON.stringify(profile)));
    const given = await db()
      .selectFrom('kudos_gifts')
      .selectAll()
      .where('workspace_id', '=', teamId)
      .where('giver_id', '=', person)
      .execute();
    expect(data.kinds.kudos_given).toEqual(JSON.parse(JSON.stringify(given)));
    expect(data.kinds.kudos_received?.map((k) => k.giver_id)).toEqual(['U0GIVER']);
    // Gina's block against them, and the other workspace, are not theirs to see here.
    expect(data.kinds.pairing_blocks).toEqual([]);
    expect(JSON.stringify(data)).not.toContain('only in the other workspace');
    expect(JSON.stringify(data)).not.toContain(otherTeam);
    const csv = shared.find((file) => file.name === 'nudge-my-data-kudos_given.csv')?.content.toString('utf8');
    expect(csv).toContain('"for the review, ""finally"""');
    expect(entries).toHaveLength(1);
  });

  test('an argument is refused, admins included, and nothing is sent', async () => {
    const before = h.sandbox.files({ teamId }).length;
    const answer = await nudge('U0ADMIN', `my-data <@${person}>`);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('takes no argument');
    expect(answer.text).toContain('nobody can ask for anyone else');
    // Their own request gets their own entry, and only that.
    await nudge('U0ADMIN', 'my-data');
    const dm = await eventually(async () => dmWith('U0ADMIN'), 'the DM to open', 30_000);
    const message = await h.sandbox.waitFor(() => h.sandbox.messages(dm)[0], { timeoutMs: 30_000 });
    expect(message.text).toContain('Ada Admin');
    expect(message.text).not.toContain('Alex');
    expect(h.sandbox.files({ teamId }).length).toBe(before);
  });

  test('someone Nudge holds nothing about beyond the directory gets a DM that says so, with that entry', async () => {
    const before = h.sandbox.files({ teamId }).length;
    await nudge('U0BEA', 'my-data');
    const dm = await eventually(async () => dmWith('U0BEA'), 'the DM to open', 30_000);
    const message = await h.sandbox.waitFor(() => h.sandbox.messages(dm)[0], { timeoutMs: 30_000 });
    expect(message.text).toContain('Nudge holds nothing about you beyond your entry in the workspace directory');
    expect(message.text).toContain('Bea Brave');
    expect(h.sandbox.files({ teamId }).length).toBe(before);
    await eventually(async () => ((await auditEntries('U0BEA')).length > 0 ? true : undefined), 'the audit entry');
  });
});
