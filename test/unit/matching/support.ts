/** Shared generators and brute-force oracles for the matching tests. */

import fc from 'fast-check';
import { buildPool } from '../../../src/matching/pool.ts';
import type { MemberInput, ProgrammeRule, RoundInput, RoundResult, SolverChoice } from '../../../src/matching/types.ts';
import { createScorer } from '../../../src/matching/weights.ts';

export const ROUND_DATE = '2025-06-02';
const DAY_MS = 86_400_000;

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'America/Los_Angeles'];

export interface RoundOptions {
  minMembers?: number;
  maxMembers: number;
  groupSizes?: readonly number[];
  rules?: readonly ProgrammeRule[];
  solvers?: readonly SolverChoice[];
  maxCooldown?: number;
}

function dayBefore(weeks: number, extraDays: number): string {
  return new Date(Date.parse(ROUND_DATE) - (weeks * 7 + extraDays) * DAY_MS).toISOString().slice(0, 10);
}

/** Small random rounds: a few teams and zones, random history within 10 weeks, random blocks and debts. */
export function roundArbitrary(options: RoundOptions): fc.Arbitrary<RoundInput> {
  const { maxMembers } = options;
  return fc.integer({ min: options.minMembers ?? 1, max: maxMembers }).chain((n) => {
    const index = fc.integer({ min: 0, max: n - 1 });
    const perMember = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
    return fc
      .record({
        teams: perMember(fc.integer({ min: 0, max: 3 })),
        departments: perMember(fc.integer({ min: 0, max: 2 })),
        zones: perMember(fc.constantFrom(...ZONES)),
        starts: perMember(fc.integer({ min: 7, max: 10 })),
        hubs: perMember(fc.integer({ min: 0, max: 3 })),
        history: fc.array(
          fc.record({
            a: index,
            b: index,
            c: fc.option(index, { nil: undefined }),
            weeks: fc.integer({ min: 0, max: 10 }),
            days: fc.integer({ min: 0, max: 6 }),
          }),
          { maxLength: 2 * n },
        ),
        blocks: fc.array(fc.tuple(index, index), { maxLength: n }),
        trios: perMember(fc.integer({ min: 0, max: 2 })),
        unmatched: perMember(fc.integer({ min: 0, max: 1 })),
        cooldownWeeks: fc.integer({ min: 0, max: options.maxCooldown ?? 4 }),
        groupSize: fc.constantFrom(...(options.groupSizes ?? [2])),
        rule: fc.constantFrom(...(options.rules ?? ['open'])),
        solver: fc.constantFrom(...(options.solvers ?? ['auto'])),
        seed: fc.integer(),
      })
      .map((x): RoundInput => {
        const members: MemberInput[] = [];
        for (let i = 0; i < n; i++) {
          const hub = x.hubs[i] === 0;
          members.push({
            id: `p${i}`,
            team: `team-${x.teams[i]}`,
            department: `dept-${x.departments[i]}`,
            timezone: x.zones[i]!,
            workHours: [x.starts[i]!, x.starts[i]! + 8],
            seniority: 1 + (i % 7),
            tags: [`t${i % 3}`],
            ...(x.rule === 'mentor-mentee' ? { role: hub ? 'mentor' : 'mentee' } : {}),
            ...(x.rule === 'fixed-host' && hub ? { role: 'host' } : {}),
          });
        }
        return {
          members,
          history: x.history.map((h) => ({
            members: [h.a, h.b, ...(h.c === undefined ? [] : [h.c])].map((i) => `p${i}`),
            date: dayBefore(h.weeks, h.days),
          })),
          blocks: x.blocks.map(([a, b]) => [`p${a}`, `p${b}`] as const),
          debts: members.map((m, i) => ({ id: m.id, trios: x.trios[i]!, unmatched: x.unmatched[i]! })),
          date: ROUND_DATE,
          seed: x.seed,
          groupSize: x.groupSize,
          cooldownWeeks: x.cooldownWeeks,
          rule: x.rule,
          solver: x.solver,
        };
      });
  });
}

export interface Feasibility {
  /** Everyone can be placed in pairs (plus one trio when odd) without a block or rule violation. */
  full: boolean;
  /**
   * Odd pools with a complete grouping: the least summed trio + unmatched debt of a trio in any complete grouping.
   * Fairness is a hard rule that ranks above the cooldown, so this is the debt the engine's trio must have.
   */
  fairestTrioDebt?: number;
  /**
   * A complete grouping exists with no pair that met within the cooldown, and (odd pools) with a trio as fair as
   * `fairestTrioDebt`. Fairness may force a cooldown repeat: a repeat-free grouping with a less fair trio does not
   * count.
   */
  fullWithoutRepeats: boolean;
}

/** Exhaustive search over pairings (plus one trio for odd counts) of a small round with pairs. */
export function pairingFeasibility(input: RoundInput): Feasibility {
  const pool = buildPool(input);
  const scorer = createScorer(pool);
  const n = pool.n;
  const debt = (i: number): number => pool.trioDebt[i]! + pool.unmatchedDebt[i]!;
  const used = new Uint8Array(n);
  /** Whether everyone not yet used pairs up, with only allowed pairs (strict: none within the cooldown either). */
  const pairsUp = (strict: boolean): boolean => {
    let i = 0;
    while (i < n && used[i]) i++;
    if (i === n) return true;
    used[i] = 1;
    for (let j = i + 1; j < n; j++) {
      if (used[j] || !allowed(i, j, strict)) continue;
      used[j] = 1;
      const ok = pairsUp(strict);
      used[j] = 0;
      if (ok) {
        used[i] = 0;
        return true;
      }
    }
    used[i] = 0;
    return false;
  };
  const allowed = (a: number, b: number, strict: boolean): boolean =>
    scorer.hardAllowed(a, b) && (!strict || scorer.tier(a, b) === 0);
  if (n < 2) return { full: false, fullWithoutRepeats: false };
  if (n % 2 === 0) {
    const full = pairsUp(false);
    return { full, fullWithoutRepeats: full && pairsUp(true) };
  }
  // Odd: every trio, each with the rest paired.
  let fairest = Number.POSITIVE_INFINITY;
  let strictAtFairest = false;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      for (let c = b + 1; c < n; c++) {
        if (!allowed(a, b, false) || !allowed(a, c, false) || !allowed(b, c, false)) continue;
        const level = debt(a) + debt(b) + debt(c);
        if (level > fairest) continue;
        used[a] = used[b] = used[c] = 1;
        if (pairsUp(false)) {
          const strict = allowed(a, b, true) && allowed(a, c, true) && allowed(b, c, true) && pairsUp(true);
          if (level < fairest) {
            fairest = level;
            strictAtFairest = strict;
          } else strictAtFairest ||= strict;
        }
        used[a] = used[b] = used[c] = 0;
      }
    }
  }
  if (fairest === Number.POSITIVE_INFINITY) return { full: false, fullWithoutRepeats: false };
  return { full: true, fairestTrioDebt: fairest, fullWithoutRepeats: strictAtFairest };
}

/** Every member exactly once, in a group of at least two or in `unmatched` with a reason. */
export function placementProblems(input: RoundInput, result: RoundResult): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const group of result.groups) {
    if (group.members.length < 2) problems.push(`group of ${group.members.length}`);
    if (group.why.trim() === '') problems.push('group without a why');
    for (const id of group.members) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  for (const u of result.unmatched) {
    seen.set(u.id, (seen.get(u.id) ?? 0) + 1);
    if (u.reason.trim() === '') problems.push(`${u.id} unmatched without a reason`);
  }
  for (const m of input.members) {
    const count = seen.get(m.id) ?? 0;
    if (count !== 1) problems.push(`${m.id} appears ${count} times`);
  }
  if (seen.size !== input.members.length) problems.push('unknown ids in the output');
  return problems;
}

export function blockedPairs(input: RoundInput): Set<string> {
  const set = new Set<string>();
  for (const [a, b] of input.blocks ?? []) {
    set.add(`${a}|${b}`);
    set.add(`${b}|${a}`);
  }
  return set;
}

export function pairsOf(members: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) pairs.push([members[i]!, members[j]!]);
  }
  return pairs;
}
