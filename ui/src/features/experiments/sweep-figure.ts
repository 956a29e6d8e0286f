// A sweep's KPI against the parameter as a Plotly figure: the mean as a line with markers
// inside its 95% band (the confidence interval at each point), built from the sweep's
// document only. Pure, tested without a browser.
import type { SeekDoc, SweepDoc } from './experiment-api.ts';
import { isShare, kpiLabel, unitOf, type NameBook } from '../../lib/kpi-words.ts';

export interface Figure { data: Record<string, unknown>[]; layout: Record<string, unknown>; empty?: string }

const BLUE = '#0072B2';

export function sweepFigure(doc: SweepDoc, kpi: string, parameterLabel: string, names?: NameBook): Figure {
  const k = isShare(kpi) ? 100 : 1;
  const xs = doc.points.map((p) => p.values[0]);
  const est = doc.points.map((p) => p.kpis[kpi]);
  if (est.every((e) => e?.mean === null || e === undefined)) return { data: [], layout: {}, empty: `No replication measured ${kpiLabel(kpi, names)} at any point.` };
  const scaled = (x: number | null | undefined) => (x === null || x === undefined ? null : x * k);
  const unit = unitOf(kpi);
  return {
    data: [
      // The band: the upper bound, then the lower filled up to it.
      { type: 'scatter', mode: 'lines', x: xs, y: est.map((e) => scaled(e?.ciHigh)), line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
      { type: 'scatter', mode: 'lines', x: xs, y: est.map((e) => scaled(e?.ciLow)), line: { width: 0 }, fill: 'tonexty', fillcolor: `${BLUE}33`, name: '95% confidence band', hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines+markers', x: xs, y: est.map((e) => scaled(e?.mean)), line: { color: BLUE, width: 2 }, marker: { size: 8 }, name: 'mean' },
    ],
    layout: {
      title: { text: kpiLabel(kpi, names) },
      // A tick at each value swept, while they are few enough to read.
      xaxis: { title: { text: parameterLabel }, ...(xs.length <= 20 ? { tickvals: xs } : {}) },
      yaxis: { title: { text: unit }, ...(unit === '%' ? { ticksuffix: '%' } : {}) },
      height: 380,
    },
  };
}

/** A seek's probes against the parameter, each mean with its interval, and the target as a line. */
export function seekFigure(doc: SeekDoc, kpi: string, targetValue: number, parameterLabel: string, names?: NameBook): Figure {
  const k = isShare(kpi) ? 100 : 1;
  const probes = [...doc.probes].sort((a, b) => a.value - b.value);
  const colour = { meets: '#009E73', fails: '#D55E00', uncertain: '#4d4d4d' } as const;
  return {
    data: (['meets', 'fails', 'uncertain'] as const).map((v) => {
      const ps = probes.filter((p) => p.verdict === v);
      return {
        type: 'scatter', mode: 'markers', name: v === 'uncertain' ? 'uncertain' : v === 'meets' ? 'meets the target' : 'fails the target',
        x: ps.map((p) => p.value), y: ps.map((p) => p.mean * k), marker: { size: 10, color: colour[v], symbol: v === 'meets' ? 'circle' : v === 'fails' ? 'x' : 'diamond' },
        error_y: { type: 'data', symmetric: false, array: ps.map((p) => (p.ciHigh === null ? null : (p.ciHigh - p.mean) * k)), arrayminus: ps.map((p) => (p.ciLow === null ? null : (p.mean - p.ciLow) * k)), color: colour[v] },
      };
    }).filter((t) => (t.x as number[]).length > 0),
    layout: {
      title: { text: `${kpiLabel(kpi, names)}: every value tried` },
      xaxis: { title: { text: parameterLabel } },
      yaxis: { title: { text: unitOf(kpi) }, ...(k === 100 ? { ticksuffix: '%' } : {}) },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: targetValue * k, y1: targetValue * k, line: { color: '#B8468F', width: 2, dash: 'dash' } }],
      height: 360,
    },
  };
}
