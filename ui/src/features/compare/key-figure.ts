// The decision at a glance: the few measures a board decides on (waits and breaches,
// activity, beds, cost), one panel each in its own unit, every option's mean with its 95%
// confidence interval. Quality is never shown without activity or cost beside it.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { infoOf } from '../../lib/kpi.ts';
import { keyKpis } from '../../lib/key-measures.ts';
import { fittingUnit, kpiWords, type NameBook } from '../../lib/kpi-words.ts';
import { colourOf } from '../../lib/palette.ts';
import { optionName, type Figure } from './chart-data.ts';

const TITLE = 30; // px above each panel for its title
const AXIS = 50; // px below each panel for its axis ticks and unit

/** One panel per key KPI (own axis and unit), a bar per option with its 95% CI. */
export function keyFigure(result: RunResultDoc, names: NameBook = new Map()): Figure & { kpis: string[] } {
  const kpis = keyKpis(result);
  if (kpis.length === 0) return { data: [], layout: {}, empty: 'This run reports no measures to chart.', kpis };
  const options = result.variants.length;
  const panel = 30 + 30 * options; // plot height of one panel
  const slot = TITLE + panel + AXIS;
  const span = kpis.length * slot; // the plotting area: the margins hold the chart's title and legend
  const height = span + 100 + 10;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: { text: 'Key measures for the decision, each option with its 95% confidence interval' },
    height, showlegend: true, bargap: 0.25, annotations: [] as unknown[],
    margin: { l: 190, r: 30, t: 100, b: 10 },
  };
  kpis.forEach((kpi, i) => {
    const info = infoOf(kpi);
    const share = info.unit === 'fraction';
    const shown = fittingUnit(info.unit, result.variants.map((v) => v.kpis[kpi]?.mean));
    const k = (share ? 100 : 1) * shown.factor;
    const unit = share ? '%' : shown.unit;
    const axis = i === 0 ? '' : String(i + 1);
    // Slot i from the top: its title, the panel, then its axis.
    const slotTop = 1 - (i * slot) / span;
    const top = slotTop - TITLE / span;
    const bottom = top - panel / span;
    result.variants.forEach((v, j) => {
      const e = v.kpis[kpi];
      const mean = e?.mean === null || e?.mean === undefined ? null : e.mean * k;
      data.push({
        type: 'bar', orientation: 'h', name: optionName(v), legendgroup: v.id, showlegend: i === 0,
        y: [optionName(v)], x: [mean], xaxis: `x${axis}`, yaxis: `y${axis}`, marker: { color: colourOf(j) },
        error_x: {
          type: 'data', symmetric: false, visible: true, thickness: 2, width: 6, color: '#1b1b1b',
          array: [e && mean !== null && e.ciHigh !== null ? e.ciHigh * k - mean : null],
          arrayminus: [e && mean !== null && e.ciLow !== null ? mean - e.ciLow * k : null],
        },
        hovertemplate: `%{y}: %{x:.3~g} ${unit}<extra></extra>`,
      });
    });
    layout[`xaxis${axis}`] = { anchor: `y${axis}`, rangemode: 'tozero', title: { text: unit, standoff: 4 }, ...(share ? { ticksuffix: '%' } : {}) };
    layout[`yaxis${axis}`] = { anchor: `x${axis}`, domain: [Math.max(0, bottom), Math.min(1, top)], autorange: 'reversed', automargin: true };
    const words = kpiWords(kpi, names);
    const better = info.better === 'neither' ? '' : ` (${info.better} is better)`;
    (layout.annotations as unknown[]).push({
      text: `<b>${words.text}</b>, ${unit}${better}`, xref: 'paper', yref: 'paper', x: 0, y: Math.min(1, slotTop), xanchor: 'left', yanchor: 'top',
      showarrow: false, font: { size: 15 }, align: 'left',
    });
  });
  return { data, layout, kpis };
}
