// The guide of a scenario being built: what is missing before it can run, in words, each
// with the path of the place to fix it (the paths `pathflow check` gives).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { emptyScenario, fromTemplate, placeWords, whatIsMissing } from '../../ui/src/lib/missing.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';

type Obj = Record<string, unknown>;
const files = readdirSync(new URL('../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
const library = (name: string) => parse(readFileSync(new URL(`../../scenarios/library/${name}`, import.meta.url), 'utf8')) as Obj;

describe('whatIsMissing', () => {
  test('an empty scenario: a site without wards, no patient class, no pathway', () => {
    expect(whatIsMissing(emptyScenario())).toEqual([
      { message: 'site ‘Hospital’ has no wards, theatres or staff yet', path: ['sites', 0, 'wards'] },
      { message: 'no patient class arrives yet', path: ['classes'] },
      { message: 'there is no pathway yet (the steps patients go through)', path: ['pathways'] },
    ]);
    // The schema refuses it (no class): the guide says so in words, not as "expected at least 1 item".
    expect(parseScenario(emptyScenario()).ok).toBe(false);
  });

  test.each(files)('%s: nothing missing in a library scenario, nor in a template made from it', (file) => {
    expect(whatIsMissing(library(file))).toEqual([]);
    expect(whatIsMissing(fromTemplate(library(file)))).toEqual([]);
  });

  test('a class with nowhere to go, a pathway without steps, a ward without beds', () => {
    const doc = {
      ...emptyScenario(),
      sites: [{ id: 'dgh', wards: [{ id: 'amu', name: 'AMU', beds: 0 }] }],
      classes: [{ id: 'stroke', name: 'Stroke', site: 'dgh' }],
      pathways: { stroke: [] },
    };
    const got = whatIsMissing(doc);
    expect(got.slice(0, 4)).toEqual([
      { message: 'ward ‘AMU’ has no beds', path: ['sites', 0, 'wards', 0, 'beds'] },
      { message: 'patient class ‘Stroke’ has no arrivals yet (how many a day or a week)', path: ['classes', 0, 'arrivals'] },
      { message: 'patient class ‘Stroke’ follows no pathway yet', path: ['classes', 0, 'pathway'] },
      { message: 'pathway ‘stroke’ has no steps', path: ['pathways', 'stroke'] },
    ]);
    // The schema's own message on the same places is not repeated.
    expect(got.filter((m) => m.path[0] === 'pathways' && m.path[1] === 'stroke')).toHaveLength(1);
  });

  test('the check\'s issues in words, named by what they concern, at the check\'s paths', () => {
    const doc = structuredClone(library('hyperacute-stroke.yaml')) as any;
    doc.pathways.hasu[1].duration = { dist: 'lognormal', mean: -2, sd: 1 };
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    const got = whatIsMissing(doc);
    expect(got.map((m) => m.path)).toEqual(r.ok ? [] : r.issues.map((i) => i.path));
    expect(got[0].message).toBe('pathway ‘hasu’ › step ‘ct’ › duration › mean: expected a number > 0, got -2');
  });

  test('a value of the wrong kind is wrong, not "not set yet"', () => {
    const doc = structuredClone(library('teaching-clinic.yaml')) as any;
    doc.time.horizonDays = 'lots';
    const got = whatIsMissing(doc);
    expect(got.map((m) => m.message)).toEqual(['time frame › run length (days): expected a number, got "lots"']);
    expect(got[0].path).toEqual(['time', 'horizonDays']);
    delete doc.time.horizonDays;
    expect(whatIsMissing(doc)[0]).toEqual({ message: 'how many days a run lasts is not set yet', path: ['time', 'horizonDays'] });
    const wards = { ...emptyScenario(), sites: [{ id: 'dgh', wards: [{ id: 'amu', name: 'AMU', beds: 'ten' }, { id: 'sau', name: 'SAU' }] }] };
    const words = whatIsMissing(wards).map((m) => m.message);
    expect(words).toContain('ward ‘SAU’ has no beds');
    expect(words).not.toContain('ward ‘AMU’ has no beds');
    expect(words).toContain('site ‘dgh’ › ward ‘AMU’ › beds: expected an integer, got "ten"');
  });

  test('places in words: entries by name or id, staff by role', () => {
    const doc = library('ed-skill-mix.yaml') as any;
    expect(placeWords(doc, ['sites', 0, 'staff', 0, 'hourlyCost'])).toBe(`site ‘${doc.sites[0].name ?? doc.sites[0].id}’ › staff role ‘${doc.sites[0].staff[0].role}’ › cost per hour (£)`);
    expect(placeWords(doc, ['time', 'horizonDays'])).toBe('time frame › run length (days)');
  });
});
