// A fit's plots as Plotly figures, from the fit report only (pure, tested without a
// browser): the arrivals by hour and by weekday with their 95% intervals; the lengths of
// stay as a histogram with each family's fitted density over it; and a QQ plot of the
// data's quantiles against each family's (a family that fits lies on the diagonal).
import { cdf, logDensity, quantile } from '../../../../scenarios/fit/families.ts';
import { UNIT_HOURS, type ClassFit } from '../../../../scenarios/fit/fit.ts';
import { colourOf } from '../../lib/palette.ts';

export interface Figure { data: Record<string, unknown>[]; layout: Record<string, unknown>; empty?: string }

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const BLUE = '#0072B2';
const DASHES = ['solid', 'dash', 'dot', 'dashdot'];
const n3 = (x: number) => Number(x.toPrecision(3));

/** Arrivals per hour by hour of day (every day together), with 95% intervals as error bars. */
export function arrivalsByHourFigure(c: ClassFit): Figure {
  const a = c.arrivals;
  return {
    data: [{
      type: 'bar', name: 'arrivals per hour', x: a.byHour.map((_, h) => `${String(h).padStart(2, '0')}:00`), y: a.byHour.map((r) => n3(r.perHour)), marker: { color: BLUE },
      error_y: { type: 'data', symmetric: false, array: a.byHour.map((r) => n3(r.high - r.perHour)), arrayminus: a.byHour.map((r) => n3(r.perHour - r.low)), color: '#1b1b1b' },
    }],
    layout: { title: { text: `${c.id}: arrivals by hour of day` }, xaxis: { title: { text: 'hour of day' } }, yaxis: { title: { text: 'arrivals per hour' }, rangemode: 'tozero' }, height: 340, showlegend: false },
  };
}

/** Arrivals per day by weekday, with 95% intervals. */
export function arrivalsByWeekdayFigure(c: ClassFit): Figure {
  const a = c.arrivals;
  return {
    data: [{
      type: 'bar', name: 'arrivals per day', x: WEEKDAYS, y: a.byWeekday.map((r) => n3(r.perHour * 24)), marker: { color: BLUE },
      error_y: { type: 'data', symmetric: false, array: a.byWeekday.map((r) => n3((r.high - r.perHour) * 24)), arrayminus: a.byWeekday.map((r) => n3((r.perHour - r.low) * 24)), color: '#1b1b1b' },
    }],
    layout: { title: { text: `${c.id}: arrivals by weekday` }, yaxis: { title: { text: 'arrivals per day' }, rangemode: 'tozero' }, height: 300, showlegend: false },
  };
}

/** The histogram of complete stays as a density, each family's fitted density drawn over it. */
export function staysFigure(c: ClassFit): Figure {
  const s = c.stays;
  if (!s) return { data: [], layout: {}, empty: `${c.id}: too few complete stays to fit.` };
  const u = UNIT_HOURS[c.unit];
  const { edges, counts, beyond } = s.histogram;
  const width = edges[1] - edges[0];
  const mids = counts.map((_, i) => (edges[i] + width / 2) / u);
  // Density per unit shown: count / (n · bin width in that unit).
  const bars = { type: 'bar', name: `data (${s.n.toLocaleString('en-GB')} stays)`, x: mids, y: counts.map((k) => k / (s.n * (width / u))), width: width / u, marker: { color: '#b3b3b3', line: { color: '#4d4d4d', width: 1 } } };
  const grid = Array.from({ length: 121 }, (_, i) => (edges[edges.length - 1] * (i + 0.5)) / 120);
  const lines = s.ranked.map((f, i) => ({
    type: 'scatter', mode: 'lines', name: `${f.family}${f.family === c.choice ? ' (written to the scenario)' : ''}`,
    x: grid.map((h) => h / u), y: grid.map((h) => Math.exp(logDensity(f.fitted, h)) * u),
    line: { color: colourOf(i + 1), width: f.family === c.choice ? 3.5 : 2, dash: DASHES[i % DASHES.length] },
  }));
  return {
    data: [bars, ...lines],
    layout: {
      title: { text: `${c.id}: length of stay and the fitted densities` },
      xaxis: { title: { text: `length of stay (${c.unit})${beyond ? `; ${beyond} longer stays beyond the 99th centile not drawn` : ''}` } },
      yaxis: { title: { text: `density (per ${c.unit.replace(/s$/, '')})` } }, bargap: 0, height: 380,
    },
  };
}

/** Quantiles of the data (the empirical distribution's points) against each family's, with the diagonal. */
export function qqFigure(c: ClassFit): Figure {
  const s = c.stays;
  if (!s) return { data: [], layout: {}, empty: `${c.id}: too few complete stays to fit.` };
  const u = UNIT_HOURS[c.unit];
  const m = s.empirical.length;
  const ps = s.empirical.map((_, i) => (m === 1 ? 0.5 : (i + 0.5) / m));
  const top = Math.max(s.empirical[m - 1], ...s.ranked.map((f) => quantile(f.fitted, ps[m - 1]))) / u;
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'a perfect fit', x: [0, top], y: [0, top], line: { color: '#4d4d4d', width: 1.5, dash: 'dot' }, hoverinfo: 'skip' },
      ...s.ranked.map((f, i) => ({
        type: 'scatter', mode: 'markers', name: f.family, x: ps.map((p) => quantile(f.fitted, p) / u), y: s.empirical.map((v) => v / u),
        marker: { color: colourOf(i + 1), size: 6, symbol: ['circle', 'diamond', 'square', 'triangle-up'][i % 4] },
      })),
    ],
    layout: {
      title: { text: `${c.id}: QQ plot (data against each fit)` },
      xaxis: { title: { text: `fitted quantile (${c.unit})` } }, yaxis: { title: { text: `data quantile (${c.unit})` } }, height: 380,
    },
  };
}

/** The largest gap between the data's and a family's distribution at the data's quantile points: for a test that the plots say what the ranking says. */
export function largestGap(c: ClassFit, family: string): number {
  const s = c.stays!;
  const f = s.ranked.find((x) => x.family === family)!;
  const m = s.empirical.length;
  return Math.max(...s.empirical.map((v, i) => Math.abs(cdf(f.fitted, v) - (i + 0.5) / m)));
}
