// Numbers and KPIs in the report's words: a KPI by its catalogue label and scope, an
// estimate as "mean [low, high]" in its unit (shares as percentages), a difference from
// the baseline signed, shares' differences in percentage points: 81.1% → 46.0% is
// "−35.1 pts", which "−35.1%" would let a reader take for a relative change (−43%).
import { kpiInfo, splitKpiName } from '../kpis/catalogue.ts';
import type { RunResultDoc } from '../schema/run-result.ts';

type Estimate = RunResultDoc['variants'][number]['kpis'][string];

const sig = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-GB');
const isShare = (name: string) => kpiInfo(name)?.unit === 'fraction';

/** The minus sign the project prints before a negative difference (the app's too: ui/src/lib/format.ts). */
export const MINUS = '−';

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

/** The unit of a difference of the KPI: a share's in percentage points, the rest in the KPI's unit. */
export const differenceUnit = (name: string): string => (isShare(name) ? 'percentage points' : kpiUnit(name));

/** One value in the KPI's unit: a fraction as a percentage. */
export function value(name: string, x: number | null): string {
  if (x === null) return 'not measurable';
  return isShare(name) ? `${sig(x * 100)}%` : sig(x);
}

/** "12.3 [11.8, 12.9]" */
export function estimate(name: string, e: Estimate | undefined): string {
  if (!e || e.mean === null) return 'not measurable';
  const ci = e.ciLow === null || e.ciHigh === null ? '' : ` [${value(name, e.ciLow)}, ${value(name, e.ciHigh)}]`;
  return `${value(name, e.mean)}${ci}${e.unreliable ? ' †' : ''}`;
}

/** A difference as a signed number in the difference's unit (differenceUnit): "+2.39", "−35.1", "0". */
function signed(name: string, x: number): string {
  const n = sig(Math.abs(isShare(name) ? x * 100 : x));
  return n === '0' ? '0' : `${x < 0 ? MINUS : '+'}${n}`;
}

/**
 * A paired difference from the baseline with its interval, every number signed: "−35.1 pts
 * [−40, −30.1]" for a share (points named once, after the mean; the interval is in the
 * same points), "+1.13 [+0.835, +1.42]" otherwise, in differenceUnit.
 */
export function difference(name: string, d: Estimate | undefined): string {
  if (!d || d.mean === null) return 'not measurable';
  const ci = d.ciLow === null || d.ciHigh === null ? '' : ` [${signed(name, d.ciLow)}, ${signed(name, d.ciHigh)}]`;
  return `${signed(name, d.mean)}${isShare(name) ? ' pts' : ''}${ci}${d.unreliable ? ' †' : ''}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
