/**
 * The allowed (mentor, mentee) pairs with their scores, as compressed rows per mentee. A mentee who lists skills is a
 * candidate only for mentors who teach one of them, found through the skill index, so a large cohort never scores
 * every pair; a mentee who lists none is open to every mentor. Given scores replace all of this but the hard rules.
 */

import { type Cohort, pairKey } from './cohort.ts';
import { allowedByRules, fitScore, isBlocked, isOwnManager } from './fit.ts';

export interface CandidateRows {
  /** Candidates of mentee e are start[e] .. start[e+1]-1. */
  start: Int32Array;
  mentor: Int32Array;
  score: Int32Array;
}

class Growable {
  mentor = new Int32Array(1024);
  score = new Int32Array(1024);
  size = 0;

  push(mentor: number, score: number): void {
    if (this.size === this.mentor.length) {
      const m = new Int32Array(this.size * 2);
      m.set(this.mentor);
      this.mentor = m;
      const s = new Int32Array(this.size * 2);
      s.set(this.score);
      this.score = s;
    }
    this.mentor[this.size] = mentor;
    this.score[this.size++] = score;
  }
}

function givenRows(c: Cohort): CandidateRows {
  const perMentee: number[][] = Array.from({ length: c.nMentees }, () => []);
  for (const key of c.given!.keys()) {
    const mentor = Math.floor(key / c.nMentees);
    const mentee = key - mentor * c.nMentees;
    // Given scores replace the programme's rules, but not the hard ones: nobody with themself or their manager.
    if (c.selfMentor[mentee] === mentor || isOwnManager(c, mentor, mentee) || isBlocked(c, mentor, mentee)) continue;
    perMentee[mentee]!.push(mentor);
  }
  const out = new Growable();
  const start = new Int32Array(c.nMentees + 1);
  for (let e = 0; e < c.nMentees; e++) {
    for (const m of perMentee[e]!.sort((a, b) => a - b)) out.push(m, c.given!.get(pairKey(c, m, e))!);
    start[e + 1] = out.size;
  }
  return { start, mentor: out.mentor.subarray(0, out.size), score: out.score.subarray(0, out.size) };
}

export function candidateRows(c: Cohort): CandidateRows {
  if (c.given !== undefined) return givenRows(c);
  const out = new Growable();
  const start = new Int32Array(c.nMentees + 1);
  const shared = new Int32Array(c.nMentors);
  const touched: number[] = [];
  for (let e = 0; e < c.nMentees; e++) {
    const wanted = c.learns[e]!;
    if (wanted.length === 0) {
      for (let m = 0; m < c.nMentors; m++) {
        if (allowedByRules(c, m, e) && !isBlocked(c, m, e)) out.push(m, fitScore(c, m, e, 0));
      }
    } else {
      for (const skill of wanted) {
        for (const m of c.teachersOf[skill]!) {
          if (shared[m] === 0) touched.push(m);
          shared[m]!++;
        }
      }
      touched.sort((a, b) => a - b);
      for (const m of touched) {
        if (allowedByRules(c, m, e) && !isBlocked(c, m, e)) out.push(m, fitScore(c, m, e, shared[m]!));
        shared[m] = 0;
      }
      touched.length = 0;
    }
    start[e + 1] = out.size;
  }
  return { start, mentor: out.mentor.subarray(0, out.size), score: out.score.subarray(0, out.size) };
}
