/** Small deterministic hashing and a seeded PRNG: the engine never touches Math.random, so a seed replays a round. */

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A 32-bit finaliser (good avalanche), so nearby inputs give unrelated outputs. */
export function mix32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Symmetric in (a, b): the same pair gets the same value whichever side it is looked up from. */
export function pairHash(a: number, b: number, seed: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  return mix32(mix32(lo ^ seed) ^ Math.imul(hi, 0x9e3779b1));
}

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  next(): number;
  /** Uniform integer in [0, bound), for bound up to 2^32. */
  below(bound: number): number;
}

/** sfc32: tiny, fast, and passes PractRand far beyond what a weekly round needs. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    below: (bound: number): number => Math.floor((next() / 4294967296) * bound),
  };
}

/** Fisher–Yates in place with the given generator. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const swap = items[i]!;
    items[i] = items[j]!;
    items[j] = swap;
  }
  return items;
}
