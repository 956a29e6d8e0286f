// Which of a run's measures a decision reads first (the key measures): the results'
// first chart, the measures a precision run judges by default, the run bar's choices.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { metricOf, scopeOf } from './kpi.ts';

/** Names present in the result, in the order they first appear. */
export function kpiNames(result: RunResultDoc): string[] {
  const seen = new Set<string>();
  for (const v of result.variants) for (const k of Object.keys(v.kpis)) seen.add(k);
  return [...seen];
}

/** Metrics in the order a decision reads them, by kind; the first found of each kind are shown. */
const QUALITY = ['ed.4h', 'elective.rtt.mean', 'list.over52w', 'measure.within', 'wait.mean', 'referral.wait.mean', 'list.within18w', 'time.mean', 'elective.cancelled'];
const ACTIVITY = ['throughput', 'elective.operated', 'appointments', 'scans', 'completed'];
const RESOURCE = ['occupancy.mean', 'theatre.utilisation', 'staff.utilisation', 'clinic.utilisation', 'scanner.utilisation'];
const COST = ['cost.total', 'productivity'];

/** For a metric, the scenario-wide KPI if there is one, else its first scope in the result. */
function pick(names: readonly string[], metrics: readonly string[], want: number): string[] {
  const out: string[] = [];
  for (const m of metrics) {
    if (out.length >= want) break;
    const of = names.filter((n) => metricOf(n) === m);
    const chosen = of.find((n) => scopeOf(n) === 'all') ?? of[0];
    if (chosen) out.push(chosen);
  }
  return out;
}

/** The main KPIs of a result: up to three of quality, one each of activity, beds or staff, and cost. */
export function keyKpis(result: RunResultDoc): string[] {
  const names = kpiNames(result).filter((n) => result.variants.some((v) => typeof v.kpis[n]?.mean === 'number'));
  return [...pick(names, QUALITY, 3), ...pick(names, ACTIVITY, 1), ...pick(names, RESOURCE, 1), ...pick(names, COST, 1)];
}
