// The comparison's charts: activity and waits with error bars, the spread of waits,
// beds in use / queues / waiting list over time with bands, cancellations, transfers and
// breaches, use of resources, and productivity against quality.
import { useMemo, useState } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { PlotlyChart } from '../../components/PlotlyChart.tsx';
import { seriesInfo } from '../../lib/kpi.ts';
import {
  ACTIVITY, BREACHES, EVENTS, UTILISATION, WAITS, asBreach, breachLabel, byUnit, kpiBars, kpiLabel, productivityScatter,
  qualityChoices, seriesFigure, seriesLabel, seriesNames, waitDistribution,
} from './chart-data.ts';

function SeriesChart({ result, prefix }: { result: RunResultDoc; prefix: string }) {
  const names = seriesNames(result);
  // The waiting list is the story of an elective scenario; otherwise the first ward's beds.
  const [chosen, setChosen] = useState(names.find((n) => n.startsWith('list.size')) ?? names.find((n) => seriesInfo(n)?.unit === 'beds') ?? names[0] ?? '');
  const figure = useMemo(() => seriesFigure(result, chosen), [result, chosen]);
  return (
    <PlotlyChart id={`${prefix}-series`} figure={figure} filename={`${result.scenario}-over-time`}
      caption={<>Over time: daily mean across replications with its 95% band; the shaded start is the warm-up, not counted.</>}
      controls={names.length > 1 && (
        <label className="chart__control">Show{' '}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Series to show">
            {names.map((n) => <option key={n} value={n}>{seriesLabel(n)}</option>)}
          </select>
        </label>
      )} />
  );
}

function ProductivityChart({ result, prefix }: { result: RunResultDoc; prefix: string }) {
  const choices = qualityChoices(result);
  const [quality, setQuality] = useState(choices[0]);
  const figure = useMemo(() => productivityScatter(result, quality), [result, quality]);
  return (
    <PlotlyChart id={`${prefix}-productivity`} figure={figure} filename={`${result.scenario}-productivity-quality`}
      caption={<>Productivity is never judged alone: weighted activity per £ against a quality measure, each with its 95% CI.</>}
      controls={choices.length > 1 && (
        <label className="chart__control">Quality measure{' '}
          <select value={quality} onChange={(e) => setQuality(e.target.value)}>
            {choices.map((n) => <option key={n} value={n}>{kpiLabel(n)}</option>)}
          </select>
        </label>
      )} />
  );
}

export function CompareCharts({ result, prefix = 'chart', only }: { result: RunResultDoc; prefix?: string; only?: 'key' }) {
  const figures = useMemo(() => {
    const activity = byUnit(result, ACTIVITY).map((g) => ({ key: `activity-${g.unit}`, fig: kpiBars(result, g.names, { title: `Activity (${g.unit})`, horizontal: true }), caption: 'Activity per option with 95% CI.' }));
    const waits = byUnit(result, WAITS).map((g) => ({ key: `waits-${g.unit}`, fig: kpiBars(result, g.names, { title: `Waits and times (${g.unit})`, horizontal: true }), caption: 'Waits per option with 95% CI: lower is better.' }));
    const events = byUnit(result, EVENTS).map((g) => ({ key: `events-${g.unit}`, fig: kpiBars(result, g.names, { title: `Cancellations, transfers, delays (${g.unit})`, horizontal: true }), caption: 'Cancellations, transfers and delays with 95% CI.' }));
    const breaches = byUnit(result, BREACHES).map((g) => ({ key: `breaches-${g.unit}`, fig: kpiBars(result, g.names, { title: 'Breaches and crowding', horizontal: true, transform: asBreach, labelOf: breachLabel }), caption: 'Shares of patients or time over a threshold, with 95% CI: lower is better.' }));
    const use = byUnit(result, UTILISATION).map((g) => ({ key: `use-${g.unit}`, fig: kpiBars(result, g.names, { title: 'Use of beds, theatres and staff', horizontal: true }), caption: 'Utilisation by ward, theatre and staff role, with 95% CI.' }));
    return { activity, waits, events, breaches, use, spread: waitDistribution(result) };
  }, [result]);
  // Units such as "patients/week" become part of element ids: keep ids to letters, digits and dashes.
  const card = (f: { key: string; fig: ReturnType<typeof kpiBars>; caption: string }) => (
    <PlotlyChart key={f.key} id={`${prefix}-${f.key.replace(/[^a-zA-Z0-9-]+/g, '-')}`} figure={f.fig} caption={f.caption} filename={`${result.scenario}-${f.key.replace(/[^a-zA-Z0-9-]+/g, "-")}`} />
  );
  return (
    <div className="charts">
      {figures.activity.map(card)}
      {figures.waits.map(card)}
      <ProductivityChart result={result} prefix={prefix} />
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
      <SeriesChart result={result} prefix={prefix} />
    </div>
  );
}
