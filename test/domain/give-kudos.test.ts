import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { type GiveKudosInput, giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { createMigratedDatabase, seedWorkspaceSpec } from '../support/domain-db.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';

let db: Db;
// A Wednesday: the default allowance (10) and pair cap (3) count per Monday-to-Sunday week, here in UTC.
const wednesday = new Date('2027-03-10T12:00:00Z');
const nextMonday = new Date('2027-03-15T09:00:00Z');
let keys = 0;

beforeAll(async () => {
  db = await createMigratedDatabase();
  // Two workspaces with the same people and the same user IDs.
  await seedWorkspaceSpec(db, kudosWorkspace('TA'), wednesday);
  await seedWorkspaceSpec(db, kudosWorkspace('TB'), wednesday);
});
afterAll(async () => {
  await db?.destroy();
});

function give(input: Partial<GiveKudosInput> & { workspaceId: string; giverId: string; recipientIds: string[] }) {
  keys += 1;
  return giveKudos(db, {
    reason: 'for the launch',
    tags: [],
    channelId: 'C0TEAM',
    source: 'command',
    requestKey: `key-${keys}`,
    messageLink: null,
    now: wednesday,
    ...input,
  });
}

async function giftsBy(workspaceId: string, giverId: string) {
  return await db
    .selectFrom('kudos_gifts as g')
    .innerJoin('kudos as k', 'k.gift_id', 'g.id')
    .select(['g.id', 'k.recipient_id'])
    .where('g.workspace_id', '=', workspaceId)
    .where('g.giver_id', '=', giverId)
    .execute();
}

describe('allowance', () => {
  test('a giver spends the weekly allowance one recipient at a time, then is refused with what is left', async () => {
    const first = await give({
      workspaceId: 'TA',
      giverId: 'U0P00',
      recipientIds: ['U0P01', 'U0P02', 'U0P03', 'U0P04'],
    });
    expect(first).toMatchObject({ ok: true, remaining: 6, allowance: 10, duplicate: false });
    const second = await give({
      workspaceId: 'TA',
      giverId: 'U0P00',
      recipientIds: ['U0P05', 'U0P06', 'U0P07', 'U0P08', 'U0P09'],
    });
    expect(second).toMatchObject({ ok: true, remaining: 1 });
    const tooMany = await give({ workspaceId: 'TA', giverId: 'U0P00', recipientIds: ['U0P10', 'U0P11'] });
    expect(tooMany).toEqual({
      ok: false,
      refusal: {
        kind: 'allowance',
        allowance: 10,
        remaining: 1,
        requested: 2,
        resetsAt: new Date('2027-03-15T00:00:00Z'),
      },
    });
    expect(await give({ workspaceId: 'TA', giverId: 'U0P00', recipientIds: ['U0P10'] })).toMatchObject({
      ok: true,
      remaining: 0,
    });
    expect(await giftsBy('TA', 'U0P00')).toHaveLength(10);
  });

  test('the allowance comes back when the week turns', async () => {
    expect(await give({ workspaceId: 'TA', giverId: 'U0P00', recipientIds: ['U0P12'] })).toMatchObject({
      ok: false,
      refusal: { kind: 'allowance', remaining: 0 },
    });
    expect(await give({ workspaceId: 'TA', giverId: 'U0P00', recipientIds: ['U0P12'], now: nextMonday })).toMatchObject(
      { ok: true, remaining: 9 },
    );
  });
});

describe('pair cap', () => {
  test('one person thanks another at most three times a week', async () => {
    for (const remaining of [9, 8, 7]) {
      expect(await give({ workspaceId: 'TA', giverId: 'U0ALEX', recipientIds: ['U0BEA'] })).toMatchObject({
        ok: true,
        remaining,
      });
    }
    expect(await give({ workspaceId: 'TA', giverId: 'U0ALEX', recipientIds: ['U0GIVER', 'U0BEA'] })).toEqual({
      ok: false,
      refusal: { kind: 'pair_cap', recipientId: 'U0BEA', cap: 3, resetsAt: new Date('2027-03-15T00:00:00Z') },
    });
    expect(await give({ workspaceId: 'TA', giverId: 'U0ALEX', recipientIds: ['U0GIVER'] })).toMatchObject({ ok: true });
    expect((await giftsBy('TA', 'U0ALEX')).map((row) => row.recipient_id).sort()).toEqual([
      'U0BEA',
      'U0BEA',
      'U0BEA',
      'U0GIVER',
    ]);
  });
});

describe('request key', () => {
  test('the same request twice records one gift and answers with it both times', async () => {
    const input = { workspaceId: 'TA', giverId: 'U0P13', recipientIds: ['U0P14', 'U0P15'], requestKey: 'trigger-1' };
    const first = await give(input);
    const again = await give({ ...input, now: new Date(wednesday.getTime() + 60_000) });
    expect(first).toMatchObject({ ok: true, duplicate: false, remaining: 8 });
    expect(again).toMatchObject({ ok: true, duplicate: true, remaining: 8, recipientIds: ['U0P14', 'U0P15'] });
    if (!first.ok || !again.ok) throw new Error('both gives were accepted');
    expect(again.giftId).toBe(first.giftId);
    expect(await giftsBy('TA', 'U0P13')).toEqual([
      { id: first.giftId, recipient_id: 'U0P14' },
      { id: first.giftId, recipient_id: 'U0P15' },
    ]);
  });

  test('a request key belongs to its workspace: the same key elsewhere is a gift of its own', async () => {
    const input = { giverId: 'U0P16', recipientIds: ['U0P17'], requestKey: 'trigger-shared' };
    const inA = await give({ ...input, workspaceId: 'TA' });
    const inB = await give({ ...input, workspaceId: 'TB' });
    expect(inA).toMatchObject({ ok: true, duplicate: false });
    expect(inB).toMatchObject({ ok: true, duplicate: false });
    if (!inA.ok || !inB.ok) throw new Error('both gives were accepted');
    expect(inB.giftId).not.toBe(inA.giftId);
  });
});

describe('workspace isolation', () => {
  test('gifts in workspace A never count against the allowance or pair cap in workspace B', async () => {
    const tenPeople = Array.from({ length: 10 }, (_, i) => `U0P${String(i + 1).padStart(2, '0')}`);
    expect(await give({ workspaceId: 'TA', giverId: 'U0ADMIN', recipientIds: tenPeople })).toMatchObject({
      ok: true,
      remaining: 0,
    });
    for (let i = 0; i < 2; i += 1) {
      await give({ workspaceId: 'TA', giverId: 'U0BEA', recipientIds: ['U0ALEX'] });
    }
    expect(await give({ workspaceId: 'TA', giverId: 'U0ADMIN', recipientIds: ['U0BEA'] })).toMatchObject({
      ok: false,
      refusal: { kind: 'allowance' },
    });

    expect(await give({ workspaceId: 'TB', giverId: 'U0ADMIN', recipientIds: ['U0BEA'] })).toMatchObject({
      ok: true,
      remaining: 9,
    });
    for (const remaining of [9, 8, 7]) {
      expect(await give({ workspaceId: 'TB', giverId: 'U0BEA', recipientIds: ['U0ALEX'] })).toMatchObject({
        ok: true,
        remaining,
      });
    }
    expect(await giftsBy('TB', 'U0ADMIN')).toHaveLength(1);
    expect(await giftsBy('TA', 'U0ADMIN')).toHaveLength(10);
  });

  test('a person only in workspace B cannot be thanked from workspace A', async () => {
    await seedWorkspaceSpec(
      db,
      { teamId: 'TB', name: 'Kudos Co', users: [{ id: 'U0ONLYB', name: 'only-b', realName: 'Only In B' }] },
      wednesday,
    );
    expect(await give({ workspaceId: 'TA', giverId: 'U0GIVER', recipientIds: ['U0ONLYB'] })).toEqual({
      ok: false,
      refusal: { kind: 'not_member', userIds: ['U0ONLYB'] },
    });
    expect(await give({ workspaceId: 'TB', giverId: 'U0GIVER', recipientIds: ['U0ONLYB'] })).toMatchObject({
      ok: true,
    });
  });
});

describe('who can be thanked', () => {
  test('not yourself, not a bot, not someone deactivated', async () => {
    const refusal = (recipientIds: string[]) => give({ workspaceId: 'TA', giverId: 'U0GIVER', recipientIds });
    expect(await refusal(['U0GIVER'])).toEqual({ ok: false, refusal: { kind: 'self' } });
    expect(await refusal(['U0ROBOT'])).toEqual({ ok: false, refusal: { kind: 'bot', userIds: ['U0ROBOT'] } });
    expect(await refusal(['U0GONE'])).toEqual({ ok: false, refusal: { kind: 'deactivated', userIds: ['U0GONE'] } });
    expect(await giftsBy('TA', 'U0GIVER')).toEqual([]);
  });
});
