// Variants as JSON Merge Patch (RFC 7396) with lists of objects addressed by id.
import { describe, expect, test } from 'vitest';
import { applyPatch, applyVariant, mergePatch, patchVariant } from '../../scenarios/variants.ts';
import { formatPath } from '../../scenarios/errors.ts';
import { MAX_VARIANTS, parseScenario, variantScenario } from '../../scenarios/schema/scenario.ts';
import { checkVariants, compileVariants } from '../../runner/replicate.ts';
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

  test('a list of objects with ids is addressed by id: merge, remove, and append with "+"', () => {
    const wards = [{ id: 'a', beds: 1 }, { id: 'b', beds: 2 }];
    expect(mergePatch({ wards }, { wards: { b: { beds: 5 }, a: null, '+c': { beds: 3 } } })).toEqual({ wards: [{ id: 'b', beds: 5 }, { id: 'c', beds: 3 }] });
    expect(wards).toEqual([{ id: 'a', beds: 1 }, { id: 'b', beds: 2 }]); // inputs untouched
  });

  test('staff are addressed by role', () => {
    expect(mergePatch({ staff: [{ role: 'acp', count: 1 }] }, { staff: { acp: { count: 3 }, '+hca': { count: 1 } } }))
      .toEqual({ staff: [{ role: 'acp', count: 3 }, { role: 'hca', count: 1 }] });
  });

  test('additions create a list the base leaves out, and a pathway in the pathways record', () => {
    expect(mergePatch({}, { mutualAid: { '+region': { lists: ['a', 'b'] } } })).toEqual({ mutualAid: [{ id: 'region', lists: ['a', 'b'] }] });
    const steps = [{ id: 'out', do: 'discharge' }];
    expect(mergePatch({ pathways: { ed: steps } }, { pathways: { '+fast': steps, ed: { out: { do: 'discharge' } } } })).toEqual({ pathways: { ed: steps, fast: steps } });
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

describe('a patch key that names no entry is an error, never a new entry', () => {
  test('a misspelt ward adds nothing; the error has the path and the nearest id', () => {
    const base = { sites: [{ id: 'dgh', wards: [{ id: 'stroke-unit', beds: 20 }, { id: 'medical', beds: 80 }] }] };
    const r = applyPatch(base, { sites: { dgh: { wards: { 'stroke-ward': { beds: 24 } } } } });
    expect(r.value).toEqual(base);
    expect(r.issues).toEqual([{
      path: ['sites', 'dgh', 'wards', 'stroke-ward'],
      message: 'no ward "stroke-ward" to change: did you mean "stroke-unit"? (known: stroke-unit, medical; to add a new ward, write its key as "+stroke-ward")',
    }]);
  });

  test('removing what is not there, adding what is, and steps and pathways by id', () => {
    const s = smallScenario();
    const r = patchVariant(s, {
      sites: { dgh: { staff: { nurses: null, '+surgeon': { count: 1 } } } },
      pathways: { ed: { decde: { options: [] } }, hips: { op: null } },
    });
    expect(r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "sites.dgh.staff.nurses: no role "nurses" to remove: did you mean "nurse"? (known: nurse, surgeon)",
        "sites.dgh.staff["+surgeon"]: role "surgeon" already exists: write its key as "surgeon" to change it",
        "pathways.ed.decde: no step "decde" in pathway "ed" to change: did you mean "decide"? (known: see, decide, admit, stay, home; to add a new step, write its key as "+decde")",
        "pathways.hips: no pathway "hips" to change: did you mean "hip"? (known: ed, hip; to add a new pathway, write its key as "+hips")",
      ]
    `);
    expect(r.value).toEqual(applyVariant(s, {}));
  });
});

describe('option names', () => {
  test('two options of one name (case and spaces aside), or an empty name, are refused at the name', async () => {
    const { formatIssues } = await import('../../scenarios/errors.ts');
    const s = smallScenario();
    s.variants = [
      { id: 'a', name: 'More beds', patch: {} },
      { id: 'b', name: '  more   BEDS ', patch: {} },
      { id: 'c', name: '   ', patch: {} },
    ];
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatIssues(r.issues)).toMatchInlineSnapshot(`
      "  ✖ variants[1].name: option variants[0] is already named "More beds": give each option its own name
        ✖ variants[2].name: expected a name (tables and charts show each option by it), got an empty one"
    `);
  });
});

describe('how many options', () => {
  test(`at most ${MAX_VARIANTS}: more is one error at variants, and none of them is checked (20,000 in a 1 MB file took minutes and 4 GB)`, () => {
    const s = smallScenario();
    // Each patch would be an error of its own if it were checked.
    s.variants = Array.from({ length: 20_000 }, (_, i) => ({ id: `v${i}`, name: `option ${i}`, patch: { sites: { nowhere: { wards: {} } } } }));
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ path: ['variants'], message: `expected at most ${MAX_VARIANTS} options, got 20000: each is checked, compiled and run as a scenario of its own` }]);
    // At the limit they are checked, each patch at its own path.
    s.variants = s.variants.slice(0, MAX_VARIANTS);
    const at = parseScenario(s);
    expect(at.ok ? [] : at.issues.map((x) => x.path.slice(0, 2))).toEqual(Array.from({ length: MAX_VARIANTS }, (_, i) => ['variants', i]));
  });

  test('checkVariants gives the verdict of compileVariants, without the compiled models', () => {
    const s = parseScenario({ ...smallScenario(), variants: [{ id: 'more', name: 'More', patch: { time: { horizonDays: 21 } } }] });
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    const compiled = compileVariants(s.value);
    const checked = checkVariants(s.value);
    if (!compiled.ok || !checked.ok) throw new Error('does not compile');
    expect(checked.value).toEqual(compiled.value.map(({ id, name, warmup, loads }) => ({ id, name, warmup, loads })));
    expect(checked.value.some((v) => 'model' in v)).toBe(false);
    expect(checked.warnings).toEqual(compiled.warnings);
  });
});
