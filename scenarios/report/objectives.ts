// Section 1, Objectives: the scenario's own words (title, description, question), its
// outputs (the KPIs of the run with their results, or what it will report) and its options.
import type { ReportInput } from './input.ts';
import type { Scenario } from '../schema/scenario.ts';
import { splitKpiName } from '../kpis/catalogue.ts';
import { list, missing, table, text, type Block } from './document.ts';
import { difference, differenceUnit, estimate, kpiLabel, kpiUnit, plural } from './words.ts';
import { comparisonLookup } from './run-document.ts';

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
    const ed = edNote(s, !s.kpis?.length || s.kpis.some(isEd4h));
    return ed ? [...blocks, ed] : blocks;
  }
  const doc = run.doc;
  const names = Object.keys(doc.variants[0].kpis);
  const ed = edNote(s, names.some(isEd4h));
  if (ed) blocks.push(ed);
  blocks.push(table(`Results: mean [95% CI] over ${plural(doc.replications, 'replication')} of each option`,
    ['KPI', 'unit', ...doc.variants.map((v) => v.id === 'baseline' ? 'baseline' : v.name)],
    names.map((k) => [kpiLabel(k), kpiUnit(k), ...doc.variants.map((v) => estimate(k, v.kpis[k]))])));
  const others = doc.variants.slice(1);
  if (others.length && doc.comparisons.length) {
    const comparison = comparisonLookup(doc);
    const diff = (v: string, k: string) => {
      const c = comparison(v, k);
      return c ? difference(k, { mean: c.difference, ciLow: c.ciLow, ciHigh: c.ciHigh, unreliable: c.unreliable }) : '';
    };
    blocks.push(table('Differences from the baseline: each option minus the baseline, mean of the paired differences [95% CI] (common random numbers); a difference of shares in percentage points (pts)',
      ['KPI', 'unit', ...others.map((v) => v.name)], names.map((k) => [kpiLabel(k), differenceUnit(k), ...others.map((v) => diff(v.id, k))])));
  }
  return blocks;
}

const isEd4h = (k: string) => splitKpiName(k).metric === 'ed.4h';

/**
 * Whom the four-hour share counts: only the ED classes the scenario models, which may all
 * be admitted patients (winter-dgh's two are), while the NHS's published figure is of every
 * attendance, admitted or sent home from the department. A class is taken as admitted when
 * its pathway has an admit step and no branch (every patient who stays reaches the ward).
 */
function edNote(s: Scenario, reported: boolean): Block | undefined {
  const ed = s.classes.filter((c) => c.ed);
  if (!reported || ed.length === 0) return undefined;
  const name = (c: (typeof ed)[number]) => (c.name ? `${c.name} (${c.id})` : c.id);
  const steps = (c: (typeof ed)[number]) => (c.pathway ? s.pathways[c.pathway] ?? [] : []);
  const admitted = ed.filter((c) => steps(c).some((x) => x.do === 'admit') && !steps(c).some((x) => x.do === 'branch'));
  const whom = 'ED: the four-hour share counts only the attendances of the ED classes this scenario models, ' +
    `${ed.map(name).join(', ')}: not every attendance at the department, as the NHS's published four-hour figure does.`;
  if (admitted.length === ed.length)
    return text(`${whom} ${ed.length === 1 ? 'This class is' : 'Every one of these classes is'} admitted to a ward (its pathway has an admit step and no branch), so the share compares with a four-hour figure for admitted patients, not with the figure for all attendances.`);
  if (admitted.length > 0)
    return text(`${whom} Of these, ${admitted.map(name).join(', ')} ${admitted.length === 1 ? 'is' : 'are'} admitted to a ward (an admit step and no branch): the share mixes admitted and other attendances in the proportions the scenario models.`);
  return text(whom);
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
