import type { PooledPerson } from '../../db/schema-pairing.ts';

/**
 * The share of a round's pairs that crossed teams, counting only pairs whose two teams are both known: someone
 * without a team is not on "another team". 'no team data' when no pair has both teams, so a round that knew no
 * teams never reports "100 % across teams"; null when the round had no pairs at all.
 */
export function crossTeamShare(
  groups: ReadonlyArray<{ members: string[]; dropped?: string[] }>,
  pool: ReadonlyArray<PooledPerson>,
): number | 'no team data' | null {
  const teamOf = new Map(pool.map((p) => [p.userId, p.team]));
  let pairs = 0;
  let known = 0;
  let crossed = 0;
  for (const group of groups) {
    const members = group.members.filter((m) => !group.dropped?.includes(m));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        pairs += 1;
        const a = teamOf.get(members[i]!) ?? null;
        const b = teamOf.get(members[j]!) ?? null;
        if (a === null || b === null) continue;
        known += 1;
        if (a !== b) crossed += 1;
      }
    }
  }
  if (pairs === 0) return null;
  return known === 0 ? 'no team data' : crossed / known;
}
