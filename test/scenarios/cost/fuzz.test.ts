// Checking any scenario is bounded whatever its numbers: every numeric field of the library
// scenarios (and of the test fixture), set to extreme values a few at a time, and the whole
// check the server does (schema, limits, compilation: server/store/check.ts) answers ok or
// issues with paths. The check runs on the server's check thread with a small heap: a check
// that built something proportional to a number would exhaust it and fail the property —
// no timer decides (the vitest timeout is only there to end a run that hangs).
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { createPool } from '../../../runner/local/pool.ts';
import { workerEntry } from '../../../runner/local/worker-entry.ts';
import type { CheckTask } from '../../../server/checks/checker.ts';
import type { Checked } from '../../../server/store/check.ts';
import { defaultCostLimits } from '../../../scenarios/cost/limits.ts';

const library = new URL('../../../scenarios/library/', import.meta.url);
const bases = [
  ...readdirSync(library).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(new URL(f, library), 'utf8')),
  readFileSync(new URL('../../fixtures/small-ed.yaml', import.meta.url), 'utf8'),
].map((text) => parse(text) as Record<string, unknown>);

type Path = (string | number)[];

/** Every numeric leaf of a document (variants' patches included). */
function numericPaths(x: unknown, at: Path = []): Path[] {
  if (typeof x === 'number') return [at];
  if (Array.isArray(x)) return x.flatMap((v, i) => numericPaths(v, [...at, i]));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => numericPaths(v, [...at, k]));
  return [];
}

function setAt(doc: Record<string, unknown>, path: Path, value: number): void {
  let o = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
}

const EXTREMES = [0, -1, 1, 0.5, 7, 1e-300, 1e6, 1e9, 1e12, 1e15, 1e300, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, Number.MAX_VALUE, -1e300];
const paths = bases.map((b) => numericPaths(b));

const pool = createPool<CheckTask, Checked>(
  workerEntry('worker', new URL('../../../server/checks/checker.ts', import.meta.url).href),
  1, { heapMb: 96 },
);
afterAll(() => pool.close());

test('extreme values in every numeric field: the check answers ok or issues with paths, within a small heap', async () => {
  expect(paths.every((p) => p.length > 10)).toBe(true);
  const edit = fc.integer({ min: 0, max: bases.length - 1 }).chain((b) => fc.record({
    base: fc.constant(b),
    changes: fc.array(fc.tuple(fc.integer({ min: 0, max: paths[b].length - 1 }), fc.constantFrom(...EXTREMES)), { minLength: 1, maxLength: 3 }),
  }));
  await fc.assert(fc.asyncProperty(edit, async ({ base, changes }) => {
    const doc = structuredClone(bases[base]);
    for (const [p, value] of changes) setAt(doc, paths[base][p], value);
    const r = await pool.run({ kind: 'document', json: JSON.stringify(doc), limits: defaultCostLimits });
    if (!r.ok) {
      expect(r.issues.length).toBeGreaterThan(0);
      for (const i of r.issues) expect(i.message).not.toBe('');
    }
  }), { numRuns: 300, seed: 20261204 });
}, 600_000);

test('the findings of issue 17, one by one: refused with the field named', async () => {
  const ed = bases[bases.length - 1] as any;
  const cases: [string, (d: any) => void, RegExp][] = [
    ['a billion staff in a role', (d) => (d.sites[0].staff[1].count = 1e9), /^sites\[0\]\.staff\[1\]\.count: 1,000,000,000 staff exceeds the limit of 10,000 per role/],
    ['a billion on a shift', (d) => (d.sites[0].staff[0].shifts[0].count = 1e9), /^sites\[0\]\.staff\[0\]\.shifts\[0\]\.count: 1,000,000,000 staff exceeds/],
    ['a million on a shift', (d) => (d.sites[0].staff[0].shifts[0].count = 1e6), /^sites\[0\]\.staff\[0\]\.shifts\[0\]\.count: 1,000,000 staff exceeds/],
    ['a trillion arrivals a day', (d) => (d.classes[0].arrivals.perDay = 1e12), /^classes\[0\]\.arrivals\.perDay: about .* patients would arrive in one replication/],
    ['a billion days', (d) => (d.time.horizonDays = 1e9), /^time\.horizonDays: about .* patients would arrive/],
  ];
  for (const [what, change, message] of cases) {
    const doc = structuredClone(ed);
    change(doc);
    const r = await pool.run({ kind: 'document', json: JSON.stringify(doc), limits: defaultCostLimits });
    expect(r.ok, what).toBe(false);
    if (!r.ok) expect(`${r.issues[0].path}: ${r.issues[0].message}`, what).toMatch(message);
  }
}, 120_000);
