// The run document as the text table `pathflow run` prints: a row per KPI with its unit,
// the baseline's mean [95% CI], and per variant its mean and its paired difference from
// the baseline; † marks an interval not to be taken at face value, explained below the
// table, then the run's warnings (serious first).
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { kpiInfo } from '../../scenarios/kpis/catalogue.ts';
import { largest } from '../../engine/core/extremes.ts';
import { comparisonLookup } from '../../scenarios/report/run-document.ts';

const DAGGER = '†';
const num = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const ci = (e: { mean: number | null; ciLow: number | null; ciHigh: number | null; unreliable?: string }) =>
  e.mean === null ? '—' : e.ciLow === null ? num(e.mean) : `${num(e.mean)} [${num(e.ciLow)}, ${num(e.ciHigh)}]${e.unreliable ? DAGGER : ''}`;
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${num(x)}`);

/** The run's table: each KPI's baseline estimate, each variant's, and its paired difference; then the footnotes to † and the warnings. */
export function runTable(s: Scenario, doc: RunResultDoc): string {
  const [base, ...others] = doc.variants;
  const header = ['KPI', 'unit', 'baseline mean [95% CI]', ...others.flatMap((v) => [`${v.id} mean [95% CI]`, `Δ ${v.id} [paired 95% CI]`])];
  // Every KPI any variant reports (a variant may add a list, a policy, a ward), baseline first.
  const names = [...new Set(doc.variants.flatMap((v) => Object.keys(v.kpis)))];
  // Each cell's comparison from a map, not a search of them all (quadratic in the KPIs).
  const comparison = comparisonLookup(doc);
  const rows = names.map((name) => {
    const info = kpiInfo(name);
    return [name, info?.unit ?? '', base.kpis[name] ? ci(base.kpis[name]) : '—', ...others.flatMap((v) => {
      const c = comparison(v.id, name);
      const d = c ? (c.ciLow === null ? signed(c.difference) : `${signed(c.difference)} [${signed(c.ciLow)}, ${signed(c.ciHigh)}]${c.unreliable ? DAGGER : ''}`) : '—';
      return [v.kpis[name] ? ci(v.kpis[name]) : '—', d];
    })];
  });
  const widths = header.map((h, k) => largest([h.length, ...rows.map((r) => r[k].length)]));
  const line = (r: string[]) => r.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  const title = `${s.title} — ${doc.replications} replications, seed ${doc.seed}, common random numbers\n`;
  return title + [line(header), ...rows.map(line)].join('\n') + '\n' + unreliableLines(doc) + warningLines(doc);
}

/** Footnotes lines at most: the rest are in the JSON document. */
const MAX_NOTES = 12;

/** The footnote to † marks: why each interval is unreliable (a reason every one shares, once). */
function unreliableLines(doc: RunResultDoc): string {
  const marked = [
    ...doc.variants.flatMap((v) => Object.entries(v.kpis).filter(([, e]) => e.unreliable).map(([kpi, e]) => ({ where: `${kpi} (${v.id})`, why: e.unreliable! }))),
    ...doc.comparisons.filter((c) => c.unreliable).map((c) => ({ where: `Δ ${c.kpi} (${c.variant})`, why: c.unreliable! })),
  ];
  if (marked.length === 0) return '';
  const first = (why: string) => why.split('; ')[0];
  const shared = marked.every((m) => first(m.why) === first(marked[0].why)) && marked.length > 1 ? first(marked[0].why) : undefined;
  const rest = marked.map((m) => ({ ...m, why: shared ? m.why.split('; ').slice(1).join('; ') : m.why })).filter((m) => m.why);
  const lines = [`\n${DAGGER} unreliable interval${shared ? `: every one here, ${shared}` : 's'}${rest.length ? (shared ? '; and' : ':') : ''}`];
  for (const m of rest.slice(0, MAX_NOTES)) lines.push(`  ${m.where}: ${m.why}`);
  if (rest.length > MAX_NOTES) lines.push(`  … and ${rest.length - MAX_NOTES} more ("unreliable" in --json)`);
  return lines.join('\n') + '\n';
}

/** The run's warnings, serious first, each with the option it concerns. */
export function warningLines(doc: RunResultDoc): string {
  if (doc.warnings.length === 0) return '';
  const serious = doc.warnings.filter((w) => w.severity === 'serious').length;
  const head = `\nWarnings (${[serious ? `${serious} serious` : '', doc.warnings.length - serious ? `${doc.warnings.length - serious} caution` : ''].filter(Boolean).join(', ')}):`;
  const run = doc.variants.length > 1 ? 'every option' : doc.variants[0].id;
  return [head, ...doc.warnings.map((w) => `  [${w.severity}] ${w.variant ?? run}: ${w.message}`)].join('\n') + '\n';
}

