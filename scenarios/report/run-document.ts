// A run document (`pathflow run --json`) read back: its comparisons found by variant and
// KPI, for the tables that show one per cell (the run's text table, a report's differences).
import type { RunResultDoc } from '../schema/run-result.ts';

type Comparison = RunResultDoc['comparisons'][number];

/**
 * The document's comparisons by variant and KPI (the first of each, as a search finds it):
 * a table with a cell per KPI and variant searched the whole list per cell, quadratic in
 * the KPIs (5,000 classes, 45,000 KPIs: 14 s of the text table's CPU, 70 s of a report's).
 */
export function comparisonLookup(doc: Pick<RunResultDoc, 'comparisons'>): (variant: string, kpi: string) => Comparison | undefined {
  const byVariant = new Map<string, Map<string, Comparison>>();
  for (const c of doc.comparisons) {
    let byKpi = byVariant.get(c.variant);
    if (!byKpi) byVariant.set(c.variant, (byKpi = new Map()));
    if (!byKpi.has(c.kpi)) byKpi.set(c.kpi, c);
  }
  return (variant, kpi) => byVariant.get(variant)?.get(kpi);
}
