// A printable report of one run for a board paper: the scenario and its question, the
// options and what each changes, the results table, key charts, assumptions and sources.
// Prints cleanly to PDF from the browser (print CSS hides the app's controls). All of it
// comes from the run as the server keeps it (the document it ran with its result), so a
// report opened from its link anywhere, later, is the same report.
import { useEffect, useMemo, useState } from 'react';
import { namesOf } from '../../lib/kpi-words.ts';
import { provenanceLine } from '../../lib/provenance.ts';
import { ChartProvenance } from '../../components/PlotlyChart.tsx';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { api, ApiError, runErrorText, type RunInfo } from '../../lib/api.ts';
import type { Doc } from '../../lib/scenario-doc.ts';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { KpiTable } from './KpiTable.tsx';
import { CompareCharts, KeyChart } from './CompareCharts.tsx';
import { AtAGlance } from './AtAGlance.tsx';
import { RunWarnings } from './RunWarnings.tsx';
import { OptionsCompared, RunOrigin } from './WhatWasRun.tsx';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; run: RunInfo; result: RunResultDoc; scenario?: Doc };

export function ReportPage({ runId }: { runId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const scenarioDoc = state.kind === 'ready' ? state.scenario : undefined;
  const names = useMemo(() => namesOf(scenarioDoc), [scenarioDoc]);
  useEffect(() => {
    (async () => {
      try {
        const run = await api.run(runId);
        if (run.status !== 'done' || !run.result) {
          setState({ kind: 'error', message: run.status === 'failed' ? runErrorText(run.error) : `This run is ${run.status}; the report is ready when it is done.` });
          return;
        }
        setState({ kind: 'ready', run, result: run.result, scenario: run.scenario });
      } catch (e) {
        setState({ kind: 'error', message: e instanceof ApiError ? e.message : String(e) });
      }
    })();
  }, [runId]);

  if (state.kind === 'loading') return <Loading what="the report" />;
  if (state.kind === 'error') return <ErrorMessage page title="The report cannot be shown." message={state.message} />;
  const { result, scenario } = state;
  const text = (k: string) => (scenario && typeof scenario[k] === 'string' ? (scenario[k] as string) : undefined);
  const lines = (k: string) => (scenario && Array.isArray(scenario[k]) ? (scenario[k] as string[]) : []);
  const o = state.run.origin;
  const provenance = provenanceLine({ title: text('title') ?? result.scenario, version: o?.version, edited: o?.edited, seed: result.seed, replications: result.replications, date: state.run.finishedAt });
  return (
    <ChartProvenance.Provider value={provenance}>
    <article className="report">
      <div className="toolbar no-print">
        <button type="button" className="primary" onClick={() => window.print()}>Print or save as PDF</button>
        <a className="button" href={`#/runs/${encodeURIComponent(runId)}`}>Back to the comparison</a>
      </div>
      <header>
        <h1>{text('title') ?? result.scenario}</h1>
        <p className="muted report__provenance" data-provenance="">Simulation report: {provenance}</p>
        <RunOrigin run={state.run} />
      </header>
      {text('question') && <section><h2>Question</h2><p>{text('question')}</p></section>}
      {text('description') && <section><h2>What the model represents</h2><p>{text('description')}</p></section>}
      <section>
        <h2>Options compared</h2>
        <OptionsCompared options={result.variants.slice(1)} scenario={scenario} />
      </section>
      <section className="report__results">
        <h2>Results</h2>
        <RunWarnings result={result} names={names} />
        <KeyChart result={result} prefix="report" names={names} />
        <AtAGlance result={result} names={names} />
        <KpiTable result={result} names={names} />
      </section>
      <section className="report__charts">
        <h2>Key charts</h2>
        <CompareCharts result={result} prefix="report" only="key" names={names} />
      </section>
      {lines('assumptions').length > 0 && <section><h2>Assumptions</h2><ul>{lines('assumptions').map((a, i) => <li key={i}>{a}</li>)}</ul></section>}
      {lines('sources').length > 0 && <section><h2>Sources</h2><ul>{lines('sources').map((a, i) => <li key={i}>{a}</li>)}</ul></section>}
      <footer className="muted"><p>Each value is a mean over replications with a 95% confidence interval; differences are paired under common random numbers. A model is a simplification: read the assumptions before acting on the numbers.</p></footer>
      <footer className="muted report__provenance"><p>{provenance}</p></footer>
    </article>
    </ChartProvenance.Provider>
  );
}
