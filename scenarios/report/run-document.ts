// A run document (`pathflow run --json`) read back for a report, held against the scenario
// it says it ran: a report prints its numbers beside the scenario's words and writes the
// command that reproduces it, so a document the scenario could not have produced is
// refused, not reported. A variant the scenario does not have made a report whose
// "reproduce" command failed ("unknown variant"); 200,000 of them took minutes and 4 GB;
// an interval written upside down (5 [10, -10]) was printed as it came.
import type { Issue } from '../errors.ts';
import type { RunResultDoc } from '../schema/run-result.ts';
import type { Scenario } from '../schema/scenario.ts';

/** Issues found at most before the rest are only counted. */
const MAX_ISSUES = 20;

/** What in `doc` the scenario `s` could not have produced, each at its path in the document (empty: none). */
export function runDocumentIssues(s: Scenario, doc: RunResultDoc): Issue[] {
  const issues: Issue[] = [];
  let more = 0;
  const say = (path: PropertyKey[], message: string) => { if (issues.length < MAX_ISSUES) issues.push({ path, message }); else more++; };
  const known = s.variants.map((v) => v.id);
  const options = `its options: baseline${known.length ? `, ${known.join(', ')}` : ''}`;

  const ran = new Map<string, number>();
  doc.variants.forEach((v, i) => {
    if (i === 0 && v.id !== 'baseline') say(['variants', 0, 'id'], `expected "baseline" first (the base scenario), got "${v.id}"`);
    else if (i > 0 && !known.includes(v.id))
      say(['variants', i, 'id'], v.id === 'baseline' ? 'the baseline comes first, and once' : `scenario "${s.id}" has no variant "${v.id}" (${options})`);
    else if (ran.has(v.id)) say(['variants', i, 'id'], `variant "${v.id}" is given twice (also variants[${ran.get(v.id)}])`);
    if (!ran.has(v.id)) ran.set(v.id, i);
    for (const [kpi, e] of Object.entries(v.kpis)) {
      const wrong = misordered(e.ciLow, e.mean, e.ciHigh);
      if (wrong) say(['variants', i, 'kpis', kpi], `${wrong} (mean ${e.mean}, interval [${e.ciLow}, ${e.ciHigh}])`);
    }
  });
  doc.comparisons.forEach((c, i) => {
    if (c.variant === 'baseline' || !ran.has(c.variant)) say(['comparisons', i, 'variant'], `"${c.variant}" is not a variant of this run (variants: ${[...ran.keys()].slice(1).join(', ') || 'none'})`);
    const wrong = misordered(c.ciLow, c.difference, c.ciHigh);
    if (wrong) say(['comparisons', i], `${wrong} (difference ${c.difference}, interval [${c.ciLow}, ${c.ciHigh}])`);
  });
  (doc.replicationKpis ?? []).forEach((r, i) => {
    if (!ran.has(r.variant)) say(['replicationKpis', i, 'variant'], `"${r.variant}" is not an option of this run (options: ${[...ran.keys()].join(', ')})`);
    if (r.replication >= doc.replications) say(['replicationKpis', i, 'replication'], `expected a replication below the run's ${doc.replications}, got ${r.replication}`);
  });
  if (more > 0) issues.push({ path: [], message: `… and ${more.toLocaleString('en-GB')} more errors: correct these first` });
  return issues;
}

/**
 * Why an estimate and its interval cannot be one the run made (undefined: they can): the
 * interval's ends in order, and the estimate within them. A run cuts an interval to the
 * KPI's range, never past its own estimate; the slack is for rounding only.
 */
function misordered(lo: number | null, mid: number | null, hi: number | null): string | undefined {
  if (lo === null || hi === null) return undefined;
  const slack = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
  if (lo > hi + slack) return 'the interval\'s lower end is above its upper end';
  if (mid !== null && (mid < lo - slack || mid > hi + slack)) return 'the estimate lies outside its interval';
  return undefined;
}

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
