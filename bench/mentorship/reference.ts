/**
 * An independent exact reference for the benchmark: minimum-cost maximum flow by successive shortest paths with a
 * label-correcting search (Bellman–Ford with a FIFO queue), no potentials, no dummy arcs and no big-M, augmenting
 * from the super-source over every free mentee at once. Maximum flow is the most mentees matched; minimum cost
 * (−score) among maximum flows is the best total score: the same lexicographic optimum the engine reaches by a
 * different formulation and a different algorithm. Slow (O(F·V·E) worst case), which is why it only checks cohorts of
 * up to 2,000 people.
 */

export interface Pair {
  mentor: number;
  mentee: number;
  score: number;
}

export function referenceOptimum(
  nMentors: number,
  nMentees: number,
  capacity: ArrayLike<number>,
  pairs: readonly Pair[],
): { matched: number; total: number } {
  // Nodes: source 0, mentees 1..nMentees, mentors after them, sink last.
  const source = 0;
  const menteeNode = (e: number): number => 1 + e;
  const mentorNode = (m: number): number => 1 + nMentees + m;
  const sink = 1 + nMentees + nMentors;
  const n = sink + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const arc = (u: number, v: number, c: number, w: number): void => {
    adjacency[u]!.push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    adjacency[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
  };
  for (let e = 0; e < nMentees; e++) arc(source, menteeNode(e), 1, 0);
  for (const p of pairs) arc(menteeNode(p.mentee), mentorNode(p.mentor), 1, -p.score);
  for (let m = 0; m < nMentors; m++) arc(mentorNode(m), sink, capacity[m]!, 0);

  const dist = new Float64Array(n);
  const inQueue = new Uint8Array(n);
  const via = new Int32Array(n);
  let matched = 0;
  let totalCost = 0;
  for (;;) {
    dist.fill(Number.POSITIVE_INFINITY);
    via.fill(-1);
    dist[source] = 0;
    const queue = [source];
    inQueue[source] = 1;
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]!;
      inQueue[u] = 0;
      for (const a of adjacency[u]!) {
        if (cap[a]! === 0) continue;
        const v = to[a]!;
        const nd = dist[u]! + cost[a]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          via[v] = a;
          if (inQueue[v] === 0) {
            inQueue[v] = 1;
            queue.push(v);
          }
        }
      }
    }
    if (dist[sink] === Number.POSITIVE_INFINITY) break;
    for (let v = sink; v !== source; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]!--;
      cap[via[v]! ^ 1]!++;
    }
    matched++;
    totalCost += dist[sink]!;
  }
  // 0 − cost rather than −cost: no pairs must total 0, not −0.
  return { matched, total: 0 - totalCost };
}
