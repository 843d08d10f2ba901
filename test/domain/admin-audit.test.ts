import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { readAdminAuditLog } from '../../src/domain/audit/audit-log.ts';
import { recordAdminAction } from '../../src/domain/audit/record-admin-action.ts';
import { applyCelebrationImport } from '../../src/domain/celebrations/import-dates.ts';
import {
  type CelebrationSettingsInput,
  setCelebrationsPaused,
  updateCelebrationSettings,
} from '../../src/domain/celebrations/update-settings.ts';
import { type SettingsInput, updateKudosSettings } from '../../src/domain/kudos/update-settings.ts';
import { approveMentorshipCycle } from '../../src/domain/mentorship/approve-cycle.ts';
import { planMentorshipCycle } from '../../src/domain/mentorship/plan-cycle.ts';
import { updateMentorshipSettings } from '../../src/domain/mentorship/programmes.ts';
import { approveRound } from '../../src/domain/pairing/approve-round.ts';
import { createProgramme } from '../../src/domain/pairing/programmes.ts';
import { applyTeamImport } from '../../src/domain/pairing/team-import.ts';
import { saveTeamOverride } from '../../src/domain/pairing/team-overrides.ts';
import { type ProgrammeSettingsInput, updateProgrammeSettings } from '../../src/domain/pairing/update-programme.ts';
import { sweepRetention } from '../../src/domain/retention/sweep-retention.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { signUp, startProgramme } from '../support/mentorship-programme.ts';

let db: Db;
const now = new Date('2027-03-10T12:00:00Z');
const people = ['U0ANA', 'U0BEN', 'U0CY', 'U0DI'];

beforeAll(async () => {
  db = await createMigratedDatabase();
  // Two workspaces with the same people and the same user IDs; only TA's admin acts unless a test says otherwise.
  for (const id of ['TA', 'TB']) {
    await seedWorkspace(db, { id, now });
    await seedMembers(db, id, [{ user_id: 'U0ADMIN', is_admin: true }, 'U0PLAIN', ...people]);
  }
});
afterAll(async () => {
  await db?.destroy();
});

async function entries(workspaceId: string) {
  return await db
    .selectFrom('admin_audit_log')
    .select(['actor_id', 'action', 'subject', 'changes', 'at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

/** Entries added by `act`, in TA; TB, the same people, must gain none. */
async function newEntries(act: () => Promise<unknown>) {
  const before = (await entries('TA')).length;
  const other = (await entries('TB')).length;
  await act();
  expect(await entries('TB')).toHaveLength(other);
  return (await entries('TA')).slice(before);
}

const kudosInput: SettingsInput = {
  timeZone: 'UTC',
  allowance: '10',
  allowancePeriod: 'week',
  pairCap: '3',
  emoji: 'clap',
  values: 'teamwork, craft, customer, ownership, kindness',
  kudosChannelId: null,
  promptChannelIds: [],
  promptWeekday: '5',
  promptHour: '15',
  digestEnabled: true,
  adminUserIds: [],
};

describe('each admin action records exactly one entry with what changed', () => {
  test('kudos settings: only the changed fields, before and after; refusals record nothing', async () => {
    const saved = await newEntries(async () => {
      const result = await updateKudosSettings(db, {
        workspaceId: 'TA',
        actorId: 'U0ADMIN',
        settings: { ...kudosInput, allowance: '5', values: 'teamwork, craft', kudosChannelId: 'C0KUDOS' },
        now,
      });
      expect(result).toEqual({ ok: true });
    });
    expect(saved).toEqual([
      {
        actor_id: 'U0ADMIN',
        action: 'kudos.settings_changed',
        subject: null,
        at: now,
        changes: {
          allowance: { from: 10, to: 5 },
          values: { from: ['teamwork', 'craft', 'customer', 'ownership', 'kindness'], to: ['teamwork', 'craft'] },
          kudosChannelId: { from: null, to: 'C0KUDOS' },
        },
      },
    ]);
    const refused = await newEntries(async () => {
      const notAdmin = await updateKudosSettings(db, {
        workspaceId: 'TA',
        actorId: 'U0PLAIN',
        settings: { ...kudosInput, allowance: '7' },
        now,
      });
      expect(notAdmin).toEqual({ ok: false, refused: 'not_admin' });
      const invalid = await updateKudosSettings(db, {
        workspaceId: 'TA',
        actorId: 'U0ADMIN',
        settings: { ...kudosInput, allowance: '0' },
        now,
      });
      expect(invalid.ok).toBe(false);
    });
    expect(refused).toEqual([]);
  });

  test('celebration settings, pause and resume; a non-admin records nothing', async () => {
    const settings: CelebrationSettingsInput = {
      channelId: 'C0CELEBRATE',
      paused: false,
      postHour: '9',
      weekendRule: 'friday',
      digestChannelId: null,
      digestWeekday: '5',
      digestHour: '16',
    };
    const saved = await newEntries(async () => {
      await updateCelebrationSettings(db, { workspaceId: 'TA', actorId: 'U0ADMIN', settings, now });
      await setCelebrationsPaused(db, { workspaceId: 'TA', actorId: 'U0ADMIN', paused: true, now });
      await setCelebrationsPaused(db, { workspaceId: 'TA', actorId: 'U0ADMIN', paused: false, now });
    });
    expect(saved.map((e) => [e.action, e.changes])).toEqual([
      ['celebrations.settings_changed', { channelId: { from: null, to: 'C0CELEBRATE' } }],
      ['celebrations.paused', { paused: { from: false, to: true } }],
      ['celebrations.resumed', { paused: { from: true, to: false } }],
    ]);
    const refused = await newEntries(async () => {
      const result = await setCelebrationsPaused(db, { workspaceId: 'TA', actorId: 'U0PLAIN', paused: true, now });
      expect(result).toEqual({ ok: false, refused: 'not_admin' });
    });
    expect(refused).toEqual([]);
  });

  test('date and team imports record how many people, never the dates or teams themselves', async () => {
    const saved = await newEntries(async () => {
      const dates = await applyCelebrationImport(db, {
        workspaceId: 'TA',
        actorId: 'U0ADMIN',
        csv: 'person,birthday\nU0ANA,03-14\nU0BEN,07-01',
        now,
      });
      expect(dates).toMatchObject({ ok: true, saved: 2 });
      const teams = await applyTeamImport(db, {
        workspaceId: 'TA',
        actorId: 'U0ADMIN',
        csv: 'user,team\nU0ANA,Platform\nU0BEN,Payments\nU0CY,Payments',
        now,
      });
      expect(teams).toMatchObject({ ok: true, saved: 3 });
    });
    expect(saved.map((e) => [e.actor_id, e.action, e.changes])).toEqual([
      ['U0ADMIN', 'celebrations.dates_imported', { people: { from: null, to: 2 } }],
      ['U0ADMIN', 'pairing.people_imported', { people: { from: null, to: 3 } }],
    ]);
    const refused = await newEntries(async () => {
      const notAdmin = await applyCelebrationImport(db, {
        workspaceId: 'TA',
        actorId: 'U0PLAIN',
        csv: 'person,birthday\nU0CY,01-01',
        now,
      });
      expect(notAdmin).toEqual({ ok: false, refused: 'not_admin' });
      const empty = await applyTeamImport(db, { workspaceId: 'TA', actorId: 'U0ADMIN', csv: 'user,team', now });
      expect(empty.ok).toBe(false);
    });
    expect(refused).toEqual([]);
  });

  test('a team set by hand names the person; clearing it again is recorded too', async () => {
    const saved = await newEntries(async () => {
      const set = await saveTeamOverride(db, {
        workspaceId: 'TA',
        userId: 'U0DI',
        team: 'Growth',
        department: '',
        setBy: 'U0ADMIN',
        now,
      });
      expect(set.ok).toBe(true);
      await saveTeamOverride(db, {
        workspaceId: 'TA',
        userId: 'U0DI',
        team: '',
        department: '',
        setBy: 'U0ADMIN',
        now,
      });
    });
    expect(saved.map((e) => [e.action, e.subject, e.changes])).toEqual([
      ['pairing.team_set', 'U0DI', { team: { from: null, to: 'Growth' } }],
      ['pairing.team_set', 'U0DI', { team: { from: 'Growth', to: null } }],
    ]);
  });

  test('pairing: a programme started, its settings changed and paused, a round approved once', async () => {
    let programmeId = '';
    const started = await newEntries(async () => {
      const result = await createProgramme(db, {
        workspaceId: 'TA',
        channelId: 'C0COFFEE',
        kind: 'coffee',
        hostUserId: null,
        createdBy: 'U0ADMIN',
        now,
      });
      if (!result.ok) throw new Error('refused');
      programmeId = result.programme.id;
      const again = await createProgramme(db, {
        workspaceId: 'TA',
        channelId: 'C0COFFEE',
        kind: 'coffee',
        hostUserId: null,
        createdBy: 'U0ADMIN',
        now,
      });
      expect(again).toMatchObject({ ok: false, refusal: 'exists' });
    });
    expect(started.map((e) => [e.action, e.subject, e.changes])).toEqual([
      ['pairing.programme_started', 'C0COFFEE', { kind: { from: null, to: 'coffee' } }],
    ]);

    const settings: ProgrammeSettingsInput = {
      frequency: 'biweekly',
      weekday: '1',
      sendHour: '10',
      groupSize: '3',
      cooldownWeeks: '8',
      approvalRequired: true,
      teamSource: 'directory',
      teamUsergroupIds: [],
      departmentSource: 'directory',
      paused: true,
    };
    const available = { profileFieldIds: [], usergroupIds: [] };
    const changed = await newEntries(async () => {
      const invalid = await updateProgrammeSettings(db, {
        workspaceId: 'TA',
        programmeId,
        actorId: 'U0ADMIN',
        settings: { ...settings, groupSize: '9' },
        available,
        now,
      });
      expect(invalid.ok).toBe(false);
      const saved = await updateProgrammeSettings(db, {
        workspaceId: 'TA',
        programmeId,
        actorId: 'U0ADMIN',
        settings,
        available,
        now,
      });
      expect(saved).toEqual({ ok: true });
    });
    expect(changed.map((e) => [e.action, e.subject, e.changes])).toEqual([
      [
        'pairing.programme_settings_changed',
        'C0COFFEE',
        {
          frequency: { from: 'weekly', to: 'biweekly' },
          groupSize: { from: 2, to: 3 },
          approvalRequired: { from: false, to: true },
          paused: { from: false, to: true },
        },
      ],
    ]);

    const round = await db
      .insertInto('rounds')
      .values({
        workspace_id: 'TA',
        programme_id: programmeId,
        round_date: '2027-03-15',
        number: 1,
        status: 'awaiting_approval',
        seed: 'seed',
        checkin_at: now,
        close_at: now,
        approved_by: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const approved = await newEntries(async () => {
      const other = await approveRound(db, { workspaceId: 'TB', roundId: round.id, approvedBy: 'U0ADMIN', now });
      expect(other).toEqual({ ok: false, reason: 'not_found' });
      expect(await approveRound(db, { workspaceId: 'TA', roundId: round.id, approvedBy: 'U0ADMIN', now })).toEqual({
        ok: true,
      });
      expect(await approveRound(db, { workspaceId: 'TA', roundId: round.id, approvedBy: 'U0ADMIN', now })).toEqual({
        ok: false,
        reason: 'not_awaiting_approval',
      });
    });
    expect(approved.map((e) => [e.action, e.subject, e.changes])).toEqual([
      ['pairing.round_approved', 'C0COFFEE', { round: { from: null, to: '2027-03-15' } }],
    ]);
  });

  test('mentorship: a programme started, its settings changed, a cycle approved once', async () => {
    let programmeId = '';
    const started = await newEntries(async () => {
      programmeId = await startProgramme(db, 'TA', now);
    });
    expect(started.map((e) => [e.actor_id, e.action, e.subject, e.changes])).toEqual([
      ['U0ADMIN', 'mentorship.programme_started', 'C0MENTOR', {}],
    ]);
    const changed = await newEntries(async () => {
      const invalid = await updateMentorshipSettings(db, {
        workspaceId: 'TA',
        programmeId,
        actorId: 'U0ADMIN',
        changes: { cycleMonths: 13 },
        now,
      });
      expect(invalid.ok).toBe(false);
      const saved = await updateMentorshipSettings(db, {
        workspaceId: 'TA',
        programmeId,
        actorId: 'U0ADMIN',
        changes: { cycleMonths: 6, allowSameTeam: true },
        now,
      });
      expect(saved.ok).toBe(true);
    });
    expect(changed.map((e) => [e.action, e.subject, e.changes])).toEqual([
      ['mentorship.settings_changed', 'C0MENTOR', { cycleMonths: { from: 3, to: 6 } }],
    ]);

    await signUp(db, 'TA', programmeId, 'U0ANA', now, { role: 'mentor', teaches: ['Rust'], capacity: 1 });
    await signUp(db, 'TA', programmeId, 'U0CY', now, { learns: ['Rust'] });
    const planned = await planMentorshipCycle(db, { workspaceId: 'TA', programmeId, now });
    if (!planned.ok) throw new Error('refused');
    const approved = await newEntries(async () => {
      await approveMentorshipCycle(db, { workspaceId: 'TA', cycleId: planned.cycleId, approvedBy: 'U0ADMIN', now });
      await approveMentorshipCycle(db, { workspaceId: 'TA', cycleId: planned.cycleId, approvedBy: 'U0ADMIN', now });
    });
    expect(approved.map((e) => [e.action, e.subject, e.changes])).toEqual([
      ['mentorship.cycle_approved', 'C0MENTOR', { pairs: { from: null, to: 1 } }],
    ]);
  });
});

describe('reading and pruning', () => {
  async function seedEntries(workspaceId: string, count: number, from: Date) {
    for (let i = 0; i < count; i += 1) {
      await db.transaction().execute(async (trx) => {
        await recordAdminAction(trx, {
          workspaceId,
          actorId: 'U0ADMIN',
          action: 'kudos.settings_changed',
          changes: { allowance: { from: i, to: i + 1 } },
          now: new Date(from.getTime() + i * 86_400_000),
        });
      });
    }
  }

  test('pages go newest first, each entry once, in this workspace only; a forged cursor is refused', async () => {
    await seedEntries('TB', 25, new Date('2028-01-01T00:00:00Z'));
    const all = await entries('TB');
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await readAdminAuditLog(db, { workspaceId: 'TB', pageSize: 10, ...(cursor ? { cursor } : {}) });
      if (!page.ok) throw new Error('refused');
      for (const e of page.entries) {
        expect(e.workspace_id).toBe('TB');
        seen.push((e.changes.allowance?.to as number) ?? -1);
      }
      cursor = page.olderCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(all).toHaveLength(25);
    expect(await readAdminAuditLog(db, { workspaceId: 'TB', cursor: 'DROP TABLE' })).toEqual({
      ok: false,
      refused: 'bad_cursor',
    });
  });

  test('the retention sweep deletes entries older than the setting (365 days) in paced batches, in one workspace only', async () => {
    const before = await entries('TA');
    await seedEntries('TA', 7, new Date('2026-01-01T00:00:00Z'));
    const tb = await entries('TB');
    const sweep = () => sweepRetention(db, { workspaceId: 'TA', now, batchSize: 2, pauseMs: 0 });
    expect((await sweep()).tables.admin_audit_log).toEqual({ deleted: 7, batches: 4 });
    expect(await entries('TA')).toEqual(before);
    expect(await entries('TB')).toEqual(tb);
    expect((await sweep()).tables.admin_audit_log).toEqual({ deleted: 0, batches: 0 });
  });
});
