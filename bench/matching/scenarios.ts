/** Benchmark scenarios (matching.md §5) as plain specs, so the parent and its worker processes rebuild identical rounds. */

import type { RoundInput } from '../../src/matching/types.ts';
import { generateOrg, naiveHistory } from './generator.ts';

export const ROUND_DATE = '2025-06-02';

export interface ScenarioSpec {
  id: string;
  title: string;
  n: number;
  seed: number;
  historyWeeks: number;
  bigTeamShare?: number;
  twoClusters?: boolean;
  singleTeam?: boolean;
}

export function scenarios(quick: boolean): ScenarioSpec[] {
  const size = quick ? 300 : 1000;
  return [
    { id: 'S1', title: `default, ${size} people, 12 weeks of naive history`, n: size, seed: 11, historyWeeks: 12 },
    {
      id: 'S2',
      title: `one team holds 40 %, ${size} people`,
      n: size,
      seed: 12,
      historyWeeks: 12,
      bigTeamShare: 0.4,
    },
    {
      id: 'S3',
      title: `two time-zone clusters 12 h apart, ${size} people`,
      n: size,
      seed: 13,
      historyWeeks: 12,
      twoClusters: true,
    },
    {
      id: 'S4',
      title: 'a 12-person team with a year (52 weeks) of history',
      n: 12,
      seed: 14,
      historyWeeks: 52,
      singleTeam: true,
    },
    { id: 'S5', title: `odd count, ${size + 1} people`, n: size + 1, seed: 15, historyWeeks: 12 },
  ];
}

export function scenarioInput(spec: ScenarioSpec, extra: Partial<RoundInput> = {}): RoundInput {
  const members = generateOrg({
    n: spec.n,
    seed: spec.seed,
    ...(spec.bigTeamShare === undefined ? {} : { bigTeamShare: spec.bigTeamShare }),
    ...(spec.twoClusters ? { twoClusters: true } : {}),
    ...(spec.singleTeam ? { singleTeam: true } : {}),
  });
  const history = naiveHistory(members, spec.historyWeeks, ROUND_DATE, spec.seed);
  return { members, history, date: ROUND_DATE, seed: `bench-${spec.id}`, cooldownWeeks: 4, ...extra };
}
