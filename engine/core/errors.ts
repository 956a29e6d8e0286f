// Errors a user can act on: each names where the problem is (a field path such as
// "pools.ward-a.capacity", or an entity and a time) and what was expected.

/** A model definition that cannot be built. `path` locates the offending field. */
export class ModelError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'ModelError';
  }
}

/** Something impossible happened while running, e.g. releasing a unit that is not held. */
export class RunError extends Error {
  constructor(message: string, readonly time: number) {
    super(message);
    this.name = 'RunError';
  }
}

/** Formats a number for messages: integers as they are, others to 6 significant digits. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
