// Predictions written before a run, and how each compares with what the run measured.
// Kept in this browser (localStorage), per scenario: each participant's own, not shared.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { displayUnit } from './kpi-display.ts';

export interface Prediction {
  text: string;
  /** Optional number for one KPI of one variant, in the KPI's display unit (minutes, %, …). */
  variant?: string;
  kpi?: string;
  value?: number;
  /** When written (ISO time). */
  at: string;
  /** Results were shown after it was written: it stays as written (kept across reloads). */
  locked?: boolean;
}

/** The predictions, those written before `revealedAt` (when results were shown) locked. */
export function lockBefore(ps: readonly Prediction[], revealedAt: string): Prediction[] {
  return ps.map((p) => (!p.locked && p.at < revealedAt ? { ...p, locked: true } : p));
}

export interface Outcome {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** The prediction lies within the run's 95% confidence interval. */
  within: boolean | null;
}

/** The measured value for a prediction's KPI and variant (display unit), or null when it names none. */
export function outcomeOf(p: Prediction, doc: RunResultDoc): Outcome | null {
  if (!p.kpi || !p.variant) return null;
  const est = doc.variants.find((v) => v.id === p.variant)?.kpis[p.kpi];
  if (!est) return null;
  const u = displayUnit(p.kpi);
  const d = (x: number | null) => (x === null ? null : u.toDisplay(x));
  const lo = d(est.ciLow), hi = d(est.ciHigh);
  return { mean: d(est.mean), ciLow: lo, ciHigh: hi, within: p.value === undefined || lo === null || hi === null ? null : p.value >= lo && p.value <= hi };
}

const key = (scenario: string) => `pathflow.teach.predictions.${scenario}`;

export function loadPredictions(scenario: string): Prediction[] {
  try {
    const raw = localStorage.getItem(key(scenario));
    return raw ? (JSON.parse(raw) as Prediction[]) : [];
  } catch {
    return []; // private mode or a corrupt entry: start afresh rather than fail the page
  }
}

export function savePredictions(scenario: string, ps: readonly Prediction[]): void {
  try { localStorage.setItem(key(scenario), JSON.stringify(ps)); } catch { /* storage full or disabled: predictions live for this visit only */ }
}
