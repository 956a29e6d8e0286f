// Where each engine step came from (scenarios/compile/step-origins.ts): in every library
// scenario, every compiled step of a class's pathway belongs to one of the pathway's own
// steps (or to the arrival before the first), the first engine step of each scenario step
// is its own, and every pool is a place, theatre, room, staff, list or bookkeeping.
import { describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../../scenarios/load.ts';
import { baseScenario } from '../../../scenarios/schema/scenario.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { stepOrigins, resourceOrigins } from '../../../scenarios/compile/step-origins.ts';

const dir = fileURLToPath(new URL('../../../scenarios/library/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('step origins', () => {
  for (const f of files) {
    test(f, () => {
      const l = loadScenario(dir + f);
      if (!l.ok) throw new Error('does not load');
      const core = baseScenario(l.value);
      const c = compileScenario(core);
      if (!c.ok) throw new Error('does not compile');
      const { model, layout } = c.value;
      const origins = stepOrigins(core, model);
      expect(origins).toHaveLength(model.steps.length);
      model.steps.forEach((st, i) => {
        const pid = /^pathways\.(.*)\[\d+\]$/.exec(st.path)![1];
        const cls = core.classes.find((x) => x.id === pid && x.pathway !== undefined);
        const o = origins[i];
        if (cls) {
          const own = core.pathways[cls.pathway!];
          if (o.step !== 'arrival') expect(own.some((x) => x.id === o.step && x.do === o.kind), `${st.label} → ${o.step}`).toBe(true);
          expect(o.site).toBe(cls.site);
          // A scenario step's first engine step carries its id: it maps to that step.
          const first = own.find((x) => st.label === `${pid}:${x.id}`);
          if (first) expect(o.step).toBe(first.id);
        } else expect(['waiting-list', 'clinic-list', 'arrival']).toContain(o.kind);
      });
      const resources = resourceOrigins(layout);
      for (const p of model.pools) expect(resources.has(p.id), p.id).toBe(true);
    });
  }
});
