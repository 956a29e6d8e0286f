// A goal for `pathflow seek`: `KPI >= x`, `<=`, `>` or `<`, and the verdict on a point
// from its confidence interval. A point meets the target when the whole interval is on the
// right side of it, fails when the whole interval is on the wrong side, and is uncertain
// while the interval straddles it (more replications may settle it).
import type { Result } from './param-path.ts';

export const OPERATORS = ['>=', '<=', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Target {
  kpi: string;
  op: Operator;
  value: number;
}

export type Verdict = 'meets' | 'fails' | 'uncertain';

export function parseTarget(text: string): Result<Target> {
  const m = /^\s*(\S+?)\s*(>=|<=|>|<|≥|≤)\s*(\S+)\s*$/.exec(text);
  const fail = (why: string): Result<Target> => ({ ok: false, message: `bad target ${JSON.stringify(text)}: ${why}` });
  if (!m) return fail('expected "KPI >= x" (or <=, >, <), e.g. "ed.4h[all] >= 0.95"');
  const value = Number(m[3]);
  if (m[3] === '' || !Number.isFinite(value)) return fail(`expected a number after ${m[2]}, got ${JSON.stringify(m[3])}`);
  const op = (m[2] === '≥' ? '>=' : m[2] === '≤' ? '<=' : m[2]) as Operator;
  return { ok: true, value: { kpi: m[1], op, value } };
}

export const targetText = (t: Target) => `${t.kpi} ${t.op} ${t.value}`;

/** Whether larger values of the KPI are the good side of the target. */
export const wantsHigh = (t: Target) => t.op === '>=' || t.op === '>';

/** The verdict on an interval [lower, upper] (NaN bounds, as from one replication: uncertain). */
export function verdict(t: Target, lower: number, upper: number): Verdict {
  if (!(lower <= upper)) return 'uncertain';
  const ok = (x: number) => (t.op === '>=' ? x >= t.value : t.op === '>' ? x > t.value : t.op === '<=' ? x <= t.value : x < t.value);
  if (ok(lower) && ok(upper)) return 'meets';
  if (!ok(lower) && !ok(upper)) return 'fails';
  return 'uncertain';
}
