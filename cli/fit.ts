// `pathflow fit FILE.csv`: a scenario from an extract of patient stays (scenarios/fit/).
// Prints what was read (rows, every problem counted with its first lines), the arrival
// profile with its tests, the length-of-stay fits ranked with a QQ table, and the scenario
// (YAML, or into --out FILE); warnings on stderr. Exit 0 fitted, 1 the file cannot be used
// (missing, over the limits, malformed, no usable rows: said with its line and column) or
// --out cannot be written (the scenario is then printed instead), 2 a usage error.
import { readTextFile } from '../scenarios/read-text-file.ts';
import { basename } from 'node:path';
import { parseOptions } from '../runner/options.ts';
import { textTable } from '../runner/report/format.ts';
import { MAX_BYTES } from '../scenarios/fit/csv.ts';
import { CHOICES, fitExtract, pText, UNIT_HOURS, type Choice, type ClassFit, type FitReport } from '../scenarios/fit/fit.ts';
import { PROBLEMS, type ProblemKind } from '../scenarios/fit/stays.ts';
import { fitLine, num, scenarioText, timeText, waitText } from '../scenarios/fit/scenario-text.ts';
import { KS_NOTE } from '../scenarios/fit/stay-fit.ts';
import type { StepFit } from '../scenarios/fit/transitions.ts';
import { IdSchema } from '../scenarios/schema/id.ts';
import { writeOutFile } from './out-file.ts';
import type { Io } from './validate.ts';


const OPTIONS = {
  '--out': { kind: 'text', needs: 'a file name', once: true },
  '--json': { kind: 'flag' },
  '--family': { kind: 'text', needs: `a family (${CHOICES.join(', ')})`, once: true },
  '--extract': { kind: 'text', needs: 'a time, "YYYY-MM-DD HH:MM"', once: true },
  '--arrival-column': { kind: 'text', needs: 'a column name', once: true },
  '--departure-column': { kind: 'text', needs: 'a column name', once: true },
  '--class-column': { kind: 'text', needs: 'a column name', once: true },
  '--destination-column': { kind: 'text', needs: 'a column name', once: true },
  '--patient-column': { kind: 'text', needs: 'a column name', once: true },
  '--step-column': { kind: 'text', needs: 'a column name', once: true },
  '--time-column': { kind: 'text', needs: 'a column name', once: true },
  '--steps': { kind: 'text', needs: 'step names, comma-separated', once: true },
  '--id': { kind: 'text', needs: 'a scenario id', once: true },
  '--max-rows': { kind: 'count', least: 1 },
  '--max-mb': { kind: 'count', least: 1 },
} as const;

export function fit(args: readonly string[], io: Io): number | { usage: string } {
  const p = parseOptions('fit', args, OPTIONS);
  if ('usage' in p) return { usage: p.usage };
  if (p.positionals.length !== 1) return { usage: p.positionals.length === 0 ? 'fit: which file? (fit FILE.csv)' : `fit: one file at a time, got ${p.positionals.length}` };
  const family = p.texts.get('--family');
  if (family !== undefined && !CHOICES.includes(family as Choice)) return { usage: `fit: --family needs one of ${CHOICES.join(', ')}, got ${JSON.stringify(family)}` };
  const id = p.texts.get('--id') ?? 'fitted';
  if (!IdSchema.safeParse(id).success) return { usage: `fit: --id needs lower-case letters, digits and dashes, got ${JSON.stringify(id)}` };
  const file = p.positionals[0];
  const fail = (message: string) => { io.err(`pathflow fit: ${file}: ${message}\n`); return 1; };

  const maxBytes = (p.counts.get('--max-mb') ?? MAX_BYTES / 1e6) * 1e6;
  const read = readTextFile(file, maxBytes);
  if (!read.ok) {
    if (read.tooLarge) return fail(`${read.tooLarge.atLeast ? '' : `${(read.tooLarge.bytes / 1e6).toFixed(1)} MB, `}more than ${maxBytes / 1e6} MB (raise the limit with --max-mb N)`);
    return fail(read.code === 'ENOENT' ? 'no such file' : `cannot read it: ${read.message}`);
  }
  const text = read.text;
  const result = fitExtract(text, {
    columns: {
      arrival: p.texts.get('--arrival-column'), departure: p.texts.get('--departure-column'), class: p.texts.get('--class-column'), destination: p.texts.get('--destination-column'),
      patient: p.texts.get('--patient-column'), step: p.texts.get('--step-column'), time: p.texts.get('--time-column'),
    },
    steps: p.texts.get('--steps')?.split(',').map((x) => x.trim()).filter((x) => x !== ''),
    extract: p.texts.get('--extract'), maxRows: p.counts.get('--max-rows'), family: family as Choice | undefined,
  });
  if (!result.ok) {
    // What was read, so that the reason can be checked against the rows: their problems, then each class's warning.
    if (result.data && Object.keys(result.data.problems).length > 0) io.err(problemLines(result.data).join('\n') + '\n');
    for (const w of result.warnings ?? []) io.err(`pathflow fit: warning: ${w}\n`);
    return fail(result.message);
  }
  const r = result.value;
  const scenario = scenarioText(r, basename(file), id);
  for (const w of r.warnings) io.err(`pathflow fit: warning: ${w}\n`);
  const out = p.texts.get('--out');
  // A file that cannot be written loses nothing: the report and the scenario are printed as
  // without --out, then the reason, and the exit is 1.
  const failed = out === undefined ? undefined : writeOutFile('--out', out, scenario);
  const written = out !== undefined && failed === undefined;
  if (p.flags.has('--json')) {
    io.out(JSON.stringify({ file: basename(file), ...r, window: { start: timeText(r.window.start), end: timeText(r.window.end) }, data: { ...r.data, extract: timeText(r.data.extract) }, scenario }, null, 1) + '\n');
  } else {
    io.out(report(r, basename(file)));
    io.out(written ? `\nScenario written to ${out}: check it with \`pathflow check ${out}\`.\n` : `\nScenario:\n\n${scenario}`);
  }
  if (failed === undefined) return 0;
  io.err(`pathflow fit: ${failed}\n`);
  return 1;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The report a person reads: data, problems, then each class's arrivals and stays. */
export function report(r: FitReport, file: string): string {
  const L: string[] = [];
  const d = r.data;
  L.push(`${file}: ${d.rows.toLocaleString('en-GB')} rows, ${d.used.toLocaleString('en-GB')} with a readable arrival and class; ` +
    `arrivals ${timeText(r.window.start)} to ${timeText(r.window.end)}; extract ${timeText(d.extract)}${d.extractGiven ? '' : ' (the latest time in the file; set it with --extract)'}`);
  if (Object.keys(d.problems).length === 0) L.push('No problem rows.');
  else L.push('', ...problemLines(d));
  for (const c of r.classes) L.push('', ...classReport(c));
  L.push('', KS_NOTE);
  return L.join('\n') + '\n';
}

/** The rows with problems, each kind counted with its first lines. */
function problemLines(d: FitReport['data']): string[] {
  const L = ['Rows with problems (none dropped silently):'];
  for (const k of Object.keys(d.problems) as ProblemKind[]) {
    const p = d.problems[k]!;
    const lines = p.examples.map((e) => `line ${e.line}${e.value === '' ? '' : ` ${JSON.stringify(e.value)}`}`).join(', ');
    L.push(`  ${String(p.count).padStart(6)}  ${k}: ${PROBLEMS[k]} (column "${p.examples[0].column}": ${lines}${p.count > p.examples.length ? ', …' : ''})`);
  }
  return L;
}

function classReport(c: ClassFit): string[] {
  const a = c.arrivals;
  const L = [`== ${c.id} ==`, `Arrivals: ${a.n.toLocaleString('en-GB')}, ${num(a.perDay)} a day`];
  const perDay = (x: { perHour: number; low: number; high: number }, k = 24) => `${num(x.perHour * k)} [${num(x.low * k)}, ${num(x.high * k)}]`;
  L.push(textTable(['hour', 'per hour [95% CI]', 'n'], a.byHour.map((x, h) => [`${String(h).padStart(2, '0')}:00`, perDay(x, 1), String(x.count)])).trimEnd());
  L.push(textTable(['weekday', 'per day [95% CI]', 'n'], a.byWeekday.map((x, i) => [WEEKDAYS[i], perDay(x), String(x.count)])).trimEnd());
  const t = (name: string, x: { statistic: number; df: number; p: number; note?: string }) => `  ${name}: G = ${x.statistic.toFixed(1)}, df ${x.df}, p ${pText(x.p)}${x.note ? ` (${x.note})` : ''}`;
  L.push('Likelihood-ratio (G) tests, p from chi-square:', t('the daily level differs by weekday', a.weekdayLevel), t('the hourly shape differs by weekday (hour × weekday)', a.weekdayShape));
  if (a.byMonth) {
    L.push(t('the level differs by month', a.monthLevel!));
    const overall = a.perDay / 24;
    L.push(`  by month, relative to the whole extract [95% CI]: ${a.byMonth.map((x, i) => (x ? `${i + 1}: ${num(x.perHour / overall)} [${num(x.low / overall)}, ${num(x.high / overall)}]` : `${i + 1}: –`)).join('; ')}`);
  }
  const s = c.stays;
  if (!s) { L.push(`Lengths of stay: too few complete stays to fit; ${c.censored} still in at the extract`); return L; }
  const u = UNIT_HOURS[c.unit];
  L.push(`${c.steps ? 'Time in the system' : 'Lengths of stay'} (${c.unit}): ${s.n.toLocaleString('en-GB')} complete, ${c.censored} still in at the extract (censored, not in the ranking); ` +
    `median ${num(s.sample.median / u)}, mean ${num(s.sample.mean / u)}, sd ${num(s.sample.sd / u)}, range ${num(s.sample.min / u)}–${num(s.sample.max / u)}`);
  L.push('Maximum likelihood, best AIC first (95% Wald intervals from the observed information):');
  for (const f of s.ranked) L.push(`  ${fitLine(f, c.unit)}`);
  if (s.censored) L.push(`  with the ${s.censored.n} censored stays (censored MLE): ${s.censored.fits.map((x) => `${x.family} mean ${num(x.mean / u)}`).join(', ')}`);
  L.push(`Written to the scenario: ${c.choice}. QQ: quantiles of the data and of each fit (${c.unit}):`);
  L.push(textTable(['p', 'data', ...s.ranked.map((f) => f.family)], s.qq.map((q) => [String(q.p), num(q.observed / u), ...s.ranked.map((f) => num(q.fitted[f.family] / u))])).trimEnd());
  if (c.steps) L.push(...stepsReport(c));
  if (c.routing) {
    L.push(`Destinations of the ${c.routing.n.toLocaleString('en-GB')} stays that ended with one (Wilson 95% intervals):`);
    L.push(textTable(['destination', 'n', 'share [95% CI]'], c.routing.destinations.map((d) => [d.id, String(d.count), `${num(d.share)} [${num(d.low)}, ${num(d.high)}]`]), [0]).trimEnd());
  }
  return L;
}

/** A step extract's routing: first steps, transitions with their shares, each step's duration. */
function stepsReport(c: ClassFit): string[] {
  const r = c.steps!;
  const share = (x: { count: number; share: number; low: number; high: number }) => `${num(x.share)} [${num(x.low)}, ${num(x.high)}]`;
  const L = [`Routing between steps, from ${r.patients.toLocaleString('en-GB')} journeys (shares with Wilson 95% intervals):`];
  L.push(textTable(['first step', 'n', 'share [95% CI]'], r.entries.map((e) => [e.id, String(e.count), share(e)]), [0]).trimEnd());
  L.push(textTable(['from', 'to', 'n', 'share of those leaving "from" [95% CI]'], r.transitions.map((t) => [t.from, t.to, String(t.count), share(t)]), [0, 1]).trimEnd());
  L.push(textTable(['step', 'visits', 'went on', 'left here', 'still here', 'duration written'], r.steps.map((st) => [
    st.id, String(st.visits), String(st.left), String(st.ended), String(st.open),
    st.exit ? 'an exit (discharge)' : stepDurationText(st),
  ]), [0]).trimEnd());
  const waited = r.steps.filter((st) => st.waits);
  if (waited.length > 0) {
    L.push('Durations of steps with a start and complete in the extract (its lifecycle column) are services; the waits before them are the system\'s the data came from:');
    for (const st of waited) L.push(`  ${st.id}: ${waitText(st.waits!)}`);
  } else L.push('Durations run from entering a step to entering the next, waits included (no lifecycle column with start and complete to tell them apart).');
  return L;
}

function stepDurationText(st: StepFit): string {
  const u = UNIT_HOURS[st.unit];
  if (!st.durations) return `${num((st.mean ?? 0) / u)} ${st.unit} (too few to fit: the mean)`;
  const f = st.durations.ranked.find((g) => g.family === st.choice);
  return `${st.choice}, mean ${num((f?.mean.estimate ?? st.durations.sample.mean) / u)} ${st.unit} (n ${st.durations.n}${st.basis === 'service' ? ', services' : ''})`;
}
