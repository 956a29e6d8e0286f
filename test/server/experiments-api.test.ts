// Sweeps and seeks on a real server: the same documents `pathflow sweep --json` and `seek
// --json` print for the same scenario, parameter, seed and replications; progress, cancel
// and the result by polling; what a scenario offers to vary; and every bad input refused
// with a 4xx naming the field, an oversized grid before any work.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { pathflow } from '../cli/in-process.ts';
import { api, fixtureDoc, removeDir, start } from './harness.ts';
import { manySitesDoc } from '../fixtures/many-sites.ts';

const fixture = fileURLToPath(new URL('../fixtures/small-ed.yaml', import.meta.url));
const BEDS = 'sites[dgh].wards[medical].beds';

let server: Awaited<ReturnType<typeof start>>;
beforeAll(async () => { server = await start(); });
afterAll(async () => {
  await server?.close();
  if (server) removeDir(server.dataDir);
});

/** Asks for the experiment every 50 ms until its status is one of `statuses` (polling is how experiments are followed). */
async function poll(id: string, statuses = ['done', 'failed', 'cancelled'], tries = 600): Promise<any> {
  for (let i = 0; ; i++) {
    const r = await api(server.url, 'GET', `/api/experiments/${id}`);
    expect(r.status).toBe(200);
    if (statuses.includes(r.body.status)) return r.body;
    if (i === tries) throw new Error(`experiment ${id} still ${r.body.status} after ${tries} looks`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** small-ed for three weeks: quick, and the medical ward's beds matter. */
const short = () => {
  const doc = fixtureDoc();
  (doc.time as any).horizonDays = 21;
  return doc;
};

describe('sweeps', () => {
  test('the document `pathflow sweep --json` prints, for the same scenario, parameter, seed and replications', async () => {
    const started = await api(server.url, 'POST', '/api/experiments/sweeps', {
      scenario: short(), parameters: [{ path: BEDS, values: '10..18:4' }], kpis: ['ed.4h[all]', 'wait.mean[dgh/medical]'], replications: 3, seed: 7,
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'sweep', scenarioId: 'small-ed', progress: { done: 0, total: 9 } });
    const done = await poll(started.body.id);
    expect(done.status).toBe('done');
    expect(done.progress).toEqual({ done: 9, total: 9 });
    const cli = await pathflow('sweep', fixture, '--param', `${BEDS}=10..18:4`, '--kpi', 'ed.4h[all],wait.mean[dgh/medical]', '--reps', '3', '--seed', '7',
      '--set', 'time.horizonDays=21', '--workers', '1', '--json');
    expect(cli.code).toBe(0);
    // The CLI records its --set; the server was sent the scenario with the change made.
    expect({ ...done.sweep, settings: ['time.horizonDays=21'] }).toEqual(JSON.parse(cli.stdout));
    expect(done.sweep.points.map((p: any) => p.values)).toEqual([[10], [14], [18]]);
  });

  test('a stored scenario by id, a list of values, and the list of experiments', async () => {
    const started = await api(server.url, 'POST', '/api/experiments/sweeps', {
      scenarioId: 'ed-skill-mix', parameters: [{ path: 'sites[dgh].staff[acp].shifts[0].count', values: [1, 2] }], kpis: ['arrivals[all]'], replications: 2,
      settings: ['time.horizonDays=7', 'time.warmupDays=1'],
    });
    expect(started.status).toBe(202);
    const done = await poll(started.body.id);
    expect(done.status).toBe('done');
    // Common random numbers: arrivals do not depend on the ACPs, to the last bit.
    expect(done.sweep.points[1].kpis['arrivals[all]']).toEqual(done.sweep.points[0].kpis['arrivals[all]']);
    const list = await api(server.url, 'GET', '/api/experiments');
    expect(list.body[0]).toMatchObject({ id: started.body.id, status: 'done' });
    expect(list.body[0].sweep).toBeUndefined();
  });

  test('cancel stops a sweep; a finished one is returned unchanged', async () => {
    const doc = fixtureDoc();
    (doc.time as any).horizonDays = 2000;
    const started = await api(server.url, 'POST', '/api/experiments/sweeps', { scenario: doc, parameters: [{ path: BEDS, values: '10..30' }], kpis: ['ed.4h[all]'], replications: 20 });
    expect(started.status).toBe(202);
    await poll(started.body.id, ['running']);
    const cancelled = await api(server.url, 'POST', `/api/experiments/${started.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.progress.done).toBeLessThan(21 * 20);
    expect((await api(server.url, 'GET', `/api/experiments/${started.body.id}`)).body.status).toBe('cancelled');
  });

  test('sequential: the document `pathflow sweep --sequential --json` prints; bad settings named', async () => {
    const started = await api(server.url, 'POST', '/api/experiments/sweeps', {
      scenario: short(), parameters: [{ path: BEDS, values: '8..20:4' }], kpis: ['ed.4h[all]'], replications: 3, seed: 7,
      sequential: { maxReps: 12, target: 'ed.4h[all] >= 0.8' },
    });
    expect(started.status).toBe(202);
    // Open-ended: how many replications it will take is not known before it ends.
    expect(started.body.progress).toEqual({ done: 0, total: null });
    const done = await poll(started.body.id);
    expect(done.status).toBe('done');
    const cli = await pathflow('sweep', fixture, '--param', `${BEDS}=8..20:4`, '--kpi', 'ed.4h[all]', '--reps', '3', '--seed', '7',
      '--sequential', '--max-reps', '12', '--target', 'ed.4h[all] >= 0.8', '--set', 'time.horizonDays=21', '--workers', '1', '--json');
    expect(cli.code).toBe(0);
    expect({ ...done.sweep, settings: ['time.horizonDays=21'] }).toEqual(JSON.parse(cli.stdout));
    expect(done.sweep.allocation).toMatchObject({ rule: 'target', initial: 3, max: 12 });
    expect(done.progress.done).toBe(done.sweep.allocation.replications);

    const bad = async (sequential: object, replications = 3) => api(server.url, 'POST', '/api/experiments/sweeps', {
      scenario: short(), parameters: [{ path: BEDS, values: '8,12' }], kpis: ['ed.4h[all]'], replications, sequential,
    });
    for (const [seq, reps, field] of [[{ maxReps: 2 }, 3, 'sequential.maxReps'], [{ target: 'ed.4h[all] = 1' }, 3, 'sequential.target'], [{ target: 'nope[all] >= 1' }, 3, 'sequential.target'], [{}, 1, 'replications'], [{ maxReps: 1e6 }, 3, 'sequential.maxReps']] as const) {
      const r = await bad(seq, reps);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
    }
  });
});

describe('seeks', () => {
  const seekBody = (maxReps: number) => ({ scenario: short(), parameter: BEDS, range: [8, 30], target: 'ed.4h[all] >= 0.9', maxReps });
  const cliSeek = (maxReps: number) => pathflow('seek', fixture, '--param', BEDS, '--range', '8..30', '--target', 'ed.4h[all] >= 0.9', '--max-reps', String(maxReps),
    '--set', 'time.horizonDays=21', '--workers', '1', '--json');

  test('the document `pathflow seek --json` prints; uncertain here, between two values', async () => {
    const first = await api(server.url, 'POST', '/api/experiments/seeks', seekBody(20));
    expect(first.status).toBe(202);
    expect(first.body.progress.total).toBeNull();
    const done = await poll(first.body.id);
    expect(done.status).toBe('done');
    expect(done.progress.done).toBe(done.seek.replications);
    expect(done.progress.at).toMatch(/^sites\[dgh\]\.wards\[medical\]\.beds=\d+$/);
    const cli = await cliSeek(20);
    expect(cli.code).toBe(1); // uncertain: the CLI exits 1 after printing the document
    expect(done.seek).toEqual(JSON.parse(cli.stdout));
    expect(done.seek).toMatchObject({ outcome: 'uncertain', answer: 19 });
  });

  test('asked again with more replications (the app\'s "Add replications"), it reuses those already run: the same document as a fresh seek', async () => {
    const again = await api(server.url, 'POST', '/api/experiments/seeks', seekBody(40));
    const done = await poll(again.body.id);
    expect(done.status).toBe('done');
    const cli = await cliSeek(40);
    expect(done.seek).toEqual(JSON.parse(cli.stdout));
    // Every point of the first seek (20 replications at most each) was taken, not run again.
    expect(done.progress.reused).toBeGreaterThanOrEqual(20);
    expect(done.progress.done + done.progress.reused).toBe(done.seek.replications);
  });

  test('a range whose every value meets the target: found, at its start', async () => {
    const started = await api(server.url, 'POST', '/api/experiments/seeks', { ...seekBody(20), range: [22, 30] });
    const done = await poll(started.body.id);
    expect(done.seek).toMatchObject({ outcome: 'found', answer: 22, replications: 10 });
    const cli = await pathflow('seek', fixture, '--param', BEDS, '--range', '22..30', '--target', 'ed.4h[all] >= 0.9', '--max-reps', '20', '--set', 'time.horizonDays=21', '--workers', '1', '--json');
    expect(cli.code).toBe(0);
    expect(done.seek).toEqual(JSON.parse(cli.stdout));
  });
});

describe('what a scenario offers to vary', () => {
  test('beds, staff and arrivals with their paths and labels; the KPIs it reports', async () => {
    const r = await api(server.url, 'POST', '/api/experiments/choices', { scenario: fixtureDoc() });
    expect(r.status).toBe(200);
    expect(r.body.parameters).toEqual([
      { path: 'sites[dgh].wards[cubicles].beds', label: 'Cubicles on cubicles (dgh)', group: 'beds', noun: 'cubicles', current: 6, integer: true },
      { path: 'sites[dgh].wards[medical].beds', label: 'Beds on medical (dgh)', group: 'beds', noun: 'beds', current: 20, integer: true },
      { path: 'sites[dgh].staff[nurse].shifts[0].count', label: 'Staff on shift: nurse, every day 00:00–24:00 (dgh)', group: 'staff', noun: 'staff', current: 2, integer: true },
      { path: 'sites[dgh].staff[acp].count', label: 'Staff on duty: acp (dgh)', group: 'staff', noun: 'staff', current: 1, integer: true },
      { path: 'classes[minors].arrivals.perDay', label: 'Arrivals per day: minors', group: 'arrivals', noun: 'arrivals a day', current: 30, integer: false },
      { path: 'classes[majors].arrivals.perDay', label: 'Arrivals per day: majors', group: 'arrivals', noun: 'arrivals a day', current: 8, integer: false },
    ]);
    expect(r.body.kpis).toContain('ed.4h[all]');
    // A variant's scenario: its beds.
    const v = await api(server.url, 'POST', '/api/experiments/choices', { scenario: fixtureDoc(), variant: 'fewer-beds' });
    expect(v.body.parameters[1].current).toBe(16);
  });
});

describe('bad input: a 4xx naming the field, never a crash', () => {
  const sweep = (over: Record<string, unknown>) => api(server.url, 'POST', '/api/experiments/sweeps', { scenario: short(), parameters: [{ path: BEDS, values: '10,12' }], kpis: ['ed.4h[all]'], ...over });
  const seek = (over: Record<string, unknown>) => api(server.url, 'POST', '/api/experiments/seeks', { scenario: short(), parameter: BEDS, range: [8, 30], target: 'ed.4h[all] >= 0.9', ...over });
  const refusal = (r: { status: number; body: any }) => [r.status, r.body.error.code, r.body.error.issues?.[0]?.path];

  test('sweeps', async () => {
    expect(refusal(await sweep({ parameters: [{ path: 'sites[dgh].wards[icu].beds', values: '1,2' }] }))).toEqual([400, 'validation_failed', 'parameters[0].path']);
    expect((await sweep({ parameters: [{ path: 'sites[dgh].wards[icu].beds', values: '1,2' }] })).body.error.message)
      .toBe('parameters[0].path: sites[0].wards[icu]: no entry with id "icu"; sites[0].wards has 2 ([0] cubicles, [1] medical)');
    expect(refusal(await sweep({ parameters: [{ path: BEDS, values: '20..10' }] }))).toEqual([400, 'validation_failed', 'parameters[0].values']);
    expect(refusal(await sweep({ parameters: [{ path: BEDS, values: [10, 'x'] }] }))).toEqual([400, 'validation_failed', 'parameters[0].values[1]']);
    expect(refusal(await sweep({ parameters: [{ path: BEDS, values: '0,10' }] }))).toEqual([400, 'invalid_scenario', 'parameters']);
    expect(refusal(await sweep({ parameters: [{ path: BEDS, values: '10' }, { path: 'sites[0].wards[1].beds', values: '12' }] }))).toEqual([400, 'validation_failed', 'parameters[1].path']);
    expect(refusal(await sweep({ kpis: ['ed.4h[all]', 'ed.5h[all]'] }))).toEqual([400, 'validation_failed', 'kpis[1]']);
    expect(refusal(await sweep({ replications: 5000 }))).toEqual([400, 'limit_exceeded', 'replications']);
    expect(refusal(await sweep({ replications: 0 }))).toEqual([400, 'validation_failed', 'replications']);
    expect(refusal(await sweep({ parameters: [] }))).toEqual([400, 'validation_failed', 'parameters']);
    expect(refusal(await sweep({ kpis: undefined }))).toEqual([400, 'validation_failed', 'kpis']);
    expect(refusal(await sweep({ variant: 'nope' }))).toEqual([400, 'unknown_variant', 'variant']);
    expect(refusal(await sweep({ settings: ['time.horizonDays=21', 'time.horizonDays=0'] }))).toEqual([400, 'invalid_scenario', 'settings[1]']);
    expect(refusal(await sweep({ scenarioId: 'small-ed' }))).toEqual([400, 'validation_failed', 'scenario']);
    expect(refusal(await sweep({ scenario: undefined }))).toEqual([400, 'validation_failed', 'scenarioId']);
    expect(refusal(await api(server.url, 'POST', '/api/experiments/sweeps', { scenarioId: 'no-such', parameters: [{ path: BEDS, values: '1' }], kpis: ['x'] }))).toEqual([404, 'not_found', 'scenarioId']);
    const doc = short();
    (doc.sites as any)[0].wards[1].beds = 0;
    expect(refusal(await sweep({ scenario: doc }))).toEqual([400, 'invalid_scenario', 'sites[0].wards[1].beds']);
  });

  test('an oversized sweep is refused before any work, with the CLI\'s limits', async () => {
    // 10,000 × 10,000 points: counted, never listed or checked (that would take minutes).
    const huge = await sweep({ parameters: [{ path: BEDS, values: '1..10000' }, { path: 'sites[dgh].wards[cubicles].beds', values: '1..10000' }] });
    expect(refusal(huge)).toEqual([400, 'limit_exceeded', 'parameters']);
    expect(huge.body.error.message).toBe('parameters: the grid has 100,000,000 points (10,000 × 10,000), more than the 10,000 a sweep may have: use fewer values or a coarser STEP');
    const many = await sweep({ parameters: [{ path: BEDS, values: '1..5000' }], replications: 1000 });
    expect(many.body.error.message).toBe('parameters: 5,000 points × 1,000 replications is 5,000,000 replications, more than the 1,000,000 a sweep may run: use fewer points or replications');
    const one = await sweep({ parameters: [{ path: BEDS, values: '1..20000' }] });
    expect(refusal(one)).toEqual([400, 'validation_failed', 'parameters[0].values']);
    // An 80 KB model of 300 wards over 2,000 values (it ran the server out of memory: each point was kept parsed and compiled, 3.7 MB).
    const wide = await sweep({ scenario: manySitesDoc(300, { horizonDays: 2 }), parameters: [{ path: 'sites[s0].wards[w].beds', values: '3..2002' }], kpis: ['occupancy.mean[s0/w]'] });
    expect(refusal(wide)).toEqual([400, 'limit_exceeded', 'parameters']);
    expect(wide.body.error.message).toMatch(/^parameters: 2,000 points of a \d+ KB scenario are about \d+ MB of scenarios to check and send to the workers, more than the 128 MB a sweep may have: use fewer values in parameters$/);
    const list = await api(server.url, 'GET', '/api/experiments');
    expect(list.body.filter((e: any) => e.status === 'queued' || e.status === 'running')).toEqual([]);
  });

  test('seeks', async () => {
    expect(refusal(await seek({ range: [30, 8] }))).toEqual([400, 'validation_failed', 'range']);
    expect(refusal(await seek({ range: [0, 30] }))).toEqual([400, 'invalid_scenario', 'range']);
    expect(refusal(await seek({ target: 'ed.4h[all] = 0.9' }))).toEqual([400, 'validation_failed', 'target']);
    expect(refusal(await seek({ target: 'ed.5h[all] >= 0.9' }))).toEqual([400, 'validation_failed', 'target']);
    expect(refusal(await seek({ parameter: 'sites[dgh].wards[medical]' }))).toEqual([400, 'validation_failed', 'parameter']);
    expect(refusal(await seek({ parameter: 'sites[dgh].wards[medical].kind' }))).toEqual([400, 'validation_failed', 'parameter']);
    expect(refusal(await seek({ maxReps: 3, initialReps: 4 }))).toEqual([400, 'validation_failed', 'maxReps']);
    expect(refusal(await seek({ maxReps: 5000 }))).toEqual([400, 'limit_exceeded', 'maxReps']);
    expect(refusal(await seek({ initialReps: 1 }))).toEqual([400, 'validation_failed', 'initialReps']);
    expect(refusal(await seek({ confidence: 1 }))).toEqual([400, 'validation_failed', 'confidence']);
    // Closer to 1, (1 + c) / 2 rounds to 1: it passed admission, then failed the seek inside tQuantile.
    expect(refusal(await seek({ confidence: 0.9999999999999999 }))).toEqual([400, 'validation_failed', 'confidence']);
    expect(refusal(await seek({ range: [8] }))).toEqual([400, 'validation_failed', 'range']);
    // Finer than numbers go: it searched for ever on one point and froze the server; and its document could not be sent.
    expect(refusal(await seek({ tolerance: 1e-300 }))).toEqual([400, 'limit_exceeded', 'tolerance']);
    expect(refusal(await seek({ range: [8, 1e12] }))).toEqual([400, 'limit_exceeded', 'range']);
    expect(refusal(await api(server.url, 'GET', '/api/experiments/nope'))).toEqual([404, 'not_found', undefined]);
    expect(refusal(await api(server.url, 'POST', '/api/experiments/nope/cancel'))).toEqual([404, 'not_found', undefined]);
  });

  test('the endpoints are in the OpenAPI document', async () => {
    const doc = (await api(server.url, 'GET', '/docs/json')).body;
    for (const p of ['/api/experiments/sweeps', '/api/experiments/seeks', '/api/experiments/choices', '/api/experiments/{id}', '/api/experiments/{id}/cancel']) expect(doc.paths).toHaveProperty([p]);
    expect(doc.paths['/api/experiments/sweeps'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('parameters');
  });
});
