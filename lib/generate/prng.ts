/**
 * Deterministic pseudo-random numbers for the data generator.
 *
 * Two flavours: a counter-based hash (`hash32(seed, a, b, c)`), so a value depends only on its
 * coordinates (store, hour, salt) and never on the order things are generated in; and a small
 * sequential generator (sfc32) for per-store choices made once. Both are pure 32-bit integer
 * arithmetic, identical on every platform and Node version.
 */

/** A 32-bit avalanche mix (murmur3's finaliser). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uint32 that depends only on its arguments (integers). */
export function hash32(seed: number, a: number, b = 0, c = 0): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ Math.imul(a | 0, 0xcc9e2d51)) >>> 0);
  h = fmix32((h ^ Math.imul(b | 0, 0x1b873593)) >>> 0);
  h = fmix32((h ^ Math.imul(c | 0, 0xe6546b64)) >>> 0);
  return h;
}

/** hash32 as a float in [0, 1). */
export function hashUnit(seed: number, a: number, b = 0, c = 0): number {
  return hash32(seed, a, b, c) / 4294967296;
}

/** A uint32 hash of a string (FNV-1a), for seeding from store ids. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** A small, fast sequential PRNG (sfc32). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  constructor(seed: number, stream = 0) {
    this.a = hash32(seed, stream, 1);
    this.b = hash32(seed, stream, 2);
    this.c = hash32(seed, stream, 3);
    for (let i = 0; i < 12; i++) this.next();
  }
  /** A uint32. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** A float in [0, 1). */
  unit(): number {
    return this.next() / 4294967296;
  }
  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.unit() * (hi - lo + 1));
  }
  /** One of the items, by weight. */
  pick<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.unit() * total;
    for (const [v, w] of items) {
      if ((x -= w) < 0) return v;
    }
    return items[items.length - 1]![0];
  }
  /** Fisher–Yates in place. */
  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.unit() * (i + 1));
      [arr[i], arr[j]] = [arr[j]!, arr[i]!];
    }
    return arr;
  }
}
