// How the comparison words and colours numbers: a difference is better or worse only when
// its paired CI excludes zero, in the KPI's own better direction; shares print as %,
// money in £, nothing measured as a dash.
import { describe, expect, test } from 'vitest';
import { verdict, groupKpis, infoOf, scopeOf } from '../../ui/src/lib/kpi.ts';
import { formatEstimate, formatNumber, formatValue, formatDuration } from '../../ui/src/lib/format.ts';

describe('verdict', () => {
  test('lower is better: a CI wholly below zero is better, wholly above is worse', () => {
    expect(verdict('wait.mean[dgh/majors]', -2, -3, -1)).toBe('better');
    expect(verdict('wait.mean[dgh/majors]', 2, 1, 3)).toBe('worse');
  });
  test('higher is better: the other way round', () => {
    expect(verdict('ed.4h[all]', 0.05, 0.01, 0.09)).toBe('better');
    expect(verdict('elective.operated[joints]', -4, -6, -2)).toBe('worse');
  });
  test('a CI that includes zero is no clear difference, whatever the mean', () => {
    expect(verdict('ed.4h[all]', 0.05, -0.01, 0.11)).toBe('unclear');
    expect(verdict('cost.total[all]', -100, -200, 0)).toBe('unclear');
  });
  test('no CI (one replication) is never called better or worse', () => {
    expect(verdict('wait.mean[x]', -2, null, null)).toBe('unclear');
  });
  test('measures with no better direction stay neutral', () => {
    expect(verdict('occupancy.mean[dgh/ortho]', 0.1, 0.05, 0.15)).toBe('neutral');
    expect(verdict('arrivals[minors]', 10, 5, 15)).toBe('neutral');
    expect(verdict('wait.mean[x]', null, null, null)).toBe('neutral');
  });
  test('an unknown metric is shown, neutral, under its own name', () => {
    expect(infoOf('brand.new[all]').label).toBe('brand.new');
    expect(verdict('brand.new[all]', 1, 0.5, 2)).toBe('neutral');
  });
});

test('KPIs are grouped activity, quality, resource, cost; scopes read with spaces', () => {
  const groups = groupKpis(['productivity[all]', 'occupancy.mean[dgh/ortho]', 'wait.mean[a]', 'throughput[a]']);
  expect(groups.map((g) => g.group)).toEqual(['activity', 'quality', 'resource', 'cost']);
  expect(scopeOf('staff.utilisation[dgh/acp]')).toBe('dgh / acp');
});

describe('formatting', () => {
  test('numbers to 3 significant figures, large ones with separators', () => {
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
  test('units: shares as %, differences of shares in points, money in £', () => {
    expect(formatValue(0.7281, 'fraction')).toBe('72.8%');
    expect(formatValue(0.017, 'fraction', { signed: true })).toBe('+1.7 pts');
    expect(formatValue(-0.017, 'fraction', { signed: true })).toBe('−1.7 pts');
    expect(formatValue(54613.2, '£/week')).toBe('£54,613');
    expect(formatValue(-250, '£/week', { signed: true })).toBe('−£250');
    expect(formatValue(3.48, 'h', { withUnit: true })).toBe('3.48 h');
    expect(formatValue(-2, 'h')).toBe('−2');
    expect(formatValue(-250, '£/week', { signed: true, withUnit: true })).toBe('−£250 per week');
    expect(formatValue(1.25, '£ tariff/£ cost')).toBe('1.25'); // a ratio, not money
  });
  test('an estimate with its CI; points named once', () => {
    expect(formatEstimate(37.1, 35.6, 38.6, 'patients/week')).toBe('37.1 [35.6 to 38.6]');
    expect(formatEstimate(0.017, -0.0175, 0.0514, 'fraction', true)).toBe('+1.7 pts [−1.75 to +5.14]');
    expect(formatEstimate(0.5, null, null, 'fraction')).toBe('50%');
    expect(formatEstimate(null, 1, 2, 'h')).toBe('—');
  });
  test('time left', () => {
    expect(formatDuration(0.4)).toBe('under a second');
    expect(formatDuration(12.4)).toBe('about 12 s');
    expect(formatDuration(300)).toBe('about 5 min');
    expect(formatDuration(null)).toBe('');
  });
});
