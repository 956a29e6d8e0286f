// Numbers and KPIs in the report's words: a KPI by its catalogue label and scope, an
// estimate as "mean [low, high]" in its unit (shares as percentages).
import { kpiInfo, splitKpiName } from '../kpis/catalogue.ts';
import type { RunResultDoc } from '../schema/run-result.ts';

type Estimate = RunResultDoc['variants'][number]['kpis'][string];

const sig = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-GB');

/** "wait for a bed, mean (dgh/medical)" */
export function kpiLabel(name: string): string {
  const { scope } = splitKpiName(name);
  const label = kpiInfo(name)?.label ?? splitKpiName(name).metric;
  return scope ? `${label} (${scope})` : label;
}

export const kpiUnit = (name: string): string => {
  const u = kpiInfo(name)?.unit ?? '';
  return u === 'fraction' ? '%' : u;
};

/** One value in the KPI's unit: a fraction as a percentage. */
export function value(name: string, x: number | null): string {
  if (x === null) return 'not measurable';
  return kpiInfo(name)?.unit === 'fraction' ? `${sig(x * 100)}%` : sig(x);
}

/** "12.3 [11.8, 12.9]" */
export function estimate(name: string, e: Estimate | undefined): string {
  if (!e || e.mean === null) return 'not measurable';
  const ci = e.ciLow === null || e.ciHigh === null ? '' : ` [${value(name, e.ciLow)}, ${value(name, e.ciHigh)}]`;
  return `${value(name, e.mean)}${ci}${e.unreliable ? ' †' : ''}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
