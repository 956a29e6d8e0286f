// A run's comparison, the decision first: the key measures as a chart with their 95%
// intervals, each option at a glance, then every measure in the table, then the other
// charts; downloads (a spreadsheet in plain words, the JSON) and the printable report.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { useMemo, useState, type ReactNode } from 'react';
import { ApiError, resultFile } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { namesOf } from '../../lib/kpi-words.ts';
import { provenanceLine, type Provenance } from '../../lib/provenance.ts';
import { resultsCsv } from '../../lib/results-csv.ts';
import type { Doc } from '../../lib/scenario-doc.ts';
import { ChartProvenance } from '../../components/PlotlyChart.tsx';
import { KpiTable } from './KpiTable.tsx';
import { CompareCharts, KeyChart } from './CompareCharts.tsx';
import { AtAGlance } from './AtAGlance.tsx';
import { RunWarnings } from './RunWarnings.tsx';

interface Props {
  result: RunResultDoc;
  runId: string;
  title?: string;
  firstLook?: boolean;
  /** The document run: its names for sites, wards, classes and lists label the measures. */
  scenario?: Doc;
  /** What was run, for downloads; from the result when not given. */
  provenance?: Partial<Provenance>;
  /** Views composed in by app/ (features never import each other): the regional view, shown after the table. */
  more?: ReactNode;
}

export function CompareView({ result, runId, title, firstLook = false, scenario, provenance, more }: Props) {
  const [error, setError] = useState<string | null>(null);
  const names = useMemo(() => namesOf(scenario), [scenario]);
  const origin = provenanceLine({ title: title || result.scenario, seed: result.seed, replications: result.replications, ...provenance });
  const save = async (format: 'csv' | 'json') => {
    setError(null);
    if (format === 'csv') { download(`${result.scenario}-results.csv`, resultsCsv(result, names), 'text/csv'); return; }
    try {
      const f = await resultFile(runId, format);
      download(f.filename, f.blob, f.blob.type);
    } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  };
  return (
    <ChartProvenance.Provider value={origin}>
      <section className="compare" aria-labelledby="compare-title" data-run-id={runId}>
        <div className="compare__head">
          <h2 id="compare-title">Results{title ? `: ${title}` : ''}</h2>
          <p className="muted" data-provenance="">{result.variants.length} option{result.variants.length === 1 ? '' : 's'}, {result.replications} replication{result.replications === 1 ? '' : 's'} each, seed {result.seed}.
            Replication k of every option uses the same random numbers, so differences come from the design, not luck.</p>
          {firstLook && (
            <p className="message message--warn" role="status" data-first-look="">
              <strong>First look</strong> from the first {result.replications} replications of each option, while the full run continues:
              the final numbers replace these when it ends, with narrower intervals.
            </p>
          )}
          {!firstLook && <div className="toolbar no-print" role="toolbar" aria-label="Export results">
            <button type="button" onClick={() => void save('csv')}>Download CSV</button>
            <button type="button" onClick={() => void save('json')}>Download JSON</button>
            <a className="button" href={`#/runs/${encodeURIComponent(runId)}/report`} target="_blank" rel="noopener">Printable report (new tab)</a>
          </div>}
        </div>
        {error && <p className="message message--error" role="alert">{error}</p>}
        <RunWarnings result={result} firstLook={firstLook} names={names} />
        <h3>Key measures</h3>
        <KeyChart result={result} names={names} />
        <h3>At a glance</h3>
        <AtAGlance result={result} names={names} />
        <h3>Every measure</h3>
        <KpiTable result={result} names={names} />
        {more}
        <h3>More charts</h3>
        <CompareCharts result={result} names={names} />
      </section>
    </ChartProvenance.Provider>
  );
}
