// The browser side of bench/browser-speed.ts: runs the replications it is sent and posts the time.
import { runReplications } from './run-reps.ts';

self.onmessage = (e: MessageEvent<{ text: string; reps: number; years: number }>) => {
  try {
    self.postMessage({ ok: true, ...runReplications(e.data.text, e.data.reps, e.data.years, () => performance.now()) });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
