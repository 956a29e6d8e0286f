// Results cross Redis as JSON: the numbers JSON cannot hold must come back as they were.
import { expect, test } from 'vitest';
import { fromWire, toWire } from '../../../runner/queue/codec.ts';

test('NaN, ±Infinity and -0 survive JSON; other values are unchanged', () => {
  const value = { kpis: { a: NaN, b: Infinity, c: -Infinity, d: -0, e: 0, f: 1.5e-300 }, series: { x: [1, NaN, -0] }, arrived: 7, s: 'NaN' };
  const back = fromWire<typeof value>(JSON.parse(JSON.stringify(toWire(value))));
  expect(back).toStrictEqual(value);
  expect(Object.is(back.kpis.d, -0)).toBe(true);
  expect(Object.is(back.series.x[2], -0)).toBe(true);
  expect(Object.is(back.kpis.e, 0)).toBe(true);
});
