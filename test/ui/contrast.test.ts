// Chart colours stay readable: every line and legend swatch at least 3:1 against the white
// plot (WCAG 1.4.11, non-text contrast), in the app's comparison charts and in teaching
// mode's queue chart and dots; the ratio itself checked against WCAG's known values.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

describe('the app\'s badges', () => {
  // The recent-runs "done" badge was #1a7f37 on #e3f4e8, 4.44:1 (axe: color-contrast, serious).
  const css = readFileSync(fileURLToPath(new URL('../../ui/src/app/styles.css', import.meta.url)), 'utf8');
  const vars = Object.fromEntries([...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
  const colour = (v: string) => (v.startsWith('var(') ? vars[v.slice(6, -1)] : v);
  const badges = [...css.matchAll(/\.badge--([a-z]+)[^{]*\{\s*background:\s*([^;]+);\s*color:\s*([^;]+);/g)].map((m) => ({ badge: m[1], bg: colour(m[2].trim()), fg: colour(m[3].trim()) }));
  test('each coloured badge\'s text is at least 4.5:1 on its background', () => {
    expect(badges.map((b) => b.badge)).toEqual(expect.arrayContaining(['error', 'warn', 'done']));
    for (const b of badges) expect(contrastRatio(b.fg, b.bg), `.badge--${b.badge} ${b.fg} on ${b.bg}`).toBeGreaterThanOrEqual(4.5);
  });
});
