// Documents with a great many mistakes (issue 17's audit), as a careless or hostile user
// hands them over: answered at once with the first errors and a count, never a stack
// trace or minutes of work. Found by hand: 600 KB of empty sites took minutes to check
// (every rule's issue weighed against every schema issue: 50,000 sites, 80 s; the server
// answered only "took longer than this server's limit"), and a run document of 200,000
// KPIs without their fields crashed `pathflow report` with a stack trace from inside zod.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { pathflow } from './in-process.ts';
import { parse } from 'yaml';
import { MAX_CLASSES, MAX_KPI_NAMES, MAX_SCHEMA_ISSUES, parseScenario } from '../../scenarios/schema/scenario.ts';
import { MAX_WARD_CHANGES } from '../../scenarios/schema/site.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-hostile-'));

test('50,000 empty sites: the first errors with their paths and a count of the rest', () => {
  const r = parseScenario({ id: 'x', title: 'x', time: { horizonDays: 10 }, sites: Array.from({ length: 50_000 }, () => ({})) });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.issues).toHaveLength(MAX_SCHEMA_ISSUES + 1);
  expect(r.issues[0]).toEqual({ path: ['sites', 0, 'id'], message: 'expected an id (lower-case letters, digits and dashes), got nothing' });
  expect(r.issues[MAX_SCHEMA_ISSUES]).toEqual({ path: [], message: '… and 49,801 more errors: correct these first' });
}, 60_000);

test('pathflow check of such a file: exit 1, the errors, no hang', async () => {
  const file = join(tmp, 'sites.json');
  writeFileSync(file, JSON.stringify({ id: 'x', title: 'x', time: { horizonDays: 10 }, sites: Array.from({ length: 50_000 }, () => ({})) }));
  const r = await pathflow('check', file);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('sites[0].id: expected an id');
  // check prints the first 50 errors itself and counts all it leaves out: 150 of the 200
  // the check returned and the 49,801 it did not.
  expect(r.stderr).toContain('\n  … and 49,951 more errors: correct these first\n');
}, 60_000);

test('pathflow report with a run document of 200,000 KPIs without their fields: one line, exit 1', async () => {
  const file = join(tmp, 'wide-run.json');
  writeFileSync(file, JSON.stringify({ scenario: 'small-ed', replications: 1, variants: [{ id: 'baseline', kpis: Object.fromEntries(Array.from({ length: 200_000 }, (_, k) => [`k${k}`, { mean: 1 }])) }] }));
  const r = await pathflow('report', `${root}test/fixtures/small-ed.yaml`, '--run', file, '--out', join(tmp, 'r.html'));
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^pathflow report: .*wide-run\.json: not a run document \(pathflow run FILE --json\): /);
}, 60_000);

test('pathflow report with a run document larger than a report reads: one line naming the file and the limit, exit 1', async () => {
  const file = join(tmp, 'huge-run.json');
  writeFileSync(file, '');
  truncateSync(file, 200e6 + 1); // sparse: no disk used
  const r = await pathflow('report', `${root}test/fixtures/small-ed.yaml`, '--run', file, '--out', join(tmp, 'r.html'));
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toEqual([`pathflow report: ${file}: 200.0 MB, more than the 200 MB a report reads`]);
}, 60_000);

// Probe #4: many errors of the cross-field rules (not the schema's), lists far longer than
// any scenario needs, and issues enough to overflow zod's own gathering of them.
const smallEd = () => parse(readFileSync(`${root}test/fixtures/small-ed.yaml`, 'utf8'));
const issuesOf = (doc: unknown) => {
  const r = parseScenario(doc);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues;
};

test('1,000 unknown KPIs (the most kpis may name): the first 200 and a count, as for the schema\'s errors', () => {
  const doc = smallEd();
  doc.kpis = Array.from({ length: MAX_KPI_NAMES }, (_, k) => `nope${k}`);
  const issues = issuesOf(doc);
  expect(issues).toHaveLength(MAX_SCHEMA_ISSUES + 1);
  expect(issues[0].path).toEqual(['kpis', 0]);
  expect(issues[0].message).toMatch(/^unknown KPI "nope0" \(known: arrivals, /);
  expect(issues[MAX_SCHEMA_ISSUES]).toEqual({ path: [], message: '… and 800 more errors: correct these first' });
});

test('300,000 KPI names: one error naming kpis and its maximum, not minutes of suggestions then a stack overflow', () => {
  const doc = smallEd();
  doc.kpis = Array.from({ length: 300_000 }, (_, k) => `nope${k}`);
  expect(issuesOf(doc)).toEqual([{ path: ['kpis'], message: 'expected at most 1,000 names, got 300,000' }]);
});

test('5,000 classes at an unknown site: the first 200 and a count; 300,000 classes: one error naming classes', () => {
  const doc = smallEd();
  const bad = (k: number) => ({ id: `c${k}`, site: 'nowhere', arrivals: { perDay: 1 }, pathway: 'minors' });
  doc.classes = [...doc.classes, ...Array.from({ length: MAX_CLASSES - doc.classes.length }, (_, k) => bad(k))];
  const issues = issuesOf(doc);
  expect(issues).toHaveLength(MAX_SCHEMA_ISSUES + 1);
  expect(issues[0]).toEqual({ path: ['classes', 2, 'site'], message: 'unknown site "nowhere" (known: dgh)' });
  expect(issues[MAX_SCHEMA_ISSUES]).toEqual({ path: [], message: `… and ${(MAX_CLASSES - 2 - MAX_SCHEMA_ISSUES).toLocaleString('en-GB')} more errors: correct these first` });
  doc.classes = Array.from({ length: 300_000 }, (_, k) => bad(k));
  expect(issuesOf(doc)).toEqual([{ path: ['classes'], message: 'expected at most 5,000 classes, got 300,000' }]);
});

test('70,000 invalid bed changes: one error naming the ward\'s changes and its maximum (zod overflowed the stack gathering 140,000 issues)', () => {
  const doc = smallEd();
  doc.sites[0].wards[1].changes = Array.from({ length: 70_000 }, () => ({ fromDay: -1, beds: -1 }));
  expect(issuesOf(doc)).toEqual([{ path: ['sites', 0, 'wards', 1, 'changes'], message: 'expected at most 10,000 changes, got 70,000' }]);
});

test('too many issues for zod to gather under lists the schema does not cap: one error at the longest list, no stack overflow', () => {
  const doc = smallEd();
  // 10 wards of 10,000 invalid changes (each list within its maximum): 200,000 issues under sites[0].
  doc.sites[0].wards = Array.from({ length: 10 }, (_, k) => ({ id: `w${k}`, beds: 1, changes: Array.from({ length: MAX_WARD_CHANGES }, () => ({ fromDay: -1, beds: -1 })) }));
  expect(issuesOf(doc)).toEqual([{ path: ['sites', 0, 'wards', 0, 'changes'], message: 'too many errors to list in or around this list of 10,000 entries: correct or shorten it first' }]);
  // 200,000 negative observed values in one duration.
  const other = smallEd();
  other.pathways.minors[0].duration = { dist: 'empirical', values: Array.from({ length: 200_000 }, () => -1) };
  expect(issuesOf(other)).toEqual([{ path: ['pathways', 'minors', 0, 'duration', 'values'], message: 'too many errors to list in or around this list of 200,000 entries: correct or shorten it first' }]);
}, 60_000);

test('pathflow check and run of a ward with the most bed changes allowed: checked and run, the largest count compiled without a stack overflow', async () => {
  const doc = smallEd();
  doc.sites[0].wards[1].changes = Array.from({ length: MAX_WARD_CHANGES }, (_, k) => ({ fromDay: k * 0.003, beds: 20 + (k % 5) }));
  const file = join(tmp, 'changes.json');
  writeFileSync(file, JSON.stringify(doc));
  const check = await pathflow('check', file);
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  const run = await pathflow('run', file, '--reps', '1', '--workers', '1', '--variants', 'baseline', '--json');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).variants[0].kpis['occupancy.mean[dgh/medical]'].mean).toBeGreaterThan(0);
}, 60_000);

test('a pathway of 5,000 branches to unknown steps: each message lists the first 100 steps, suggests nothing among 5,000 (40 s of suggestions before)', () => {
  const doc = smallEd();
  doc.pathways.minors = [...Array.from({ length: 5_000 }, (_, k) => ({ id: `s${k}`, do: 'branch', options: [{ to: `nope${k}`, probability: 1 }] })), { id: 'home', do: 'discharge' }];
  const issues = issuesOf(doc);
  expect(issues).toHaveLength(MAX_SCHEMA_ISSUES + 1);
  expect(issues[0].path).toEqual(['pathways', 'minors', 0, 'options', 0, 'to']);
  expect(issues[0].message).toMatch(/^unknown step "nope0" \(steps of pathway "minors": s0, s1, .*, s99 … and 4,901 more\)$/);
  expect(issues[MAX_SCHEMA_ISSUES].message).toMatch(/^… and [\d,]+ more errors: correct these first$/);
});
