// The run document as CSV: one row per variant and KPI, with its unit, which direction is
// better, the estimate and the paired difference from the baseline (what a spreadsheet
// needs; the daily series and warnings are in the JSON document).
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { kpiInfo } from '../../scenarios/kpis/catalogue.ts';

export function csv(doc: RunResultDoc): string {
  const q = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const v = (x: number | null) => (x === null ? '' : String(x));
  const lines = ['variant,kpi,unit,better,mean,ciLow,ciHigh,difference,diffCiLow,diffCiHigh,unreliable,diffUnreliable'];
  for (const variant of doc.variants) {
    for (const [name, e] of Object.entries(variant.kpis)) {
      const info = kpiInfo(name);
      const c = doc.comparisons.find((x) => x.variant === variant.id && x.kpi === name);
      lines.push([q(variant.id), q(name), q(info?.unit ?? ''), info?.better ?? '', v(e.mean), v(e.ciLow), v(e.ciHigh),
        v(c?.difference ?? null), v(c?.ciLow ?? null), v(c?.ciHigh ?? null), q(e.unreliable ?? ''), q(c?.unreliable ?? '')].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Every replication's KPIs (the document's replicationKpis): a row per variant and replication, a column per KPI (empty where a variant has no such KPI or it was not measurable). */
export function replicationCsv(doc: RunResultDoc): string {
  const rows = doc.replicationKpis ?? [];
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.kpis)))];
  const q = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const lines = [['variant', 'replication', ...names].map(q).join(',')];
  for (const r of rows) lines.push([q(r.variant), String(r.replication), ...names.map((n) => (r.kpis[n] === null || r.kpis[n] === undefined ? '' : String(r.kpis[n])))].join(','));
  return lines.join('\n') + '\n';
}
