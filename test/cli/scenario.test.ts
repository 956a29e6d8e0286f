// `pathflow check`, `schema` and `run` as a user runs them: the real bin in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { RunResultSchema } from '../../scenarios/schema/run-result.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/small-ed.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-scenario-'));

function pathflow(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/pathflow.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pathflow check', () => {
  test('a key given twice in a JSON scenario is an error at its path, in the words a YAML file gets (JSON.parse kept the last silently)', () => {
    const json = JSON.stringify(parse(readFileSync(fixture, 'utf8')), null, 1).replace('"id": "small-ed",', '"id": "small-ed", "id": "other",');
    const file = join(tmp, 'twice.json');
    writeFileSync(file, json);
    const r = pathflow('check', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`scenario "${file}" is invalid:\n  ✖ id: not valid JSON at line 2, column 20: the key "id" is given twice in one object (first at line 2)\n`);
  });

  test('a valid scenario: "ok", a summary and what one replication would take, exit 0', () => {
    const r = pathflow('check', fixture);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: "small-ed" — 1 site, 2 wards, 2 classes, 2 pathways, 2 variants\n' +
      'one replication: about 1,330 patients (about 16 present), 2,861 events, 3 staff, 4.1 MB\n');
    expect(r.stderr).toBe('');
  });

  test('an invalid scenario: every error with its path, exit 1', () => {
    const text = readFileSync(fixture, 'utf8').replace('beds: 20', 'beds: 0').replace('skill: treat-minor', 'skill: treat-minors');
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, text);
    const r = pathflow('check', file);
    expect(r.code).toBe(1);
    expect(r.stderr.replace(tmp, 'TMP')).toMatchInlineSnapshot(`
      "scenario "TMP/bad.yaml" is invalid:
        ✖ sites[0].wards[1].beds: expected an integer ≥ 1, got 0
        ✖ pathways.minors[0].skill: no role at site "dgh" has skill "treat-minors": did you mean "treat-minor"? (skills: treat-minor, assess)
      "
    `);
  });

  test('a file with several kinds of mistake: every one in one pass, in file order, with "did you mean", exit 1', () => {
    const r = pathflow('check', 'test/fixtures/several-mistakes.yaml'); // relative to the repository, where it runs
    expect(r.code).toBe(1);
    expect(r.stderr).toMatchInlineSnapshot(`
      "scenario "test/fixtures/several-mistakes.yaml" is invalid:
        ✖ sites[0].wards[0].kind: expected "ward" or "cubicle" or "chair" or "trolley", got "cubical": did you mean "cubicle"?
        ✖ sites[0].wards[1].bedz: unknown field: did you mean "beds"?
        ✖ sites[0].wards[1].beds: missing: expected an integer
        ✖ sites[0].staff[1].hourlyCost: expected a number, got "45"
        ✖ classes[0].pathway: unknown pathway "minor": did you mean "minors"? (known: minors, majors)
        ✖ pathways.majors[2].ward: unknown ward "medicl" at site "dgh": did you mean "medical"? (known: cubicles, medical)
        ✖ variants[1].patch.sites.dgh.wards.cubicle: no ward "cubicle" to change: did you mean "cubicles"? (known: cubicles, medical; to add a new ward, write its key as "+cubicle")
      "
    `);
  });

  test('a delayed discharge without a bed beside a schema error: both in one pass; alone: once, exit 1', () => {
    const noBed = readFileSync(fixture, 'utf8').replace('    - { id: home, do: discharge }\n  majors:',
      '    - { id: fit, do: delay-discharge, probability: 0.1, duration: { dist: exponential, mean: 1, unit: days } }\n    - { id: home, do: discharge }\n  majors:');
    const both = join(tmp, 'no-bed-and-beds.yaml'), alone = join(tmp, 'no-bed.yaml');
    writeFileSync(both, noBed.replace('beds: 20', 'beds: 0'));
    writeFileSync(alone, noBed);
    const r = pathflow('check', both);
    expect(r.code).toBe(1);
    expect(r.stderr.replace(tmp, 'TMP')).toMatchInlineSnapshot(`
      "scenario "TMP/no-bed-and-beds.yaml" is invalid:
        ✖ sites[0].wards[1].beds: expected an integer ≥ 1, got 0
        ✖ pathways.minors[1]: class "minors" has no ward bed at delay-discharge "fit"; admit first
      "
    `);
    const s = pathflow('check', alone);
    expect(s.code).toBe(1);
    expect(s.stderr.replace(tmp, 'TMP')).toMatchInlineSnapshot(`
      "scenario "TMP/no-bed.yaml" is invalid:
        ✖ pathways.minors[1]: class "minors" has no ward bed at delay-discharge "fit"; admit first
      "
    `);
  });

  test('a missing file: exit 1, one line naming it', () => {
    const r = pathflow('check', join(tmp, 'none.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr.replaceAll(tmp, 'TMP')).toBe('pathflow check: TMP/none.yaml: no such file "TMP/none.yaml"\n');
  });

  test('a YAML alias bomb: exit 1 with one line, no stack trace', () => {
    const bomb = join(root, 'test/fixtures/alias-bomb.yaml');
    const r = pathflow('check', bomb);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pathflow check: ${bomb}: not valid YAML: its aliases (*name) expand to more data than a scenario could hold (Excessive alias count indicates a resource exhaustion attack)\n`);
  });
});

describe('pathflow schema', () => {
  test('prints a JSON Schema with the field descriptions', () => {
    const r = pathflow('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.time.properties.horizonDays.description).toMatch(/warm-up included/);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'time', 'sites', 'classes']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['pathways', 'waitingLists', 'mutualAid']));
  });
});

describe('pathflow run', () => {
  test('--json: one document in the published shape, the same numbers for the same seed, whatever --workers', () => {
    const r = pathflow('run', fixture, '--reps', '3', '--seed', '2', '--json', '--workers', '2');
    expect(r.code).toBe(0);
    const doc = RunResultSchema.parse(JSON.parse(r.stdout));
    expect(doc.variants.map((v) => v.id)).toEqual(['baseline', 'more-acps', 'fewer-beds']);
    expect(doc.replications).toBe(3);
    expect(doc.variants[0].kpis['ed.4h[all]'].mean).toBeGreaterThan(0.5);
    // Common random numbers: arrivals are the same in every variant, replication by replication.
    const arrivals = doc.comparisons.find((c) => c.variant === 'more-acps' && c.kpi === 'arrivals[minors]')!;
    expect(arrivals).toMatchObject({ difference: 0, ciLow: 0, ciHigh: 0 });
    expect(pathflow('run', fixture, '--reps', '3', '--seed', '2', '--json', '--workers', '1').stdout).toBe(r.stdout);
  });

  test('--workers needs an integer ≥ 1: exit 2', () => {
    const r = pathflow('run', fixture, '--workers', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pathflow: run: --workers needs an integer ≥ 1, got "0"');
  });

  test('--variants runs only those; --csv gives one row per variant and KPI', () => {
    const r = pathflow('run', fixture, '--reps', '2', '--variants', 'more-acps', '--csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('variant,kpi,unit,better,mean,ciLow,ciHigh,difference,diffCiLow,diffCiHigh,unreliable,diffUnreliable');
    // Two replications: every interval is marked, and the run's warnings go to stderr.
    expect(lines[1]).toMatch(/,only 2 replications \(fewer than 5\),/);
    expect(r.stderr).toContain('[caution] every option: only 2 replications of each option');
    const variants = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect([...variants]).toEqual(['baseline', 'more-acps']);
    expect(lines.filter((l) => l.startsWith('more-acps,'))).toHaveLength(lines.filter((l) => l.startsWith('baseline,')).length);
  });

  test('the table names every KPI with the baseline, each variant and the paired difference', () => {
    const r = pathflow('run', fixture, '--reps', '2', '--variants', 'fewer-beds');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^KPI +unit +baseline mean \[95% CI\] +fewer-beds mean \[95% CI\] +Δ fewer-beds \[paired 95% CI\]$/m);
    expect(r.stdout).toMatch(/^occupancy\.mean\[dgh\/medical\] +fraction /m);
  });

  test('an overloaded ED: the warning with its figure under the table and in --json', () => {
    const file = join(root, 'test/fixtures/overloaded-ed.yaml');
    const table = pathflow('run', file);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('\nWarnings (2 serious, 1 caution):\n');
    expect(table.stdout).toContain('  [serious] baseline: skill "treat" at dgh: tasks keep 2.5 staff busy on average (arrivals × mean task time) and 2 with the skill are on duty, offered load 125% of capacity.');
    expect(table.stdout).toMatch(/^ {2}\[serious\] baseline: queue\.length\[dgh\/cubicles\] rose over the measured period: /m);
    const json = pathflow('run', file, '--json');
    const doc = RunResultSchema.parse(JSON.parse(json.stdout));
    expect(doc.warnings.find((w) => w.code === 'overloaded')).toMatchObject({ variant: 'baseline', subject: 'dgh/skill:treat', value: 2.5, limit: 2 });
    expect(json.stderr).toBe('');
  });

  test('a 24-week run of 30-day stays: the too-short warning under the table and in --json', () => {
    const file = join(root, 'test/fixtures/long-stays.yaml');
    const table = pathflow('run', file);
    expect(table.stdout).toContain('  [caution] baseline: the measured window is 154 days (horizon 168 − warm-up 14 days), 5.13 times the longest mean stay (30 days, class rehab on dgh/rehab).');
    // Intervals cut at 0 are marked, and the marks explained.
    expect(table.stdout).toMatch(/^wait\.mean\[dgh\/rehab\] +h +[\d.]+ \[0\.000, [\d.]+\]†$/m);
    expect(table.stdout).toMatch(/^ {2}wait\.mean\[dgh\/rehab\] \(baseline\): the t-interval \[−[\d.]+, [\d.]+\] reached below 0/m);
    const doc = RunResultSchema.parse(JSON.parse(pathflow('run', file, '--json').stdout));
    expect(doc.warnings.find((w) => w.code === 'short-run')).toMatchObject({ variant: 'baseline', subject: 'dgh/rehab', value: 154 });
  });

  test('an unknown variant: exit 2, naming the known ones', () => {
    const r = pathflow('run', fixture, '--variants', 'acps');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pathflow run: unknown variant "acps" (known: more-acps, fewer-beds)\n');
  });

  test('an invalid scenario: exit 1 with the errors', () => {
    const file = join(tmp, 'bad-run.yaml');
    writeFileSync(file, readFileSync(fixture, 'utf8').replace('probability: 0.6', 'probability: 0.5'));
    const r = pathflow('run', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ pathways.majors[1].options: expected probabilities summing to 1, got 0.9');
  });
});
