// No number given to the command line, in a file or as a flag, makes a command's work or
// memory unbounded (issue 17): each finding is refused with the field or flag named. The
// commands run as users run them, in a child process whose heap is capped at 256 MB, so a
// command that built something proportional to a number fails by running out of memory,
// not by a timer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { manySitesDoc } from '../fixtures/many-sites.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/small-ed.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-limits-'));

function pathflow(...args: string[]) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', join(root, 'bin/pathflow.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The small ED with one change, written to a file. */
function edWith(name: string, change: (d: any) => void): string {
  const d = parse(readFileSync(fixture, 'utf8'));
  change(d);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(d));
  return file;
}

describe('check: a scenario over a limit is refused, naming the field', () => {
  test('a billion staff in a role (the 1.6 KB request that took the server down)', () => {
    const r = pathflow('check', edWith('staff', (d) => (d.sites[0].staff[1].count = 1e9)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ sites[0].staff[1].count: 1,000,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N)');
  }, 180_000);

  test('a million on a shift: refused at once (it printed "ok" and never exited)', () => {
    const r = pathflow('check', edWith('shift', (d) => (d.sites[0].staff[0].shifts[0].count = 1e6)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ sites[0].staff[0].shifts[0].count: 1,000,000 staff exceeds the limit of 10,000 per role');
  }, 180_000);

  test('a limit raised with --limit lets a big roster through', () => {
    const file = edWith('roster', (d) => (d.sites[0].staff[1].count = 15_000));
    expect(pathflow('check', file).code).toBe(1);
    const r = pathflow('check', file, '--limit', 'staffPerRole=20000');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: "small-ed"/);
    expect(r.stdout).toMatch(/15,002 staff/);
  }, 180_000);
});

describe('count flags have a maximum', () => {
  test('run and warmup --reps above 10,000: a usage error (they printed nothing and grew to 2.5 GB)', () => {
    const run = pathflow('run', fixture, '--reps', '1000000000');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pathflow: run: --reps needs an integer ≤ 10,000 (replications per variant), got "1000000000"');
    const warmup = pathflow('warmup', fixture, '--series', 'occupancy[dgh/medical]', '--reps', '1000000000');
    expect(warmup.code).toBe(2);
    expect(warmup.stderr).toContain('pathflow: warmup: --reps needs an integer ≤ 10,000 (replications per variant), got "1000000000"');
  }, 180_000);

  test('--workers above the CPUs runs as many as the CPUs, saying so; above 256 is a usage error', () => {
    const cpus = availableParallelism();
    const r = pathflow('run', fixture, '--reps', '1', '--variants', 'baseline', '--workers', String(cpus + 38), '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`pathflow run: --workers ${cpus + 38}: this machine has ${cpus} CPU`);
    expect(pathflow('run', fixture, '--workers', '1000').stderr).toContain('pathflow: run: --workers needs an integer ≤ 256 (worker threads), got "1000"');
  }, 180_000);

  test('a sweep of two parameters of 10,000 values each: the grid (their product) is refused before it is listed', () => {
    const r = pathflow('sweep', fixture, '--param', 'sites[dgh].wards[medical].beds=1..10000', '--param', 'sites[dgh].wards[cubicles].beds=1..10000', '--kpi', 'ed.4h[all]');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('pathflow sweep: the grid has 100,000,000 points (10,000 × 10,000), more than the 10,000 a sweep may have: use fewer values or a coarser STEP\n');
  }, 180_000);
});

describe('sweep: the grid\'s scenarios', () => {
  const file = join(tmp, 'many.json');
  writeFileSync(file, JSON.stringify(manySitesDoc(300, { horizonDays: 2 })));

  test('2,000 points of a 100 KB scenario: refused before any is built (an 80 KB request of this took the server down)', () => {
    const r = pathflow('sweep', file, '--param', 'sites[s0].wards[w].beds=3..2002', '--kpi', 'occupancy.mean[s0/w]');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pathflow sweep: 2,000 points of a \d+ KB scenario are about \d+ MB of scenarios to check and send to the workers, more than the 128 MB a sweep may have: use fewer values in --param\n$/);
  }, 180_000);

  test('100 points of it run in a 256 MB heap: each point is kept as its text, not parsed and compiled (3.7 MB a point: out of memory)', () => {
    const r = pathflow('sweep', file, '--param', 'sites[s0].wards[w].beds=3..102', '--kpi', 'occupancy.mean[s0/w]', '--reps', '1', '--workers', '1', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.points).toHaveLength(100);
    expect(doc.points[99].values).toEqual([102]);
  }, 180_000);
});

describe('validate: a reference case over a limit is refused, naming the field', () => {
  const caseFile = (name: string, run: object, rate = 2.4) => {
    const file = join(tmp, `${name}.json`);
    writeFileSync(file, JSON.stringify({
      format_version: 1,
      cases: [{
        id: name,
        model: { arrivals: [{ to: 'doctors', process: 'poisson', rate_per_hour: rate }], stations: [{ id: 'doctors', servers: 2, service: { dist: 'exponential', mean: 0.5 } }] },
        run: { horizon_hours: 1000, warmup_hours: 0, replications: 10, ...run },
        expected: [{ metric: 'Wq', value: 0.28125, rel_tol: 0.06 }],
      }],
    }));
    return file;
  };

  test('a billion replications, a billion days, a trillion arrivals a day', () => {
    const reps = pathflow('validate', caseFile('reps', { replications: 1e9 }));
    expect(reps.code).toBe(2);
    expect(reps.stderr).toContain('✖ cases[0].run.replications: expected an integer ≤ 10000, got 1000000000');
    const days = pathflow('validate', caseFile('days', { horizon_hours: 24e9 }));
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('✖ cases[0].run.horizon_hours: about 57,600,000,000 patients would arrive in one replication (2.4 an hour for 24,000,000,000 hours), over the limit of 10,000,000 (raise with --limit arrivals=N)');
    const rate = pathflow('validate', caseFile('rate', {}, 1e12 / 24));
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('✖ cases[0].model.arrivals[0].rate_per_hour: about 41,666,666,666,667 patients would arrive in one replication');
  }, 180_000);
});

describe('a replication that outgrows its budget', () => {
  test('an unstable ward for 10 years: the run fails naming the replication, the figure and the ward (it used 1.74 GB and reported 40,000-hour waits)', () => {
    const file = join(tmp, 'unstable.yaml');
    writeFileSync(file, stringify({
      id: 'unstable', title: 'An unstable ward', time: { horizonDays: 3650, replications: 1000 },
      sites: [{ id: 'dgh', wards: [{ id: 'medical', beds: 20 }] }],
      classes: [{ id: 'emergency', site: 'dgh', arrivals: { perDay: 2000 }, pathway: 'stay' }],
      pathways: { stay: [{ id: 'admit', do: 'admit', ward: 'medical' }, { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 5, unit: 'days' } }, { id: 'home', do: 'discharge' }] },
    }));
    const r = pathflow('run', file, '--workers', '1', '--limit', 'inSystem=50000');
    expect(r.code).toBe(1);
    // The overload is said once, in the failure (a run that completes says it in its own warnings).
    expect(r.stderr.split('has an offered load of 500× its 20 beds')).toHaveLength(2);
    expect(r.stderr).toMatch(/pathflow run: replication 0 of the baseline exceeded 50,000 patients in the system on day \d+: the model is unstable — ward "medical" at site "dgh" has an offered load of 500× its 20 beds \(if the model is right, raise with --limit inSystem=N\)\n$/);
  }, 180_000);
});

describe('what a run keeps for its comparisons', () => {
  test('more numbers than keptValues: refused at the first replication, naming what sets the replications', () => {
    // The small ED: 63 KPIs and 2 trends a replication, 3 options.
    const reps = pathflow('run', fixture, '--reps', '500', '--workers', '1', '--limit', 'keptValues=100000');
    expect(reps.code).toBe(1);
    expect(reps.stderr).toBe('pathflow run: --reps: 500 replications × 3 options × 67 numbers a replication (its KPIs, and two for each queue\'s and list\'s trend) would keep about 100,500 numbers for the comparisons, over the limit of 100,000: run fewer replications or options (raise with --limit keptValues=N)\n');
    const own = pathflow('run', edWith('reps', (d) => (d.time.replications = 600)), '--workers', '1', '--limit', 'keptValues=100000');
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/^pathflow run: time\.replications: 600 replications × 3 options × 67 numbers .* over the limit of 100,000/);
    const ok = pathflow('run', fixture, '--reps', '3', '--workers', '1', '--limit', 'keptValues=603', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).replications).toBe(3);
  }, 180_000);
});
