// What an edit to the key numbers implies beyond itself, as pure functions the form shows
// next to the field: a value far outside the scenario's own range (a slip of the keyboard,
// 1e9 beds) is worth a second look before a long run; and beds changed while the staff of
// the same site were not means the staff cost stays flat while beds grow, so the form
// offers the coupled change (keep the staff-to-bed ratio) as one edit.
type Obj = Record<string, unknown>;
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** How many times the largest comparable value a value must reach to be questioned. */
export const FAR_OUTSIDE = 10;

/** Every number in the document under a key of this name, except at `skip` (the field itself). */
function numbersNamed(doc: unknown, key: string, skip: readonly (string | number)[]): number[] {
  const out: number[] = [];
  const walk = (x: unknown, at: (string | number)[]) => {
    if (Array.isArray(x)) { x.forEach((v, i) => walk(v, [...at, i])); return; }
    if (!x || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x as Obj)) {
      const here = [...at, k];
      if (k === key && typeof v === 'number' && Number.isFinite(v) && !(here.length === skip.length && here.every((p, i) => p === skip[i]))) out.push(v);
      else if (typeof v === 'object') walk(v, here);
    }
  };
  walk(doc, []);
  return out;
}

/** Keys of durations, whose values elsewhere may be in another unit (minutes, hours, days): compared with their own value only. */
const IN_OWN_UNIT = new Set(['mean', 'sd', 'value', 'min', 'max', 'mode', 'scale', 'shape', 'k']);

const WORDS: Record<string, string> = { beds: 'beds', count: 'staff on duty', hourlyCost: 'hourly cost', horizonDays: 'days', warmupDays: 'days', mean: 'mean' };

/**
 * A warning (never an error: the value may be meant) when a number is at least FAR_OUTSIDE
 * times the largest comparable value in the scenario: the same field elsewhere (every ward's
 * beds, every shift's staff) or what this field held when the form opened. Null when it is
 * in range, not a number, or there is nothing to compare it with.
 */
export function plausibility(path: readonly (string | number)[], value: unknown, doc: unknown, before?: number): string | null {
  const v = num(value);
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (v === undefined || v <= 0 || key === undefined) return null;
  const peers = IN_OWN_UNIT.has(key) ? [] : numbersNamed(doc, key, path).filter((x) => x > 0);
  if (before !== undefined && before > 0) peers.push(before);
  if (peers.length === 0) return null;
  const largest = peers.reduce((a, x) => Math.max(a, x), -Infinity); // not Math.max(...peers): a scenario's changes can hold thousands
  if (v < FAR_OUTSIDE * largest) return null;
  const times = v / largest;
  const what = WORDS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const against = peers.length === 1 && IN_OWN_UNIT.has(key) ? `what it was (${fmt(largest)})` : `the largest ${what} elsewhere in this scenario (${fmt(largest)})`;
  return `${fmt(v)} is ${times >= 1000 ? 'over a thousand' : `${fmt(Math.floor(times))}`} times ${against}. Check it: a value this far out may be a slip, and makes a run long or meaningless.`;
}

const fmt = (x: number) => (Math.abs(x) >= 1e6 ? x.toExponential(0).replace('e+', '×10^') : Number(x.toPrecision(4)).toLocaleString('en-GB'));

/** Staff of a role on duty, summed over its shifts (or its always-on-duty count). */
export function staffOf(role: Obj): number {
  const shifts = list(role.shifts);
  return shifts.length > 0 ? shifts.reduce((a, s) => a + (num(s.count) ?? 0), 0) : num(role.count) ?? 0;
}

const bedsOf = (site: Obj) => list(site.wards).reduce((a, w) => a + (num(w.beds) ?? 0), 0);

/** A role scaled by a factor: every shift's (or the always-on count's) staff, rounded, at least one where there was one. */
function scaledRole(role: Obj, factor: number): Obj {
  const scale = (c: unknown) => { const n = num(c); return n === undefined ? c : n > 0 ? Math.max(1, Math.round(n * factor)) : n; };
  if (list(role.shifts).length > 0) return { ...role, shifts: list(role.shifts).map((s) => ({ ...s, count: scale(s.count) })) };
  return { ...role, count: scale(role.count) };
}

export interface StaffOffer {
  role: string;
  from: number;
  to: number;
  /** The site's staff with this role scaled: the coupled change, as one edit. */
  staff: Obj[];
  /** "Keep the nurse-to-bed ratio: 24 → 30 nurse on duty (summed over shifts)". */
  text: string;
}

export interface BedsWithoutStaff {
  site: string;
  fromBeds: number;
  toBeds: number;
  offers: StaffOffer[];
  /** What the change means if left alone. */
  text: string;
}

/**
 * Beds at a site changed (from `before` to `now`, the same site) while the staff of one or
 * more of its roles did not: for each such role, the staff that keeps its ratio to beds.
 * Null when beds did not change or every role changed with them.
 */
export function bedsWithoutStaff(before: Obj, now: Obj): BedsWithoutStaff | null {
  const fromBeds = bedsOf(before), toBeds = bedsOf(now);
  if (fromBeds <= 0 || toBeds <= 0 || fromBeds === toBeds) return null;
  const factor = toBeds / fromBeds;
  const staffNow = list(now.staff);
  const offers: StaffOffer[] = [];
  staffNow.forEach((role, i) => {
    const was = list(before.staff).find((r) => r.role === role.role);
    if (!was || staffOf(was) !== staffOf(role) || staffOf(role) === 0) return;
    const scaled = scaledRole(role, factor);
    const from = staffOf(role), to = staffOf(scaled);
    if (to === from) return;
    const name = String(role.role);
    offers.push({
      role: name, from, to, staff: staffNow.map((r, k) => (k === i ? scaled : r)),
      text: `Keep the ${name}-to-bed ratio: ${from} → ${to} ${name} on duty${list(role.shifts).length > 1 ? ' (summed over shifts)' : ''}`,
    });
  });
  if (offers.length === 0) return null;
  const site = String(now.name ?? now.id ?? 'this site');
  const more = toBeds > fromBeds;
  return {
    site, fromBeds, toBeds, offers,
    text: `Beds at ${site} ${fromBeds} → ${toBeds}, but ${offers.map((o) => o.role).join(', ')} staffing did not change: `
      + (more ? `the ${toBeds - fromBeds} extra beds add no staff cost and no staff to care for their patients.` : `the same staff now serve ${fromBeds - toBeds} fewer beds.`),
  };
}
