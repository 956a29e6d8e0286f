// Variants edited through the form are stored as patches: makePatch must produce a patch
// that scenarios/variants.ts applies back to exactly the edited scenario, and the smallest
// one for a simple edit; listChanges/describeChanges must say what a patch changes.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { applyVariant, patchVariant } from '../../scenarios/variants.ts';
import { makePatch, listChanges, setAt, getAt, deepEqual } from '../../ui/src/lib/patch.ts';
import { describeChanges } from '../../ui/src/lib/changes.ts';
import { baseOf, withEdited, workingDoc, validate, validateAll, variantIdFor, variantsOf, whyBlocked } from '../../ui/src/lib/scenario-doc.ts';

type Obj = Record<string, unknown>;
const library = (name: string) => parse(readFileSync(new URL(`../../scenarios/library/${name}`, import.meta.url), 'utf8')) as Obj;
const files = readdirSync(new URL('../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
const hub = library('surgical-hub.yaml');

describe('makePatch', () => {
  test.each(files)('%s: every variant re-derived from its patched scenario applies back to the same scenario', (file) => {
    const doc = library(file);
    const base = applyVariant(doc, {});
    for (const v of (doc.variants ?? []) as { patch: Obj }[]) {
      const target = applyVariant(doc, v.patch);
      const patch = makePatch(base, target);
      expect(applyVariant(doc, patch)).toEqual(target);
    }
  });

  test('one number changed gives a patch of that number only, addressed by ids', () => {
    const base = applyVariant(hub, {});
    const edited = setAt(base, ['sites', 0, 'wards', 1, 'beds'], 90);
    expect(makePatch(base, edited)).toEqual({ sites: { dgh: { wards: { ortho: { beds: 90 } } } } });
  });

  test('a removed ward becomes null, an added one "+id" with its fields', () => {
    const base = applyVariant(hub, {});
    const wards = getAt(base, ['sites', 0, 'wards']) as Obj[];
    const edited = setAt(base, ['sites', 0, 'wards'], [wards[1], { id: 'hub-ward', beds: 40 }]);
    expect(makePatch(base, edited)).toEqual({ sites: { dgh: { wards: { 'ed-trolleys': null, '+hub-ward': { beds: 40 } } } } });
    expect(applyVariant(hub, makePatch(base, edited))).toEqual(edited);
  });

  test('a theatre, a staff role and a pathway added in the form are additions the check accepts', () => {
    const base = applyVariant(hub, {});
    const theatres = (getAt(base, ['sites', 0, 'theatres']) as Obj[]).length, roles = (getAt(base, ['sites', 0, 'staff']) as Obj[]).length;
    let edited = setAt(base, ['sites', 0, 'theatres', theatres], { id: 'th9', sessions: [{ days: ['sat'], start: '08:00', end: '12:00' }] });
    edited = setAt(edited, ['sites', 0, 'staff', roles], { role: 'physio', skills: ['rehab'], count: 2 });
    edited = setAt(edited, ['pathways', 'rehab'], [{ id: 'home', do: 'discharge' }]);
    const patch = makePatch(base, edited);
    expect(patch).toEqual({
      sites: { dgh: { theatres: { '+th9': { sessions: [{ days: ['sat'], start: '08:00', end: '12:00' }] } }, staff: { '+physio': { skills: ['rehab'], count: 2 } } } },
      pathways: { '+rehab': [{ id: 'home', do: 'discharge' }] },
    });
    expect(applyVariant(hub, patch)).toEqual(edited);
    expect(patchVariant(hub, patch).issues).toEqual([]);
    expect(describeChanges(baseOf(hub), patch).map((l) => `${l.place}: ${l.kind}`)).toEqual(['site dgh › theatre th9: added', 'site dgh › staff physio: added', 'pathway rehab: added']);
  });

  test('a reordered keyed list is replaced whole (a merge patch cannot reorder)', () => {
    const base = applyVariant(hub, {});
    const wards = getAt(base, ['sites', 0, 'wards']) as Obj[];
    const edited = setAt(base, ['sites', 0, 'wards'], [wards[1], wards[0]]);
    const patch = makePatch(base, edited);
    expect(getAt(patch, ['sites', 'dgh', 'wards'])).toEqual([wards[1], wards[0]]);
    expect(applyVariant(hub, patch)).toEqual(edited);
  });

  test('a removed optional field becomes null', () => {
    const base = applyVariant(hub, {});
    const edited = setAt(base, ['waitingLists', 0, 'casesPerSession'], undefined);
    expect(makePatch(base, edited)).toEqual({ waitingLists: { joints: { casesPerSession: null } } });
  });

  test('any set of number edits round-trips through a patch (property)', () => {
    const base = applyVariant(hub, {});
    const paths: (string | number)[][] = [
      ['sites', 0, 'wards', 0, 'beds'], ['sites', 0, 'wards', 1, 'beds'], ['sites', 0, 'staff', 0, 'count'],
      ['classes', 0, 'arrivals', 'perWeek'], ['waitingLists', 0, 'referrals', 2, 'perWeek'], ['costs', 'bedDay'],
      ['pathways', 'trauma', 6, 'duration', 'mean'], ['time', 'horizonDays'], ['waitingLists', 0, 'bedCutoffHours'],
    ];
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), fc.integer({ min: 0, max: 500 })), { maxLength: 6 }), (edits) => {
      const edited = edits.reduce<Obj>((d, [p, v]) => setAt(d, p, v), base);
      const patch = makePatch(base, edited);
      expect(applyVariant(hub, patch)).toEqual(edited);
      if (deepEqual(base, edited)) expect(patch).toEqual({});
    }));
  });
});

describe('the form edits a variant as a patch', () => {
  test('editing a variant through its working scenario keeps the other patch entries and adds the edit', () => {
    const working = workingDoc(hub, 'hub');
    const i = (getAt(working, ['sites', 0, 'wards']) as Obj[]).findIndex((w) => w.id === 'elective-ortho');
    const next = withEdited(hub, 'hub', setAt(working, ['sites', 0, 'wards', i, 'beds'], 44));
    const v = (next.variants as { id: string; patch: Obj }[]).find((x) => x.id === 'hub')!;
    expect(getAt(v.patch, ['sites', 'dgh', 'wards', '+elective-ortho', 'beds'])).toBe(44);
    expect(getAt(v.patch, ['sites', 'dgh', 'wards', 'ortho', 'beds'])).toBe(56);
    expect(workingDoc(next, 'hub')).toEqual(setAt(working, ['sites', 0, 'wards', i, 'beds'], 44));
    // The baseline is untouched.
    expect(baseOf(next)).toEqual(baseOf(hub));
  });

  test('editing the baseline keeps every variant', () => {
    const next = withEdited(hub, 'baseline', setAt(baseOf(hub), ['costs', 'bedDay'], 600));
    expect(next.variants).toBe(hub.variants);
    expect(getAt(next, ['costs', 'bedDay'])).toBe(600);
  });

  test('invalid values are reported at the form\'s path with the schema\'s message, for the baseline and for a variant', () => {
    const bad = withEdited(hub, 'baseline', setAt(baseOf(hub), ['sites', 0, 'wards', 1, 'beds'], 0));
    expect(validate(bad, 'baseline').byPath.get('sites[0].wards[1].beds')).toBe('expected an integer ≥ 1, got 0');
    const working = workingDoc(hub, 'hub');
    const badVariant = withEdited(hub, 'hub', setAt(working, ['classes', 0, 'arrivals', 'perWeek'], 'lots'));
    expect(validate(badVariant, 'hub').byPath.get('classes[0].arrivals.perWeek')).toBe('expected a number, got "lots"');
    expect(validate(badVariant, 'baseline').ok).toBe(false); // the whole document is invalid too
  });

  test('editing a variant keeps the patch entries that address nothing, so the check still shows them', () => {
    const doc = { ...hub, variants: [{ id: 'typo', name: 'typo', patch: { sites: { dgh: { wards: { orto: { beds: 60 } } } } } }] };
    expect(validate(doc, 'baseline').byPath.get('variants[0].patch.sites.dgh.wards.orto')).toMatch(/^no ward "orto" to change: did you mean "ortho"\?/);
    const next = withEdited(doc, 'typo', setAt(workingDoc(doc, 'typo'), ['costs', 'bedDay'], 600));
    expect(variantsOf(next)[0].patch).toEqual({ sites: { dgh: { wards: { orto: { beds: 60 } } } }, costs: { bedDay: 600 } });
    // No field of the form can be marked for it, so the Run button says what it is.
    expect(whyBlocked(next, validateAll(next))).toMatchInlineSnapshot(`"Fix this before running: option “typo” changes sites.dgh.wards.orto: no ward "orto" to change: did you mean "ortho"? (known: ed-trolleys, ortho; to add a new ward, write its key as "+orto")."`);
    expect(whyBlocked(hub, validateAll(hub))).toBe(null);
  });

  test('new variant ids come from the name and never collide', () => {
    expect(variantIdFor(hub, 'Ten more beds!')).toBe('ten-more-beds');
    expect(variantIdFor(hub, 'Hub')).toBe('hub-2');
    expect(variantIdFor(hub, 'Baseline')).toBe('option');
  });
});

describe('what differs from baseline', () => {
  test('the hub variant, in words', () => {
    const lines = describeChanges(baseOf(hub), ((hub.variants as { patch: Obj }[])[0]).patch);
    expect(lines).toContainEqual({ place: 'site dgh › ward ortho › beds', from: '84', to: '56', kind: 'changed' });
    expect(lines).toContainEqual(expect.objectContaining({ place: 'site dgh › ward elective-ortho', from: '—', kind: 'added' }));
    expect(lines).toContainEqual({ place: 'site dgh › staff ward-nursing › on duty', from: '84', to: '96', kind: 'changed' });
    expect(lines).toContainEqual({ place: 'site dgh › theatre th4 › sessions', from: 'Tue, Thu 08:30–16:30', to: 'Wed 08:30–16:30', kind: 'changed' });
    expect(lines).toContainEqual({ place: 'waiting list joints › ward', from: 'ortho', to: 'elective-ortho', kind: 'changed' });
  });

  test('values equal to the baseline are not listed; removals are', () => {
    const base = baseOf(hub);
    expect(listChanges(base, { costs: { bedDay: 562 } })).toEqual([]);
    expect(listChanges(base, { waitingLists: { joints: { casesPerSession: null } } })).toEqual([
      { path: ['waitingLists', 'joints', 'casesPerSession'], from: 3, to: undefined, kind: 'removed' },
    ]);
  });
});
