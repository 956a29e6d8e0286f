// Numbers as a manager reads them: shares as percentages, money in pounds with thousands
// separators, a sensible number of significant figures, and a dash for "not measured".
const DASH = '—';

/** Up to `digits` significant figures, without trailing zeros or exponent for everyday sizes. */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString('en-GB');
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return Number(x.toFixed(Math.min(decimals, 6))).toLocaleString('en-GB', { maximumFractionDigits: Math.min(decimals, 6) });
}

/** A value in a KPI's unit: fractions as %, £ with separators; the unit after other numbers. */
export function formatValue(x: number | null | undefined, unit: string, opts: { signed?: boolean; withUnit?: boolean } = {}): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const sign = opts.signed && x > 0 ? '+' : opts.signed && x < 0 ? '−' : '';
  const v = opts.signed ? Math.abs(x) : x;
  const minus = !opts.signed && v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (unit === 'fraction') return `${sign}${minus}${formatNumber(a * 100)}${opts.signed ? ' pts' : '%'}`;
  if (unit === '£' || unit.startsWith('£/')) {
    const rest = unit.slice(1);
    const money = a >= 100 ? Math.round(a).toLocaleString('en-GB') : formatNumber(a);
    return `${sign}${minus}£${money}${opts.withUnit && rest ? ` ${rest.replace(/^\//, 'per ')}` : ''}`;
  }
  return `${sign}${minus}${formatNumber(a)}${opts.withUnit ? ` ${unit}` : ''}`;
}

/** "12.3 [11.8 to 12.9]" — a mean with its 95% confidence interval. */
export function formatEstimate(mean: number | null, low: number | null, high: number | null, unit: string, signed = false): string {
  const m = formatValue(mean, unit, { signed });
  if (low === null || high === null || m === DASH) return m;
  // Percentage points are named once, after the mean: "+1.7 pts [−1.8 to +5.1]".
  const bound = (x: number) => formatValue(x, unit, { signed }).replace(/ pts$/, '');
  return `${m} [${bound(low)} to ${bound(high)}]`;
}

/** Seconds left as "about 12 s", "about 3 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  return `about ${Math.round(seconds / 60)} min`;
}
