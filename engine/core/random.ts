// Random streams: one independent generator per named source of randomness.
//
// A stream is derived from (master seed, replication index, stream name) and nothing
// else, so replication k gives the same numbers in any process, worker or browser, and
// adding a stream never shifts another. Two variants of a scenario that share a stream
// name share its numbers (common random numbers).
//
// Alea (seedrandom) was measured fastest of seedrandom's generators here (~140 M/s,
// twice xor128); its period (~2^116) is ample for one replication.
import seedrandom from 'seedrandom';

/** A uniform generator on [0, 1). */
export type Rng = () => number;

export function stream(seed: number, replication: number, name: string): Rng {
  // seedrandom seeds Alea (Baagøe's Mash of the key); the generator itself is Alea's step
  // written here on a Float64Array, operation for operation, so the numbers are seedrandom's
  // to the last bit (test/engine/core/random.test.ts). seedrandom's keeps its state in an
  // object's fields, each double a separate box V8 reads and writes through a pointer; this
  // is the engine's most called function.
  const seeded = (seedrandom.alea(`${seed}/${replication}/${name}`, { state: true }) as unknown as { state(): AleaState }).state();
  const st = new Float64Array([seeded.s0, seeded.s1, seeded.s2, seeded.c]);
  return () => {
    const t = 2091639 * st[0] + st[3] * 2.3283064365386963e-10; // 2^-32
    const c = t | 0;
    st[0] = st[1];
    st[1] = st[2];
    st[3] = c;
    return (st[2] = t - c);
  };
}

interface AleaState { c: number; s0: number; s1: number; s2: number }

/** A source of named streams for one replication; asking twice for a name gives one stream. */
export class Streams {
  private readonly made = new Map<string, Rng>();
  constructor(readonly seed: number, readonly replication: number) {}
  get(name: string): Rng {
    let rng = this.made.get(name);
    if (rng === undefined) {
      rng = stream(this.seed, this.replication, name);
      this.made.set(name, rng);
    }
    return rng;
  }
}
