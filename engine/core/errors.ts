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

/**
 * A replication stopped because it outgrew a budget its runner set (RunOptions.maxInSystem,
 * maxEvents): a model whose queues grow without end, or one far bigger than intended,
 * fails that replication with the figure rather than taking the process's memory or time.
 */
export class BudgetError extends RunError {
  constructor(
    readonly budget: 'inSystem' | 'events',
    readonly limit: number,
    readonly replication: number,
    time: number,
  ) {
    super(`replication ${replication} exceeded ${budget === 'inSystem' ? `${grouped(limit)} entities in the system` : `${grouped(limit)} events`} at t=${fmt(time)} h`, time);
    this.name = 'BudgetError';
  }
}

/** 1234567 → "1,234,567" (locale-independent, for messages). */
export function grouped(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const [int, frac] = String(Math.round(n * 1e6) / 1e6).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/** Formats a number for messages: integers as they are, others to 6 significant digits. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
