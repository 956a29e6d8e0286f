// "Did you mean …?": Damerau–Levenshtein distance, and a suggestion only for a name close
// enough to be a misspelling of one known.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { didYouMean, editDistance, nearest } from '../../scenarios/suggest.ts';

describe('edit distance', () => {
  test('insertions, deletions, substitutions, and a swap of neighbours as one edit', () => {
    expect(editDistance('medical', 'medical')).toBe(0);
    expect(editDistance('medicl', 'medical')).toBe(1);
    expect(editDistance('mediacl', 'medical')).toBe(1);
    expect(editDistance('stroke-ward', 'stroke-unit')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('symmetric, zero only for equal strings, at most the longer length (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      const d = editDistance(a, b);
      expect(editDistance(b, a)).toBe(d);
      expect(d === 0).toBe(a === b);
      expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
    }));
  });
});

describe('nearest', () => {
  test('suggests a close name, the closest first, and nothing for a name unlike any', () => {
    expect(nearest('stroke-ward', ['medical', 'stroke-unit'])).toBe('stroke-unit');
    expect(nearest('bedz', ['id', 'name', 'beds', 'kind'])).toBe('beds');
    expect(nearest('th9', ['th1'])).toBe('th1');
    expect(nearest('Medical', ['medical'])).toBe('medical');
    expect(nearest('icu', ['cubicles', 'medical'])).toBeUndefined();
    expect(nearest('acp', ['hca'])).toBeUndefined();
    expect(didYouMean('minor', ['minors', 'majors'])).toBe('did you mean "minors"?');
    expect(didYouMean('x', [])).toBe('');
  });

  test('long names are not compared (work bounded whatever the document holds)', () => {
    const long = 'a'.repeat(100_000);
    expect(nearest(long, [`${long}b`])).toBeUndefined();
  });
});
