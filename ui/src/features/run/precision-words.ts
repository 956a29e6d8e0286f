// A run sized to a precision, in the app's words: what is asked of the server (POST /api/runs
// `precision`), what each batch the server judged means (server/API.md: the WebSocket's
// `precision` messages), and why the run stopped. Pure: tested without a browser.
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { infoOf } from '../../lib/kpi.ts';
import { fittingUnit, kpiLabel, unitWords, type NameBook } from '../../lib/kpi-words.ts';
import { formatNumber, formatValue } from '../../lib/format.ts';
import type { BatchEstimate, PrecisionBatch, RunRequest } from '../../lib/api.ts';

export type { PrecisionBatch } from '../../lib/api.ts';

export type PrecisionRequest = NonNullable<RunRequest['precision']>;

/** What the form holds, as typed. */
export interface PrecisionChoice { kind: 'relative' | 'absolute'; value: string; cap: string }

export const DEFAULT_CHOICE: PrecisionChoice = { kind: 'relative', value: '5', cap: '160' };

/** The request for the form's values, or what is wrong with them (a sentence naming the field). */
export function precisionRequest(c: PrecisionChoice, first: number, maxCap: number): { request: PrecisionRequest } | { error: string } {
  const value = Number(c.value), cap = Number(c.cap);
  if (!(Number.isFinite(value) && value > 0) || (c.kind === 'relative' && value >= 100)) {
    return { error: `Precision: expected ${c.kind === 'relative' ? 'a percentage above 0 and below 100' : 'a number above 0'}, got ${JSON.stringify(c.value)}` };
  }
  if (!Number.isInteger(cap) || cap < first || cap > maxCap) {
    return { error: `Most replications: expected a whole number from ${first} (the first batch) to ${maxCap}, got ${JSON.stringify(c.cap)}` };
  }
  return { request: { ...(c.kind === 'relative' ? { relative: value / 100 } : { absolute: value }), maxReplications: cap } };
}

/** The target in words: "±5% of each estimate" or "±0.5 in each measure's unit". */
export function targetWords(c: PrecisionChoice): string {
  return c.kind === 'relative' ? `±${c.value}% of each estimate` : `±${c.value} in each measure's own unit`;
}

/**
 * A half-width in the unit the estimate reads in (minutes for a short wait, % for a share):
 * a relative target is also shown as a share of the estimate.
 */
export function halfWidthWords(kpi: string, e: Pick<BatchEstimate, 'mean' | 'halfWidth'>): string {
  const unit = infoOf(kpi).unit;
  if (e.halfWidth === null) return 'not measurable';
  if (unit === 'fraction') return `±${formatNumber(e.halfWidth * 100)} points`;
  if (unit === '£' || unit.startsWith('£/')) return `±${formatValue(e.halfWidth, unit, { withUnit: true })}`;
  const shown = fittingUnit(unit, [e.mean]);
  return `±${formatValue(e.halfWidth * shown.factor, shown.unit, { withUnit: true })}`;
}

/** An estimate in its fitting unit: "12.3 minutes", "84.1%", "£12,000 a week". */
export function estimateWords(kpi: string, mean: number | null): string {
  const unit = infoOf(kpi).unit;
  if (unit === 'fraction' || unit === '£' || unit.startsWith('£/')) return formatValue(mean, unit, { withUnit: true });
  const shown = fittingUnit(unit, [mean]);
  return formatValue(mean === null ? null : mean * shown.factor, shown.unit, { withUnit: true });
}

/** The half-width as a share of the estimate (what a relative target is judged on): "3.1%". */
export const relativeWords = (e: Pick<BatchEstimate, 'mean' | 'halfWidth'>) =>
  e.mean === null || e.halfWidth === null || e.mean === 0 ? '—' : `${formatNumber((100 * e.halfWidth) / Math.abs(e.mean), 2)}%`;

/** KPIs in the order the batches first name them. */
export function judgedKpis(batches: readonly PrecisionBatch[]): string[] {
  const seen = new Set<string>();
  for (const b of batches) for (const e of b.estimates) seen.add(e.kpi);
  return [...seen];
}

type Outcome = NonNullable<RunResultDoc['precision']>;

/** Why the run stopped, in a sentence; the run's document (when done) is the authority, else the last batch. */
export function stopWords(last: PrecisionBatch | undefined, outcome: Outcome | undefined, replications: number | undefined, options: readonly { id: string; name: string }[], names: NameBook): string {
  const n = replications ?? last?.replications;
  const target = outcome?.target ?? last?.target ?? '';
  const met = outcome ? outcome.met : last?.met;
  if (n === undefined || met === undefined) return '';
  const per = `${n} replication${n === 1 ? '' : 's'} per option`;
  if (met) return `Stopped: target reached at ${per}. Every chosen measure's 95% confidence interval is within ${target}.`;
  const cap = outcome?.maxReplications ?? last?.maxReplications ?? n;
  const missed = outcome ? notMetWords(outcome.notMet, options, names) : [];
  const count = outcome ? outcome.notMet.length : last?.notMet ?? 0;
  return `Stopped: the most replications allowed (${cap} per option) was reached before every measure reached ${target}. `
    + `${count} did not reach it${missed.length ? `: ${missed.join('; ')}` : ''}.`;
}

/** "Mean wait (Baseline): ±6.2% of the estimate, target ±5%" for each measure still too wide. */
export function notMetWords(notMet: Outcome['notMet'], options: readonly { id: string; name: string }[], names: NameBook): string[] {
  const optionWords = (id: string) => {
    const o = options.find((x) => x.id === id);
    return id === 'baseline' ? 'Baseline' : o?.name ?? id;
  };
  return notMet.map((m) => {
    const what = `${kpiLabel(m.kpi, names)} (${optionWords(m.variant)})`;
    if (m.halfWidth === null || m.target === null) return `${what}: not measurable in every replication`;
    const unit = infoOf(m.kpi).unit;
    const inUnit = (x: number) => (unit === 'fraction' ? `${formatNumber(x * 100)} points` : `${formatNumber(x)} ${unitWords(unit)}`);
    return `${what}: ±${inUnit(m.halfWidth)}, target ±${inUnit(m.target)}`;
  });
}
