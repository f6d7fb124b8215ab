// A small seeded PRNG (mulberry32): generation must be reproducible from a seed, and
// Math.random is not seedable.
export type Rng = {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  hex(length: number): string;
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('rng.pick: empty list');
      return items[int(items.length)] as T;
    },
    chance: (p) => next() < p,
    hex(length) {
      // 8 hex digits per draw: ids are the bulk of the random bytes in a generated pod
      let out = '';
      while (out.length < length) out += Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
  };
}

/** Kubernetes-style random suffix (consonants and digits, as the name generator uses). */
export function nameSuffix(rng: Rng, length = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

/** Deterministic RFC 4122-shaped uid from the rng. */
export function uid(rng: Rng): string {
  return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
}
