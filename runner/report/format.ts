// Numbers as the sweep, seek and warm-up tables print them: a few significant figures, an
// estimate with its interval, columns padded to their widest cell, CSV cells quoted.
import { largest } from '../../engine/core/extremes.ts';

// As `run` prints numbers; a value that rounds to zero prints as 0, not -0.000.
const num = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3)).replace(/^-(0\.?0*)$/, '$1');

/** "0.942 [0.931, 0.953]", as `run` prints estimates; "—" for what could not be measured. */
/** "12.3 [11.8, 12.9]", with † when the interval is not to be taken at face value (its reason is in --json). */
export function showEstimate(e: { mean: number | null; ciLow: number | null; ciHigh: number | null; unreliable?: string } | undefined): string {
  if (!e || e.mean === null) return '—';
  return e.ciLow === null || e.ciHigh === null ? num(e.mean) : `${num(e.mean)} [${num(e.ciLow)}, ${num(e.ciHigh)}]${e.unreliable ? '†' : ''}`;
}
export const showNumber = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : num(x));

/** Columns padded to their widest cell, numbers right-aligned; the columns in `left` (indices) left-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = []): string {
  const widths = header.map((h, k) => largest([h.length, ...rows.map((r) => r[k].length)]));
  const line = (r: readonly string[]) => r.map((c, k) => (left.includes(k) ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** A CSV cell. */
export const cell = (x: string | number | null) => (x === null ? '' : typeof x === 'number' ? String(x) : /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
