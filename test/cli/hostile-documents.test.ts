// Documents with a great many mistakes (issue 17's audit), as a careless or hostile user
// hands them over: answered at once with the first errors and a count, never a stack
// trace or minutes of work. Found by hand: 600 KB of empty sites took minutes to check
// (every rule's issue weighed against every schema issue: 50,000 sites, 80 s; the server
// answered only "took longer than this server's limit"), and a run document of 200,000
// KPIs without their fields crashed `pathflow report` with a stack trace from inside zod.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { pathflow } from './in-process.ts';
import { MAX_SCHEMA_ISSUES, parseScenario } from '../../scenarios/schema/scenario.ts';

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
