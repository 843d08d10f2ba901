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

export interface AssignmentSolution {
  /** 1 for the edges in the optimal assignment. */
  flow: Uint8Array;
  /**
   * Final node potentials (left nodes, then right nodes, then the sink): every residual arc has a non-negative
   * reduced cost under them, which certifies the optimum, also for edges the solver was not given.
   */
  pi: Float64Array;
}

/**
 * `m` must be at least bigM of the graph the answer is meant for (pass the full graph's when solving a subgraph);
 * `order` is the order the left nodes are augmented in: any order gives an optimum, it only chooses among equal ones.
 */
export function solveAssignment(graph: BipartiteGraph, m: number, order?: ArrayLike<number>): AssignmentSolution {
  const { nLeft, nRight, leftCap, rightCap, start, target, weight } = graph;
  const edges = target.length;
  const sink = nLeft + nRight;
  const nodes = sink + 1;
  // A pair's arc costs −(m + weight): computed where it is read, to keep one array per edge fewer in memory.

  // Potentials that make every residual arc's reduced cost c + π(u) − π(v) non-negative at the start (no flow yet).
  const pi = new Float64Array(nodes);
  for (let e = 0; e < edges; e++) {
    const r = nLeft + target[e]!;
    const cost = -(m + weight[e]!);
    if (cost < pi[r]!) pi[r] = cost;
  }
  let piSink = 0;
  for (let j = 0; j < nRight; j++) if (pi[nLeft + j]! < piSink) piSink = pi[nLeft + j]!;
  // The sink's potential never changes (see the shift below), so it is a constant.
  pi[sink] = piSink;

  const flow = new Uint8Array(edges);
  // Each right node's current pairs (edge and left node), in slots of maxRightCap.
  let maxRightCap = 0;
  for (let j = 0; j < nRight; j++) if (rightCap[j]! > maxRightCap) maxRightCap = rightCap[j]!;
  const slotEdge = new Int32Array(nRight * maxRightCap);
  const slotLeft = new Int32Array(nRight * maxRightCap);
  const load = new Int32Array(nRight);

  const dist = new Float64Array(nodes).fill(Number.POSITIVE_INFINITY);
  // How each node was reached: the edge, and the node on the other side of it.
  const prevEdge = new Int32Array(nodes).fill(-1);
  const prevNode = new Int32Array(nodes).fill(-1);
  const done = new Uint8Array(nodes);
  const touched = new Int32Array(nodes);
  const heap = new MinHeap();

  const augmentFrom = (source: number): void => {
    let touchedCount = 0;
    // The sink's distance and predecessor: a left node leaving a unit unmatched (−1 − u), or a right node with room.
    let sinkDist = Number.POSITIVE_INFINITY;
    let sinkVia = 0;
    const reach = (v: number, d: number, via: number, from: number): void => {
      if (dist[v] === Number.POSITIVE_INFINITY) touched[touchedCount++] = v;
      dist[v] = d;
      prevEdge[v] = via;
      prevNode[v] = from;
    };
    heap.size = 0;
    reach(source, 0, -1, -1);
    heap.push(0, source);
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
          const j = target[e]!;
          const v = nLeft + j;
          const nd = d - m - weight[e]! + piU - pi[v]!;
          if (nd >= dist[v]! || nd >= sinkDist) continue;
          reach(v, nd, e, u);
          if (load[j]! < rightCap[j]!) {
            // A right node with room ends a path here; one without pairs leads nowhere else, so needs no visit.
            const toSinkFromV = nd + pi[v]! - piSink;
            if (toSinkFromV < sinkDist) {
              sinkDist = toSinkFromV;
              sinkVia = j;
            }
            if (load[j] === 0) continue;
          }
          heap.push(nd, v);
        }
      } else {
        const j = u - nLeft;
        const base = j * maxRightCap;
        for (let k = 0; k < load[j]!; k++) {
          const e = slotEdge[base + k]!;
          const v = slotLeft[base + k]!;
          const nd = d + m + weight[e]! + piU - pi[v]!;
          if (nd >= dist[v]! || nd >= sinkDist) continue;
          reach(v, nd, e, j);
          heap.push(nd, v);
        }
      }
    }

    // Shift potentials by min(dist, D) − D: only nodes closer than the sink change, and their distances are final
    // (every node nearer than D was settled, and a right node left unvisited was relaxed from all its settled
    // neighbours), so reduced costs stay ≥ 0.
    for (let t = 0; t < touchedCount; t++) {
      const v = touched[t]!;
      if (dist[v]! < sinkDist) pi[v] = pi[v]! + dist[v]! - sinkDist;
    }

    // Walk the path back from the sink, flipping each arc.
    let v: number;
    if (sinkVia < 0) v = -1 - sinkVia;
    else {
      const j = sinkVia;
      const e = prevEdge[nLeft + j]!;
      slotEdge[j * maxRightCap + load[j]!] = e;
      slotLeft[j * maxRightCap + load[j]!] = prevNode[nLeft + j]!;
      load[j]!++;
      flow[e] = 1;
      v = prevNode[nLeft + j]!;
    }
    while (v !== source) {
      // v is a left node reached by undoing its pair e with right node j; j takes the pair it was reached by instead.
      const e = prevEdge[v]!;
      const j = prevNode[v]!;
      const into = prevEdge[nLeft + j]!;
      const from = prevNode[nLeft + j]!;
      flow[e] = 0;
      flow[into] = 1;
      const base = j * maxRightCap;
      for (let k = 0; k < load[j]!; k++) {
        if (slotEdge[base + k] === e) {
          slotEdge[base + k] = into;
          slotLeft[base + k] = from;
          break;
        }
      }
      v = from;
    }

    for (let t = 0; t < touchedCount; t++) {
      const w = touched[t]!;
      dist[w] = Number.POSITIVE_INFINITY;
      prevEdge[w] = -1;
      prevNode[w] = -1;
      done[w] = 0;
    }
  };

  for (let r = 0; r < nLeft; r++) {
    const i = order === undefined ? r : order[r]!;
    for (let unit = 0; unit < leftCap[i]!; unit++) augmentFrom(i);
  }
  return { flow, pi };
}
