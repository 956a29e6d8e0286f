// A run's warnings in the web app's words (ui/src/lib/warning-words.ts): measures, series
// and places named by the scenario's names, the rest of each sentence as the scenario layer
// wrote it (the messages below are those the surgical hub and the small ED give).
import { describe, expect, test } from 'vitest';
import { warningWords } from '../../ui/src/lib/warning-words.ts';

const names = new Map([['dgh', 'District general hospital'], ['medical', 'Medical ward'], ['joints', 'Primary hip and knee replacements'], ['th4', 'Main theatre 4'], ['cubicles', 'ED cubicles']]);

describe('warnings in words', () => {
  test('measures, series and places by their names', () => {
    expect(warningWords('dgh/medical: patients need 14.7 beds on average (arrivals × mean time held) and 5 are open, offered load 294% of capacity.', names))
      .toBe('Medical ward (District general hospital): patients need 14.7 beds on average (arrivals × mean time held) and 5 are open, offered load 294% of capacity.');
    expect(warningWords('list.size[joints] is still rising at the end of the run: 1,357 patients on list joints on average in days 271–513', names))
      .toBe('“the waiting list Primary hip and knee replacements” is still rising at the end of the run: 1,357 patients on list “Primary hip and knee replacements” on average in days 271–513');
    expect(warningWords('queue.length[dgh/cubicles] is still rising: 610 patients waiting for dgh/cubicles on average', names))
      .toBe('“patients waiting for ED cubicles (District general hospital)” is still rising: 610 patients waiting for ED cubicles (District general hospital) on average');
    expect(warningWords('the widest is theatre.utilisation[dgh/th4] (hub), ±9.47 points', names)).toMatch(/^the widest is “.+ — Main theatre 4 \(District general hospital\)” \(hub\), ±9\.47 points$/);
  });

  test('a skill or the staff at a site: the site by its name', () => {
    expect(warningWords('skill "treat" at dgh: tasks keep 6.1 staff busy on average', names)).toBe('skill "treat" at District general hospital: tasks keep 6.1 staff busy on average');
    expect(warningWords('staff at dgh: tasks keep 9 busy', names)).toBe('staff at District general hospital: tasks keep 9 busy');
    expect(warningWords('look at them', names)).toBe('look at them');
  });

  test('numbers, intervals and ordinary words are left alone; unknown ids keep their words', () => {
    const plain = 'the measured window is 28 days (horizon 35 − warm-up 7 days), 6.09 times the longest mean stay; 95% CI +161 to +210 over 3 replications.';
    expect(warningWords(plain, names)).toBe(plain);
    expect(warningWords('on list ortho', names)).toBe('on list ortho');
    expect(warningWords('north/ward-b: full', new Map())).toBe('ward b (north): full');
  });
});
