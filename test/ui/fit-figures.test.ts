// The fit page's plots (ui/src/features/fit/fit-figures.ts) from the example extract: the
// histogram is a density, the fitted curves are the families' densities in the unit shown,
// the QQ points of the best family lie near the diagonal, and the arrival bars are the
// rates the fit reports.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fitExtract } from '../../scenarios/fit/fit.ts';
import { HISTOGRAM_BINS } from '../../scenarios/fit/stay-fit.ts';
import { arrivalsByHourFigure, arrivalsByWeekdayFigure, largestGap, qqFigure, staysFigure } from '../../ui/src/features/fit/fit-figures.ts';

const text = readFileSync(new URL('../../validation/examples/admissions.csv', import.meta.url), 'utf8');
const r = fitExtract(text);
if (!r.ok) throw new Error(r.message);
const classes = r.value.classes.filter((c) => c.stays);

describe('fit figures of the example extract', () => {
  test('the histogram counts every complete stay once, and as a density it integrates to the share drawn', () => {
    for (const c of classes) {
      const h = c.stays!.histogram;
      expect(h.counts).toHaveLength(HISTOGRAM_BINS);
      expect(h.counts.reduce((a, b) => a + b, 0) + h.beyond).toBe(c.stays!.n);
      const fig = staysFigure(c);
      const bars = fig.data[0] as { y: number[]; width: number };
      const area = bars.y.reduce((a, y) => a + y * bars.width, 0);
      expect(area).toBeCloseTo(1 - h.beyond / c.stays!.n, 10);
    }
  });

  test('each fitted curve is its family\'s density in the unit shown: it integrates to about the share below the last edge', () => {
    for (const c of classes) {
      const fig = staysFigure(c);
      for (const line of fig.data.slice(1) as { x: number[]; y: number[]; name: string }[]) {
        const dx = line.x[1] - line.x[0];
        const area = line.y.reduce((a, y) => a + y * dx, 0);
        // The curve runs to the 99th centile of the data: a family that fits holds most of its mass there.
        expect(area).toBeGreaterThan(0.85);
        expect(area).toBeLessThan(1.01);
      }
      expect(fig.data.filter((d) => String(d.name).includes('written to the scenario'))).toHaveLength(1);
    }
  });

  test('the QQ plot: the best family close to the diagonal, one trace per family plus the diagonal', () => {
    for (const c of classes) {
      const fig = qqFigure(c);
      expect(fig.data).toHaveLength(1 + c.stays!.ranked.length);
      expect(largestGap(c, c.stays!.ranked[0].family)).toBeLessThan(0.05);
    }
  });

  test('arrival bars are the reported rates, their error bars the 95% intervals', () => {
    for (const c of r.value.classes) {
      const hour = arrivalsByHourFigure(c).data[0] as { y: number[]; error_y: { array: number[]; arrayminus: number[] } };
      expect(hour.y).toHaveLength(24);
      c.arrivals.byHour.forEach((x, h) => {
        expect(hour.y[h]).toBeCloseTo(x.perHour, 2);
        expect(hour.y[h] + hour.error_y.array[h]).toBeCloseTo(x.high, 2);
      });
      const week = arrivalsByWeekdayFigure(c).data[0] as { y: number[] };
      expect(week.y.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(c.arrivals.perDay, 0);
    }
  });
});
