// Which KPIs and daily series a compiled scenario reports, known before an experiment runs,
// so that a mistyped KPI name is an error at once rather than after a long sweep. The names
// depend mostly on the model's structure (classes, wards, lists, the scenario's `kpis`), so
// a one-day run without warm-up gives nearly all of them; a few appear only once something
// happens (referral-to-treatment of one clinical priority, a wait for a skill), so a name
// whose metric the probe reports under another scope is checked again on the results.
import type { HospitalModel } from '../../scenarios/compile/compile.ts';
import { DAY } from '../../engine/hospital/week.ts';
import { runOne } from '../replicate.ts';

export interface OutputNames {
  /** `metric[scope]`, in the order runs report them. */
  kpis: string[];
  /** `beds.inUse[site/ward]`, `queue.length[site/ward]`, `list.size[list]`. */
  series: string[];
}

export function outputNames(h: HospitalModel): OutputNames {
  const r = runOne({ ...h, warmup: 0, horizon: DAY }, 1, 0, true);
  return { kpis: Object.keys(r.kpis), series: Object.keys(r.series) };
}

/**
 * Whether `name` is reported: 'yes' if the probe saw it, 'maybe' if the probe saw its
 * metric under another scope (it may appear once the run has patients), else 'no'.
 */
export function isKnown(name: string, known: readonly string[]): 'yes' | 'maybe' | 'no' {
  if (known.includes(name)) return 'yes';
  const metric = /^([^[]+)\[.*\]$/.exec(name)?.[1];
  return metric !== undefined && known.some((k) => k.startsWith(`${metric}[`)) ? 'maybe' : 'no';
}

/** "unknown KPI …" with the names that exist, grouped by metric so a long list stays readable. */
export function unknownName(kind: 'KPI' | 'series', name: string, known: readonly string[]): string {
  const byMetric = new Map<string, string[]>();
  for (const k of known) {
    const m = /^([^[]+)(\[.*\])$/.exec(k);
    const [metric, scope] = m ? [m[1], m[2]] : [k, ''];
    byMetric.set(metric, [...(byMetric.get(metric) ?? []), scope]);
  }
  const lines = [...byMetric].map(([metric, scopes]) => `    ${metric}${scopes.length === 1 ? scopes[0] : `[${scopes.map((s) => s.slice(1, -1)).join(' | ')}]`}`);
  return `unknown ${kind} "${name}"; this scenario reports:\n${lines.join('\n')}`;
}
