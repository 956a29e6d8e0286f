// Measures only observe: whatever intervals and waits a scenario measures, and whatever
// list ages it counts, every other KPI of every library scenario is what it was without
// them (the stamps and records take no time, draw no random number and schedule nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { runReplication } from '../../../runner/replicate.ts';

const library = new URL('../../../scenarios/library/', import.meta.url);
const files = readdirSync(library).filter((f) => f.endsWith('.yaml')).sort();

type Doc = Record<string, any>;
const MOMENTS: Record<string, string[]> = { task: ['reached', 'started', 'finished'], admit: ['reached', 'started', 'finished'], operate: ['reached', 'started', 'finished'], stay: ['reached', 'started', 'finished'] };

/** Every point of every pathway a class follows, as { pathway, point }. */
function points(doc: Doc): { pathway: string; point: unknown }[] {
  const used = new Set(doc.classes.map((c: Doc) => c.pathway).filter(Boolean));
  return Object.entries(doc.pathways ?? {}).filter(([id]) => used.has(id)).flatMap(([id, steps]) =>
    (steps as Doc[]).flatMap((st) => (MOMENTS[st.do] ?? ['reached']).map((at) => ({ pathway: id, point: { step: st.id, at } }))));
}

/** Every resource a wait measure can watch. */
function resources(doc: Doc): Doc[] {
  return doc.sites.flatMap((s: Doc) => [
    ...(s.wards ?? []).map((w: Doc) => ({ site: s.id, place: w.id })),
    ...(s.theatres ?? []).map((t: Doc) => ({ site: s.id, theatre: t.id })),
    ...[...new Set((s.staff ?? []).flatMap((r: Doc) => r.skills))].map((skill) => ({ site: s.id, skill })),
  ]);
}

const run = (doc: Doc) => {
  const { variants: _, ...core } = doc;
  const c = compileScenario(ScenarioCoreSchema.parse(core));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return runReplication(c.value, 1, 0);
};
const others = (k: Record<string, number>) => Object.fromEntries(Object.entries(k).filter(([n]) => !n.startsWith('measure.') && !n.startsWith('list.over[')));

describe.each(files)('%s', (file) => {
  const base = parse(readFileSync(new URL(file, library), 'utf8')) as Doc;
  // Short runs: a few weeks past the warm-up are enough to exercise every step.
  base.time = { ...base.time, horizonDays: Math.min(base.time.horizonDays, (base.time.warmupDays ?? 0) + 21) };
  delete base.kpis;
  const plain = others(run(base));
  const pts = points(base), res = resources(base);

  test('any measures leave every other KPI as it was', () => {
    fc.assert(fc.property(
      pts.length > 0 ? fc.array(fc.tuple(fc.nat(pts.length - 1), fc.nat(pts.length - 1), fc.integer({ min: 1, max: 600 })), { minLength: 1, maxLength: 4 }) : fc.constant([]),
      fc.subarray(res, { maxLength: Math.min(3, res.length) }),
      fc.subarray([2, 6, 18, 52], { minLength: 1 }),
      (pairs, waits, weeks) => {
        const measures = [
          ...pairs.filter(([a, b]) => pts[a].pathway === pts[b].pathway && a !== b).map(([a, b, minutes], k) =>
            ({ id: `i${k}`, pathway: pts[a].pathway, from: pts[a].point, to: pts[b].point, within: { value: minutes, unit: 'minutes' } })),
          ...waits.map((w, k) => ({ id: `w${k}`, wait: w, within: { value: 30, unit: 'minutes' } })),
          ...(pts.length > 0 ? [{ id: 'tis', from: 'arrival', to: 'departure', within: { value: 4 } }] : []),
          ...(base.waitingLists ?? []).map((l: Doc) => ({ id: `rtt-${l.id}`, list: l.id, from: 'referral', to: 'treatment', within: { value: 18, unit: 'weeks' } })),
        ];
        const doc = { ...base, measures, waitingLists: (base.waitingLists ?? []).map((l: Doc) => ({ ...l, overWeeks: weeks })) };
        const p = parseScenario(doc);
        if (!p.ok) throw new Error(formatIssues(p.issues));
        expect(others(run(doc))).toEqual(plain);
      },
    ), { numRuns: 4, seed: 1 });
  });
});
