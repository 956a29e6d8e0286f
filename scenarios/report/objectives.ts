// Section 1, Objectives: the scenario's own words (title, description, question), its
// outputs (the KPIs of the run with their results, or what it will report) and its options.
import type { ReportInput } from './input.ts';
import { list, missing, table, text, type Block } from './document.ts';
import { difference, differenceUnit, estimate, kpiLabel, kpiUnit, plural } from './words.ts';

export function purpose({ scenario: s }: ReportInput): Block[] {
  return [
    text(s.title),
    s.description ? text(s.description) : missing('a `description`: what the model represents and why it was built (the background and rationale).'),
  ];
}

export function outputs({ scenario: s, run }: ReportInput): Block[] {
  const how = text('Each KPI is measured in every replication over the measured window (after the warm-up), then reported as its mean over the replications with a 95% confidence interval (Student t). ' +
    'Shares are of the patients concerned; times in hours unless said; "†" marks an interval that should not be taken at face value (fewer than 5 replications, cut to the range of the KPI, or skewed replications).');
  const measures = s.measures.map((m) => `${m.name ?? m.id}: a time measured against its targets (KPIs measure.*[${m.id}])`);
  const blocks: Block[] = [how];
  if (measures.length) blocks.push(text('Measures the scenario defines:'), list(measures));
  if (!run) {
    blocks.push(s.kpis?.length
      ? list(s.kpis.map((k) => `${k}: ${kpiLabel(k)}${kpiUnit(k) ? `, ${kpiUnit(k)}` : ''}`))
      : text('The scenario does not restrict its KPIs (`kpis`): every KPI of the catalogue that applies to its wards, theatres, staff, waiting lists and classes is reported (docs/scenario-language.md). A run (`pathflow run --json`, given with --run) lists them with their results.'));
    return blocks;
  }
  const doc = run.doc;
  const names = Object.keys(doc.variants[0].kpis);
  blocks.push(table(`Results: mean [95% CI] over ${plural(doc.replications, 'replication')} of each option`,
    ['KPI', 'unit', ...doc.variants.map((v) => v.id === 'baseline' ? 'baseline' : v.name)],
    names.map((k) => [kpiLabel(k), kpiUnit(k), ...doc.variants.map((v) => estimate(k, v.kpis[k]))])));
  const others = doc.variants.slice(1);
  if (others.length && doc.comparisons.length) {
    const diff = (v: string, k: string) => {
      const c = doc.comparisons.find((x) => x.variant === v && x.kpi === k);
      return c ? difference(k, { mean: c.difference, ciLow: c.ciLow, ciHigh: c.ciHigh, unreliable: c.unreliable }) : '';
    };
    blocks.push(table('Differences from the baseline: each option minus the baseline, mean of the paired differences [95% CI] (common random numbers); a difference of shares in percentage points (pts)',
      ['KPI', 'unit', ...others.map((v) => v.name)], names.map((k) => [kpiLabel(k), differenceUnit(k), ...others.map((v) => diff(v.id, k))])));
  }
  return blocks;
}

export function aims({ scenario: s, run }: ReportInput): Block[] {
  const blocks: Block[] = [s.question ? text(s.question) : missing('a `question`: what the experiments are to answer for their users.')];
  const ran = run ? new Set(run.doc.variants.map((v) => v.id)) : undefined;
  const options = s.variants.map((v) => `${v.name} (${v.id})${v.description ? `: ${v.description}` : ''}${ran && !ran.has(v.id) ? ' — not in this run' : ''}`);
  blocks.push(options.length
    ? list(['Baseline: the scenario as written', ...options])
    : text('The scenario has no variants: only its base case is run.'));
  return blocks;
}
