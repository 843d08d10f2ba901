/**
 * Runs the exact solver on the candidate rows, from whichever side is scarcer. Augmenting from the scarce side means
 * the other side nearly always has room left, so most shortest-path searches stop after a step or two.
 */

import { createRng, shuffleInPlace } from '../hash.ts';
import type { CandidateRows } from './candidates.ts';
import type { Cohort } from './cohort.ts';
import { type BipartiteGraph, solveAssignment } from './min-cost-flow.ts';

/** For each mentee, the assigned mentor index or −1, and the candidate edge index of the pair or −1. */
export interface Assignment {
  mentorOf: Int32Array;
  edgeOf: Int32Array;
}

function seededOrder(n: number, seed: number): Int32Array {
  return Int32Array.from(
    shuffleInPlace(
      Array.from({ length: n }, (_, i) => i),
      createRng(seed),
    ),
  );
}

/** The rows seen from the mentors' side: edge k of the transposed graph is candidate edge `original[k]`. */
function byMentor(c: Cohort, rows: CandidateRows): { graph: BipartiteGraph; original: Int32Array } {
  const edges = rows.mentor.length;
  const start = new Int32Array(c.nMentors + 1);
  for (let k = 0; k < edges; k++) start[rows.mentor[k]! + 1]!++;
  for (let m = 0; m < c.nMentors; m++) start[m + 1]! += start[m]!;
  const fill = start.slice(0, c.nMentors);
  const target = new Int32Array(edges);
  const weight = new Float64Array(edges);
  const original = new Int32Array(edges);
  for (let e = 0; e < c.nMentees; e++) {
    for (let k = rows.start[e]!; k < rows.start[e + 1]!; k++) {
      const at = fill[rows.mentor[k]!]!++;
      target[at] = e;
      weight[at] = rows.score[k]!;
      original[at] = k;
    }
  }
  const graph = {
    nLeft: c.nMentors,
    nRight: c.nMentees,
    leftCap: c.capacity,
    rightCap: new Int32Array(c.nMentees).fill(1),
    start,
    target,
    weight,
  };
  return { graph, original };
}

export function assignMentors(c: Cohort, rows: CandidateRows): Assignment {
  const mentorOf = new Int32Array(c.nMentees).fill(-1);
  const edgeOf = new Int32Array(c.nMentees).fill(-1);
  let seats = 0;
  for (const cap of c.capacity) seats += cap;
  if (seats < c.nMentees) {
    const { graph, original } = byMentor(c, rows);
    const flow = solveAssignment(graph, seededOrder(c.nMentors, c.seed));
    for (let k = 0; k < flow.length; k++) {
      if (flow[k] === 0) continue;
      const e = graph.target[k]!;
      mentorOf[e] = rows.mentor[original[k]!]!;
      edgeOf[e] = original[k]!;
    }
  } else {
    const graph = {
      nLeft: c.nMentees,
      nRight: c.nMentors,
      leftCap: new Int32Array(c.nMentees).fill(1),
      rightCap: c.capacity,
      start: rows.start,
      target: rows.mentor,
      weight: rows.score,
    };
    const flow = solveAssignment(graph, seededOrder(c.nMentees, c.seed));
    for (let e = 0; e < c.nMentees; e++) {
      for (let k = rows.start[e]!; k < rows.start[e + 1]!; k++) {
        if (flow[k] === 1) {
          mentorOf[e] = rows.mentor[k]!;
          edgeOf[e] = k;
        }
      }
    }
  }
  return { mentorOf, edgeOf };
}
