// Scenario values in words, for the diagram and the "differs from baseline" list:
// durations ("mean 9 days (sd 8)"), probabilities as percentages, sessions and shifts
// ("Mon–Fri 08:30–16:30"), anything else compactly.
type Obj = Record<string, unknown>;
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);

const UNIT: Record<string, string> = { minutes: 'min', hours: 'h', days: 'days' };
export const n = (x: unknown) => (typeof x === 'number' ? Number(x.toPrecision(3)).toString() : '?');
export const percent = (p: unknown) => (typeof p === 'number' ? `${Number((p * 100).toPrecision(3))}%` : '?%');

/** "mean 9 days (sd 8)", "fixed 2 h", "2–4 days". */
export function describeDuration(d: unknown): string {
  if (!d || typeof d !== 'object') return '';
  const x = d as Obj;
  const u = UNIT[String(x.unit ?? 'hours')] ?? 'h';
  switch (x.dist) {
    case 'deterministic': return `fixed ${n(x.value)} ${u}`;
    case 'exponential': return `mean ${n(x.mean)} ${u}`;
    case 'lognormal': case 'gamma': case 'normal': return `mean ${n(x.mean)} ${u} (sd ${n(x.sd)})`;
    case 'erlang': return `mean ${n(x.mean)} ${u}`;
    case 'uniform': return `${n(x.min)}–${n(x.max)} ${u}`;
    case 'triangular': return `${n(x.min)}–${n(x.max)} ${u}, mostly ${n(x.mode)}`;
    case 'weibull': return `Weibull ${n(x.shape)}, ${n(x.scale)} ${u}`;
    case 'empirical': return `${list(x.values).length} observed values`;
    default: return '';
  }
}


const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const cap = (d: string) => d.slice(0, 1).toUpperCase() + d.slice(1, 3);

/** "Mon–Fri", "Mon, Wed, Fri", "every day". */
export function describeDays(days: unknown): string {
  const ds = (Array.isArray(days) ? days : []).map((d) => String(d).slice(0, 3).toLowerCase());
  const idx = ds.map((d) => DAY_ORDER.indexOf(d)).filter((i) => i >= 0).sort((a, b) => a - b);
  if (idx.length === 7) return 'every day';
  const run = idx.length > 2 && idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  if (run) return `${cap(DAY_ORDER[idx[0]])}–${cap(DAY_ORDER[idx[idx.length - 1]])}`;
  return idx.map((i) => cap(DAY_ORDER[i])).join(', ');
}

/** Any scenario value, short: numbers plain, durations and sessions in words. */
export function describeValue(v: unknown): string {
  if (v === undefined) return '(none)';
  if (v === null) return '(removed)';
  if (typeof v === 'number') return Number(v.toPrecision(6)).toLocaleString('en-GB');
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map(describeValue).join(typeof v[0] === 'object' ? '; ' : ', ');
  const o = v as Obj;
  if (typeof o.dist === 'string') return describeDuration(o);
  if (o.days !== undefined && o.start !== undefined) return `${describeDays(o.days)} ${String(o.start)}–${String(o.end)}${o.count !== undefined ? ` × ${String(o.count)}` : ''}`;
  if (o.to !== undefined && o.probability !== undefined) return `${percent(o.probability)} to ${String(o.to)}`;
  return Object.entries(o).map(([k, x]) => `${k}: ${describeValue(x)}`).join(', ');
}
