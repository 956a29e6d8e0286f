// The run document's intervals respect what each KPI can be (a share in [0, 1], anything
// else ≥ 0, a difference of shares in [−1, 1]), and every mean is the plain mean of the
// replications, bit for bit. Before: `ed.4h[majors]` 0.966 [0.821, 1.11] from 3
// replications of the small ED, waits of [−3.87, 6.22] hours.
import { describe, expect, test } from 'vitest';
import { estimate } from '../../engine/experiment/summary.ts';
import { differenceRange } from '../../engine/experiment/in-range.ts';
import { kpiRange } from '../../scenarios/kpis/catalogue.ts';
import { runOne } from '../../runner/replicate.ts';
import { runVariants } from '../../runner/summary.ts';
import { smallEd } from '../fixtures/small-ed.ts';

describe('intervals in the run document', () => {
  const { s, variants } = smallEd();
  const plan = { replications: 3, seed: 1 };
  const doc = runVariants(s, variants, plan);

  test('every KPI interval lies in its range; those cut at a limit are marked unreliable with the interval before the cut', () => {
    const cut: string[] = [];
    for (const v of doc.variants) {
      for (const [name, e] of Object.entries(v.kpis)) {
        if (e.ciLow === null || e.ciHigh === null) continue;
        const [lo, hi] = kpiRange(name);
        expect(e.ciLow, `${v.id} ${name}`).toBeGreaterThanOrEqual(lo);
        expect(e.ciHigh, `${v.id} ${name}`).toBeLessThanOrEqual(hi);
        if (e.unreliable?.includes('t-interval')) cut.push(`${v.id} ${name}`);
      }
    }
    expect(cut).toContain('baseline ed.4h[majors]');
    expect(cut).toContain('baseline wait.mean[dgh/medical]');
    const share = doc.variants[0].kpis['ed.4h[majors]'];
    expect(share.ciHigh).toBe(1);
    expect(share.unreliable).toMatch(/^only 3 replications \(fewer than 5\); the t-interval \[0\.\d+, 1\.\d+\] reached above 1/);
  });

  test('paired differences of shares stay in [−1, 1]', () => {
    for (const c of doc.comparisons) {
      if (c.ciLow === null || c.ciHigh === null) continue;
      const [lo, hi] = differenceRange(kpiRange(c.kpi));
      expect(c.ciLow).toBeGreaterThanOrEqual(lo);
      expect(c.ciHigh).toBeLessThanOrEqual(hi);
    }
  });

  test('means (and differences) are the plain means of the replications, bit for bit', () => {
    const reps = variants.map((v) => Array.from({ length: plan.replications }, (_, k) => runOne(v.model, plan.seed, k, false).kpis));
    doc.variants.forEach((v, i) => {
      for (const [name, e] of Object.entries(v.kpis)) {
        const xs = reps[i].map((r) => r[name]);
        if (xs.every(Number.isFinite)) expect(Object.is(e.mean, estimate(xs).mean), `${v.id} ${name}`).toBe(true);
      }
    });
    for (const c of doc.comparisons) {
      const i = doc.variants.findIndex((v) => v.id === c.variant);
      const d = reps[i].map((r, k) => r[c.kpi] - reps[0][k][c.kpi]);
      if (d.every(Number.isFinite)) expect(Object.is(c.difference, estimate(d).mean)).toBe(true);
    }
  });
});
