// Long lists of a scenario's entries are drawn a page at a time; a place looked for (an
// error's "go to") beyond the page is drawn with the entries before it.
import { expect, test } from 'vitest';
import { wantedIndex } from '../../ui/src/components/LongList.tsx';

test('the entry a wanted place lies in: by index, by a record\'s key, or none', () => {
  expect(wantedIndex(['sites'], undefined, ['sites', 350, 'wards', 0, 'beds'])).toBe(350);
  expect(wantedIndex(['pathways'], ['a', 'b', 'c'], ['pathways', 'c', 2, 'duration'])).toBe(2);
  expect(wantedIndex(['pathways'], ['a', 'b'], ['pathways', 'zzz', 0])).toBe(-1);
  // Elsewhere, the list itself, or nothing looked for: nothing more to draw.
  expect(wantedIndex(['sites'], undefined, ['classes', 3, 'arrivals'])).toBe(-1);
  expect(wantedIndex(['sites'], undefined, ['sites'])).toBe(-1);
  expect(wantedIndex(['sites'], undefined, null)).toBe(-1);
  expect(wantedIndex(['sites'], undefined, ['sites', 'dgh'])).toBe(-1);
});
