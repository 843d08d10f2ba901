import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { buildInsightsReport } from '../../src/domain/insights/build-insights-report.ts';
import { recomputeInsights } from '../../src/domain/insights/compute-insights.ts';
import type { InsightCell, InsightChart, InsightsReport } from '../../src/domain/insights/insights-report.ts';
import { minGroupSize } from '../../src/domain/privacy/small-groups.ts';
import { createMigratedDatabase, memberRow, seedWorkspace } from '../support/domain-db.ts';
import { seedMentorshipProgramme, seedPairingRound } from '../support/insights-activity.ts';

/**
 * Random small workspaces (teams of 1 to 8, random connections and kudos) go through the real computation and the
 * real report; the checks below recount, from the generated facts alone, the people behind every figure shown.
 */

const now = new Date('2027-06-15T12:00:00Z');
const day = 24 * 3600 * 1000;
// An hour before the computation, so that no fact falls on the instant a window ends.
const daysAgo = (d: number) => new Date(now.getTime() - d * day - 3600 * 1000);

interface World {
  people: Array<{ id: string; team: string | null; department: string | null; departed: boolean }>;
  groups: Array<{ members: string[]; met: boolean; daysAgo: number }>;
  mentorships: Array<{ mentor: string; mentee: string; met: boolean; daysAgo: number }>;
  requests: Array<{
    asker: string;
    expert: string;
    status: 'accepted' | 'expired' | 'declined' | 'withdrawn';
    daysAgo: number;
  }>;
  kudos: Array<{ giver: string; recipient: string; daysAgo: number }>;
}

const world: fc.Arbitrary<World> = fc
  .record({
    // Teams of 1 to 8, half of them 5 or more: the sizes where a figure is just shown or just hidden.
    teams: fc.array(
      fc.record({
        size: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 8 })),
        department: fc.integer({ min: 0, max: 2 }),
      }),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
    teamless: fc.integer({ min: 0, max: 3 }),
    departed: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .chain(({ teams, teamless, departed }) => {
    const people: World['people'] = [];
    teams.forEach((t, ti) => {
      for (let i = 0; i < t.size; i++)
        people.push({ id: `U0T${ti}P${i}`, team: `Team ${ti}`, department: `Dept ${t.department}`, departed: false });
    });
    for (let i = 0; i < teamless; i++) people.push({ id: `U0NP${i}`, team: null, department: null, departed: false });
    for (const d of departed) (people[d % people.length] as World['people'][number]).departed = true;
    const person = fc.integer({ min: 0, max: people.length - 1 }).map((i) => (people[i] as { id: string }).id);
    // Mostly this month and last, so that figures grow large enough to be shown and nested.
    const when = fc.integer({ min: 0, max: 40 });
    const two = fc.tuple(person, person).filter(([a, b]) => a !== b);
    return fc.record({
      people: fc.constant(people),
      groups: fc.array(
        fc.record({
          members: fc.uniqueArray(person, { minLength: 2, maxLength: 3 }),
          met: fc.boolean(),
          daysAgo: when,
        }),
        { minLength: 20, maxLength: 150 },
      ),
      mentorships: fc.array(
        two.chain(([mentor, mentee]) =>
          fc.record({ mentor: fc.constant(mentor), mentee: fc.constant(mentee), met: fc.boolean(), daysAgo: when }),
        ),
        { maxLength: 15 },
      ),
      requests: fc.array(
        two.chain(([asker, expert]) =>
          fc.record({
            asker: fc.constant(asker),
            expert: fc.constant(expert),
            // Declines are rare, so that the rest beside accepted and expired is often a handful of people.
            status: fc.oneof(
              { arbitrary: fc.constantFrom('accepted' as const, 'expired' as const), weight: 8 },
              { arbitrary: fc.constantFrom('declined' as const, 'withdrawn' as const), weight: 1 },
            ),
            daysAgo: when,
          }),
        ),
        { minLength: 10, maxLength: 80 },
      ),
      kudos: fc.array(
        two.chain(([giver, recipient]) =>
          fc.record({
            giver: fc.constant(giver),
            recipient: fc.constant(recipient),
            daysAgo: fc.integer({ min: 0, max: 120 }),
          }),
        ),
        { minLength: 10, maxLength: 200 },
      ),
    });
  });

let db: Db;
let runs = 0;

beforeAll(async () => {
  db = await createMigratedDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

async function seed(workspaceId: string, w: World): Promise<void> {
  await seedWorkspace(db, { id: workspaceId, now });
  await db
    .insertInto('members')
    .values(
      w.people.map((p) =>
        memberRow(workspaceId, p.id, { team: p.team, department: p.department, departed_at: p.departed ? now : null }),
      ),
    )
    .execute();
  const { roundId } = await seedPairingRound(db, workspaceId, now);
  for (const g of w.groups) {
    const at = daysAgo(g.daysAgo);
    const group = await db
      .insertInto('round_groups')
      .values({
        workspace_id: workspaceId,
        round_id: roundId,
        members: g.members,
        why: 'new faces',
        deliver_at: at,
        status: 'delivered',
        rescue_of: null,
        conversation_id: 'G0MPIM',
        intro_ts: '1.2',
        delivered_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('round_checkins')
      .values({
        workspace_id: workspaceId,
        group_id: group.id,
        user_id: g.members[0] as string,
        answer: g.met ? 'met' : 'not_this_time',
        answered_at: at,
      })
      .execute();
  }
  const programme = await seedMentorshipProgramme(db, workspaceId, now);
  if (w.mentorships.length > 0)
    await db
      .insertInto('mentorship_pairs')
      .values(
        w.mentorships.map((m) => ({
          workspace_id: workspaceId,
          programme_id: programme,
          cycle_id: null,
          request_id: null,
          mentor_id: m.mentor,
          mentee_id: m.mentee,
          score: 1,
          why: 'skills',
          // Ended, so one person may be the mentee of several (only one active pair each is allowed).
          status: 'ended' as const,
          started_at: daysAgo(m.daysAgo),
          ended_at: now,
          ends_at: null,
          intro_sent_at: null,
          first_met_at: m.met ? daysAgo(m.daysAgo) : null,
          last_met_at: null,
          idle_nudged_at: null,
          end_warned_at: null,
          end_reason: 'cycle_end' as const,
        })),
      )
      .execute();
  if (w.requests.length > 0)
    await db
      .insertInto('learning_requests')
      .values(
        w.requests.map((r) => ({
          workspace_id: workspaceId,
          asker_id: r.asker,
          expert_id: r.expert,
          skill: 'Rust',
          skill_key: 'rust',
          kind: 'learn' as const,
          status: r.status,
          requested_at: daysAgo(r.daysAgo),
          answered_at: daysAgo(r.daysAgo),
        })),
      )
      .execute();
  if (w.kudos.length === 0) return;
  const gifts = await db
    .insertInto('kudos_gifts')
    .values(
      w.kudos.map((k, i) => ({
        workspace_id: workspaceId,
        giver_id: k.giver,
        request_key: `k${i}`,
        source: 'command' as const,
        reason: 'thanks',
        kudos_value: null,
        channel_id: null,
        message_link: null,
        source_ts: null,
        given_at: daysAgo(k.daysAgo),
        post_channel_id: null,
        post_ts: null,
        announced_at: null,
      })),
    )
    .returning(['id', 'request_key'])
    .execute();
  const giftOf = new Map(gifts.map((g) => [g.request_key, g.id]));
  await db
    .insertInto('kudos')
    .values(
      w.kudos.map((k, i) => ({
        workspace_id: workspaceId,
        gift_id: giftOf.get(`k${i}`) as string,
        giver_id: k.giver,
        recipient_id: k.recipient,
        kudos_value: null,
        giver_team: null,
        recipient_team: null,
        given_at: daysAgo(k.daysAgo),
      })),
    )
    .execute();
}

/** The facts as the definitions read them, recounted here without the computation's SQL. */
function facts(w: World) {
  const who = new Map(w.people.filter((p) => !p.departed).map((p) => [p.id, p]));
  const month = (d: number) => daysAgo(d).toISOString().slice(0, 7);
  const ties = new Map<string, { a: string; b: string; months: Set<string> }>();
  const tie = (x: string, y: string, d: number) => {
    if (!who.has(x) || !who.has(y)) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    const found = ties.get(key) ?? { a, b, months: new Set<string>() };
    found.months.add(month(d));
    ties.set(key, found);
  };
  for (const g of w.groups)
    if (g.met) for (const x of g.members) for (const y of g.members) if (x < y) tie(x, y, g.daysAgo);
  for (const m of w.mentorships) if (m.met) tie(m.mentor, m.mentee, m.daysAgo);
  for (const r of w.requests) if (r.status === 'accepted') tie(r.asker, r.expert, r.daysAgo);
  const teamOf = (id: string) => who.get(id)?.team ?? null;
  const known = [...ties.values()].filter((t) => teamOf(t.a) !== null && teamOf(t.b) !== null);
  return { who, month, known, teamOf };
}

const cellsOf = (report: InsightsReport, id: string): InsightChart => {
  const chart = report.sections.flatMap((s) => s.charts).find((c) => c.id === id);
  if (!chart) throw new Error(`no chart ${id}`);
  return chart;
};
const shown = (cell: InsightCell | undefined): cell is number => typeof cell === 'number';
const enough = (people: Set<string> | number) => (typeof people === 'number' ? people : people.size) >= minGroupSize;
const zeroOrEnough = (people: Set<string>) => people.size === 0 || enough(people);

function checkReport(w: World, report: InsightsReport): void {
  const { who, month, known, teamOf } = facts(w);
  const members = (team: string) => [...who.values()].filter((p) => p.team === team).length;

  // Participation: distinct people in delivered groups, and the people of met and unmet groups behind a share.
  const participants = cellsOf(report, 'programme-participants');
  const metShare = cellsOf(report, 'programme-met-share');
  for (const [r, row] of participants.table.rows.entries()) {
    const m = row[0] as string;
    const groups = w.groups.filter((g) => month(g.daysAgo) === m);
    const inGroups = new Set(groups.flatMap((g) => g.members).filter((id) => who.has(id)));
    if (shown(row[1])) {
      expect(row[1]).toBe(inGroups.size);
      expect(enough(inGroups)).toBe(true);
    }
    if (shown(metShare.table.rows[r]?.[1])) {
      const met = new Set(
        groups
          .filter((g) => g.met)
          .flatMap((g) => g.members)
          .filter((id) => who.has(id)),
      );
      const unmet = new Set(
        groups
          .filter((g) => !g.met)
          .flatMap((g) => g.members)
          .filter((id) => who.has(id)),
      );
      expect(enough(met) && enough(unmet)).toBe(true);
    }
  }

  // Cross-team share: the people on cross-team ties and on same-team ties each number at least 5.
  for (const row of cellsOf(report, 'cross-team-share').table.rows) {
    if (!shown(row[1])) continue;
    const inMonth = known.filter((t) => t.months.has(row[0] as string));
    const cross = new Set(inMonth.filter((t) => teamOf(t.a) !== teamOf(t.b)).flatMap((t) => [t.a, t.b]));
    const same = new Set(inMonth.filter((t) => teamOf(t.a) === teamOf(t.b)).flatMap((t) => [t.a, t.b]));
    expect(enough(cross) && enough(same)).toBe(true);
  }

  // Team × team: each side of a shown cell is 5 people or more; a shown 0 speaks of two teams of 5 or more.
  const heat = cellsOf(report, 'team-connections').table;
  const teams = heat.columns.slice(1);
  const visible = new Set<string>();
  for (const row of heat.rows) {
    const x = row[0] as string;
    for (const [j, y] of teams.entries()) {
      const cell = row[j + 1];
      if (!shown(cell)) continue;
      visible.add(`${x}|${y}`);
      const between = known.filter(
        (t) => (teamOf(t.a) === x && teamOf(t.b) === y) || (teamOf(t.a) === y && teamOf(t.b) === x),
      );
      expect(cell).toBe(between.length);
      if (cell === 0) expect(members(x) >= minGroupSize && members(y) >= minGroupSize).toBe(true);
      const sideX = new Set(between.flatMap((t) => [t.a, t.b]).filter((id) => teamOf(id) === x));
      const sideY = new Set(between.flatMap((t) => [t.a, t.b]).filter((id) => teamOf(id) === y));
      if (cell > 0) expect(enough(sideX) && enough(sideY)).toBe(true);
    }
  }
  // A shown E-I index with the team's shown cells tells the ties behind its hidden cells: they must cover 0 or 5+
  // people on each side.
  for (const row of cellsOf(report, 'team-ei-index').table.rows) {
    if (!shown(row[1])) continue;
    const x = row[0] as string;
    const own = known.filter((t) => teamOf(t.a) === x || teamOf(t.b) === x);
    expect(
      members(x) >= minGroupSize && enough(new Set(own.flatMap((t) => [t.a, t.b]).filter((id) => teamOf(id) === x))),
    ).toBe(true);
    const hidden = own.filter((t) => {
      const other = (teamOf(t.a) === x ? teamOf(t.b) : teamOf(t.a)) as string;
      return !visible.has(`${x}|${other}`);
    });
    const ownSide = new Set(hidden.flatMap((t) => [t.a, t.b]).filter((id) => teamOf(id) === x));
    const otherSide = new Set(
      hidden.flatMap((t) =>
        teamOf(t.a) === x && teamOf(t.b) === x ? [t.a, t.b] : [t.a, t.b].filter((id) => teamOf(id) !== x),
      ),
    );
    expect(zeroOrEnough(ownSide) && zeroOrEnough(otherSide)).toBe(true);
  }

  // Kudos between departments: at least 5 givers and 5 recipients behind a shown flow.
  const live = w.kudos.filter((k) => who.has(k.giver) && who.has(k.recipient));
  for (const row of cellsOf(report, 'kudos-departments').table.rows) {
    if (!shown(row[2])) continue;
    const flow = live.filter(
      (k) => k.daysAgo <= 365 && who.get(k.giver)?.department === row[0] && who.get(k.recipient)?.department === row[1],
    );
    expect(row[2]).toBe(flow.length);
    expect(enough(new Set(flow.map((k) => k.giver))) && enough(new Set(flow.map((k) => k.recipient)))).toBe(true);
  }

  // Recognition: a shown total and a shown part leave the other part, which must be 0 or 5+ people.
  const recent = new Set(live.filter((k) => k.daysAgo < 90).map((k) => k.recipient));
  const none = new Set([...who.keys()].filter((id) => !recent.has(id)));
  const [total, some, nobody] = cellsOf(report, 'recognition-reach').table.rows.map((r) => r[1]);
  if (shown(total)) expect(total).toBe(who.size);
  if (shown(some)) {
    expect(some).toBe(recent.size);
    expect(enough(recent)).toBe(true);
  }
  if (shown(nobody)) {
    expect(nobody).toBe(none.size);
    expect(enough(none)).toBe(true);
  }
  if (shown(total) && (shown(some) || shown(nobody))) expect(zeroOrEnough(recent) && zeroOrEnough(none)).toBe(true);
  if (shown(cellsOf(report, 'recognition-gini').table.rows[0]?.[1])) expect(enough(recent)).toBe(true);

  // Mentorship and learning, per month: the people behind counts and both sides of every share.
  const pairs = cellsOf(report, 'mentorship-pairs').table.rows;
  const metRate = cellsOf(report, 'mentorship-met-rate').table.rows;
  const requests = cellsOf(report, 'learning-requests').table.rows;
  const outcomes = cellsOf(report, 'learning-outcomes').table.rows;
  for (const [r, row] of pairs.entries()) {
    const m = row[0] as string;
    const started = w.mentorships.filter((p) => month(p.daysAgo) === m && who.has(p.mentor) && who.has(p.mentee));
    const peopleOf = (list: typeof started) => new Set(list.flatMap((p) => [p.mentor, p.mentee]));
    if (shown(row[1])) expect(enough(peopleOf(started))).toBe(true);
    if (shown(metRate[r]?.[1]))
      expect(enough(peopleOf(started.filter((p) => p.met))) && enough(peopleOf(started.filter((p) => !p.met)))).toBe(
        true,
      );
    const asked = w.requests.filter((q) => month(q.daysAgo) === m && who.has(q.asker) && who.has(q.expert));
    const of = (list: typeof asked) => new Set(list.flatMap((q) => [q.asker, q.expert]));
    if (shown(requests[r]?.[1])) expect(enough(of(asked))).toBe(true);
    const [, accepted, expired] = outcomes[r] ?? [];
    if (shown(accepted))
      expect(
        enough(of(asked.filter((q) => q.status === 'accepted'))) &&
          enough(of(asked.filter((q) => q.status !== 'accepted'))),
      ).toBe(true);
    if (shown(expired))
      expect(
        enough(of(asked.filter((q) => q.status === 'expired'))) &&
          enough(of(asked.filter((q) => q.status !== 'expired'))),
      ).toBe(true);
    if (shown(requests[r]?.[1]) && shown(accepted) && shown(expired))
      expect(zeroOrEnough(of(asked.filter((q) => q.status !== 'accepted' && q.status !== 'expired')))).toBe(true);
  }
}

describe('the insights report keeps to the small-group rule', () => {
  test('every shown figure covers 5 people or more, and no two nested figures single out 1 to 4', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        runs += 1;
        const workspaceId = `TPROP${runs}`;
        await seed(workspaceId, w);
        await recomputeInsights(db, { workspaceId, now });
        const report = await buildInsightsReport(db, workspaceId, now);
        if (!report.hasData) return;
        checkReport(w, report);
      }),
      { numRuns: 30, seed: 17, endOnFailure: true },
    );
  }, 600_000);
});
