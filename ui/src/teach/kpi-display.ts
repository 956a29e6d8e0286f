// KPI values as a room reads them: times in minutes, shares in per cent, the rest in the
// catalogue's unit. Predictions are typed and compared in these units.
import { kpiInfo, splitKpiName } from '../../../scenarios/kpis/catalogue.ts';

export interface DisplayUnit {
  unit: string;
  label: string;
  toDisplay: (x: number) => number;
  fromDisplay: (x: number) => number;
}

export function displayUnit(kpi: string): DisplayUnit {
  const info = kpiInfo(kpi);
  const label = info?.label ?? kpi;
  if (info?.unit === 'h') return { unit: 'min', label, toDisplay: (x) => x * 60, fromDisplay: (x) => x / 60 };
  if (info?.unit === 'fraction') return { unit: '%', label, toDisplay: (x) => x * 100, fromDisplay: (x) => x / 100 };
  return { unit: info?.unit ?? '', label, toDisplay: (x) => x, fromDisplay: (x) => x };
}

export function formatValue(x: number | null, kpi: string): string {
  if (x === null) return '—';
  const u = displayUnit(kpi);
  const v = u.toDisplay(x);
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${u.unit}`.trim();
}

/**
 * A variant's difference from the baseline, signed (+ or −): a share's in percentage points,
 * "−3.50 pts", since "−3.50 %" reads as a relative change; the rest in the display unit.
 */
export function formatDifference(x: number | null, kpi: string): string {
  if (x === null) return '—';
  const u = displayUnit(kpi);
  const v = u.toDisplay(x);
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const n = Math.abs(v).toFixed(digits);
  const sign = Number(n) === 0 ? '' : v < 0 ? '−' : '+';
  return `${sign}${n} ${u.unit === '%' ? 'pts' : u.unit}`.trim();
}

/**
 * A measure's name as a room reads it: the catalogue's words and what it is measured on,
 * without the id's brackets (`wait.mean[clinic/skill:consult]` → "wait, mean — consult at
 * clinic"; `arrivals[all]` → "arrivals — all patients").
 */
export function plainName(kpi: string): string {
  const { scope } = splitKpiName(kpi);
  const label = displayUnit(kpi).label;
  if (!scope) return label;
  if (scope === 'all') return `${label} — all patients`;
  const parts = scope.split('/');
  const skill = parts.find((p) => p.startsWith('skill:'));
  const rest = parts.filter((p) => !p.startsWith('skill:'));
  const where = skill ? `${skill.slice('skill:'.length)} at ${rest.join(' / ')}` : rest.join(' / ');
  return `${label} — ${where}`;
}
