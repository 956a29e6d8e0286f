// The page of bench/browser-speed.ts: one Web Worker (as the web app runs the engine), and
// a function the bench calls to time R replications in it.
const worker = new Worker(new URL('./speed.worker.ts', import.meta.url), { type: 'module' });

(window as unknown as { timeInWorker: unknown }).timeInWorker = (text: string, reps: number, years: number) =>
  new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.ok ? resolve(e.data) : reject(new Error(e.data.error)));
    worker.postMessage({ text, reps, years });
  });
