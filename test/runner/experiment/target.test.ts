import { describe, expect, test } from 'vitest';
import { parseTarget, verdict } from '../../../runner/experiment/target.ts';

describe('parseTarget', () => {
  test('the four operators, with or without spaces', () => {
    expect(parseTarget('ed.4h[all] >= 0.95')).toEqual({ ok: true, value: { kpi: 'ed.4h[all]', op: '>=', value: 0.95 } });
    expect(parseTarget('wait.mean[dgh/medical]<2')).toEqual({ ok: true, value: { kpi: 'wait.mean[dgh/medical]', op: '<', value: 2 } });
    expect(parseTarget('x ≤ 3').ok && parseTarget('x ≤ 3')).toEqual({ ok: true, value: { kpi: 'x', op: '<=', value: 3 } });
  });

  test('bad syntax says what is expected', () => {
    expect(parseTarget('ed.4h[all] = 0.95')).toEqual({ ok: false, message: 'bad target "ed.4h[all] = 0.95": expected "KPI >= x" (or <=, >, <), e.g. "ed.4h[all] >= 0.95"' });
    expect(parseTarget('ed.4h[all] >= high')).toEqual({ ok: false, message: 'bad target "ed.4h[all] >= high": expected a number after >=, got "high"' });
  });
});

test('verdicts: meets only if the whole interval is on the right side, fails if all on the wrong side', () => {
  const t = { kpi: 'k', op: '>=', value: 0.95 } as const;
  expect(verdict(t, 0.95, 0.97)).toBe('meets');
  expect(verdict(t, 0.94, 0.96)).toBe('uncertain');
  expect(verdict(t, 0.90, 0.949)).toBe('fails');
  expect(verdict(t, NaN, NaN)).toBe('uncertain');
  const lt = { kpi: 'k', op: '<', value: 2 } as const;
  expect(verdict(lt, 1, 1.99)).toBe('meets');
  expect(verdict(lt, 1, 2)).toBe('uncertain');
  expect(verdict(lt, 2, 3)).toBe('fails');
});
