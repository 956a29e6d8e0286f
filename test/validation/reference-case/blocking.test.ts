// Blocking after service, the one rule of the reference-case format that no case of
// validation/ exercises: a two-station tandem whose second station has no waiting
// room, so a patient finished at the first keeps its server until the second frees.
// Expected values come from the exact continuous-time Markov chain, solved here.
import { describe, expect, test } from 'vitest';
import { parseReferenceFile } from '../../../validation/schema.ts';
import { checkCase, inProcess, planCase } from '../../../validation/check.ts';

const lambda = 1, muA = 1.5, muB = 1.25, waitingA = 3;
const KA = 1 + waitingA; // patients at A, the one blocked on its server included

/**
 * Stationary distribution of (nA, blocked, nB): nA at A (lost when nA = KA), "blocked"
 * when A's server holds a finished patient, nB ∈ {0, 1} at B. Solved as πQ = 0, Σπ = 1
 * by Gaussian elimination.
 */
function tandem() {
  const states: [number, number, number][] = [];
  for (let n = 0; n <= KA; n++) for (const b of [0, 1]) for (const m of [0, 1]) if (!b || (m === 1 && n >= 1)) states.push([n, b, m]);
  const index = (s: [number, number, number]) => states.findIndex((x) => x.every((v, i) => v === s[i]));
  const N = states.length;
  const Q = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  const rate = (from: number, to: [number, number, number], r: number) => { Q[from][index(to)] += r; Q[from][from] -= r; };
  states.forEach(([n, b, m], i) => {
    if (n < KA) rate(i, [n + 1, b, m], lambda);
    if (n >= 1 && !b) rate(i, m === 0 ? [n - 1, 0, 1] : [n, 1, 1], muA);
    if (m === 1) rate(i, b ? [n - 1, 0, 1] : [n, 0, 0], muB);
  });
  // Transpose, replace the last equation by Σπ = 1, solve.
  const A = Array.from({ length: N }, (_, r) => [...Array.from({ length: N }, (_, c) => (r === N - 1 ? 1 : Q[c][r])), r === N - 1 ? 1 : 0]);
  for (let c = 0; c < N; c++) {
    const p = A.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(A[best][c]) ? r : best), c);
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < N; r++) if (r !== c) { const f = A[r][c] / A[c][c]; for (let k = c; k <= N; k++) A[r][k] -= f * A[c][k]; }
  }
  const pi = A.map((row, r) => row[N] / row[r]);
  const sum = (f: (s: [number, number, number]) => number) => states.reduce((acc, s, i) => acc + pi[i] * f(s), 0);
  const pBlock = sum(([n]) => (n === KA ? 1 : 0));
  const LA = sum(([n]) => n), LB = sum(([, , m]) => m);
  const throughput = lambda * (1 - pBlock);
  return { pBlock, LA, LB, throughput, pBlocked: sum(([, b]) => b), busyA: sum(([n]) => (n >= 1 ? 1 : 0)), WA: LA / throughput, WB: LB / throughput };
}

describe('blocking after service (tandem, no waiting room downstream)', () => {
  const x = tandem();

  test('the chain is consistent: flow through B equals admitted arrivals', () => {
    expect(muB * x.LB).toBeCloseTo(x.throughput, 12);
  });

  test('the simulated tandem matches the exact chain', async () => {
    const expected = (metric: string, station: string, value: number, rel_tol = 0.03) => ({ metric, scope: { station }, value, rel_tol });
    const file = {
      format_version: 1,
      cases: [{
        id: 'tandem_blocking',
        model: {
          arrivals: [{ class: 'default', to: 'A', process: 'poisson', rate_per_hour: lambda }],
          stations: [
            { id: 'A', servers: 1, service: { dist: 'exponential', mean: 1 / muA }, queue_capacity: waitingA, on_full: 'lost' },
            { id: 'B', servers: 1, service: { dist: 'exponential', mean: 1 / muB }, queue_capacity: 0, on_full: 'block upstream server (blocking after service)' },
          ],
          routing: { order: ['A', 'B'], matrix: [[0, 1], [0, 0]], exit_prob: [0, 1] },
        },
        run: { horizon_hours: 20000, warmup_hours: 100, replications: 10 },
        expected: [
          expected('P_block', 'A', x.pBlock),
          expected('P_blocked', 'A', x.pBlocked),
          expected('utilisation', 'A', x.busyA),
          expected('L', 'A', x.LA),
          expected('W', 'A', x.WA),
          expected('L', 'B', x.LB),
          expected('W', 'B', x.WB),
          expected('P_block', 'B', 0),
          expected('throughput', 'network', x.throughput),
          expected('L', 'network', x.LA + x.LB),
        ].map((e) => (e.value === 0 ? { ...e, abs_tol: 1e-12 } : e)),
        consistency_checks: ['L = throughput * W', 'network L = sum of station L'],
      }],
    };
    const parsed = parseReferenceFile(file);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const c = parsed.file.cases[0];
    const planned = planCase(c);
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const report = await checkCase(c, planned.plan, { seed: 1 }, inProcess);
    expect(report.metrics.filter((m) => !m.pass).map((m) => `${m.metric} ${m.scope?.station}: ${m.mean} ± ${m.halfWidth} for ${m.value} (${m.reason})`)).toEqual([]);
    expect(report.checks.filter((k) => !k.pass)).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(4);
  });
});
