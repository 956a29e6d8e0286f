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
  return seedrandom.alea(`${seed}/${replication}/${name}`) as Rng;
}

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
