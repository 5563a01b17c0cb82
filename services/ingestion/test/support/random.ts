/** A small seeded PRNG (mulberry32): every randomized test prints the seed that replays it. */
export interface Random {
  readonly seed: number;
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (probability) => next() < probability,
  };
};

/** TEST_SEED replays a run; otherwise a new seed, printed. */
export const testSeed = (name: string): number => {
  const fromEnv = process.env['TEST_SEED'];
  const seed = fromEnv ? Number(fromEnv) : Date.now() % 2 ** 31;
  console.log(`[seed] ${name}: ${seed} (replay with TEST_SEED=${seed})`);
  return seed;
};
