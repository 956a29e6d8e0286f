// Chart colours stay readable: every line and legend swatch at least 3:1 against the white
// plot (WCAG 1.4.11, non-text contrast), in the app's comparison charts and in teaching
// mode's queue chart and dots; the ratio itself checked against WCAG's known values.
import { describe, expect, test } from 'vitest';
import { contrastRatio } from '../../ui/src/lib/contrast.ts';
import { PALETTE } from '../../ui/src/lib/palette.ts';
import { QUEUE_COLOURS } from '../../ui/src/teach/components/QueueChart.tsx';
import { DOT_COLOURS } from '../../ui/src/teach/components/LiveView.tsx';

describe('contrast', () => {
  test('the ratio: black on white 21:1, a colour with itself 1:1, #767676 on white just over 4.5:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#0072B2', '#0072b2')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
  });

  test('every option colour of the comparison charts is at least 3:1 on white', () => {
    for (const c of PALETTE) expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
  });

  test('teaching mode: queue lines (and their legend text colour) at least 4.5:1, dots at least 3:1 on the boxes', () => {
    for (const c of QUEUE_COLOURS) expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
    for (const c of Object.values(DOT_COLOURS)) {
      for (const box of ['#f9fafb', '#f3f7ff', '#fffaf0', '#ffffff']) expect(contrastRatio(c, box), `${c} on ${box}`).toBeGreaterThanOrEqual(3);
    }
  });
});
