/**
 * Runs the exact solver on the candidate pairs, augmenting from the scarcer side (mentor seats or mentees): the other
 * side then nearly always has room left, so most shortest-path searches end after a step or two, and the searches
 * that must prove nobody can take one more unit stay rare.
 */

import { createRng, shuffleInPlace } from '../hash.ts';
import type { CandidateRows } from './candidates.ts';
import type { Cohort } from './cohort.ts';
import { type BipartiteGraph, bigM, solveAssignment } from './min-cost-flow.ts';

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

/** The candidate graph seen from one side; edge k is candidate pair `original[k]`. */
interface Oriented {
  graph: BipartiteGraph;
  original: Int32Array;
  /** Left node of each edge, when mentees are on the left (it is the graph's own target otherwise). */
  left?: Int32Array;
  mentorsOnLeft: boolean;
}

function fromMentees(c: Cohort, rows: CandidateRows): Oriented {
  const edges = rows.mentor.length;
  const left = new Int32Array(edges);
  for (let e = 0; e < c.nMentees; e++) left.fill(e, rows.start[e]!, rows.start[e + 1]!);
  const original = new Int32Array(edges);
  for (let k = 0; k < edges; k++) original[k] = k;
  const graph = {
    nLeft: c.nMentees,
    nRight: c.nMentors,
    leftCap: new Int32Array(c.nMentees).fill(1),
    rightCap: c.capacity,
    start: rows.start,
    target: rows.mentor,
    weight: rows.score,
  };
  return { graph, original, left, mentorsOnLeft: false };
}

function fromMentors(c: Cohort, rows: CandidateRows): Oriented {
  const edges = rows.mentor.length;
  const start = new Int32Array(c.nMentors + 1);
  for (let k = 0; k < edges; k++) start[rows.mentor[k]! + 1]!++;
  for (let m = 0; m < c.nMentors; m++) start[m + 1]! += start[m]!;
  const fill = start.slice(0, c.nMentors);
  const target = new Int32Array(edges);
  const weight = new Int32Array(edges);
  const original = new Int32Array(edges);
  for (let e = 0; e < c.nMentees; e++) {
    for (let k = rows.start[e]!; k < rows.start[e + 1]!; k++) {
      const mentor = rows.mentor[k]!;
      const at = fill[mentor]!++;
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
  return { graph, original, mentorsOnLeft: true };
}

export function assignMentors(c: Cohort, rows: CandidateRows): Assignment {
  let seats = 0;
  for (const cap of c.capacity) seats += cap;
  const o = seats < c.nMentees ? fromMentors(c, rows) : fromMentees(c, rows);
  const { graph } = o;
  const m = bigM(graph);
  const order = seededOrder(graph.nLeft, c.seed);
  const { flow } = solveAssignment(graph, m, order);
  const mentorOf = new Int32Array(c.nMentees).fill(-1);
  const edgeOf = new Int32Array(c.nMentees).fill(-1);
  for (let k = 0; k < flow.length; k++) {
    if (flow[k] === 0) continue;
    const pair = o.original[k]!;
    const mentee = o.mentorsOnLeft ? graph.target[k]! : o.left![k]!;
    mentorOf[mentee] = rows.mentor[pair]!;
    edgeOf[mentee] = pair;
  }
  return { mentorOf, edgeOf };
}
