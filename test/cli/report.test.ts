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

  describe('a run document the scenario could not have produced is refused, naming the field (probe #9)', () => {
    const run = { scenario: 'small-ed', replications: 3, seed: 1, comparisons: [] as object[] };
    const estimate = { mean: 5, ciLow: 4, ciHigh: 6 };
    const refused = async (name: string, doc: object) => {
      const file = join(tmp, name);
      writeFileSync(file, JSON.stringify(doc));
      const r = await pathflow('report', fixture, '--run', file, '--out', join(tmp, `${name}.html`));
      expect(r.code).toBe(1);
      return r.stderr.replace(file, 'RUN').replace(fixture, 'FILE');
    };

    test('a variant the scenario does not have (its report\'s reproduce command failed: "unknown variant")', async () => {
      const doc = { ...run, variants: [{ id: 'baseline', name: 'b', kpis: {} }, { id: 'more-acps', name: 'm', kpis: {} }, { id: 'ghost', name: 'g', kpis: {} }] };
      expect(await refused('ghost.json', doc)).toBe('pathflow report: RUN: not a run of FILE:\n  ✖ variants[2].id: scenario "small-ed" has no variant "ghost" (its options: baseline, more-acps, fewer-beds)\n');
    });

    test('the baseline not first, a variant twice, a comparison or replication of an option not run', async () => {
      const doc = {
        ...run,
        variants: [{ id: 'more-acps', name: 'm', kpis: {} }, { id: 'fewer-beds', name: 'f', kpis: {} }, { id: 'fewer-beds', name: 'f', kpis: {} }],
        comparisons: [{ variant: 'ghost', kpi: 'arrivals[all]', difference: 1, ciLow: 0, ciHigh: 2 }],
        replicationKpis: [{ variant: 'baseline', replication: 3, kpis: {} }],
      };
      expect((await refused('mixed.json', doc)).split('\n')).toEqual([
        'pathflow report: RUN: not a run of FILE:',
        '  ✖ variants[0].id: expected "baseline" first (the base scenario), got "more-acps"',
        '  ✖ variants[2].id: variant "fewer-beds" is given twice (also variants[1])',
        '  ✖ comparisons[0].variant: "ghost" is not a variant of this run (variants: fewer-beds)',
        '  ✖ replicationKpis[0].variant: "baseline" is not an option of this run (options: more-acps, fewer-beds)',
        '  ✖ replicationKpis[0].replication: expected a replication below the run\'s 3, got 3',
        '',
      ]);
    });

    test('an interval upside down, or an estimate outside its interval (printed as "5 [10, -10]" before)', async () => {
      const doc = {
        ...run,
        variants: [{ id: 'baseline', name: 'b', kpis: { 'arrivals[all]': { mean: 5, ciLow: 10, ciHigh: -10 }, 'wait.mean[all]': estimate } }, { id: 'more-acps', name: 'm', kpis: { 'arrivals[all]': { mean: 7, ciLow: 4, ciHigh: 6 } } }],
        comparisons: [{ variant: 'more-acps', kpi: 'arrivals[all]', difference: 1, ciLow: 2, ciHigh: 1 }],
      };
      expect((await refused('inverted.json', doc)).split('\n')).toEqual([
        'pathflow report: RUN: not a run of FILE:',
        '  ✖ variants[0].kpis["arrivals[all]"]: the interval\'s lower end is above its upper end (mean 5, interval [10, -10])',
        '  ✖ variants[1].kpis["arrivals[all]"]: the estimate lies outside its interval (mean 7, interval [4, 6])',
        '  ✖ comparisons[0]: the interval\'s lower end is above its upper end (difference 1, interval [2, 1])',
        '',
      ]);
    });

    test('200,000 variants (109 s and 4 GB before): refused at once by their number', async () => {
      const doc = { ...run, variants: Array.from({ length: 200_000 }, (_, k) => ({ id: k ? `v${k}` : 'baseline', name: 'x', kpis: {} })) };
      expect(await refused('many.json', doc)).toBe('pathflow report: RUN: not a run document (pathflow run FILE --json): variants: expected at most 51 options (the baseline and a scenario\'s 50 variants at most), got 200,000\n');
    }, 60_000);
  });
});
