// A run's comparison: what was run, downloads, the table and the charts.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { useState } from 'react';
import { ApiError, resultFile } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { KpiTable } from './KpiTable.tsx';
import { CompareCharts } from './CompareCharts.tsx';
import { AtAGlance } from './AtAGlance.tsx';
import { RunWarnings } from './RunWarnings.tsx';
import { RegionalView } from '../regional/RegionalView.tsx';

export function CompareView({ result, runId, title, firstLook = false }: { result: RunResultDoc; runId: string; title?: string; firstLook?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'csv' | 'json') => {
    setError(null);
    try {
      const f = await resultFile(runId, format);
      download(f.filename, f.blob, f.blob.type);
    } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  };
  return (
    <section className="compare" aria-labelledby="compare-title" data-run-id={runId}>
      <div className="compare__head">
        <h2 id="compare-title">Comparison{title ? `: ${title}` : ''}</h2>
        <p className="muted">{result.variants.length} option{result.variants.length === 1 ? '' : 's'}, {result.replications} replication{result.replications === 1 ? '' : 's'} each, seed {result.seed}.
          Replication k of every option uses the same random numbers, so differences come from the design, not luck.</p>
        {firstLook && (
          <p className="message message--warn" role="status" data-first-look="">
            <strong>First look</strong> from the first {result.replications} replications of each option, while the full run continues:
            the final numbers replace these when it ends, with narrower intervals.
          </p>
        )}
        {!firstLook && <div className="toolbar no-print" role="toolbar" aria-label="Export results">
          <button type="button" onClick={() => save('csv')}>Download CSV</button>
          <button type="button" onClick={() => save('json')}>Download JSON</button>
          <a className="button" href={`#/runs/${encodeURIComponent(runId)}/report`} target="_blank" rel="noopener">Printable report (new tab)</a>
        </div>}
      </div>
      {error && <p className="message message--error" role="alert">{error}</p>}
      <RunWarnings result={result} firstLook={firstLook} />
      <h3>At a glance</h3>
      <AtAGlance result={result} />
      <h3>Every measure</h3>
      <KpiTable result={result} />
      <RegionalView result={result} />
      <CompareCharts result={result} />
    </section>
  );
}
