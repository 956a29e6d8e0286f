// `pathflow demo` (what `npm start` runs): the real command, end to end.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/pathflow.js', import.meta.url));

test('demo prints each KPI for both bed numbers with a paired difference', () => {
  const out = execFileSync(process.execPath, [bin, 'demo', '--replications', '4'], { encoding: 'utf8' });
  expect(out).toContain('4 replications');
  for (const kpi of ['time in ED, mean (h)', 'boarding: wait for a ward bed, mean (h)', 'ward occupancy', 'patients seen per week'])
    expect(out).toMatch(new RegExp(`${kpi.replace(/[()]/g, '\\$&')}\\s+[-0-9.]+ ± [0-9.]+\\s+[-0-9.]+ ± [0-9.]+\\s+[-0-9.]+ \\[`));
});

test('demo --json: four more beds lower the boarding wait, replication by replication', () => {
  const doc = JSON.parse(execFileSync(process.execPath, [bin, 'demo', '--replications', '5', '--json'], { encoding: 'utf8' }));
  const d = doc.difference['boarding: wait for a ward bed, mean (h)'].difference;
  expect(d.upper).toBeLessThan(0);
  expect(doc.baseline['ward occupancy'].mean).toBeGreaterThan(doc.variant['ward occupancy'].mean);
});

test('demo with a bad option exits 2 and says why', () => {
  const r = spawnSync(process.execPath, [bin, 'demo', '--replications', 'x'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('--replications expects an integer ≥ 2, got x');
});

test('demo arguments: --replications=R as --replications R, a bound on R, and the demo\'s own words', () => {
  const demo = (...args: string[]) => spawnSync(process.execPath, [bin, 'demo', ...args], { encoding: 'utf8', timeout: 60_000 });
  const low = demo('--replications=1');
  expect([low.status, low.stderr]).toEqual([2, 'pathflow demo: --replications expects an integer ≥ 2, got 1\n']);
  // Like every count of replications: at most 10,000 (it had no bound, and ran for hours).
  const high = demo('--replications', '20000');
  expect([high.status, high.stderr]).toEqual([2, 'pathflow demo: --reps needs an integer ≤ 10,000 (replications per variant), got "20000"\n']);
  expect(demo('--json=1').stderr).toBe('pathflow demo: --json takes no value\n');
  expect(demo('--verbose').stderr).toBe('pathflow demo: unknown option --verbose (options: --replications R, --seed N, --json)\n');
});
