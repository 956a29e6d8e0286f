// The comparison's charts as Plotly figures, built from the run's result document only
// (no numbers of our own). Pure functions, tested without a browser. Every bar and point
// carries its 95% confidence interval as an error bar or band.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { infoOf, metricOf, scopeOf, seriesInfo } from '../../lib/kpi.ts';
import { kpiNames } from '../../lib/key-measures.ts';
import { fittingUnit, kpiLabel as kpiWordsLabel, placeWords, unitWords, type NameBook } from '../../lib/kpi-words.ts';

export interface Figure { data: Record<string, unknown>[]; layout: Record<string, unknown>; empty?: string }
type Variant = RunResultDoc['variants'][number];
type Estimate = Variant['kpis'][string];

import { colourOf } from '../../lib/palette.ts';

/** An option's name as shown: the result calls the base "baseline". */
export const optionName = (v: { id: string; name: string }) => (v.id === 'baseline' ? 'Baseline' : v.name);

const isShare = (unit: string) => unit === 'fraction';
const scale = (unit: string) => (isShare(unit) ? 100 : 1);
const axisUnit = (unit: string) => (isShare(unit) ? '%' : unitWords(unit));
const NO_NAMES: NameBook = new Map();


/** A KPI in words, with the scenario's names for its place (lib/kpi-words.ts). */
export function kpiLabel(name: string, names: NameBook = NO_NAMES): string {
  return kpiWordsLabel(name, names);
}

function errorBars(ests: (Estimate | undefined)[], k: number) {
  return {
    type: 'data', symmetric: false, visible: true, thickness: 2, width: 6,
    array: ests.map((e) => (e && e.mean !== null && e.ciHigh !== null ? (e.ciHigh - e.mean) * k : null)),
    arrayminus: ests.map((e) => (e && e.mean !== null && e.ciLow !== null ? (e.mean - e.ciLow) * k : null)),
  };
}

/** Bars per variant for KPIs sharing one unit, each with its 95% CI. */
export function kpiBars(result: RunResultDoc, names: string[], opts: { title: string; horizontal?: boolean; transform?: (name: string, e: Estimate) => Estimate; labelOf?: (name: string) => string; names?: NameBook }): Figure {
  const present = names.filter((n) => result.variants.some((v) => v.kpis[n]?.mean !== null && v.kpis[n] !== undefined));
  if (present.length === 0) return { data: [], layout: {}, empty: 'This run reports none of these measures.' };
  const catalogueUnit = infoOf(present[0]).unit;
  // Times in the unit that fits them all (minutes, hours, days or weeks).
  const shown = fittingUnit(catalogueUnit, result.variants.flatMap((v) => present.map((n) => v.kpis[n]?.mean)));
  const unit = shown.factor === 1 ? catalogueUnit : shown.unit;
  const k = scale(catalogueUnit) * shown.factor;
  const labels = present.map((n) => (opts.labelOf ?? ((x: string) => kpiLabel(x, opts.names)))(n));
  const data = result.variants.map((v, i) => {
    const ests = present.map((n) => (v.kpis[n] && opts.transform ? opts.transform(n, v.kpis[n]) : v.kpis[n]));
    const values = ests.map((e) => (e?.mean === null || e === undefined ? null : e.mean * k));
    const errors = errorBars(ests, k);
    return opts.horizontal
      ? { type: 'bar', orientation: 'h', name: optionName(v), y: labels, x: values, error_x: errors, marker: { color: colourOf(i) } }
      : { type: 'bar', name: optionName(v), x: labels, y: values, error_y: errors, marker: { color: colourOf(i) } };
  });
  const valueAxis = { title: { text: axisUnit(unit) }, rangemode: 'tozero', ...(isShare(unit) ? { ticksuffix: '%' } : {}) };
  return {
    data,
    layout: {
      title: { text: opts.title }, barmode: 'group',
      ...(opts.horizontal ? { xaxis: valueAxis, yaxis: { automargin: true, autorange: 'reversed' } } : { yaxis: valueAxis, xaxis: { automargin: true } }),
      height: opts.horizontal ? Math.max(300, 150 + present.length * (14 + 22 * result.variants.length)) : 440,
    },
  };
}

/** KPI names of the result whose metric is one of `metrics`, grouped by unit (one chart per unit). */
export function byUnit(result: RunResultDoc, metrics: readonly string[]): { unit: string; names: string[] }[] {
  const names = kpiNames(result).filter((n) => metrics.includes(metricOf(n)));
  const units: { unit: string; names: string[] }[] = [];
  for (const n of names) {
    const unit = infoOf(n).unit;
    const g = units.find((u) => u.unit === unit);
    if (g) g.names.push(n); else units.push({ unit, names: [n] });
  }
  return units;
}

export const ACTIVITY = ['throughput', 'elective.operated', 'completed'];
export const WAITS = ['wait.mean', 'wait.p90', 'ed.time.mean', 'time.mean', 'elective.rtt.mean', 'elective.rtt.p95'];
export const EVENTS = ['elective.cancelled', 'elective.cancelled.noBed', 'mutualAid.transfers', 'list.over52w', 'readmissions', 'delayed.bedDays', 'elective.delayed.bedDays'];
export const BREACHES = ['ed.4h', 'occupancy.above95', 'occupancy.above85', 'left.unseen'];
export const UTILISATION = ['occupancy.mean', 'theatre.utilisation', 'staff.utilisation'];

/** ED 4-hour performance is reported as the share within 4 hours; a breach is the rest. */
export function asBreach(name: string, e: Estimate): Estimate {
  if (metricOf(name) !== 'ed.4h') return e;
  const flip = (x: number | null) => (x === null ? null : 1 - x);
  return { mean: flip(e.mean), ciLow: flip(e.ciHigh), ciHigh: flip(e.ciLow) };
}
export const breachLabel = (name: string, names: NameBook = NO_NAMES) => {
  const where = placeWords(name, names);
  return metricOf(name) === 'ed.4h' ? `ED patients over 4 hours (breaches)${where ? ` — ${where}` : ''}` : kpiLabel(name, names);
};

/** Rows of the spread of waits at most. */
export const MAX_WAIT_ROWS = 60;

const QUANTILES: { family: string; members: { metric: string; label: string }[] }[] = [
  { family: 'wait', members: [{ metric: 'wait.p50', label: 'median' }, { metric: 'wait.mean', label: 'mean' }, { metric: 'wait.p90', label: '90th centile' }, { metric: 'wait.p95', label: '95th centile' }] },
  { family: 'time in system', members: [{ metric: 'time.p50', label: 'median' }, { metric: 'time.mean', label: 'mean' }, { metric: 'time.p90', label: '90th centile' }, { metric: 'time.p95', label: '95th centile' }] },
  { family: 'referral to treatment', members: [{ metric: 'elective.rtt.mean', label: 'mean' }, { metric: 'elective.rtt.p95', label: '95th centile' }] },
  { family: 'time in ED', members: [{ metric: 'ed.time.mean', label: 'mean' }] },
];

/**
 * The result holds summary quantiles of each wait (mean, median, 90th, 95th centile; each
 * a mean over replications with its CI), not every patient's wait: so the distribution is
 * drawn as those quantiles side by side, one row of markers per variant, not as a box.
 */
export function waitDistribution(result: RunResultDoc, book: NameBook = NO_NAMES): Figure {
  const names = kpiNames(result);
  const has = new Set(names);
  const categories: { name: string; label: string; unit: string }[] = [];
  for (const q of QUANTILES) {
    const scopes = [...new Set(names.filter((n) => q.members.some((m) => m.metric === metricOf(n))).map((n) => n.slice(n.indexOf('['))))];
    for (const s of scopes) for (const m of q.members) {
      const name = `${m.metric}${s}`;
      if (has.has(name)) categories.push({ name, label: `${q.family}${placeWords(name, book) ? ` — ${placeWords(name, book)}` : ''}: ${m.label}`, unit: infoOf(name).unit });
    }
  }
  if (categories.length === 0) return { data: [], layout: {}, empty: 'This run reports no waits or times.' };
  // One unit per chart: the most common one (hours in most scenarios).
  const counts = new Map<string, number>();
  for (const c of categories) counts.set(c.unit, (counts.get(c.unit) ?? 0) + 1);
  const unit = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const all = categories.filter((c) => c.unit === unit);
  // A row a quantile: a model of thousands of sites would draw a chart tens of thousands of rows tall.
  const cats = all.slice(0, MAX_WAIT_ROWS);
  const shown = fittingUnit(unit, result.variants.flatMap((v) => cats.map((c) => v.kpis[c.name]?.mean)));
  const data = result.variants.map((v, i) => ({
    type: 'scatter', mode: 'markers', name: optionName(v),
    x: cats.map((c) => { const m = v.kpis[c.name]?.mean; return m === null || m === undefined ? null : m * shown.factor; }), y: cats.map((c) => c.label),
    error_x: errorBars(cats.map((c) => v.kpis[c.name]), shown.factor),
    marker: { color: colourOf(i), size: 12, symbol: ['circle', 'diamond', 'square', 'triangle-up', 'x'][i % 5] },
  }));
  return {
    data,
    layout: {
      title: { text: `Spread of waits (${shown.unit})${all.length > cats.length ? `: the first ${cats.length} of ${all.length.toLocaleString('en-GB')} (the table below has every one)` : ''}` },
      xaxis: { title: { text: shown.unit }, rangemode: 'tozero' },
      yaxis: { automargin: true, autorange: 'reversed' },
      height: Math.max(320, 80 + cats.length * 34),
    },
  };
}

/** Names of the daily series in the result (beds in use, queue length, list size), once each. */
export function seriesNames(result: RunResultDoc): string[] {
  return [...new Set((result.series?.lines ?? []).map((l) => l.name))];
}

/** "Beds in use (beds) — dgh / medical": the catalogue's words and unit (results saved before the renaming included). */
export function seriesLabel(name: string, names: NameBook = NO_NAMES): string {
  const info = seriesInfo(name);
  const where = placeWords(name, names);
  const what = info ? `${info.label[0].toUpperCase()}${info.label.slice(1)} (${info.unit})` : name;
  return `${what}${where ? ` — ${where}` : ''}`;
}

/** One daily series per variant: the mean line inside its 95% band; the warm-up shaded. */
export function seriesFigure(result: RunResultDoc, name: string, names: NameBook = NO_NAMES): Figure {
  const s = result.series;
  const lines = (s?.lines ?? []).filter((l) => l.name === name);
  if (!s || lines.length === 0) return { data: [], layout: {}, empty: 'This run has no daily series.' };
  const data: Record<string, unknown>[] = [];
  lines.forEach((l) => {
    const i = result.variants.findIndex((v) => v.id === l.variant);
    const colour = colourOf(Math.max(0, i));
    const vname = result.variants[i] ? optionName(result.variants[i]) : l.variant;
    const days = s.days.slice(0, l.mean.length);
    data.push({ type: 'scatter', mode: 'lines', x: days, y: l.ciHigh, line: { width: 0 }, hoverinfo: 'skip', showlegend: false, legendgroup: l.variant });
    data.push({ type: 'scatter', mode: 'lines', x: days, y: l.ciLow, line: { width: 0 }, fill: 'tonexty', fillcolor: `${colour}33`, hoverinfo: 'skip', showlegend: false, legendgroup: l.variant });
    data.push({ type: 'scatter', mode: 'lines', name: vname, x: days, y: l.mean, line: { color: colour, width: 2.5 }, legendgroup: l.variant });
  });
  return {
    data,
    layout: {
      title: { text: seriesLabel(name, names) },
      xaxis: { title: { text: 'day of the run' } },
      yaxis: { title: { text: seriesInfo(name)?.unit ?? '' }, rangemode: 'tozero' },
      shapes: s.warmupDays > 0 ? [{ type: 'rect', xref: 'x', yref: 'paper', x0: 0, x1: s.warmupDays, y0: 0, y1: 1, fillcolor: '#999', opacity: 0.15, line: { width: 0 } }] : [],
      annotations: s.warmupDays > 0 ? [{ x: s.warmupDays / 2, y: 1, xref: 'x', yref: 'paper', text: 'warm-up', showarrow: false, yanchor: 'bottom' }] : [],
      height: 420,
    },
  };
}

/** Quality KPIs a productivity chart can use, the most telling first. */
export function qualityChoices(result: RunResultDoc): string[] {
  const names = kpiNames(result).filter((n) => infoOf(n).group === 'quality' && infoOf(n).better !== 'neither');
  const rank = (n: string) => {
    const order = ['ed.4h', 'elective.rtt.mean', 'wait.mean', 'list.within18w', 'elective.cancelled', 'time.mean'];
    const i = order.indexOf(metricOf(n));
    return (i < 0 ? order.length : i) + (scopeOf(n) === 'all' ? 0 : 0.5);
  };
  return names.sort((a, b) => rank(a) - rank(b));
}

/** Weighted activity per £ against a quality measure, one point per variant with both CIs. */
export function productivityScatter(result: RunResultDoc, quality: string | undefined, names: NameBook = NO_NAMES): Figure {
  const prod = kpiNames(result).find((n) => metricOf(n) === 'productivity');
  if (!prod) return { data: [], layout: {}, empty: 'This scenario does not report productivity (add “productivity” to its KPIs and give costs and tariffs).' };
  if (!quality) return { data: [], layout: {}, empty: 'This run reports no quality measure to set productivity against.' };
  const qi = infoOf(quality);
  const k = scale(qi.unit);
  const data = result.variants.map((v, i) => {
    const x = v.kpis[prod], y = v.kpis[quality];
    return {
      type: 'scatter', mode: 'markers+text', name: optionName(v), text: [optionName(v)], textposition: 'top center', cliponaxis: false,
      x: [x?.mean ?? null], y: [y?.mean === null || y === undefined ? null : y.mean * k],
      error_x: errorBars([x], 1), error_y: errorBars([y], k),
      marker: { color: colourOf(i), size: 16 },
    };
  });
  return {
    data,
    layout: {
      title: { text: `Productivity against ${kpiLabel(quality, names)} (${qi.better} is better)` },
      xaxis: { title: { text: 'weighted activity per £ (higher is more productive)' } },
      yaxis: { automargin: true, title: { text: `${kpiLabel(quality, names)} (${axisUnit(qi.unit)})` }, ...(isShare(qi.unit) ? { ticksuffix: '%' } : {}) },
      height: 460, showlegend: true,
    },
  };
}
