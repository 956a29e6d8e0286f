// The builder's edits as pure functions: list, keyed-map and kind-switch operations
// (properties with fast-check: an edit undone gives the document back; a switch of kind
// keeps the fields both kinds have), new items with fresh ids, references offered from the
// document, words for steps, and the distribution picker's mean and sd against the engine's.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { toDistribution } from '../../scenarios/compile/site.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { DurationSchema } from '../../scenarios/schema/distribution.ts';
import { applyVariant } from '../../scenarios/variants.ts';
import { moments, momentsInWords, sketch } from '../../ui/src/features/scenario-editor/builder/distribution-shape.ts';
import { addKey, blankValue, insertItem, moveItem, newItem, removeItem, removeKey, renameKey, renamePathway, switchKind } from '../../ui/src/features/scenario-editor/builder/operations.ts';
import { referenceChoices, keyChoices } from '../../ui/src/features/scenario-editor/builder/references.ts';
import { childNode, editorKind, scenarioSchema, unionOptions, type JsonNode } from '../../ui/src/features/scenario-editor/builder/schema-node.ts';
import { itemHeading, placeNames, stepWords } from '../../ui/src/features/scenario-editor/builder/words.ts';

type Obj = Record<string, unknown>;
const stroke = applyVariant(parse(readFileSync(new URL('../../scenarios/library/hyperacute-stroke.yaml', import.meta.url), 'utf8')) as Obj, {});
const schema = scenarioSchema();
const pathways = schema.properties!.pathways;
const stepNode = (pathways.additionalProperties as JsonNode).items!;
const durationNode = unionOptions(stepNode).find((o) => o.value === 'stay')!.node.properties!.duration;

const value = fc.jsonValue({ maxDepth: 2 });

describe('lists and keyed maps', () => {
  test('an item added then removed at the same place gives the list back', () => {
    fc.assert(fc.property(fc.array(value, { maxLength: 8 }), value, fc.nat(10), (list, item, at) => {
      const i = Math.min(at, list.length);
      expect(removeItem(insertItem(list, i, item), i)).toEqual(list);
    }));
  });

  test('a move then the move back gives the list back, and a move keeps every item', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (list, a, b) => {
      const from = a % list.length, to = b % list.length;
      const moved = moveItem(list, from, to);
      expect(moved[to]).toEqual(list[from]);
      expect(moveItem(moved, to, from)).toEqual(list);
      expect([...moved].map((x) => JSON.stringify(x)).sort()).toEqual([...list].map((x) => JSON.stringify(x)).sort());
    }));
  });

  test('a key added then removed gives the map back; a rename and back gives it back in the same order', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 6 }), key, key, value, (record, k, other, v) => {
      fc.pre(!(k in record));
      expect(removeKey(addKey(record, k, v), k)).toEqual(record);
      const keys = Object.keys(record);
      if (keys.length === 0 || other in record) return;
      const renamed = renameKey(record, keys[0], other);
      expect(Object.keys(renamed)).toEqual([other, ...keys.slice(1)]);
      expect(Object.keys(renameKey(renamed, other, keys[0]))).toEqual(keys);
      expect(renameKey(renamed, other, keys[0])).toEqual(record);
    }));
  });

  test('a pathway renamed takes the classes and measures that name it along, and the scenario still passes the check', () => {
    const out = renamePathway(stroke, 'hasu', 'stroke-pathway');
    expect(Object.keys(out.pathways as Obj)).toEqual(['stroke-pathway', 'ed-ct', 'inpatient-ct']);
    expect((out.classes as Obj[]).map((c) => c.pathway)).toEqual(['stroke-pathway', 'ed-ct', 'inpatient-ct']);
    expect((out.measures as Obj[]).filter((m) => m.pathway === 'hasu')).toEqual([]);
    expect(parseScenario(out).ok).toBe(true);
    expect(renamePathway(stroke, 'hasu', 'ed-ct')).toBe(stroke);
  });

  test('a rename onto a key in use, or to nothing, changes nothing', () => {
    expect(renameKey({ a: 1, b: 2 }, 'a', 'b')).toEqual({ a: 1, b: 2 });
    expect(renameKey({ a: 1 }, 'a', '')).toEqual({ a: 1 });
  });
});

describe('kinds', () => {
  const kinds = unionOptions(stepNode).map((o) => o.value);
  test('a step switched to another kind keeps every field the new kind has, of the same shape, and the new kind\'s required fields', () => {
    const steps = Object.values(stroke.pathways as Record<string, Obj[]>).flat();
    fc.assert(fc.property(fc.constantFrom(...steps), fc.constantFrom(...kinds), (step, kind) => {
      const out = switchKind(stepNode, step, kind);
      const option = unionOptions(stepNode).find((o) => o.value === kind)!.node;
      expect(out.do).toBe(kind);
      for (const k of Object.keys(step)) if (k !== 'do' && k in option.properties!) expect(out[k]).toEqual(step[k]);
      for (const k of Object.keys(out)) expect(k in option.properties!).toBe(true);
      for (const k of option.required ?? []) expect(out[k]).toBeDefined();
      // Back to the first kind: what both kinds share came through both switches.
      const back = switchKind(stepNode, out, step.do as string);
      for (const k of Object.keys(step)) if (k in option.properties!) expect(back[k]).toEqual(step[k]);
    }));
  });

  test('a duration switched from lognormal to gamma keeps mean, sd and unit; to exponential keeps mean and unit', () => {
    const d = { dist: 'lognormal', mean: 7, sd: 6, unit: 'days' };
    expect(switchKind(durationNode, d, 'gamma')).toEqual({ dist: 'gamma', mean: 7, sd: 6, unit: 'days' });
    expect(switchKind(durationNode, d, 'exponential')).toEqual({ dist: 'exponential', mean: 7, unit: 'days' });
    expect(switchKind(durationNode, d, 'uniform')).toEqual({ dist: 'uniform', min: 0, max: 0, unit: 'days' });
  });

  test('a new step has a fresh id first, its kind, and its required fields', () => {
    const steps = (stroke.pathways as Record<string, Obj[]>).hasu;
    expect(newItem(pathways.additionalProperties as JsonNode, steps, 'admit')).toEqual({ id: 'admit-2', do: 'admit', ward: '' });
    expect(Object.keys(newItem(pathways.additionalProperties as JsonNode, steps, 'branch') as Obj)).toEqual(['id', 'do']);
  });

  test('a blank value of every step kind has the shape of its kind', () => {
    for (const o of unionOptions(stepNode)) expect(editorKind(o.node)).toBe('object');
    expect(blankValue(schema.properties!.time)).toEqual({ horizonDays: 1 });
  });
});

describe('references and words', () => {
  test('a step\'s ward, skill and branch target are offered from the document', () => {
    expect(referenceChoices(stroke, ['pathways', 'hasu', 5, 'ward'])).toContain('stroke-unit');
    expect(referenceChoices(stroke, ['pathways', 'hasu', 3, 'otherwise'])).toEqual(['assess', 'ct', 'review', 'decide', 'lyse', 'admit', 'stay', 'home']);
    expect(referenceChoices(stroke, ['pathways', 'hasu', 0, 'skill'])).toContain('ct-scan');
    expect(referenceChoices(stroke, ['classes', 0, 'pathway'])).toEqual(['hasu', 'ed-ct', 'inpatient-ct']);
    expect(referenceChoices(stroke, ['pathways', 'hasu', 0, 'duration', 'mean'])).toBeUndefined();
    expect(keyChoices(stroke, ['pathways', 'hasu', 0, 'durationByRole'])).toBeDefined();
    expect(childNode(stepNode, 'ward', { do: 'admit' })?.description).toBe('ward of the site');
  });

  test('steps are headed by what they do, not their JSON', () => {
    expect(stepWords({ do: 'admit', ward: 'stroke-unit' })).toBe('Admission to ‘stroke-unit’');
    expect(stepWords({ do: 'admit', ward: 'stroke-unit' }, placeNames(stroke))).toBe('Admission to ‘Stroke unit’');
    expect(itemHeading('hasu', (stroke.pathways as Record<string, Obj[]>).hasu[0], 0, true, placeNames(stroke))).toBe('1. Task by ‘stroke-assess’ at ‘Resus bays’ (step “assess”)');
    expect(stepWords({ do: 'branch', options: [{ to: 'a', probability: 0.25 }, { to: 'b', probability: 0.75 }] })).toBe('Branch to ‘a’ (25%), ‘b’ (75%)');
    expect(itemHeading('hasu', { id: 'decide', do: 'branch', rules: [{}], otherwise: 'admit' }, 3, true)).toBe('4. Branch by one rule, otherwise ‘admit’ (step “decide”)');
    expect(itemHeading('wards', { id: 'su', name: 'Stroke unit' }, 0, false)).toBe('Ward “Stroke unit”');
    const rule = ((stroke.pathways as Record<string, Obj[]>).hasu[3].rules as Obj[])[0];
    expect(itemHeading('ifAll', (rule.ifAll as Obj[])[1], 1, false)).toBe('Condition 2: eligible is yes');
    expect(itemHeading('rules', rule, 0, false)).toBe('Rule 1: if time since onset < 4.5 h and eligible is yes → ‘lyse’');
  });
});

describe('the distribution picker', () => {
  const cases = [
    { dist: 'exponential', mean: 3, unit: 'hours' },
    { dist: 'deterministic', value: 2, unit: 'hours' },
    { dist: 'lognormal', mean: 7, sd: 6, unit: 'days' },
    { dist: 'gamma', mean: 5, sd: 2, unit: 'hours' },
    { dist: 'erlang', k: 3, mean: 6, unit: 'hours' },
    { dist: 'weibull', shape: 1.5, scale: 4, unit: 'hours' },
    { dist: 'weibull', shape: 0.5, scale: 2, unit: 'hours' },
    { dist: 'normal', mean: 1, sd: 2, unit: 'hours' },
    { dist: 'normal', mean: 10, sd: 2, unit: 'hours' },
    { dist: 'normal', mean: 1, sd: 5, unit: 'hours' },
    { dist: 'normal', mean: 0.1, sd: 4, unit: 'minutes' },
    { dist: 'uniform', min: 1, max: 4, unit: 'hours' },
    { dist: 'triangular', min: 1, mode: 2, max: 6, unit: 'hours' },
    { dist: 'empirical', values: [1, 2, 2, 5], unit: 'hours' },
  ];
  const HOURS: Record<string, number> = { minutes: 1 / 60, hours: 1, days: 24 };
  test.each(cases)('mean and sd of $dist ($unit) match the engine\'s', (d) => {
    const e = toDistribution(DurationSchema.parse(d));
    const m = moments(d);
    expect(m.mean * HOURS[d.unit]).toBeCloseTo(e.mean, 10);
    expect(m.sd * HOURS[d.unit]).toBeCloseTo(Math.sqrt(e.variance), 10);
  });

  test('mean and sd in words with the unit; a sketch for each kind', () => {
    expect(momentsInWords({ dist: 'lognormal', mean: 7, sd: 6, unit: 'days' })).toBe('mean 7 days, sd 6 days');
    expect(momentsInWords({ dist: 'exponential', mean: 1, unit: 'hours' })).toBe('mean 1 hour, sd 1 hour');
    expect(momentsInWords({ dist: 'uniform', min: 0, max: 1, unit: 'minutes' })).toBe('mean 0.5 minutes, sd 0.289 minutes');
    for (const d of cases) expect(sketch(d)?.points.length).toBeGreaterThan(0);
    expect(sketch({ dist: 'empirical', values: [1, 2, 2, 5] })?.kind).toBe('bars');
    // 200,000 observed values: bars, not a stack overflow (Math.max(...values) was one argument per value).
    const many = sketch({ dist: 'empirical', values: Array.from({ length: 200_000 }, (_, k) => k % 100) });
    expect(many?.kind).toBe('bars');
    expect(many?.xMax).toBeCloseTo(99, 9);
    expect(sketch({ dist: 'lognormal', mean: 7 })).toBeUndefined();
  });
});

test('the library scenario, edited only through these operations into a new step and branch, passes the check', () => {
  const steps = (stroke.pathways as Record<string, Obj[]>)['ed-ct'];
  let next = insertItem(steps, 1, { ...switchKind(stepNode, undefined, 'stay'), id: 'wait', duration: { dist: 'lognormal', mean: 20, sd: 10, unit: 'minutes' } });
  next = insertItem(next, 2, { id: 'where', do: 'branch', options: [{ to: 'back', probability: 1 }] });
  const doc = { ...stroke, pathways: { ...(stroke.pathways as Obj), 'ed-ct': next } };
  expect(parseScenario(doc).ok).toBe(true);
});
