// A finished run's report to the STRESS-DES checklist (the server's GET /api/runs/:id/report),
// saved as one HTML page or as Markdown: the write-up a paper or a board pack needs, with
// every checklist item answered or marked as not stated in the scenario.
import { useState } from 'react';
import { ApiError, reportFile } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';

export function StressReportButtons({ runId }: { runId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (format: 'html' | 'md') => {
    setError(null);
    setBusy(true);
    try {
      const f = await reportFile(runId, format);
      download(f.filename, f.blob, f.blob.type);
    } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); } finally { setBusy(false); }
  };
  return (
    <section className="stress-report no-print" aria-labelledby="stress-report-title">
      <h2 id="stress-report-title">Report for publication</h2>
      <p className="muted">The scenario and these results organised by the STRESS-DES checklist for reporting simulation studies (Monks et al. 2019): pathway diagrams, every parameter, warm-up, replications, random numbers, software and machine, and the commands that reproduce the run.</p>
      <div className="toolbar" role="toolbar" aria-label="STRESS-DES report">
        <button type="button" onClick={() => void save('html')} disabled={busy}>STRESS-DES report (HTML)</button>
        <button type="button" onClick={() => void save('md')} disabled={busy}>STRESS-DES report (Markdown)</button>
      </div>
      {error && <p className="message message--error" role="alert">{error}</p>}
    </section>
  );
}
