/**
 * Exact capacity-constrained assignment (a bipartite b-matching) that maximises, in order, the number of pairs and
 * then their total score. Min-cost flow by successive shortest paths with potentials (Dijkstra), one "row" unit at a
 * time, on source → left (capacity) → right (capacity) → sink.
 *
 * Every left unit may also go straight to the sink at cost 0 ("stays unmatched"), while a real pair costs −(M + score)
 * with M larger than any possible difference of total scores. Every unit is then always routable, so the row-by-row
 * augmentation (the Hungarian method) is exact, and the optimum of Σ(M + score) is the lexicographic optimum: one more
 * pair is worth more than any gain in score. See docs/mentorship-matching.md for the argument.
 */

/** Allowed pairs as compressed rows from the left side; `weight` is the pair's integer score. */
export interface BipartiteGraph {
  nLeft: number;
  nRight: number;
  leftCap: ArrayLike<number>;
  rightCap: ArrayLike<number>;
  /** Edges of left node i are start[i] .. start[i+1]-1. */
  start: Int32Array;
  target: Int32Array;
  weight: ArrayLike<number>;
}

/** The big-M: one more pair outweighs any difference in summed score between two assignments. */
export function bigM(graph: BipartiteGraph): number {
  let maxW = 0;
  let minW = 0;
  for (let e = 0; e < graph.target.length; e++) {
    const w = graph.weight[e]!;
    if (w > maxW) maxW = w;
    if (w < minW) minW = w;
  }
  let leftUnits = 0;
  for (let i = 0; i < graph.nLeft; i++) leftUnits += graph.leftCap[i]!;
  let rightUnits = 0;
  for (let j = 0; j < graph.nRight; j++) rightUnits += graph.rightCap[j]!;
  const k = Math.min(leftUnits, rightUnits, graph.target.length);
  return k * maxW - (k + 1) * minW + 1;
}

/** A binary min-heap of (key, node) with lazy deletion: stale entries are skipped when popped. */
class MinHeap {
  keys = new Float64Array(1024);
  nodes = new Int32Array(1024);
  size = 0;

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the top; read `topKey` / `topNode` first. */
  pop(): void {
    const { keys, nodes } = this;
    const last = --this.size;
    if (last === 0) return;
    const key = keys[last]!;
    const node = nodes[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
}

/**
 * Returns which edges are in the optimal assignment (1) or not (0). `order` is the order the left nodes are
 * augmented in; any order gives an optimum, the order only chooses among equal optima.
 */
export function solveAssignment(graph: BipartiteGraph, order?: ArrayLike<number>): Uint8Array {
  const { nLeft, nRight, leftCap, rightCap, start, target, weight } = graph;
  const edges = target.length;
  const m = bigM(graph);
  const sink = nLeft + nRight;
  const nodes = sink + 1;
  const cost = new Float64Array(edges);
  const edgeLeft = new Int32Array(edges);
  for (let i = 0; i < nLeft; i++) {
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      cost[e] = -(m + weight[e]!);
      edgeLeft[e] = i;
    }
  }

  // Potentials that make every residual arc's reduced cost c + π(u) − π(v) non-negative at the start (no flow yet).
  const pi = new Float64Array(nodes);
  for (let e = 0; e < edges; e++) {
    const r = nLeft + target[e]!;
    if (cost[e]! < pi[r]!) pi[r] = cost[e]!;
  }
  let piSink = 0;
  for (let j = 0; j < nRight; j++) if (pi[nLeft + j]! < piSink) piSink = pi[nLeft + j]!;
  pi[sink] = piSink;

  const flow = new Uint8Array(edges);
  // The edges currently assigned to each right node, in slots of maxRightCap.
  let maxRightCap = 0;
  for (let j = 0; j < nRight; j++) if (rightCap[j]! > maxRightCap) maxRightCap = rightCap[j]!;
  const assigned = new Int32Array(nRight * maxRightCap);
  const load = new Int32Array(nRight);

  const dist = new Float64Array(nodes).fill(Number.POSITIVE_INFINITY);
  const prevEdge = new Int32Array(nodes).fill(-1);
  const done = new Uint8Array(nodes);
  const touched = new Int32Array(nodes);
  const heap = new MinHeap();

  const augmentFrom = (source: number): void => {
    let touchedCount = 0;
    const touch = (v: number, d: number, via: number): void => {
      if (dist[v] === Number.POSITIVE_INFINITY) touched[touchedCount++] = v;
      dist[v] = d;
      prevEdge[v] = via;
      heap.push(d, v);
    };
    // The sink's predecessor: a left node leaving a unit unmatched (−1 − u) or a right node with room (j).
    let sinkDist = Number.POSITIVE_INFINITY;
    let sinkVia = 0;
    heap.size = 0;
    touch(source, 0, -1);
    while (heap.size > 0) {
      const d = heap.keys[0]!;
      const u = heap.nodes[0]!;
      heap.pop();
      if (d >= sinkDist) break;
      if (done[u] === 1 || d > dist[u]!) continue;
      done[u] = 1;
      const piU = pi[u]!;
      if (u < nLeft) {
        const toSink = d + piU - piSink;
        if (toSink < sinkDist) {
          sinkDist = toSink;
          sinkVia = -1 - u;
        }
        for (let e = start[u]!; e < start[u + 1]!; e++) {
          if (flow[e] === 1) continue;
          const v = nLeft + target[e]!;
          const nd = d + cost[e]! + piU - pi[v]!;
          if (nd < dist[v]! && nd < sinkDist) touch(v, nd, e);
        }
      } else {
        const j = u - nLeft;
        if (load[j]! < rightCap[j]!) {
          const toSink = d + piU - piSink;
          if (toSink < sinkDist) {
            sinkDist = toSink;
            sinkVia = j;
          }
        }
        const base = j * maxRightCap;
        for (let k = 0; k < load[j]!; k++) {
          const e = assigned[base + k]!;
          const v = edgeLeft[e]!;
          const nd = d - cost[e]! + piU - pi[v]!;
          if (nd < dist[v]! && nd < sinkDist) touch(v, nd, e);
        }
      }
    }

    // Shift potentials by min(dist, D) − D: only nodes settled closer than the sink change, reduced costs stay ≥ 0.
    for (let t = 0; t < touchedCount; t++) {
      const v = touched[t]!;
      if (done[v] === 1 && dist[v]! < sinkDist) pi[v] = pi[v]! + dist[v]! - sinkDist;
    }

    // Walk the path back from the sink, flipping each arc.
    let v: number;
    if (sinkVia < 0) v = -1 - sinkVia;
    else {
      load[sinkVia]!++;
      v = nLeft + sinkVia;
      const e = prevEdge[v]!;
      // The right node gains the edge it was reached by; slots are filled below as the path is flipped.
      assigned[sinkVia * maxRightCap + load[sinkVia]! - 1] = e;
      flow[e] = 1;
      v = edgeLeft[e]!;
    }
    while (v !== source) {
      // v is a left node reached by undoing one of its pairs (e, at right node j).
      const e = prevEdge[v]!;
      flow[e] = 0;
      const j = target[e]!;
      const base = j * maxRightCap;
      // j swaps the undone edge for the one it was reached by.
      const into = prevEdge[nLeft + j]!;
      for (let k = 0; k < load[j]!; k++) {
        if (assigned[base + k] === e) {
          assigned[base + k] = into;
          break;
        }
      }
      flow[into] = 1;
      v = edgeLeft[into]!;
    }

    for (let t = 0; t < touchedCount; t++) {
      const w = touched[t]!;
      dist[w] = Number.POSITIVE_INFINITY;
      prevEdge[w] = -1;
      done[w] = 0;
    }
  };

  for (let r = 0; r < nLeft; r++) {
    const i = order === undefined ? r : order[r]!;
    for (let unit = 0; unit < leftCap[i]!; unit++) augmentFrom(i);
  }
  return flow;
}
