// `pathflow validate` as a user runs it: the real bin script in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { MAX_CASES, MAX_EXPECTED } from '../../validation/schema.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = join(root, 'validation/examples/clinic-mm2.json');
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-validate-'));

function pathflow(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/pathflow.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 110_000 });
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1] };
}

function variant(name: string, edit: (f: any) => void): string {
  const f = JSON.parse(readFileSync(example, 'utf8'));
  edit(f);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(f, null, 2));
  return path;
}

describe('pathflow validate', () => {
  test('the hand-written M/M/2 clinic passes: exit 0, last line "N passed, 0 failed"', () => {
    const r = pathflow('validate', example);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.last).toBe('11 passed, 0 failed');
    expect(r.stdout).toMatch(/^clinic_two_doctors \(M\/M\/c\): 10 replications/);
    expect(r.stdout).toMatch(/\n {2}Wq +0\.28125 +\d\.\d+ +± [\d.]+ +± 0\.016875 +PASS\n/);
  });

  test('a wrong expected value fails: exit 1', () => {
    const path = variant('wrong.json', (f) => { f.cases[0].expected[1].value = 0.4; }); // Wq is 0.28125
    const r = pathflow('validate', path);
    expect(r.code).toBe(1);
    expect(r.last).toBe('10 passed, 1 failed');
    expect(r.stdout).toMatch(/\n {2}Wq +0\.4 .* FAIL \(outside tolerance\)/);
  });

  test('--json prints one document with the verdicts and the summary', () => {
    const r = pathflow('validate', example, '--json', '--jobs', '1');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ passed: 11, failed: 0, notChecked: 0, cases: 1, casesFailed: 0, errors: 0 });
    expect(doc.cases[0].metrics[0]).toMatchObject({ metric: 'P_wait', value: 0.45, pass: true, n: 10 });
  });

  test('--smoke shortens the runs, widens the tolerances and says so', () => {
    const r = pathflow('validate', example, '--smoke', '4');
    expect(r.stdout).toMatch(/^SMOKE RUN \(--smoke 4\)/);
    expect(r.stdout).toMatch(/horizon 5037\.5 h \[smoke\]/);
    expect(r.stdout).toMatch(/ {2}Wq +0\.28125 .* ± 0\.03375 /); // 0.016875 × √4
  });

  test('an invalid file: exit 2 and a message naming the field', () => {
    const path = variant('invalid.json', (f) => { f.cases[0].model.stations[0].servers = -2; });
    const r = pathflow('validate', path);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is invalid:\n  ✖ cases[0].model.stations[0].servers: expected a positive integer or "infinite", got -2');
  });

  test('more cases, or expected values in a case, than a file may hold: exit 2 naming the list, before anything runs', () => {
    // 5,000 cases would have run for hours; 200,000 expected values ran a minute, then crashed printing their table.
    const cases = variant('many-cases.json', (f) => { f.cases = Array.from({ length: MAX_CASES + 1 }, (_, k) => ({ ...f.cases[0], id: `c${k}` })); });
    const r = pathflow('validate', cases);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`is invalid:\n  ✖ cases: expected at most 200 cases in a file, got 201\n`);
    const values = variant('many-values.json', (f) => {
      f.cases[0].expected = Array.from({ length: 200_000 }, (_, n) => ({ metric: 'state_prob', scope: { n }, value: 0, rel_tol: 0.04, abs_tol: 1 }));
    });
    const v = pathflow('validate', values);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(`is invalid:\n  ✖ cases[0].expected: expected at most ${MAX_EXPECTED.toLocaleString('en-GB')} expected values in a case, got 200,000\n`);
  });

  test('a missing file or bad JSON: exit 2 with a clear message', () => {
    const missing = pathflow('validate', join(tmp, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^pathflow validate: cannot read .*nope\.json: no such file\n$/);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{ "format_version": 1, ');
    const r = pathflow('validate', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json is not valid JSON: /);
  });

  test('usage errors: exit 2 with the usage on stderr', () => {
    for (const args of [['frobnicate'], ['validate'], ['validate', example, '--fast'], ['validate', example, '--seed', 'x'], []]) {
      const r = pathflow(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/\n\nusage: pathflow (<command>|validate|fit) /);
    }
    const r = pathflow('validate', example, '--case', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no case "nope" (cases: clinic_two_doctors)');
  });

  test('help and --version', () => {
    const help = pathflow('help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('"N passed, M failed", where N and M count metrics and consistency checks');
    const version = pathflow('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^pathflow \d+\.\d+\.\d+\n$/);
  });
});

describe('pathflow validate on scenario reference cases (scenarios with an expect block)', () => {
  const theatre = join(root, 'scenarios/reference/theatre-list.yaml');
  const copy = (name: string, edit: (text: string) => string) => {
    const path = join(tmp, name);
    writeFileSync(path, edit(readFileSync(theatre, 'utf8')));
    return path;
  };

  test('a YAML case runs as `run` runs it and passes: a table of KPIs, exit 0', () => {
    const r = pathflow('validate', theatre, '--jobs', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^theatre-list \(.*scenarios\/reference\/theatre-list\.yaml\): 20 replications, warm-up 28 days, horizon 210 days\n/);
    expect(r.stdout).toMatch(/\n {2}elective\.operated\[ortho\] +20 +20 +± 0 +± 0 +PASS\n/);
    expect(r.last).toBe('6 passed, 0 failed');
  });

  test('a wrong expected value fails: exit 1', () => {
    const r = pathflow('validate', copy('wrong.yaml', (t) => t.replace('{ value: 20, absTol: 0', '{ value: 21, absTol: 0')), '--jobs', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n {2}elective\.operated\[ortho\] +21 +20 .* FAIL \(outside tolerance\)/);
    expect(r.last).toBe('5 passed, 1 failed');
  });

  test('a directory runs every case in it; an unusable file is reported with its path and the others still run: exit 2', () => {
    const dir = mkdtempSync(join(tmp, 'cases-'));
    writeFileSync(join(dir, 'a-good.yaml'), readFileSync(theatre, 'utf8'));
    writeFileSync(join(dir, 'b-bad.yaml'), readFileSync(theatre, 'utf8').replace('theatre.utilisation[hub/th1]:', 'theatre.utilisation[hub]x:'));
    writeFileSync(join(dir, 'notes.txt'), 'not a case');
    const r = pathflow('validate', dir, '--jobs', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`b-bad.yaml cannot be used as a reference case:\n  ✖ expect["theatre.utilisation[hub]x"]: expected a KPI name "metric[scope]"`);
    expect(r.stdout).toMatch(/^theatre-list \(.*a-good\.yaml\)/);
    expect(r.stdout).toContain('1 scenario case, 0 with a failure; 1 file unusable;');
    expect(r.last).toBe('6 passed, 0 failed');
  });

  test('--json: one document with the verdicts, each KPI with its theory and source', () => {
    const r = pathflow('validate', theatre, '--json', '--jobs', '1', '--seed', '3');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'pathflow-validate/1', kind: 'scenario', seed: 3, summary: { passed: 6, failed: 0, cases: 1, unusable: 0 } });
    expect(doc.cases[0].metrics[0]).toMatchObject({ metric: 'elective.operated[ortho]', value: 20, mean: 20, pass: true, n: 20, definition: '10 sessions a week × 2 cases', source: 'arithmetic on the session timetable' });
  });

  test('--case picks scenarios by id; --smoke is for reference-case files only', () => {
    const other = copy('other.yaml', (t) => t.replace('id: theatre-list', 'id: other-list'));
    const r = pathflow('validate', theatre, other, '--case', 'other-list', '--jobs', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^other-list /);
    expect(r.stdout).not.toContain('theatre-list (');
    const unknown = pathflow('validate', theatre, '--case', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no case "nope" (cases: theatre-list)');
    const smoke = pathflow('validate', theatre, '--smoke', '4');
    expect(smoke.code).toBe(2);
    expect(smoke.stderr).toContain('--smoke applies to reference-case files (format_version), not to scenario cases');
    const mixed = pathflow('validate', theatre, example);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('one reference-case file (format_version) at a time, got 2 files');
  });
});
