// `npm run bench:browser-engine -- [--customers N] [--rounds K] [--only mmc]`: the engine
// benchmarks of `npm run bench` (bench/models.ts: mmc and tandem) in Debian's Chromium,
// each run in a fresh Web Worker, beside ../shared/perf/baseline.js run in a fresh Web
// Worker of the same page, taking turns round after round. baseline.js is a Node script:
// it is given a worker's `self.onmessage` and a stand-in for the `process.argv`,
// `process.hrtime` and `console.log` it uses, and nothing else of it changes. Prints one JSON
// line per model: each round's ratio of events per second (the engine's to baseline.js's),
// their median, and the mean wait (which must equal Node's: same seed, same numbers).
// Beside `npm run bench`, this says how much of the ratio belongs to the JavaScript engine
// that runs the code (Node 20's V8 against Chromium's).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/teach/static-server.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const customers = Number(opt('--customers', '1000000'));
const rounds = Number(opt('--rounds', '5'));
const names = opt('--only', 'mmc,tandem').split(',');
const known = ['mmc', 'tandem'];
for (const n of names) if (!known.includes(n)) throw new Error(`--only: unknown model "${n}" (known: ${known.join(', ')})`);
if (!Number.isInteger(customers) || customers < 1 || customers > 10_000_000) throw new Error(`--customers needs an integer from 1 to 10,000,000, got ${customers}`);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error(`--rounds needs an integer from 1 to 50, got ${rounds}`);
const baselinePath = fileURLToPath(new URL('../../shared/perf/baseline.js', import.meta.url));
if (!existsSync(baselinePath)) throw new Error(`baseline.js not found at ${baselinePath}`);

const dir = mkdtempSync(join(tmpdir(), 'pathflow-bench-engine-'));
buildSync({ entryPoints: [fileURLToPath(new URL('./browser-engine/engine.worker.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'browser', outfile: join(dir, 'engine.js'), logLevel: 'error' });
const shim = "self.onmessage = (ev) => { const process = { argv: ['node', 'baseline.js', ev.data.model, String(ev.data.customers), String(ev.data.seed)], hrtime: { bigint: () => BigInt(Math.round(performance.now() * 1e6)) } }; const console = { log: (line) => self.postMessage(JSON.parse(line)) };\n";
writeFileSync(join(dir, 'baseline.js'), `${shim}${readFileSync(baselinePath, 'utf8')}\n};\n`);
writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>engine benchmark</title><script>
function once(url, data, type) {
  return new Promise((resolve, reject) => {
    const w = new Worker(url, type ? { type } : undefined);
    w.onmessage = (e) => { w.terminate(); resolve(e.data); };
    w.onerror = (e) => { w.terminate(); reject(new Error(e.message)); };
    w.postMessage(data);
  });
}
window.round = async (model, customers) => {
  const engine = await once('engine.js', { model, customers, seed: 12345 }, 'module');
  const base = await once('baseline.js', { model, customers, seed: 12345 });
  return { engine, base };
};
</script>`);

const server = await serveStatic(dir);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const load0 = loadavg()[0];
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  for (const model of names) {
    const rows: { engineMs: number; baselineMs: number; ratio: number; meanWait: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      const { engine, base } = await page.evaluate(([m, n]) => (window as unknown as { round(m: string, n: number): Promise<{ engine: { ms: number; events: number; meanWait: number }; base: { innerSeconds: number; events: number } }> }).round(m, n), [model, customers] as const);
      const baselineMs = base.innerSeconds * 1000;
      rows.push({ engineMs: engine.ms, baselineMs, ratio: engine.events / engine.ms / (base.events / baselineMs), meanWait: engine.meanWait });
    }
    const ratios = rows.map((x) => x.ratio).sort((a, b) => a - b);
    console.log(JSON.stringify({
      model, customers, rounds,
      engineMs: rows.map((x) => Math.round(x.engineMs)), baselineMs: rows.map((x) => Math.round(x.baselineMs)),
      ratios: rows.map((x) => Number(x.ratio.toFixed(3))), medianRatio: Number(ratios[Math.floor(ratios.length / 2)].toFixed(3)),
      meanWait: rows[0].meanWait, chromium: browser.version(), cpus: cpus().length, loadAverage: [load0, loadavg()[0]].map((x) => Number(x.toFixed(2))),
    }));
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
