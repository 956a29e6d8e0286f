// Variants as JSON Merge Patch (RFC 7396) with lists of objects addressed by id.
import { describe, expect, test } from 'vitest';
import { mergePatch, applyVariant } from '../../scenarios/variants.ts';
import { parseScenario, variantScenario } from '../../scenarios/schema/scenario.ts';
import { smallScenario } from './scenario-fixture.ts';

describe('mergePatch', () => {
  test('RFC 7396: objects merge, null deletes, scalars and lists replace', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: 9, b: { c: null }, e: [3] })).toEqual({ a: 9, b: { d: 3 }, e: [3] });
    // RFC 7396 appendix A examples
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(mergePatch({ a: 'foo' }, null)).toBe(null);
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  test('a list of objects with ids is addressed by id: merge, remove, append', () => {
    const wards = [{ id: 'a', beds: 1 }, { id: 'b', beds: 2 }];
    expect(mergePatch({ wards }, { wards: { b: { beds: 5 }, a: null, c: { beds: 3 } } })).toEqual({ wards: [{ id: 'b', beds: 5 }, { id: 'c', beds: 3 }] });
    expect(wards).toEqual([{ id: 'a', beds: 1 }, { id: 'b', beds: 2 }]); // inputs untouched
  });

  test('staff are addressed by role', () => {
    expect(mergePatch({ staff: [{ role: 'acp', count: 1 }] }, { staff: { acp: { count: 3 }, hca: { count: 1 } } }))
      .toEqual({ staff: [{ role: 'acp', count: 3 }, { role: 'hca', count: 1 }] });
  });

  test('pathway steps are addressed by step id', () => {
    const s = smallScenario();
    const out = applyVariant(s, { pathways: { ed: { decide: { options: [{ to: 'home', probability: 1 }] } } } }) as any;
    expect(out.pathways.ed[1].options).toEqual([{ to: 'home', probability: 1 }]);
    expect(out.variants).toBeUndefined();
  });

  test("a variant's scenario is the base patched, and the patch cannot change the id", () => {
    const s = smallScenario();
    s.variants[0].patch.id = 'other';
    const r = parseScenario(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = variantScenario(r.value, 'more-beds');
    expect(v.id).toBe('tiny');
    expect(v.sites[0].wards.map((w) => w.beds)).toEqual([2, 12, 4]);
    expect(r.value.sites[0].wards.map((w) => w.beds)).toEqual([2, 10, 4]);
  });
});
