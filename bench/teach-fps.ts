// Frame rate of teaching mode's live view: the built page (the web app's Vite config),
// served by a plain static server, played at the default speed in headless Chromium;
// requestAnimationFrame timestamps recorded by the page (window.__teachFrames) over N
// seconds give mean fps, median and 95th-centile frame time, and frames over 33 ms
// (a frame missed at 30 fps; at 60 fps anything over ~17 ms is a missed vsync).
//
//   npx tsx bench/teach-fps.ts [--seconds 10] [--scenarios teaching-clinic,ed-skill-mix] [--speed 1] [--json]
import { build } from 'vite';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/teach/static-server.ts';
import { shareUrl } from '../ui/src/teach/share-link.ts';
import { defaultSpec } from '../ui/src/teach/session.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const seconds = Number(option('seconds', '10'));
const speed = Number(option('speed', '1')); // the page's default: 1 simulated hour a second
const scenarios = option('scenarios', 'teaching-clinic,ed-skill-mix').split(',');
const json = process.argv.includes('--json');
const OUT = 'test-artifacts/teach-bench-dist';

await build({ configFile: 'ui/vite.config.ts', logLevel: 'error', build: { outDir: `../${OUT}`, emptyOutDir: true } });
const server = await serveStatic(OUT);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

try {
  for (const id of scenarios) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // The clinic opens at 08:00 on day 0 so the measured seconds are the busy morning, not a skipped night.
    const at = id === 'teaching-clinic' ? 8 : 24 * 7;
    await page.goto(await shareUrl({ ...defaultSpec(), scenario: { library: id }, at }, `${server.url}/teach.html`));
    await page.getByTestId('counter-arrived').waitFor();
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-sim-time')) === t, at);
    await page.getByTestId('speed').selectOption(String(speed));
    await page.getByTestId('play').click();
    await page.waitForTimeout(500); // past the first frames of the play
    // Main-thread work (Chrome's own task, script, style and layout timers): what the page
    // costs per wall second, which other load on a shared machine inflates less than fps.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const m0 = await metrics();
    const from = await page.evaluate(() => (window as unknown as { __teachFrames: number[] }).__teachFrames.length);
    const simFrom = Number(await page.getByTestId('clock').getAttribute('data-sim-time'));
    await page.waitForTimeout(seconds * 1000);
    const stamps = await page.evaluate((k) => (window as unknown as { __teachFrames: number[] }).__teachFrames.slice(k), from);
    const m1 = await metrics();
    const busy = (k: string) => Number((((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000 / seconds).toFixed(0));
    const simTo = Number(await page.getByTestId('clock').getAttribute('data-sim-time'));
    const inSystem = Number(await page.getByTestId('counter-waiting').textContent()) + Number(await page.getByTestId('counter-in-service').textContent());
    await page.close();
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
    const span = stamps[stamps.length - 1] - stamps[0];
    const r = {
      scenario: id, seconds, speedHoursPerSecond: speed,
      frames: gaps.length,
      meanFps: Number(((gaps.length * 1000) / span).toFixed(1)),
      p50FrameMs: Number(quantile(gaps, 0.5).toFixed(1)),
      p95FrameMs: Number(quantile(gaps, 0.95).toFixed(1)),
      maxFrameMs: Number(Math.max(...gaps).toFixed(1)),
      over33ms: gaps.filter((g) => g > 33.4).length,
      simulatedHours: Number((simTo - simFrom).toFixed(2)),
      patientsInSystemAtEnd: inSystem,
      /** Main-thread milliseconds per wall second: all tasks, of which script, style recalculation and layout. */
      mainThreadMsPerSecond: { task: busy('TaskDuration'), script: busy('ScriptDuration'), style: busy('RecalcStyleDuration'), layout: busy('LayoutDuration') },
    };
    if (json) console.log(JSON.stringify(r));
    else console.log(`${id}: ${r.meanFps} fps over ${r.frames} frames; frame time p50 ${r.p50FrameMs} ms, p95 ${r.p95FrameMs} ms, max ${r.maxFrameMs} ms; ${r.over33ms} over 33 ms; ${r.simulatedHours} simulated hours; ${r.patientsInSystemAtEnd} patients in the system at the end; main thread busy ${r.mainThreadMsPerSecond.task} ms/s (script ${r.mainThreadMsPerSecond.script}, style ${r.mainThreadMsPerSecond.style}, layout ${r.mainThreadMsPerSecond.layout})`);
  }
  if (!json) console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (!json) console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, ${(await browser.version())}`);
} finally {
  await browser.close();
  await server.close();
}
