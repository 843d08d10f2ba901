import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { hasNothingToRecap, personNetwork, quarterRecap } from '../../src/domain/insights/person-network.ts';
import { peopleToRecapNow, recordRecap, setRecapOff } from '../../src/domain/insights/quarterly-recap.ts';
import { previousQuarter } from '../../src/domain/insights/quarters.ts';
import { createMigratedDatabase, seedMembers, seedWorkspace } from '../support/domain-db.ts';
import { seedCoffeeGroup, seedKudos, seedLearningRequest, seedMentorshipPair } from '../support/network-seed.ts';

let db: Db;
const now = new Date('2026-11-15T12:00:00Z');
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

async function seedPeople(ws: string): Promise<void> {
  await seedWorkspace(db, { id: ws, now });
  await seedMembers(db, ws, [
    { user_id: 'U0ME', team: 'Design', department: 'Product' },
    { user_id: 'U0ANA', team: 'Engineering', department: 'Tech' },
    { user_id: 'U0BEN', team: 'Design', department: 'Product' },
    { user_id: 'U0CAT', team: 'Sales', department: 'Commercial' },
    { user_id: 'U0DAN' },
    { user_id: 'U0EVE', team: 'Engineering', department: 'Tech' },
    { user_id: 'U0LEFT', team: 'Legal', department: 'Legal', is_deleted: true },
    { user_id: 'U0AWAY', status_text: 'On holiday', status_emoji: ':palm_tree:', status_expiration: null },
  ]);
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  // Two workspaces with the same user IDs and different histories.
  await seedPeople('TA');
  await seedPeople('TB');
  await seedCoffeeGroup(db, 'TA', { members: ['U0ME', 'U0ANA'], at: at('2026-11-02'), answers: { U0ANA: 'met' } });
  await seedCoffeeGroup(db, 'TA', { members: ['U0ME', 'U0ANA'], at: at('2026-11-09'), answers: { U0ME: 'met' } });
  await seedCoffeeGroup(db, 'TA', {
    members: ['U0ME', 'U0EVE'],
    at: at('2026-10-05'),
    answers: { U0ME: 'not_this_time', U0EVE: 'scheduled' },
  });
  await seedCoffeeGroup(db, 'TA', {
    members: ['U0ME', 'U0BEN', 'U0LEFT'],
    at: at('2026-03-10'),
    answers: { U0ME: 'met' },
  });
  await seedMentorshipPair(db, 'TA', {
    mentor: 'U0CAT',
    mentee: 'U0ME',
    at: at('2026-04-01'),
    firstMetAt: at('2026-04-10'),
  });
  await seedLearningRequest(db, 'TA', { asker: 'U0ME', expert: 'U0DAN', at: at('2026-11-05'), status: 'accepted' });
  await seedLearningRequest(db, 'TA', { asker: 'U0ME', expert: 'U0EVE', at: at('2026-11-05'), status: 'declined' });
  await seedKudos(db, 'TA', { giver: 'U0ME', recipients: ['U0ANA'], at: at('2026-11-03') });
  await seedKudos(db, 'TA', { giver: 'U0ME', recipients: ['U0BEN'], at: at('2026-11-04') });
  await seedKudos(db, 'TA', { giver: 'U0CAT', recipients: ['U0ME'], at: at('2026-11-06') });
  await seedCoffeeGroup(db, 'TB', { members: ['U0ME', 'U0CAT'], at: at('2026-08-03'), answers: { U0CAT: 'met' } });
});
afterAll(async () => {
  await db?.destroy();
});

describe("a person's network", () => {
  test('counts the people met through Nudge this quarter and this year, once each, with teams and kudos', async () => {
    const network = await personNetwork(db, { workspaceId: 'TA', userId: 'U0ME', now, timeZone: 'UTC' });
    expect(network.quarter).toEqual({
      label: 'Q4 2026',
      figures: {
        // Ana (twice, counted once) and Dan (an accepted learning request); not Eve (nobody met) nor a decline.
        peopleMet: 2,
        teamsReached: 1,
        departmentsReached: 1,
        crossTeamShare: 1,
        kudos: { given: 2, received: 1, givenAcrossTeams: 1, receivedAcrossTeams: 1 },
        mentorship: { mentoring: 0, mentored: 1 },
        learning: { learned: 1, taught: 0 },
      },
    });
    expect(network.year.label).toBe('2026');
    // Ben in March (not the colleague who left), Cat as mentor in April.
    expect(network.year.figures).toMatchObject({
      peopleMet: 4,
      teamsReached: 3,
      departmentsReached: 3,
      crossTeamShare: 2 / 3,
    });
    expect(network.completedMonths.map((m) => m.label)).toEqual([
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
    ]);
    expect(network.completedMonths.map((m) => m.people)).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  test("another workspace's history with the same user IDs is its own", async () => {
    const network = await personNetwork(db, { workspaceId: 'TB', userId: 'U0ME', now, timeZone: 'UTC' });
    expect(network.quarter.figures.peopleMet).toBe(0);
    expect(network.year.figures).toMatchObject({ peopleMet: 1, teamsReached: 1, crossTeamShare: 1 });
    expect(network.year.figures.kudos).toEqual({ given: 0, received: 0, givenAcrossTeams: 0, receivedAcrossTeams: 0 });
  });

  test("the last quarter's recap, month by month, and an empty one", async () => {
    const quarter = previousQuarter(new Date('2027-01-04T09:00:00Z'), 'UTC');
    expect(quarter.key).toBe('2026-Q4');
    const recap = await quarterRecap(db, { workspaceId: 'TA', userId: 'U0ME', quarter, timeZone: 'UTC' });
    expect(recap.months).toEqual([
      { label: 'Oct', people: 0 },
      { label: 'Nov', people: 2 },
      { label: 'Dec', people: 0 },
    ]);
    expect(hasNothingToRecap(recap.figures)).toBe(false);
    const empty = await quarterRecap(db, { workspaceId: 'TB', userId: 'U0ME', quarter, timeZone: 'UTC' });
    expect(hasNothingToRecap(empty.figures)).toBe(true);
  });
});

describe('who is owed a recap', () => {
  test('everyone here and not away, until they have it or turn it off, per workspace', async () => {
    const later = new Date('2027-01-04T09:00:00Z');
    const owed = async (ws: string) =>
      (await peopleToRecapNow(db, { workspaceId: ws, quarter: '2026-Q4', now: later, limit: 100 })).people;
    expect(await owed('TA')).toEqual(['U0ANA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0ME']);
    await recordRecap(db, { workspaceId: 'TA', userId: 'U0ME', quarter: '2026-Q4', outcome: 'sent', now: later });
    await setRecapOff(db, { workspaceId: 'TA', userId: 'U0ANA', off: true, now: later });
    expect(await owed('TA')).toEqual(['U0BEN', 'U0CAT', 'U0DAN', 'U0EVE']);
    expect(await owed('TB')).toEqual(['U0ANA', 'U0BEN', 'U0CAT', 'U0DAN', 'U0EVE', 'U0ME']);
    await setRecapOff(db, { workspaceId: 'TA', userId: 'U0ANA', off: false, now: later });
    expect(await owed('TA')).toContain('U0ANA');
  });
});
