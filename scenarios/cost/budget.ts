// What a replication that outgrew its budget (engine BudgetError) tells the user: which
// replication, the figure and the day, and — from the cost model's offered loads — the
// resource that cannot keep up, since that is nearly always why the queues grew.
import { grouped, type BudgetError } from '../../engine/core/errors.ts';
import { DAY } from '../../engine/hospital/week.ts';
import { instability, type Loads } from './load.ts';

/** `unstable`: the offered loads (a scenario's), or already in words (a reference case's stations). */
export function budgetMessage(e: BudgetError, unstable?: Loads | string): string {
  const what = e.budget === 'inSystem' ? `${grouped(e.limit)} patients in the system` : `${grouped(e.limit)} events`;
  const why = typeof unstable === 'string' ? unstable : unstable ? instability(unstable) : undefined;
  const cause = why ? `the model is unstable — ${why}`
    : e.budget === 'inSystem'
      ? 'no resource\'s offered load reaches its capacity in the cost model (which ignores waits and blocking), so look for patients blocking one another'
      : 'the model does more work than the limit allows';
  return `replication ${e.replication} exceeded ${what} on day ${Math.floor(e.time / DAY)}: ${cause} (if the model is right, raise with --limit ${e.budget}=N)`;
}

/**
 * A replication's failure as its runner reports it, naming where it ran (`of the baseline`,
 * `at beds=20`): "replication 3 of the baseline failed: …", or for a budget, whose message
 * already starts with the replication, "replication 3 of the baseline exceeded …".
 */
export function replicationFailure(k: number, where: string, e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  const own = `replication ${k} exceeded `;
  return new Error(message.startsWith(own) ? `replication ${k} ${where} exceeded ${message.slice(own.length)}` : `replication ${k} ${where} failed: ${message}`);
}
