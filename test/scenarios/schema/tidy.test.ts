// The tidy file the app writes: the schema's key order, no defaults written out that the
// user had not written, and the same scenario (base and every variant) once parsed, for
// every library scenario under random edits (shuffled keys, defaults written out, numbers changed).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { tidyScenario } from '../../../scenarios/schema/tidy.ts';
import { parseScenario, variantScenario, type Scenario } from '../../../scenarios/schema/scenario.ts';

type Obj = Record<string, unknown>;
const files = readdirSync(new URL('../../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
const library = (name: string) => parse(readFileSync(new URL(`../../../scenarios/library/${name}`, import.meta.url), 'utf8')) as Obj;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function parsed(doc: Obj): { base: Scenario; variants: unknown[] } {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return { base: r.value, variants: r.value.variants.map((v) => variantScenario(r.value, v.id)) };
}

/** Every object of a document with its keys in reverse order (what a hand-written file might do). */
function reversed(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(reversed);
  if (!isObject(x)) return x;
  return Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reversed(v)]));
}

/** Defaults written out wherever a field of that name has one (the form may write them). */
function withDefaults(doc: Obj, pick: (i: number) => boolean): Obj {
  const d = structuredClone(doc) as any;
  d.time = { ...d.time, replications: d.time.replications ?? 20, seed: d.time.seed ?? 1, warmupDays: d.time.warmupDays ?? 0 };
  d.sites.forEach((s: any, i: number) => {
    if (!pick(i)) return;
    s.allocation ??= 'cheapest'; s.staff ??= []; s.theatres ??= [];
    for (const w of s.wards ?? []) w.kind ??= 'ward';
    for (const r of s.staff) r.hourlyCost ??= 0;
  });
  d.classes.forEach((c: any, i: number) => { if (pick(i)) { c.priority ??= 3; c.ed ??= false; } });
  d.mutualAid ??= []; d.waitingLists ??= []; d.sources ??= []; d.costs ??= {};
  return d;
}

describe('tidyScenario', () => {
  test('keys in the schema\'s order, at the top and inside a ward', () => {
    const t = tidyScenario(reversed(library('surgical-hub.yaml')) as Obj);
    const top = Object.keys(t);
    expect(top.slice(0, 2)).toEqual(['id', 'title']);
    expect(top.indexOf('time')).toBeLessThan(top.indexOf('sites'));
    expect(top.indexOf('sites')).toBeLessThan(top.indexOf('classes'));
    expect(top.at(-1)).toBe('variants');
    const ward = ((t.sites as any[])[0].wards as Obj[])[0];
    expect(Object.keys(ward).slice(0, 2)).toEqual(['id', 'name']);
    expect(Object.keys(ward).indexOf('beds')).toBeLessThan(Object.keys(ward).indexOf('kind') === -1 ? Infinity : Object.keys(ward).indexOf('kind'));
  });

  test('a default the user did not write is left out; one they wrote is kept', () => {
    const doc = library('winter-dgh.yaml');
    const edited = { ...doc, time: { ...(doc.time as Obj), replications: 20 } };
    expect((tidyScenario(edited).time as Obj).replications).toBeUndefined();
    expect((tidyScenario(edited, edited).time as Obj).replications).toBe(20);
    // A value other than the default is always written.
    expect((tidyScenario({ ...doc, time: { ...(doc.time as Obj), replications: 30 } }).time as Obj).replications).toBe(30);
  });

  test('a variant\'s patch keeps a default value (it overrides the base) and is ordered as the scenario', () => {
    const doc = library('ed-skill-mix.yaml');
    const withVariant = { ...doc, variants: [{ patch: { time: { seed: 1, horizonDays: 9 } }, name: 'Same seed', id: 'same' }] };
    const v = (tidyScenario(withVariant).variants as Obj[])[0];
    expect(Object.keys(v)).toEqual(['id', 'name', 'patch']);
    expect((v.patch as any).time).toEqual({ horizonDays: 9, seed: 1 });
    expect(Object.keys((v.patch as any).time)).toEqual(['horizonDays', 'seed']);
  });

  test('idempotent: tidy of a tidy document is the same, key for key', () => {
    for (const f of files) {
      const once = tidyScenario(library(f));
      expect(JSON.stringify(tidyScenario(once))).toBe(JSON.stringify(once));
    }
  });

  test.each(files)('%s: under random edits the tidy document parses to the same scenario and variants', (file) => {
    const doc = library(file);
    fc.assert(fc.property(fc.boolean(), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.integer({ min: 1, max: 60 }), (shuffle, picks, beds) => {
      let edited = withDefaults(doc, (i) => picks[i % picks.length]);
      const ward = ((edited.sites as any[])[0].wards ?? [])[0];
      if (ward && !ward.changes) ward.beds = beds;
      if (shuffle) edited = reversed(edited) as Obj;
      const before = parsed(edited);
      const t = tidyScenario(edited, doc);
      expect(parsed(t)).toEqual(before);
      // Nothing the original file had is lost, and a default it lacked is not added.
      expect((t.time as Obj).replications === undefined).toBe((doc.time as Obj).replications === undefined);
    }), { numRuns: 12 });
  });
});
