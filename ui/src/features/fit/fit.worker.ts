// The fit runs here, off the page's thread: a year of stays takes a second or two to read
// and fit, and the page stays responsive meanwhile. The extract never leaves the browser.
import '../../lib/zod-jitless.ts'; // first: before any schema is built
import { fitExtract, type FitOptions } from '../../../../scenarios/fit/fit.ts';
import { scenarioText } from '../../../../scenarios/fit/scenario-text.ts';

export interface FitRequest { text: string; file: string; id: string; options: FitOptions }

self.onmessage = (e: MessageEvent<FitRequest>) => {
  const { text, file, id, options } = e.data;
  try {
    const r = fitExtract(text, options);
    self.postMessage(r.ok ? { ok: true, report: r.value, scenario: scenarioText(r.value, file, id) } : r);
  } catch (err) {
    self.postMessage({ ok: false, message: `the fit failed: ${err instanceof Error ? err.message : String(err)}` });
  }
};
