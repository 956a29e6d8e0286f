// `pathflow check`, `schema` and `run` as a user runs them: the real bin in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { RunResultSchema } from '../../scenarios/schema/run-result.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/small-ed.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-scenario-'));

function pathflow(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/pathflow.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pathflow check', () => {
  test('a valid scenario: "ok", a summary and what one replication would take, exit 0', () => {
    const r = pathflow('check', fixture);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: "small-ed" — 1 site, 2 wards, 2 classes, 2 pathways, 2 variants\n' +
      'one replication: about 1,330 patients (about 16 present), 2,861 events, 3 staff, 4.0 MB\n');
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
        ✖ pathways.minors[0].skill: no role at site "dgh" has skill "treat-minors" (skills: treat-minor, assess)
      "
    `);
  });

  test('a missing file: exit 1, named', () => {
    const r = pathflow('check', join(tmp, 'none.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such file');
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
    expect(lines[0]).toBe('variant,kpi,unit,better,mean,ciLow,ciHigh,difference,diffCiLow,diffCiHigh');
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
