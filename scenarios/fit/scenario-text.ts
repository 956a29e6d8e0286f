// A fit written as a complete minimal scenario (YAML) that `pathflow check` accepts: one
// site, one ward, a class per class of the data with its fitted arrivals (perDay, byHour,
// byWeekday, and a season by month when the data spans months) and a pathway admit → stay
// → discharge with the fitted length of stay. Comments state the data range, n and each
// fit's figures, so the numbers carry their provenance when pasted into another scenario.
import { stringify } from 'yaml';
import { moments, type FamilyName } from './families.ts';
import type { Rate } from './arrival-profile.ts';
import { poissonInterval as poisson } from './special.ts';
import { pText, UNIT_HOURS, type ClassFit, type FitReport } from './fit.ts';
import type { FamilyFit, StayFit } from './stay-fit.ts';
import { unitOf, type Routing, type StepFit, type WaitSummary } from './transitions.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An id as YAML reads it back as a string: quoted when it would read as a number or null ("123", "1e5", "null"). */
const yid = (id: string) => stringify(id).trim();

/** 4 significant digits, as a YAML number. */
export const num = (x: number) => String(Number(x.toPrecision(4)));
const count = (n: number) => n.toLocaleString('en-GB');

/** Hours since 1970-01-01 (wall clock) as "YYYY-MM-DD HH:MM". */
export function timeText(hours: number): string {
  return new Date(Math.round(hours * 60) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
const dateText = (hours: number) => timeText(hours).slice(0, 10);

/** Relative weights with mean 1, from rates. */
function weights(rates: readonly Rate[]): string {
  const values = rates.map((r) => (Number.isFinite(r.perHour) ? r.perHour : 0));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return `[${values.map((v) => num(mean > 0 ? v / mean : 1)).join(', ')}]`;
}

/** The language's duration of a family fit, in `unit`. */
export function durationOf(f: FamilyFit | undefined, c: ClassFit): string {
  const u = UNIT_HOURS[c.unit];
  if (c.choice === 'empirical' || f === undefined) return `{ dist: empirical, values: [${c.stays!.empirical.map((v) => num(v / u)).join(', ')}], unit: ${c.unit} }`;
  const p = f.fitted.params;
  switch (f.family) {
    case 'exponential': return `{ dist: exponential, mean: ${num(p.mean / u)}, unit: ${c.unit} }`;
    case 'weibull': return `{ dist: weibull, shape: ${num(p.shape)}, scale: ${num(p.scale / u)}, unit: ${c.unit} }`;
    case 'gamma':
    case 'lognormal': { const m = moments(f.fitted); return `{ dist: ${f.family}, mean: ${num(m.mean / u)}, sd: ${num(m.sd / u)}, unit: ${c.unit} }`; }
  }
}

/** One line on a family's fit, in `unit`. */
export function fitLine(f: FamilyFit, unit: ClassFit['unit']): string {
  const u = UNIT_HOURS[unit];
  // In the unit written: times divide by it, a rate multiplies, ln-scale μ shifts by ln(unit).
  const params = Object.entries(f.params).filter(([k]) => k !== 'mean').map(([k, v]) => {
    const to = (x: number) => (k === 'scale' ? x / u : k === 'rate' ? x * u : k === 'mu' ? x - Math.log(u) : x);
    return `, ${k} ${num(to(v.estimate))} [${num(to(v.low))}, ${num(to(v.high))}]`;
  });
  return `${f.family}: mean ${num(f.mean.estimate / u)} ${unit} [${num(f.mean.low / u)}, ${num(f.mean.high / u)}]${params.join('')}; ` +
    `AIC ${f.aic.toFixed(1)}, BIC ${f.bic.toFixed(1)}, KS D = ${f.ks.toFixed(4)} (p ${pText(f.ksP)})`;
}

export function scenarioText(r: FitReport, source: string, id = 'fitted'): string {
  const fitted = r.classes.filter((c) => c.stays);
  const days = (r.window.end - r.window.start) / 24;
  // Offered load in beds (Little's law), so the placeholder ward rarely makes anyone wait.
  const load = fitted.reduce((s, c) => s + c.arrivals.perDay * (chosen(c)?.mean.estimate ?? c.stays!.sample.mean) / 24, 0);
  const beds = Math.max(1, Math.ceil(load + 3 * Math.sqrt(load)) + 1);
  const meanDays = Math.max(...fitted.map((c) => c.stays!.sample.mean / 24));
  const warmup = Math.min(90, Math.max(1, Math.ceil(5 * meanDays)));
  const seasonal = fitted.some(monthly);
  const problems = Object.entries(r.data.problems).map(([k, p]) => `${k} ${count(p.count)}`).join(', ');
  const L: string[] = [];
  L.push(`# Fitted by \`pathflow fit ${source}\`: ${count(r.data.rows)} rows; arrivals ${timeText(r.window.start)} to ${timeText(r.window.end)} (${num(days)} days); ` +
    `extract ${timeText(r.data.extract)}${r.data.extractGiven ? '' : ' (the latest time in the file)'}.`);
  L.push(`# Rows not used or not fitted, by reason: ${problems === '' ? 'none' : problems}.`);
  L.push(r.kind === 'steps'
    ? `# Not in the data: the places and staff each step needs (the steps are plain delays), and the ward's beds (a placeholder, unused by the steps). Check them before use.`
    : `# Not in the data: the beds (a placeholder: the offered load ${num(load)} + 3√ of it), staff and routing. Check them before use.`);
  L.push(`id: ${yid(id)}`);
  L.push(`title: ${JSON.stringify(`Fitted from ${source}`)}`);
  L.push(`assumptions:`);
  L.push(`  - ${JSON.stringify(`beds: ${beds}, not in the data (offered load ${num(load)} beds + 3 sd, so few wait): set the staffed beds`)}`);
  L.push(`# The run covers the data's dates after a warm-up of about 5 mean stays (the ward fills).`);
  L.push(`time: { ${seasonal ? `startDate: "${dateText(r.window.start - warmup * 24)}"` : 'startWeekday: ' + WEEKDAYS[(Math.floor((r.window.start - warmup * 24) / 24) + 3) % 7]}, horizonDays: ${Math.ceil(days) + warmup}, warmupDays: ${warmup}, replications: 10, seed: 1 }`);
  L.push('sites:');
  L.push('  - id: hospital');
  L.push(`    wards: [ { id: ward, beds: ${beds} } ]   # placeholder: not in the data`);
  L.push('classes:');
  for (const c of fitted) {
    const a = c.arrivals;
    L.push(`  # ${c.id}: ${count(a.n)} arrivals, ${num(a.perDay)} a day [${num(perDayLow(a))}, ${num(perDayHigh(a))}];`);
    L.push(`  #   weekday level G = ${a.weekdayLevel.statistic.toFixed(1)}, df ${a.weekdayLevel.df}, p ${pText(a.weekdayLevel.p)}; ` +
      `hourly shape by weekday G = ${a.weekdayShape.statistic.toFixed(1)}, df ${a.weekdayShape.df}, p ${pText(a.weekdayShape.p)} (likelihood-ratio tests)`);
    L.push(`  - id: ${yid(c.id)}`);
    L.push('    site: hospital');
    L.push('    arrivals:');
    L.push(`      perDay: ${num(a.perDay)}`);
    L.push(`      byHour: ${weights(a.byHour)}   # relative, 00:00 first`);
    L.push(`      byWeekday: ${weights(a.byWeekday)}   # relative, Monday first`);
    if (monthly(c)) L.push(`      season: ${yid(`${c.id}-demand`)}`);
    L.push(`    pathway: ${yid(c.id)}`);
  }
  L.push('pathways:');
  for (const c of fitted) {
    const s = c.stays!;
    const f = chosen(c);
    const best = s.ranked[0];
    L.push(`  ${yid(c.id)}:`);
    if (c.steps) { L.push(...stepLines(c, c.steps)); continue; }
    L.push('    - { id: admit, do: admit, ward: ward }');
    L.push(`    # ${count(s.n)} complete stays: median ${num(s.sample.median / UNIT_HOURS[c.unit])} ${c.unit}, mean ${num(s.sample.mean / UNIT_HOURS[c.unit])}, sd ${num(s.sample.sd / UNIT_HOURS[c.unit])}; ` +
      `${c.choice === best.family ? `${c.choice}, the best by AIC` : `${c.choice} as asked (best by AIC: ${best.family})`}; 95% intervals:`);
    for (const g of s.ranked) L.push(`    #   ${fitLine(g, c.unit)}${g === best ? '' : ` (ΔAIC ${(g.aic - best.aic).toFixed(1)})`}`);
    if (s.censored) {
      const u = UNIT_HOURS[c.unit];
      L.push(`    #   ${count(s.censored.n)} stays still in at the extract are not in these; counting them (censored MLE): ` +
        s.censored.fits.map((x) => `${x.family} mean ${num(x.mean / u)} ${c.unit}`).join(', '));
    }
    L.push(`    - { id: stay, do: stay, duration: ${durationOf(f, c)} }`);
    L.push(...routingLines(c));
  }
  const flat = fitted.filter((c) => c.arrivals.monthLevel && !monthly(c));
  if (flat.length > 0) L.push(`# No season: arrivals by month do not differ at the 5% level for ${flat.map((c) => `${c.id} (G = ${c.arrivals.monthLevel!.statistic.toFixed(1)}, df ${c.arrivals.monthLevel!.df}, p ${pText(c.arrivals.monthLevel!.p)})`).join(', ')}`);
  const seasons = fitted.filter(monthly);
  if (seasons.length > 0) {
    L.push('seasons:');
    for (const c of seasons) {
      const m = c.arrivals.byMonth!;
      const overall = c.arrivals.perDay / 24;
      const t = c.arrivals.monthLevel!;
      L.push(`  # ${c.id}: arrivals per day by month over the whole extract's, January first (months not in the data: 1); G = ${t.statistic.toFixed(1)}, df ${t.df}, p ${pText(t.p)}`);
      L.push(`  #   95% intervals: ${m.map((x, i) => (x ? `${MONTHS[i]} ${num(x.low / overall)}–${num(x.high / overall)}` : `${MONTHS[i]} –`)).join(', ')}`);
      L.push(`  ${yid(`${c.id}-demand`)}: { byMonth: [${m.map((x) => (x ? num(x.perHour / overall) : '1')).join(', ')}] }`);
    }
  }
  return L.join('\n') + '\n';
}

/** Counts as probabilities to 4 decimals that sum to 1 exactly (largest remainder). A share rarer than 1 in 20,000 rounds to 0. */
function roundedShares(counts: readonly number[]): number[] {
  const units = 10_000;
  const n = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * units) / n);
  const k = exact.map(Math.floor);
  const order = exact.map((x, i) => i).sort((a, b) => (exact[b] - k[b]) - (exact[a] - k[a]) || a - b);
  for (let left = units - k.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++) k[order[i]]++;
  return k.map((x) => x / units);
}

/** A step's fitted duration, as durationOf writes a stay's (a deterministic mean when too few to fit). */
function stepDuration(st: StepFit): string {
  if (!st.durations) return `{ dist: deterministic, value: ${num((st.mean ?? 0) / UNIT_HOURS[st.unit])}, unit: ${st.unit} }`;
  const f = st.durations.ranked.find((g) => g.family === (st.choice as FamilyName));
  return durationOf(f, { unit: st.unit, choice: st.choice, stays: st.durations } as ClassFit);
}

const shareText = (x: { count: number; share: number; low: number; high: number }) => `${count(x.count)}, ${num(x.share)} [${num(x.low)}, ${num(x.high)}]`;

/**
 * A step extract's pathway: each step a patient went on from is a `stay` (a plain delay:
 * its service where the extract's lifecycle values show it, the wait before it reported in
 * a comment; else the time from entering it to entering the next, waits included) followed by a branch to
 * the steps seen next with the observed shares; a step no one went on from is a discharge.
 * With several first steps, a branch `entry` comes first.
 */
function stepLines(c: ClassFit, r: Routing): string[] {
  const L: string[] = [];
  const taken = new Set(r.steps.map((s) => s.id));
  const fresh = (id: string) => { let x = id; for (let i = 2; taken.has(x); i++) x = `${id}-${i}`; taken.add(x); return x; };
  const t = c.stays!, u = UNIT_HOURS[c.unit];
  L.push(`    # ${count(r.patients)} journeys; time in the system (${count(t.n)} complete): median ${num(t.sample.median / u)} ${c.unit}, mean ${num(t.sample.mean / u)}.`);
  if (r.steps.some((st) => st.basis === 'service')) {
    L.push(`    # Each step's duration is its service, from its start to its complete (the extract's lifecycle values): a plain delay, without the places and staff (not in the data).`);
    L.push(`    # The waits before it are the system's the data came from (its capacity and load): reported, not in the steps; with places and staff of your own, the model makes its own.`);
  } else L.push(`    # Each step's duration runs from entering it to entering the next (waits included): a plain delay, without the places and staff (not in the data).`);
  if (r.entries.length > 1) {
    const p = roundedShares(r.entries.map((e) => e.count));
    L.push(`    # first steps (Wilson 95% intervals): ${r.entries.map((e) => `${e.id} ${shareText(e)}`).join('; ')}`);
    L.push(`    - { id: ${yid(fresh('entry'))}, do: branch, options: [ ${r.entries.map((e, i) => `{ to: ${yid(e.id)}, probability: ${p[i]} }`).join(', ')} ] }`);
  }
  const exits: StepFit[] = [];
  for (const st of r.steps) {
    if (st.exit) { exits.push(st); continue; }
    const u = UNIT_HOURS[st.unit];
    L.push(`    # ${st.id}: ${count(st.visits)} visits, ${count(st.left)} went on, ${count(st.ended)} left the system here, ${count(st.open)} still here at the extract, ${count(st.zero)} of no time`);
    if (st.durations) {
      const s: StayFit = st.durations, best = s.ranked[0];
      L.push(`    #   ${count(s.n)} durations: median ${num(s.sample.median / u)} ${st.unit}, mean ${num(s.sample.mean / u)}; ${st.choice === best.family ? `${st.choice}, the best by AIC` : `${st.choice} as asked (best by AIC: ${best.family})`}; 95% intervals:`);
      for (const g of s.ranked) L.push(`    #     ${fitLine(g, st.unit)}${g === best ? '' : ` (ΔAIC ${(g.aic - best.aic).toFixed(1)})`}`);
    } else L.push(`    #   too few durations to fit (fewer than 10, or under 3 different values): their mean, ${num((st.mean ?? 0) / u)} ${st.unit}`);
    if (st.waits) L.push(`    #   ${waitText(st.waits)}`);
    L.push(`    - { id: ${yid(st.id)}, do: stay, duration: ${stepDuration(st)} }`);
    const out = r.transitions.filter((t) => t.from === st.id);
    const p = roundedShares(out.map((t) => t.count));
    L.push(`    # from ${st.id} (Wilson 95% intervals): ${out.map((t) => `to ${t.to} ${shareText(t)}`).join('; ')}`);
    L.push(`    - { id: ${yid(fresh(`after-${st.id}`))}, do: branch, options: [ ${out.map((t, i) => `{ to: ${yid(t.to)}, probability: ${p[i]} }`).join(', ')} ] }`);
  }
  for (const st of exits) L.push(`    - { id: ${yid(st.id)}, do: discharge }   # ${count(st.visits)} left the system here`);
  return L;
}

/** The waits before a step's service, in the unit of their median (a comment's words, and the CLI's). */
export function waitText(w: WaitSummary): string {
  const unit = unitOf(w.median > 0 ? w.median : w.mean), u = UNIT_HOURS[unit];
  const apart = [w.waiting > 0 ? `${count(w.waiting)} still waiting at the extract` : '', w.left > 0 ? `${count(w.left)} left the line unserved` : ''].filter((x) => x !== '');
  return `waits before the service (not in the duration): ${count(w.n)}, mean ${num(w.mean / u)} ${unit}, median ${num(w.median / u)}, 90th centile ${num(w.p90 / u)}` +
    (apart.length > 0 ? ` (${apart.join(', ')}: not in these)` : '');
}

/**
 * Where patients go after their stay: one discharge step per destination, reached by a
 * branch with the observed shares (written to 4 decimals by largest remainder, so they sum
 * to 1 exactly as the language checks); without a destination column, one discharge.
 */
function routingLines(c: ClassFit): string[] {
  const r = c.routing;
  if (!r) return ['    - { id: home, do: discharge }'];
  const step = (id: string) => yid(`to-${id}`);
  const L = [`    # destinations of ${count(r.n)} stays that ended (Wilson 95% intervals): ${r.destinations.map((d) => `${d.id} ${count(d.count)}, ${num(d.share)} [${num(d.low)}, ${num(d.high)}]`).join('; ')}`];
  if (r.destinations.length > 1) {
    // A destination rarer than 1 in 20,000 rounds to 0: kept as a step (the data named it), never drawn.
    const p = roundedShares(r.destinations.map((d) => d.count));
    L.push(`    - { id: leave, do: branch, options: [ ${r.destinations.map((d, i) => `{ to: ${step(d.id)}, probability: ${p[i]} }`).join(', ')} ] }`);
  }
  for (const d of r.destinations) L.push(`    - { id: ${step(d.id)}, do: discharge }`);
  return L;
}

/** A season by month only where the data spans months and they differ (likelihood-ratio test, 5%). */
export const monthly = (c: ClassFit) => c.arrivals.byMonth !== undefined && c.arrivals.monthLevel!.p < 0.05;

function chosen(c: ClassFit): FamilyFit | undefined {
  return c.stays?.ranked.find((f) => f.family === (c.choice as FamilyName));
}

/** The exact interval of the daily rate (all arrivals over the window). */
function perDayLow(a: ClassFit['arrivals']): number {
  const e = a.byWeekday.reduce((s, r) => s + r.exposureHours, 0);
  return poisson(a.n)[0] / e * 24;
}
function perDayHigh(a: ClassFit['arrivals']): number {
  const e = a.byWeekday.reduce((s, r) => s + r.exposureHours, 0);
  return poisson(a.n)[1] / e * 24;
}
