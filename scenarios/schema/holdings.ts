// What a patient holds along each class's pathway (a second bed on the ward they are on, a
// delayed discharge without a bed), as the compiler checks it (scenarios/compile/pathway.ts
// heldAtSteps), for a document with other errors: the compiler only sees valid scenarios,
// so these would otherwise wait for a second pass. Over a salvaged document, a class is
// walked only when everything the walk reads was read whole by the schema and no rule
// doubts it (an admit to an unknown ward would leave the patient "without a bed" after it).
import type { z } from 'zod';
import { heldAtSteps } from '../compile/pathway.ts';
import type { Issue } from '../errors.ts';
import type { ScenarioCoreSchema } from './scenario.ts';

type Core = z.output<typeof ScenarioCoreSchema>;
type Lies = (field: PropertyKey[]) => boolean;

/** Each class's holding issues, skipping a class whose walk reads a field that `rejected` (schema) or `doubted` (rules). */
export function holdingIssues(s: Core, rejected: Lies, doubted: Lies): Issue[] {
  const out: Issue[] = [];
  s.classes.forEach((c, ci) => {
    const pid = c?.pathway;
    if (typeof pid !== 'string' || typeof c.site !== 'string') return;
    const si = s.sites.findIndex((x) => x?.id === c.site);
    const site = s.sites[si], steps = s.pathways[pid];
    if (!site || !Array.isArray(site.wards) || !Array.isArray(steps)) return;
    const wards: PropertyKey[][] = [['sites', si, 'id'], ['sites', si, 'wards', '*', 'id'], ['sites', si, 'wards', '*', 'kind']];
    const cls: PropertyKey[][] = [['classes', ci, 'id'], ['classes', ci, 'site'], ['classes', ci, 'pathway'], ['classes', ci, 'ed']];
    if ([...cls, ...wards, ['pathways', pid]].some(rejected)) return;
    const read = ['id', 'ward', 'overflowTo'].map((f) => ['pathways', pid, '*', f]);
    if ([...cls, ...wards, ...read].some(doubted)) return;
    for (const x of heldAtSteps({ cls: c.id, pathwayId: pid, steps, site, ed: c.ed }).issues)
      if (!out.some((y) => y.message === x.message && JSON.stringify(y.path) === JSON.stringify(x.path))) out.push(x);
  });
  return out;
}
