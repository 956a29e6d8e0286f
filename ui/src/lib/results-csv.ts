// A run's results as a spreadsheet for a board paper: one row per measure and option, with
// the measure in words, where it is measured, its unit (times in the unit that fits them),
// the mean and 95% interval, and the paired difference from the baseline with its verdict.
// The measure's id is the last column, for whoever reruns it with the command line.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { infoOf, verdict, VERDICT_WORDS } from './kpi.ts';
import { fittingUnit, kpiWords, type NameBook } from './kpi-words.ts';

export const CSV_COLUMNS = ['Measure', 'Where', 'Unit', 'Option', 'Mean', '95% CI low', '95% CI high',
  'Difference from baseline', 'Difference 95% CI low', 'Difference 95% CI high', 'Verdict', 'Note', 'Measure id'];

const cell = (x: unknown): string => {
  if (x === null || x === undefined) return '';
  const s = typeof x === 'number' ? String(Number(x.toPrecision(6))) : String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function resultsCsv(result: RunResultDoc, names: NameBook = new Map()): string {
  const kpis = [...new Set(result.variants.flatMap((v) => Object.keys(v.kpis)))];
  const rows: unknown[][] = [CSV_COLUMNS];
  for (const kpi of kpis) {
    const info = infoOf(kpi);
    const words = kpiWords(kpi, names);
    const share = info.unit === 'fraction';
    const fit = fittingUnit(info.unit, result.variants.map((v) => v.kpis[kpi]?.mean));
    // Shares as percentages, as on screen; times in the unit that fits.
    const k = (share ? 100 : 1) * fit.factor;
    const unit = share ? '%' : fit.unit;
    const at = (x: number | null | undefined) => (x === null || x === undefined ? null : x * k);
    for (const v of result.variants) {
      const e = v.kpis[kpi];
      const d = result.comparisons.find((c) => c.variant === v.id && c.kpi === kpi);
      const said = d ? VERDICT_WORDS[verdict(kpi, d.difference, d.ciLow, d.ciHigh)] : '';
      const note = [e?.unreliable, d?.unreliable].filter(Boolean).join('; ');
      rows.push([words.label, words.where || 'whole scenario', unit, v.id === 'baseline' ? 'Baseline' : v.name,
        at(e?.mean), at(e?.ciLow), at(e?.ciHigh), at(d?.difference), at(d?.ciLow), at(d?.ciHigh), said, note, kpi]);
    }
  }
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
