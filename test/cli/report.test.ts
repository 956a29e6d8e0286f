// `pathflow report` as a user runs it (main(argv, io)): the file written in the format its
// name or --format asks for, a run's document taken in (its scenario checked), --help, and
// bad flags and files refused with the flag or file named.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { main } from '../../cli/main.ts';
import { pathflow } from './in-process.ts';
import { STRESS_ITEM_IDS } from '../../scenarios/report/checklist.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = `${root}test/fixtures/small-ed.yaml`;
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-report-'));

describe('pathflow report', () => {
  test('HTML into --out: exit 0, every item, said on stderr', async () => {
    const out = join(tmp, 'report.html');
    const r = await pathflow('report', fixture, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`pathflow report: wrote ${out} (HTML, 24 checklist items)\n`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const id of STRESS_ITEM_IDS) expect(html).toContain(`data-item="${id}"`);
  });

  test('with a run from `pathflow run --json`: Markdown by the name of --out, the run\'s numbers in it', async () => {
    const run = await pathflow('run', fixture, '--reps', '2', '--seed', '5', '--workers', '1', '--json');
    expect(run.code).toBe(0);
    const runFile = join(tmp, 'run.json');
    writeFileSync(runFile, run.stdout);
    const out = join(tmp, 'report.md');
    const r = await pathflow('report', fixture, '--run', runFile, '--out', out);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('with the results of a run of 2 replications of 3 options, seed 5');
    expect(md).toContain(`pathflow run ${fixture} --reps 2 --seed 5 --json > run.json`);
    // Printed when there is no --out.
    expect((await pathflow('report', fixture, '--format', 'md')).stdout).toMatch(/^# STRESS-DES report: A small emergency department\n/);
  });

  test('a run\'s provenance: the machine, the --set changes and --precision\'s first batch, in the run document and in the report (5.4, 6.1, experimentation)', async () => {
    const run = await pathflow('run', fixture, '--reps', '2', '--seed', '5', '--workers', '1', '--variants', 'baseline', '--set', 'time.horizonDays=40',
      '--precision', '50%', '--precision-kpis', 'arrivals', '--max-reps', '6', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.provenance.settings).toEqual(['time.horizonDays=40']);
    expect(doc.provenance.machine).toEqual({ cpuModel: expect.any(String), cores: cpus().length, os: `${platform()} ${release()} (${arch()})`, node: process.version });
    expect(doc.precision.firstReplications).toBe(2);
    const runFile = join(tmp, 'provenance.json');
    writeFileSync(runFile, run.stdout);
    const md = (await pathflow('report', fixture, '--run', runFile, '--format', 'md')).stdout;
    expect(md).toContain(`Run on ${platform()} ${release()} (${arch()}); ${cpus().length} × ${doc.provenance.machine.cpuModel}; Node.js ${process.version}.`);
    expect(md).toContain('The run changed the scenario file with one setting (`--set`, in the first command): `time.horizonDays=40`.');
    expect(md).toContain('The first batch: 2 replications per option (set for this run; the scenario’s time.replications is 3), then doubled until the target or the cap.');
    expect(md).toContain(`pathflow run ${fixture} --precision 50% --precision-kpis ${"'arrivals[all],arrivals[majors],arrivals[minors]'"} --max-reps 6 --reps 2 --seed 5 --set time.horizonDays=40 --variants baseline --json > run.json`);
    expect(md).not.toMatch(/does not record (it|`--set`)|first batch is not recorded/);
    // Run again as the report says: the same numbers.
    const again = await pathflow('run', fixture, '--precision', '50%', '--precision-kpis', 'arrivals', '--max-reps', '6', '--reps', '2', '--seed', '5', '--set', 'time.horizonDays=40', '--variants', 'baseline', '--workers', '1', '--json');
    const strip = (t: string) => { const d = JSON.parse(t); delete d.provenance; return d; };
    expect(strip(again.stdout)).toEqual(strip(run.stdout));
  });

  test('--help prints the usage, exit 0', async () => {
    const r = await pathflow('report', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('report FILE [--run RUN.json] [--warmup WARMUP.json] [--out FILE] [--format html|md]');
    expect((await pathflow('help')).stdout).toContain('  report FILE [--run RUN.json]');
  });

  test('bad flags exit 2 naming the flag; unusable files exit 1 naming the file', async () => {
    const format = await pathflow('report', fixture, '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^pathflow: report: --format needs html or md, got "pdf"/);
    const unknown = await pathflow('report', fixture, '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--bogus');
    const noValue = await pathflow('report', fixture, '--run');
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toContain('--run');
    expect((await pathflow('report')).stderr).toContain('report: which scenario? (report FILE)');

    const missing = await pathflow('report', join(tmp, 'nope.yaml'));
    expect(missing).toMatchObject({ code: 1, stderr: `pathflow report: ${join(tmp, 'nope.yaml')}: no such file\n` });
    const notRun = join(tmp, 'not-run.json');
    writeFileSync(notRun, '{"hello": 1}');
    const bad = await pathflow('report', fixture, '--run', notRun);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`pathflow report: ${notRun}: not a run document (pathflow run FILE --json): `);
    const other = join(tmp, 'other-run.json');
    writeFileSync(other, JSON.stringify({ scenario: 'winter-dgh', replications: 1, seed: 1, variants: [{ id: 'baseline', name: 'b', kpis: {} }], comparisons: [] }));
    expect((await pathflow('report', fixture, '--run', other)).stderr).toBe(`pathflow report: ${other}: a run of scenario "winter-dgh", not of "small-ed" (${fixture})\n`);
  });
});
