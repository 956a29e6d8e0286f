// An option's differences from the baseline as sentences, from its patch, on the library's
// own variants and on edits made through the form (makePatch).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { describePatch } from '../../ui/src/lib/variant-words.ts';
import { baseOf, variantsOf } from '../../ui/src/lib/scenario-doc.ts';
import { makePatch, setAt } from '../../ui/src/lib/patch.ts';

type Obj = Record<string, unknown>;
const files = readdirSync(new URL('../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
const library = (name: string) => parse(readFileSync(new URL(`../../scenarios/library/${name}`, import.meta.url), 'utf8')) as Obj;
const words = (file: string, variant: string) => {
  const doc = library(file);
  return describePatch(baseOf(doc), variantsOf(doc).find((v) => v.id === variant)!.patch);
};

describe('describePatch', () => {
  test('beds changed and a ward added, named as people name them', () => {
    expect(words('winter-dgh.yaml', 'ring-fenced-elective')).toEqual([
      'Surgical ward: beds 64 → 44',
      'District general hospital: new ward Elective surgical ward (ring-fenced) with 20 beds, ring-fenced for elective-urgent, elective-routine',
      'Elective general surgery: ward surgical → elective',
    ]);
  });

  test('a second CT scanner: one sentence per thing changed, shifts counted a week', () => {
    expect(words('hyperacute-stroke.yaml', 'second-ct')).toEqual([
      'CT scanner: beds 1 → 2',
      'Staff role radiographer: shifts every day 00:00–08:00 × 1; every day 08:00–20:00 × 2; every day 20:00–24:00 × 1 (21 a week) → every day 00:00–08:00 × 1; every day 08:00–20:00 × 3; every day 20:00–24:00 × 1 (21 a week)',
    ]);
  });

  test('a new theatre with its sessions a week; a setting removed; a pathway rewritten', () => {
    const doc = library('surgical-hub.yaml');
    const base = baseOf(doc);
    const sites = base.sites as Obj[];
    const theatres = [...(sites[0].theatres as Obj[]), { id: 't4', name: 'T4', sessions: [{ days: ['mon', 'wed', 'fri'], start: '08:00', end: '13:00' }] }];
    const edited = setAt(base, ['sites', 0, 'theatres'], theatres);
    expect(describePatch(base, makePatch(base, edited))).toEqual([`${String(sites[0].name)}: new theatre T4 with 3 sessions a week`]);
    expect(words('winter-dgh.yaml', 'no-escalation')).toEqual(['Medical wards: escalation removed']);
    expect(words('hyperacute-stroke.yaml', 'direct-to-ct')).toEqual(['Pathway hasu: steps assess, ct, review, decide, lyse, admit, stay, home → meet, ct, review, decide, lyse, admit, stay, home']);
  });

  test.each(files)('%s: every variant says something, each sentence naming what it changes', (file) => {
    const doc = library(file);
    for (const v of variantsOf(doc)) {
      const lines = describePatch(baseOf(doc), v.patch);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l).toMatch(/^[^:]+: \S/);
    }
  });

  test('an empty patch says nothing', () => {
    expect(describePatch(baseOf(library('winter-dgh.yaml')), {})).toEqual([]);
  });
});
