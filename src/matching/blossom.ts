/**
 * Exact maximum-weight matching on a general graph: Edmonds' primal–dual blossom algorithm in Galil's O(n³) form.
 *
 * Written for this project from the published descriptions (Edmonds 1965; Galil, "Efficient algorithms for finding
 * maximum matching in graphs", 1986). Weights should be integers: every dual value then stays a multiple of ½, which a
 * double holds exactly, so the result is exact rather than "nearly optimal" as float implementations warn.
 *
 * Representation. Edge k joins eu[k] and ev[k]. Its two "endpoints" are 2k (at eu[k]) and 2k+1 (at ev[k]); `p ^ 1` is the
 * far end of endpoint p. Vertices are 0..n-1 and non-trivial blossoms n..2n-1. For a blossom b, `kids[b]` lists its
 * sub-blossoms around the odd cycle starting at the one holding the base, and `links[b][i]` is the endpoint lying in
 * kids[i] of the edge that joins kids[i] to kids[i+1] (cyclically). The edge links[i] is matched exactly when i is odd.
 * `labelEnd[b]` is the endpoint, in the parent blossom of the alternating tree, of the edge through which b got its label.
 */

const FREE = 0;
const S = 1;
const T = 2;

export function maxWeightMatching(
  n: number,
  eu: ArrayLike<number>,
  ev: ArrayLike<number>,
  ew: ArrayLike<number>,
): Int32Array {
  const result = new Int32Array(n).fill(-1);
  const m = eu.length;
  if (n < 2 || m === 0) return result;

  const endpoint = new Int32Array(2 * m);
  const degree = new Int32Array(n + 1);
  // Doubled weights keep the slack test to one subtraction per edge in the hot scan loop.
  const twiceWeight = new Float64Array(m);
  let maxWeight = 0;
  for (let k = 0; k < m; k++) {
    const u = eu[k]!;
    const v = ev[k]!;
    if (u === v) throw new RangeError(`edge ${k} is a self-loop`);
    if (u < 0 || v < 0 || u >= n || v >= n) throw new RangeError(`edge ${k} has an endpoint outside 0..${n - 1}`);
    endpoint[2 * k] = u;
    endpoint[2 * k + 1] = v;
    degree[u]!++;
    degree[v]!++;
    twiceWeight[k] = 2 * ew[k]!;
    if (ew[k]! > maxWeight) maxWeight = ew[k]!;
  }
  // incident[v] holds the endpoints at the far side of v's edges, so endpoint[p] is the neighbour.
  const incidentStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) incidentStart[v + 1] = incidentStart[v]! + degree[v]!;
  const fill = incidentStart.slice(0, n);
  const incident = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    incident[fill[eu[k]!]!++] = 2 * k + 1;
    incident[fill[ev[k]!]!++] = 2 * k;
  }

  const mate = new Int32Array(n).fill(-1); // endpoint whose vertex is the partner
  const label = new Uint8Array(2 * n);
  const labelEnd = new Int32Array(2 * n).fill(-1);
  const inBlossom = new Int32Array(n);
  for (let v = 0; v < n; v++) inBlossom[v] = v;
  const parent = new Int32Array(2 * n).fill(-1);
  const base = new Int32Array(2 * n).fill(-1);
  for (let v = 0; v < n; v++) base[v] = v;
  const kids: (number[] | null)[] = new Array(2 * n).fill(null);
  const links: (number[] | null)[] = new Array(2 * n).fill(null);
  const bestEdge = new Int32Array(2 * n).fill(-1);
  const bestEdgesOf: (number[] | null)[] = new Array(2 * n).fill(null);
  const dual = new Float64Array(2 * n);
  for (let v = 0; v < n; v++) dual[v] = maxWeight;
  const allowed = new Uint8Array(m);
  const mark = new Uint8Array(2 * n);
  const unused: number[] = [];
  for (let b = 2 * n - 1; b >= n; b--) unused.push(b);
  const queue: number[] = [];
  const bestTo = new Int32Array(2 * n).fill(-1);
  const leafStack: number[] = [];

  const slack = (k: number): number => dual[endpoint[2 * k]!]! + dual[endpoint[2 * k + 1]!]! - twiceWeight[k]!;

  const leavesOf = (b: number, out: number[]): number[] => {
    out.length = 0;
    if (b < n) {
      out.push(b);
      return out;
    }
    leafStack.length = 0;
    leafStack.push(b);
    while (leafStack.length > 0) {
      const x = leafStack.pop()!;
      if (x < n) out.push(x);
      else for (const c of kids[x]!) leafStack.push(c);
    }
    return out;
  };

  const assignLabel = (w: number, t: number, p: number): void => {
    const b = inBlossom[w]!;
    label[w] = t;
    label[b] = t;
    labelEnd[w] = p;
    labelEnd[b] = p;
    bestEdge[w] = -1;
    bestEdge[b] = -1;
    if (t === S) {
      for (const leaf of leavesOf(b, [])) queue.push(leaf);
    } else {
      // A T-blossom's base is matched; its partner's blossom becomes S, reached through that matched edge.
      const m0 = mate[base[b]!]!;
      assignLabel(endpoint[m0]!, S, m0 ^ 1);
    }
  };

  // Walks both tree paths towards their roots; a blossom visited twice is the lowest common ancestor.
  const findCommonBase = (v0: number, w0: number): number => {
    const path: number[] = [];
    let v = v0;
    let w = w0;
    let found = -1;
    while (v !== -1) {
      const b = inBlossom[v]!;
      if (mark[b]) {
        found = base[b]!;
        break;
      }
      mark[b] = 1;
      path.push(b);
      if (labelEnd[b] === -1) {
        v = -1;
      } else {
        const tb = inBlossom[endpoint[labelEnd[b]!]!]!;
        v = endpoint[labelEnd[tb]!]!;
      }
      if (w !== -1) {
        const swap = v;
        v = w;
        w = swap;
      }
    }
    for (const b of path) mark[b] = 0;
    return found;
  };

  const addBlossom = (baseVertex: number, v: number, w: number, p: number): void => {
    const bb = inBlossom[baseVertex]!;
    let bv = inBlossom[v]!;
    let bw = inBlossom[w]!;
    const b = unused.pop()!;
    base[b] = baseVertex;
    parent[b] = -1;
    parent[bb] = b;
    const upV: number[] = [];
    const upVLinks: number[] = [];
    while (bv !== bb) {
      parent[bv] = b;
      upV.push(bv);
      upVLinks.push(labelEnd[bv]!);
      bv = inBlossom[endpoint[labelEnd[bv]!]!]!;
    }
    const cycle = [bb];
    const cycleLinks: number[] = [];
    for (let i = upV.length - 1; i >= 0; i--) {
      cycle.push(upV[i]!);
      cycleLinks.push(upVLinks[i]!);
    }
    cycleLinks.push(p ^ 1); // endpoint at v, inside the last child on v's side
    while (bw !== bb) {
      parent[bw] = b;
      cycle.push(bw);
      cycleLinks.push(labelEnd[bw]! ^ 1);
      bw = inBlossom[endpoint[labelEnd[bw]!]!]!;
    }
    kids[b] = cycle;
    links[b] = cycleLinks;
    label[b] = S;
    labelEnd[b] = labelEnd[bb]!;
    dual[b] = 0;
    for (const leaf of leavesOf(b, [])) {
      if (label[inBlossom[leaf]!] === T) queue.push(leaf);
      inBlossom[leaf] = b;
    }
    // Keep, per neighbouring S-blossom, only the least-slack edge: this is what makes each stage O(n²).
    const touched: number[] = [];
    const leaves: number[] = [];
    for (const child of cycle) {
      const own = bestEdgesOf[child];
      if (own === null || own === undefined) {
        for (const leaf of leavesOf(child, leaves)) {
          for (let q = incidentStart[leaf]!; q < incidentStart[leaf + 1]!; q++) {
            considerEdge(b, incident[q]! >> 1, endpoint[incident[q]!]!, touched);
          }
        }
      } else {
        for (const k of own) {
          const far = inBlossom[endpoint[2 * k]!] === b ? endpoint[2 * k + 1]! : endpoint[2 * k]!;
          considerEdge(b, k, far, touched);
        }
      }
      bestEdgesOf[child] = null;
      bestEdge[child] = -1;
    }
    const list: number[] = [];
    let best = -1;
    let bestSlack = 0;
    for (const other of touched) {
      const k = bestTo[other]!;
      bestTo[other] = -1;
      list.push(k);
      const s = slack(k);
      if (best === -1 || s < bestSlack) {
        best = k;
        bestSlack = s;
      }
    }
    bestEdgesOf[b] = list;
    bestEdge[b] = best;
  };

  const considerEdge = (b: number, k: number, far: number, touched: number[]): void => {
    const bj = inBlossom[far]!;
    if (bj === b || label[bj] !== S) return;
    const current = bestTo[bj]!;
    if (current === -1) {
      bestTo[bj] = k;
      touched.push(bj);
    } else if (slack(k) < slack(current)) {
      bestTo[bj] = k;
    }
  };

  const expandBlossom = (b: number, endOfStage: boolean): void => {
    const cycle = kids[b]!;
    const cycleLinks = links[b]!;
    const leaves: number[] = [];
    for (const child of cycle) {
      parent[child] = -1;
      if (child < n) inBlossom[child] = child;
      else if (endOfStage && dual[child] === 0) expandBlossom(child, endOfStage);
      else for (const leaf of leavesOf(child, leaves)) inBlossom[leaf] = child;
    }
    if (!endOfStage && label[b] === T) {
      // Relabel the even-length side of the cycle from the entry child to the base child; the other children
      // drop out of the tree unless one of their vertices already has a tight edge to an S-vertex.
      const len = cycle.length;
      const entryChild = inBlossom[endpoint[labelEnd[b]! ^ 1]!]!;
      const entryIndex = cycle.indexOf(entryChild);
      const forward = (entryIndex & 1) === 1;
      let j = entryIndex;
      let p = labelEnd[b]!;
      while (j !== 0) {
        assignLabel(endpoint[p ^ 1]!, T, p);
        if (forward) {
          p = cycleLinks[j + 1]!;
          j = (j + 2) % len;
        } else {
          p = cycleLinks[j - 2]! ^ 1;
          j -= 2;
        }
        allowed[p >> 1] = 1;
      }
      const baseChild = cycle[0]!;
      const entryVertex = endpoint[p ^ 1]!;
      label[entryVertex] = T;
      label[baseChild] = T;
      labelEnd[entryVertex] = p;
      labelEnd[baseChild] = p;
      bestEdge[baseChild] = -1;
      const from = forward ? 1 : entryIndex + 1;
      const to = forward ? entryIndex : len;
      for (let i = from; i < to; i++) {
        const child = cycle[i]!;
        if (label[child] === S) continue;
        for (const leaf of leavesOf(child, leaves)) {
          if (label[leaf] !== FREE) {
            assignLabel(leaf, T, labelEnd[leaf]!);
            break;
          }
        }
      }
    }
    label[b] = FREE;
    labelEnd[b] = -1;
    kids[b] = null;
    links[b] = null;
    base[b] = -1;
    bestEdgesOf[b] = null;
    bestEdge[b] = -1;
    unused.push(b);
  };

  // Makes leaf v the base of blossom b by flipping matched and unmatched edges on the even path from v's child.
  const rebaseBlossom = (b: number, v: number): void => {
    let t = v;
    while (parent[t] !== b) t = parent[t]!;
    if (t >= n) rebaseBlossom(t, v);
    const cycle = kids[b]!;
    const cycleLinks = links[b]!;
    const len = cycle.length;
    const i = cycle.indexOf(t);
    const forward = (i & 1) === 1;
    let j = i;
    while (j !== 0) {
      let inNear: number;
      let inFar: number;
      let next: number;
      if (forward) {
        const near = j + 1;
        inNear = cycleLinks[near]!;
        inFar = inNear ^ 1;
        next = (j + 2) % len;
      } else {
        next = j - 2;
        inFar = cycleLinks[next]!;
        inNear = inFar ^ 1;
      }
      const nearChild = cycle[forward ? j + 1 : j - 1]!;
      const farChild = cycle[next]!;
      if (nearChild >= n) rebaseBlossom(nearChild, endpoint[inNear]!);
      if (farChild >= n) rebaseBlossom(farChild, endpoint[inFar]!);
      mate[endpoint[inNear]!] = inFar;
      mate[endpoint[inFar]!] = inNear;
      j = next;
    }
    kids[b] = cycle.slice(i).concat(cycle.slice(0, i));
    links[b] = cycleLinks.slice(i).concat(cycleLinks.slice(0, i));
    base[b] = base[kids[b]![0]!]!;
  };

  const augment = (v: number, w: number, p: number): void => {
    const sides: [number, number][] = [
      [v, p],
      [w, p ^ 1],
    ];
    for (const side of sides) {
      let s = side[0];
      let toPartner = side[1];
      for (;;) {
        const bs = inBlossom[s]!;
        if (bs >= n) rebaseBlossom(bs, s);
        mate[s] = toPartner;
        if (labelEnd[bs] === -1) break;
        const bt = inBlossom[endpoint[labelEnd[bs]!]!]!;
        s = endpoint[labelEnd[bt]!]!;
        const entry = endpoint[labelEnd[bt]! ^ 1]!;
        if (bt >= n) rebaseBlossom(bt, entry);
        mate[entry] = labelEnd[bt]!;
        toPartner = labelEnd[bt]! ^ 1;
      }
    }
  };

  for (let stage = 0; stage < n; stage++) {
    label.fill(FREE);
    bestEdge.fill(-1);
    for (let b = n; b < 2 * n; b++) bestEdgesOf[b] = null;
    allowed.fill(0);
    queue.length = 0;
    for (let v = 0; v < n; v++) {
      if (mate[v] === -1 && label[inBlossom[v]!] === FREE) assignLabel(v, S, -1);
    }
    let augmented = false;
    for (;;) {
      while (queue.length > 0 && !augmented) {
        const v = queue.pop()!;
        for (let q = incidentStart[v]!; q < incidentStart[v + 1]!; q++) {
          const p = incident[q]!;
          const k = p >> 1;
          const w = endpoint[p]!;
          const bv = inBlossom[v]!;
          const bw = inBlossom[w]!;
          if (bv === bw) continue;
          let kslack = 0;
          if (!allowed[k]) {
            kslack = dual[v]! + dual[w]! - twiceWeight[k]!;
            if (kslack <= 0) allowed[k] = 1;
          }
          if (allowed[k]) {
            if (label[bw] === FREE) {
              assignLabel(w, T, p ^ 1);
            } else if (label[bw] === S) {
              const common = findCommonBase(v, w);
              if (common >= 0) {
                addBlossom(common, v, w, p);
              } else {
                augment(v, w, p);
                augmented = true;
                break;
              }
            } else if (label[w] === FREE) {
              // w sits inside a T-blossom: remember the tight edge in case that blossom is expanded this stage.
              label[w] = T;
              labelEnd[w] = p ^ 1;
            }
          } else if (label[bw] === S) {
            if (bestEdge[bv] === -1 || kslack < slack(bestEdge[bv]!)) bestEdge[bv] = k;
          } else if (label[w] === FREE) {
            if (bestEdge[w] === -1 || kslack < slack(bestEdge[w]!)) bestEdge[w] = k;
          }
        }
      }
      if (augmented) break;

      let deltaType = 1;
      let delta = Number.POSITIVE_INFINITY;
      let deltaEdge = -1;
      let deltaBlossom = -1;
      for (let v = 0; v < n; v++) if (dual[v]! < delta) delta = dual[v]!;
      for (let v = 0; v < n; v++) {
        if (label[inBlossom[v]!] === FREE && bestEdge[v] !== -1) {
          const d = slack(bestEdge[v]!);
          if (d < delta) {
            delta = d;
            deltaType = 2;
            deltaEdge = bestEdge[v]!;
          }
        }
      }
      for (let b = 0; b < 2 * n; b++) {
        if (parent[b] === -1 && base[b]! >= 0 && label[b] === S && bestEdge[b] !== -1) {
          const d = slack(bestEdge[b]!) / 2;
          if (d < delta) {
            delta = d;
            deltaType = 3;
            deltaEdge = bestEdge[b]!;
          }
        }
      }
      for (let b = n; b < 2 * n; b++) {
        if (base[b]! >= 0 && parent[b] === -1 && label[b] === T && dual[b]! < delta) {
          delta = dual[b]!;
          deltaType = 4;
          deltaBlossom = b;
        }
      }
      for (let v = 0; v < n; v++) {
        const l = label[inBlossom[v]!];
        if (l === S) dual[v]! -= delta;
        else if (l === T) dual[v]! += delta;
      }
      for (let b = n; b < 2 * n; b++) {
        if (base[b]! >= 0 && parent[b] === -1) {
          if (label[b] === S) dual[b]! += delta;
          else if (label[b] === T) dual[b]! -= delta;
        }
      }
      if (deltaType === 1) break;
      if (deltaType === 2) {
        allowed[deltaEdge] = 1;
        const a = endpoint[2 * deltaEdge]!;
        queue.push(label[inBlossom[a]!] === FREE ? endpoint[2 * deltaEdge + 1]! : a);
      } else if (deltaType === 3) {
        allowed[deltaEdge] = 1;
        queue.push(endpoint[2 * deltaEdge]!);
      } else {
        expandBlossom(deltaBlossom, false);
      }
    }
    if (!augmented) break;
    for (let b = n; b < 2 * n; b++) {
      if (parent[b] === -1 && base[b]! >= 0 && label[b] === S && dual[b] === 0) expandBlossom(b, true);
    }
  }

  for (let v = 0; v < n; v++) if (mate[v] !== -1) result[v] = endpoint[mate[v]!]!;
  return result;
}
