// `npm run bench:browser -- [FILE] [--reps 10] [--years 1] [--rounds 3]`: the engine's
// speed in a Web Worker in Debian's Chromium against Node, on the same code and input
// (bench/browser/run-reps.ts): R replications of one simulated year of the scenario's
// baseline (default the ED, scenarios/library/ed-skill-mix.yaml), one after another in one
// thread. Node and Chromium take turns, round after round, so that other load on a shared
// machine falls on both alike; each round's ratio (Node's time / the browser's: 1 = as
// fast as Node) and their median are printed, with the load average, as one JSON line.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/teach/static-server.ts';
import { runReplications, type Timed } from './browser/run-reps.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'scenarios/library/ed-skill-mix.yaml';
const reps = opt('--reps', 10), years = opt('--years', 1), rounds = opt('--rounds', 3);
for (const [name, v] of [['--reps', reps], ['--years', years], ['--rounds', rounds]] as const) {
  if (!Number.isInteger(v) || v < 1 || v > 1000) {
    console.error(`${name} needs an integer from 1 to 1000, got ${v}`);
    process.exit(2);
  }
}
const text = readFileSync(file, 'utf8');

const out = mkdtempSync(join(tmpdir(), 'pathflow-bench-browser-'));
await build({ root: fileURLToPath(new URL('./browser/', import.meta.url)), base: './', logLevel: 'error', configFile: false, build: { outDir: out, emptyOutDir: true } });
const server = await serveStatic(out);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const load0 = loadavg()[0];
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => 'timeInWorker' in window);
  const inBrowser = () => page.evaluate(([t, r, y]) => (window as unknown as { timeInWorker(t: string, r: number, y: number): Promise<Timed> }).timeInWorker(t, r, y), [text, reps, years] as const);
  const inNode = () => runReplications(text, reps, years, () => performance.now());
  // A first turn of each, not counted: the JIT of both warms up on the same work.
  inNode();
  await inBrowser();
  const rows: { node: Timed; browser: Timed; ratio: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const node = inNode();
    const b = await inBrowser();
    if (b.journeys !== node.journeys) throw new Error(`the browser's run differs from Node's: ${b.journeys} journeys against ${node.journeys}`);
    rows.push({ node, browser: b, ratio: node.ms / b.ms });
  }
  const ratios = rows.map((x) => x.ratio).sort((a, b) => a - b);
  console.log(JSON.stringify({
    file, reps, years, rounds, journeys: rows[0].node.journeys,
    nodeMs: rows.map((x) => Math.round(x.node.ms)), browserMs: rows.map((x) => Math.round(x.browser.ms)),
    nodeUsPerJourney: Number((1000 * rows[0].node.ms / rows[0].node.journeys).toFixed(3)),
    browserUsPerJourney: Number((1000 * rows[0].browser.ms / rows[0].browser.journeys).toFixed(3)),
    ratios: ratios.map((x) => Number(x.toFixed(3))), medianRatio: Number(ratios[Math.floor(ratios.length / 2)].toFixed(3)),
    chromium: browser.version(), node: process.version, cpus: cpus().length, loadAverage: [load0, loadavg()[0]].map((x) => Number(x.toFixed(2))),
  }));
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}
