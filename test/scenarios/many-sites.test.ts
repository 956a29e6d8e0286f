// A model of many sites, each with its own class and ward: statistics by class are kept
// only for the classes that use a pool, and the cost model counts the tables by pool.
// Found by hand: 1,000 sites (a 270 KB file) took 15 s and 1.4 GB to run, and 3,000 sites
// (800 KB, within the server's 1 MB) died out of memory after 78 s, while `pathflow check`
// estimated 8 MB: every pool kept a level, a level and a tally for every class.
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../engine/core/simulation.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { ScenarioCoreSchema } from '../../scenarios/schema/scenario.ts';
import { estimate } from '../../scenarios/cost/estimate.ts';
import { limitIssues } from '../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';
import { replicationKpis } from '../../scenarios/kpis/replication.ts';
import { manySitesDoc } from '../fixtures/many-sites.ts';

const manySites = (n: number) => ScenarioCoreSchema.parse(manySitesDoc(n));

describe('many sites, each with its own class', () => {
  test('each ward keeps statistics for its own class only, and its figures are that class\'s', () => {
    const s = manySites(1000);
    const c = compileScenario(s);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const h = c.value;
    const sim = new Simulation(h.model, { seed: 3, warmup: h.warmup, horizon: h.horizon });
    sim.runUntil(sim.horizon);
    // Inside the engine: one class a pool has statistics for (a table of every pair would be a million).
    expect(sim.view.pools.map((p) => p.nSlots)).toEqual(sim.view.pools.map(() => 1));
    expect(sim.view.pools.every((p, i) => p.classOfSlot[0] === h.model.classes.indexOf(`c${i}`))).toBe(true);
    const r = sim.results();
    for (let i = 0; i < 1000; i += 37) {
      const p = r.pools[`s${i}/w`];
      expect(Object.keys(p.waitsByClass)).toEqual([`c${i}`]);
      expect(Object.keys(p.busyByClass!)).toEqual([`c${i}`]);
      // The class's share is the whole ward's, to the last bit.
      expect(p.busyByClass![`c${i}`]).toBe(p.busy.mean);
      expect(p.queueByClass![`c${i}`]).toBe(p.queue.mean);
      expect(p.waitsByClass[`c${i}`]).toEqual(p.waits);
    }
    // The KPIs read the same: each class's occupancy is its ward's.
    const kpis = replicationKpis(r, h.layout);
    expect(Object.keys(kpis).length).toBeGreaterThan(1000);
  });

  test('the cost model counts the tables by pool: a patient\'s row of units held, and a class\'s slot in each pool', () => {
    const small = estimate(manySites(10));
    const large = estimate(manySites(3000));
    const text = (e: typeof large) => e.memory.map((m) => m.text);
    expect(text(large)).toContain('3000 classes\' statistics in 3000 wards, theatres, clinics and scanners');
    // 3,000 × 3,000 cells of 4 bytes, and each of the patients present a row of 3,000.
    const table = large.memory.find((m) => m.text.startsWith('3000 classes'))!.amount;
    expect(table).toBe(3000 * 3000 * 4);
    expect(large.memoryTotal).toBeGreaterThan(60e6);
    expect(small.memoryTotal).toBeLessThan(5e6);
  });

  test('KPIs by ward and class are counted too: 3,000 wards × 3,000 classes of them is refused at kpis, before anything runs', () => {
    // Asked for on 1,000 sites, they were 2 million a replication: 29 s, 2 GB and a 180 MB document for two replications.
    const asked = { ...manySites(3000), kpis: ['beds.byClass', 'beds.shareByClass'] };
    const e = estimate(asked);
    expect(e.memory.find((m) => m.path[0] === 'kpis')).toEqual({ path: ['kpis'], amount: 2 * 3000 * 3000 * 150, text: '18000000 KPIs by ward and class (beds.byClass, beds.shareByClass)' });
    const issues = limitIssues(e, defaultCostLimits);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['kpis']);
    expect(issues[0].message).toMatch(/^one replication would take about [\d,]+ MB \(most for 18000000 KPIs by ward and class/);
    expect(limitIssues(estimate(manySites(3000)), defaultCostLimits)).toEqual([]);
  });
});
