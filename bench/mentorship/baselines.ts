/**
 * What simpler matchers would do with the same candidate pairs and scores: greedy by best fit first, and stable
 * matching (Gale–Shapley, mentee-proposing, mentors with capacities, both sides ranking by the pair's score).
 * Each returns the mentor index per mentee (−1 unmatched).
 */

import type { Pair } from './reference.ts';

export function greedyBestFirst(nMentees: number, capacity: ArrayLike<number>, pairs: readonly Pair[]): Int32Array {
  const order = pairs.map((_, k) => k).sort((a, b) => pairs[b]!.score - pairs[a]!.score || a - b);
  const room = Array.from(capacity);
  const mentorOf = new Int32Array(nMentees).fill(-1);
  for (const k of order) {
    const p = pairs[k]!;
    if (mentorOf[p.mentee] !== -1 || room[p.mentor]! === 0) continue;
    mentorOf[p.mentee] = p.mentor;
    room[p.mentor]!--;
  }
  return mentorOf;
}

export function stableMatching(nMentees: number, capacity: ArrayLike<number>, pairs: readonly Pair[]): Int32Array {
  const prefs: Pair[][] = Array.from({ length: nMentees }, () => []);
  for (const p of pairs) prefs[p.mentee]!.push(p);
  for (const list of prefs) list.sort((a, b) => b.score - a.score || a.mentor - b.mentor);
  const next = new Int32Array(nMentees);
  const held: Pair[][] = Array.from({ length: capacity.length }, () => []);
  const mentorOf = new Int32Array(nMentees).fill(-1);
  const free = Array.from({ length: nMentees }, (_, e) => nMentees - 1 - e);
  while (free.length > 0) {
    const e = free.pop()!;
    const list = prefs[e]!;
    if (next[e]! >= list.length) continue;
    const proposal = list[next[e]!++]!;
    const hand = held[proposal.mentor]!;
    hand.push(proposal);
    mentorOf[e] = proposal.mentor;
    if (hand.length > capacity[proposal.mentor]!) {
      // The mentor keeps the mentees they fit best and lets the weakest go.
      let worst = 0;
      for (let k = 1; k < hand.length; k++) {
        if (
          hand[k]!.score < hand[worst]!.score ||
          (hand[k]!.score === hand[worst]!.score && hand[k]!.mentee > hand[worst]!.mentee)
        ) {
          worst = k;
        }
      }
      const [dropped] = hand.splice(worst, 1);
      mentorOf[dropped!.mentee] = -1;
      free.push(dropped!.mentee);
    }
  }
  return mentorOf;
}
