// KPI values as a room reads them: times in minutes, shares in per cent, the rest in the
// catalogue's unit. Predictions are typed and compared in these units.
import { kpiInfo } from '../../../scenarios/kpis/catalogue.ts';

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
