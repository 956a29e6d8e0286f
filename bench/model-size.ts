// `node --expose-gc --import tsx bench/model-size.ts [N] [CASE]`: what the compiled model
// and its replication hold per step, class or empirical value — the bytes the memory
// estimate uses (scenarios/cost/model-size.ts). For each case, a small scenario with 1 and
// with N of the item (N × 100 empirical values) is compiled, its replication run over 2 days
// and its results taken; heap + external memory after gc(), difference ÷ (N − 1). Prints one
// JSON line a case: bytes a unit, engine steps a unit, bytes an engine step, and the
// estimate's bytes a unit. "classes ed" grows with N (a tally a pair of output and class).
import { parseScenario } from '../scenarios/schema/scenario.ts';
import { compileScenario } from '../scenarios/compile/compile.ts';
import { Simulation } from '../engine/core/simulation.ts';
import { estimate } from '../scenarios/cost/estimate.ts';
const gc = (globalThis as any).gc as () => void;
const mem = () => { gc(); gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });
function base(): any {
  return { id: 't', title: 't', time: { horizonDays: 2, warmupDays: 0, replications: 1, seed: 1 },
    sites: [{ id: 's', wards: [{ id: 'cub', beds: 5, kind: 'cubicle' }, { id: 'w', beds: 20 }, { id: 'w2', beds: 20 }], theatres: [{ id: 'th', sessions: [{ days: ['mon'], start: '08:00', end: '17:00' }] }],
      staff: [{ role: 'nurse', skills: ['treat'], count: 2 }] }],
    classes: [{ id: 'c', site: 's', arrivals: { perDay: 1 }, pathway: 'p' }], pathways: { p: [{ id: 'out', do: 'discharge' }] } };
}
function measure(name: string, n: number, build: (d: any, n: number) => void) {
  const d0 = base(); build(d0, 1); const d = base(); build(d, n);
  const one = (doc: any) => {
    const p = parseScenario(doc); if (!p.ok) throw new Error(name + JSON.stringify(p.issues.slice(0, 2)));
    const e = estimate(p.value);
    const before = mem();
    const c = compileScenario(p.value); if (!c.ok) throw new Error(name + JSON.stringify(c.issues.slice(0, 2)));
    const sim = new Simulation(c.value.model, { seed: 1, replication: 0, warmup: c.value.warmup, horizon: c.value.horizon });
    sim.runUntil(sim.horizon); const r = sim.results();
    const held = mem() - before;
    const steps = (c.value.model as any).steps.length;
    void [c, sim, r];
    return { held, steps, est: e.memoryTotal };
  };
  const a = one(d0), b = one(d);
  console.log(JSON.stringify({ name, n, perUnit: Math.round((b.held - a.held) / (n - 1)), engineStepsPerUnit: +((b.steps - a.steps) / (n - 1)).toFixed(2), bytesPerEngineStep: Math.round((b.held - a.held) / Math.max(1, b.steps - a.steps)), estPerUnit: Math.round((b.est - a.est) / (n - 1)) }));
}
const N = Number(process.argv[2] ?? 2000);
const rep = (n: number, f: (i: number) => any) => Array.from({ length: n }, (_, i) => f(i));
const which = process.argv[3] ?? 'all';
const cases: Record<string, (d: any, n: number) => void> = {
  'task skill': (d, n) => { d.pathways.p = [...rep(n, (i) => ({ id: 's' + i, do: 'task', skill: 'treat', duration: det(0.001) })), { id: 'out', do: 'discharge' }]; },
  'task place+skill': (d, n) => { d.pathways.p = [...rep(n, (i) => ({ id: 's' + i, do: 'task', place: 'cub', skill: 'treat', duration: det(0.001) })), { id: 'out', do: 'discharge' }]; },
  'task patience': (d, n) => { d.pathways.p = [...rep(n, (i) => ({ id: 's' + i, do: 'task', place: 'cub', skill: 'treat', patience: det(5), duration: det(0.001) })), { id: 'out', do: 'discharge' }]; },
  'stay': (d, n) => { d.pathways.p = [{ id: 'a', do: 'admit', ward: 'w' }, ...rep(n, (i) => ({ id: 's' + i, do: 'stay', duration: det(0.001) })), { id: 'out', do: 'discharge' }]; },
  'branch': (d, n) => { d.pathways.p = [...rep(n, (i) => ({ id: 's' + i, do: 'branch', options: [{ to: i + 1 < n ? 's' + (i + 1) : 'out', probability: 0.5 }, { to: 'out', probability: 0.5 }] })), { id: 'out', do: 'discharge' }]; },
  'delay-discharge': (d, n) => { d.pathways.p = [{ id: 'a', do: 'admit', ward: 'w' }, ...rep(n, (i) => ({ id: 's' + i, do: 'delay-discharge', probability: 0.1, duration: det(0.001) })), { id: 'out', do: 'discharge' }]; },
  'operate': (d, n) => { d.pathways.p = [{ id: 'a', do: 'admit', ward: 'w' }, ...rep(n, (i) => ({ id: 's' + i, do: 'operate', skill: 'treat', duration: det(0.001) })), { id: 'out', do: 'discharge' }]; },
  'readmit': (d, n) => { d.pathways.p = [{ id: 'a', do: 'admit', ward: 'w' }, ...rep(n, (i) => ({ id: 's' + i, do: 'readmit', probability: 0.0001, afterDays: det(0.01), to: 'a' })), { id: 'out', do: 'discharge' }]; },
  'classes': (d, n) => { d.pathways.p = [{ id: 'see', do: 'task', skill: 'treat', duration: det(0.001) }, { id: 'out', do: 'discharge' }]; d.classes = rep(n, (i) => ({ id: 'c' + i, site: 's', arrivals: { perDay: 0.001 }, pathway: 'p' })); },
  'classes ed': (d, n) => { d.pathways.p = [{ id: 'see', do: 'task', skill: 'treat', duration: det(0.001) }, { id: 'out', do: 'discharge' }]; d.classes = rep(n, (i) => ({ id: 'c' + i, site: 's', ed: true, arrivals: { perDay: 0.001 }, pathway: 'p' })); },
  'classes discharge-only': (d, n) => { d.pathways.p = [{ id: 'out', do: 'discharge' }]; d.classes = rep(n, (i) => ({ id: 'c' + i, site: 's', arrivals: { perDay: 0.001 }, pathway: 'p' })); },
  'empirical': (d, n) => { d.pathways.p = [{ id: 'see', do: 'task', skill: 'treat', duration: { dist: 'empirical', values: rep(n, (i) => 0.001 + i / n / 100), unit: 'hours' } }, { id: 'out', do: 'discharge' }]; },
};
for (const [k, f] of Object.entries(cases)) if (which === 'all' || k === which) measure(k, k === 'empirical' ? N * 100 : N, f);
