/**
 * Rolling simulation of trio fairness: the method under test writes its own history week after week. A violation
 * is a week in which someone reaches a trio count more than one above the lowest count among that week's pool
 * (someone got a second trio while an eligible member still had none, or the same one level up).
 */

import { createRng, shuffleInPlace } from '../../src/matching/hash.ts';
import { matchRound } from '../../src/matching/match.ts';
import type { PastGroup } from '../../src/matching/types.ts';
import { generateOrg, isoDay } from './generator.ts';

export interface SimulationSpec {
  n: number;
  weeks: number;
  cooldownWeeks: number;
  /** Share of members paused in any given week. */
  churn: number;
  seed: number;
}

export interface SimulationResult {
  method: 'ours' | 'random';
  minTrios: number;
  maxTrios: number;
  meanTrios: number;
  violationWeeks: number;
  /** Weeks whose trio is not three of the least-indebted (fewest trios + unmatched rounds) in that week's pool. */
  notLeastIndebtedWeeks: number;
  repeatsWithinCooldown: number;
  unmatched: number;
  oddWeeks: number;
}

export function simulate(spec: SimulationSpec, method: 'ours' | 'random'): SimulationResult {
  const members = generateOrg({ n: spec.n, seed: spec.seed });
  // Separate streams, so both methods see exactly the same weekly pools.
  const churnRng = createRng(spec.seed * 7919);
  const shuffleRng = createRng(spec.seed * 104_729);
  const trios = new Map(members.map((m) => [m.id, 0]));
  const unmatchedDebt = new Map(members.map((m) => [m.id, 0]));
  const history: PastGroup[] = [];
  const start = Date.parse('2025-01-06');
  let violationWeeks = 0;
  let notLeastIndebtedWeeks = 0;
  let repeats = 0;
  let unmatched = 0;
  let oddWeeks = 0;
  for (let week = 0; week < spec.weeks; week++) {
    const date = isoDay(start + week * 7 * 86_400_000);
    const present = members.filter(() => churnRng.below(1000) >= spec.churn * 1000);
    if (present.length % 2 === 1) oddWeeks++;
    const debtBefore = new Map(present.map((m) => [m.id, trios.get(m.id)! + unmatchedDebt.get(m.id)!]));
    let groups: string[][];
    if (method === 'ours') {
      const result = matchRound({
        members: present,
        history,
        date,
        seed: `sim-${spec.seed}-${week}`,
        cooldownWeeks: spec.cooldownWeeks,
        debts: present.map((m) => ({ id: m.id, trios: trios.get(m.id)!, unmatched: unmatchedDebt.get(m.id)! })),
      });
      groups = result.groups.map((g) => g.members);
      repeats += result.stats.repeatsWithinCooldown;
      unmatched += result.unmatched.length;
      for (const id of result.debts.unmatched) unmatchedDebt.set(id, unmatchedDebt.get(id)! + 1);
    } else {
      const order = shuffleInPlace(
        present.map((m) => m.id),
        shuffleRng,
      );
      groups = [];
      for (let i = 0; i + 1 < order.length; i += 2) groups.push([order[i]!, order[i + 1]!]);
      if (order.length % 2 === 1 && groups.length > 0) groups[0]!.push(order[order.length - 1]!);
      const recent = new Set<string>();
      const cutoff = Date.parse(date) - spec.cooldownWeeks * 7 * 86_400_000;
      for (const h of history) {
        if (Date.parse(h.date) > cutoff) recent.add([...h.members].sort().join('|'));
      }
      for (const g of groups) {
        for (let i = 0; i < g.length; i++) {
          for (let j = i + 1; j < g.length; j++) if (recent.has([g[i]!, g[j]!].sort().join('|'))) repeats++;
        }
      }
    }
    const recipients: string[] = [];
    for (const g of groups) {
      history.push({ members: g, date });
      if (g.length >= 3) recipients.push(...g);
    }
    if (recipients.length === 3) {
      const lowest = [...debtBefore.values()].sort((a, b) => a - b);
      const got = recipients.map((id) => debtBefore.get(id)!).sort((a, b) => a - b);
      if (got.some((d, i) => d !== lowest[i])) notLeastIndebtedWeeks++;
    }
    for (const id of recipients) trios.set(id, trios.get(id)! + 1);
    if (recipients.length > 0) {
      const low = Math.min(...present.map((m) => trios.get(m.id)!));
      if (Math.max(...recipients.map((id) => trios.get(id)!)) > low + 1) violationWeeks++;
    }
  }
  const counts = [...trios.values()];
  return {
    method,
    minTrios: Math.min(...counts),
    maxTrios: Math.max(...counts),
    meanTrios: counts.reduce((a, b) => a + b, 0) / counts.length,
    violationWeeks,
    notLeastIndebtedWeeks,
    repeatsWithinCooldown: repeats,
    unmatched,
    oddWeeks,
  };
}
