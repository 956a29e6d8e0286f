// The comparison's charts: activity and waits with error bars, the spread of waits,
// beds in use / queues / waiting list over time with bands, cancellations, transfers and
// breaches, use of resources, and productivity against quality.
import { useMemo, useState } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { PlotlyChart } from '../../components/PlotlyChart.tsx';
import { seriesInfo } from '../../lib/kpi.ts';
import { unitWords, type NameBook } from '../../lib/kpi-words.ts';
import { keyFigure } from './key-figure.ts';
import {
  ACTIVITY, BREACHES, EVENTS, UTILISATION, WAITS, asBreach, breachLabel, byUnit, kpiBars, kpiLabel, productivityScatter,
  qualityChoices, seriesFigure, seriesLabel, seriesNames, waitDistribution,
} from './chart-data.ts';

const NO_NAMES: NameBook = new Map();

/** The key measures for the decision, first on every results view. */
export function KeyChart({ result, prefix = 'chart', names = NO_NAMES }: { result: RunResultDoc; prefix?: string; names?: NameBook }) {
  const figure = useMemo(() => keyFigure(result, names), [result, names]);
  return (
    <PlotlyChart id={`${prefix}-key`} figure={figure} filename={`${result.scenario}-key-measures`}
      caption={<>The decision at a glance: the main measures, each option&apos;s mean over {result.replications} replications with its 95% confidence interval (the black line).
        Where the intervals of two options overlap much, the table below says whether their paired difference is clear.</>} />
  );
}

function SeriesChart({ result, prefix, names }: { result: RunResultDoc; prefix: string; names: NameBook }) {
  const series = seriesNames(result);
  // The waiting list is the story of an elective scenario; otherwise the first ward's beds.
  const [chosen, setChosen] = useState(series.find((n) => n.startsWith('list.size')) ?? series.find((n) => seriesInfo(n)?.unit === 'beds') ?? series[0] ?? '');
  const figure = useMemo(() => seriesFigure(result, chosen, names), [result, chosen, names]);
  return (
    <PlotlyChart id={`${prefix}-series`} figure={figure} filename={`${result.scenario}-over-time`}
      caption={<>Over time: daily mean across replications with its 95% band; the shaded start is the warm-up, not counted.</>}
      controls={series.length > 1 && (
        <label className="chart__control">Show{' '}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Series to show">
            {series.map((n) => <option key={n} value={n}>{seriesLabel(n, names)}</option>)}
          </select>
        </label>
      )} />
  );
}

function ProductivityChart({ result, prefix, names }: { result: RunResultDoc; prefix: string; names: NameBook }) {
  const choices = qualityChoices(result);
  const [quality, setQuality] = useState(choices[0]);
  const figure = useMemo(() => productivityScatter(result, quality, names), [result, quality, names]);
  return (
    <PlotlyChart id={`${prefix}-productivity`} figure={figure} filename={`${result.scenario}-productivity-quality`}
      caption={<>Productivity is never judged alone: weighted activity per £ against a quality measure, each with its 95% CI.</>}
      controls={choices.length > 1 && (
        <label className="chart__control">Quality measure{' '}
          <select value={quality} onChange={(e) => setQuality(e.target.value)}>
            {choices.map((n) => <option key={n} value={n}>{kpiLabel(n, names)}</option>)}
          </select>
        </label>
      )} />
  );
}

const UNIT_TITLE = (unit: string) => (unit === 'fraction' ? '%' : unitWords(unit));

export function CompareCharts({ result, prefix = 'chart', only, names = NO_NAMES }: { result: RunResultDoc; prefix?: string; only?: 'key'; names?: NameBook }) {
  const figures = useMemo(() => {
    const bars = (n: string[], title: string, extra: Partial<Parameters<typeof kpiBars>[2]> = {}) => kpiBars(result, n, { title, horizontal: true, names, ...extra });
    const activity = byUnit(result, ACTIVITY).map((g) => ({ key: `activity-${g.unit}`, fig: bars(g.names, `Activity (${UNIT_TITLE(g.unit)})`), caption: 'Activity per option with 95% CI.' }));
    const waits = byUnit(result, WAITS).map((g) => ({ key: `waits-${g.unit}`, fig: bars(g.names, 'Waits and times'), caption: 'Waits per option with 95% CI: lower is better.' }));
    const events = byUnit(result, EVENTS).map((g) => ({ key: `events-${g.unit}`, fig: bars(g.names, `Cancellations, transfers, delays (${UNIT_TITLE(g.unit)})`), caption: 'Cancellations, transfers and delays with 95% CI.' }));
    const breaches = byUnit(result, BREACHES).map((g) => ({ key: `breaches-${g.unit}`, fig: bars(g.names, 'Breaches and crowding', { transform: asBreach, labelOf: (n) => breachLabel(n, names) }), caption: 'Shares of patients or time over a threshold, with 95% CI: lower is better.' }));
    const use = byUnit(result, UTILISATION).map((g) => ({ key: `use-${g.unit}`, fig: bars(g.names, 'Use of beds, theatres and staff'), caption: 'Utilisation by ward, theatre and staff role, with 95% CI.' }));
    return { activity, waits, events, breaches, use, spread: waitDistribution(result, names) };
  }, [result, names]);
  // Units such as "patients/week" become part of element ids: keep ids to letters, digits and dashes.
  const card = (f: { key: string; fig: ReturnType<typeof kpiBars>; caption: string }) => (
    <PlotlyChart key={f.key} id={`${prefix}-${f.key.replace(/[^a-zA-Z0-9-]+/g, '-')}`} figure={f.fig} caption={f.caption} filename={`${result.scenario}-${f.key.replace(/[^a-zA-Z0-9-]+/g, "-")}`} />
  );
  return (
    <div className="charts">
      {figures.activity.map(card)}
      {figures.waits.map(card)}
      <ProductivityChart result={result} prefix={prefix} names={names} />
      {only !== 'key' && (
        <>
          <PlotlyChart id={`${prefix}-spread`} figure={figures.spread} filename={`${result.scenario}-wait-spread`}
            caption={<>Spread of waits. The result holds each wait's mean and centiles (each averaged over replications, with its 95% CI),
              not every patient's wait, so the spread is shown as those centiles side by side rather than as a box plot.</>} />
          {figures.events.map(card)}
          {figures.breaches.map(card)}
          {figures.use.map(card)}
        </>
      )}
      <SeriesChart result={result} prefix={prefix} names={names} />
    </div>
  );
}
