// Section 4, Experimentation: the warm-up and starting state, the run's length, and the
// replications with how their number was chosen (the scenario's default, set for the run,
// or --precision's stop), from the scenario, the run document and a warm-up study.
import type { ReportInput } from './input.ts';
import { list, missing, text, type Block } from './document.ts';
import { plural } from './words.ts';

type Obj = Record<string, unknown>;

export function initialisation({ scenario: s, warmup }: ReportInput): Block[] {
  const t = s.time;
  const lists = (s.waitingLists as unknown as Obj[]).filter((l) => l.initialList).map((l) => String(l.id));
  const blocks: Block[] = [
    text(`Each replication starts empty and idle (no patient in any bed, queue or theatre) at 00:00 on day 0${t.startDate ? `, ${t.startDate}` : ''} (a ${t.startWeekday})` +
      `${lists.length ? `, except the waiting lists ${lists.join(', ')}, which start with the patients of their initialList` : ''}. ` +
      (t.warmupDays > 0 ? `The first ${plural(t.warmupDays, 'day')} are a warm-up: the model fills up and nothing in them is counted.` : 'There is no warm-up: everything from day 0 is counted.')),
  ];
  if (warmup) {
    blocks.push(text(`How the warm-up was chosen: Welch’s method with \`pathflow warmup\` on the daily series ${warmup.series} (${plural(warmup.replications, 'replication')}, moving average of half-width ${plural(warmup.window, 'day')}); MSER-5 suggested ${plural(warmup.suggestedWarmupDays, 'day')}, against the scenario’s ${plural(warmup.currentWarmupDays, 'day')}.` +
      (warmup.caveat ? ` The study's caveat: ${warmup.caveat}` : '') +
      (warmup.currentWarmupDays !== t.warmupDays ? ` (The scenario now has ${t.warmupDays}: the study was of another version.)` : '')));
  } else if (t.warmupDays > 0) {
    blocks.push(missing('how the warm-up length was chosen. Run `pathflow warmup FILE --series NAME --json > warmup.json` (Welch’s method, with an MSER-5 suggestion) and give it to `pathflow report --warmup warmup.json`, or say why in `assumptions`.'));
  } else {
    blocks.push(missing('why no warm-up is needed (e.g. the system starts empty each day, as a clinic does), or choose one with `pathflow warmup`.'));
  }
  return blocks;
}

export function runLength({ scenario: s }: ReportInput): Block[] {
  const t = s.time;
  return [text(`Each replication simulates ${plural(t.horizonDays, 'day')} (warm-up included), of which the last ${plural(t.horizonDays - t.warmupDays, 'day')} are measured. The simulation clock is in hours; the scenario states times in minutes, hours, days or weeks as each field says.`)];
}

export function estimation(input: ReportInput): Block[] {
  const { scenario: s, run } = input;
  const blocks: Block[] = [text('Stochastic: independent replications. Every option runs the same replications with the same random numbers (common random numbers), so replication k of every option pairs with replication k of the baseline. ' +
    'A KPI is reported as its mean over replications with a 95% Student t confidence interval; a difference from the baseline as the mean of the paired differences with its 95% interval.')];
  if (!run) {
    blocks.push(text(`Replications: ${s.time.replications} per option, the scenario’s time.replications (a run may set another number, or size it to a precision with --precision).`));
    blocks.push(missing('why this many replications: a precision target (run with `--precision 5%`, and give the run to the report with --run) or a reason in `assumptions`.'));
    return blocks;
  }
  const d = run.doc;
  const p = d.precision;
  if (p) {
    blocks.push(text(`Replications: ${d.replications} per option, chosen by a precision target: replications added in doubling batches until every judged KPI’s 95% interval was within ${p.target} (of its mean, or in its unit), at most ${p.maxReplications}. ` +
      (p.met ? `Every judged KPI (${p.kpis.length}) of every option met it.` : `It was not met for ${plural(p.notMet.length, 'KPI')} at the cap:`)));
    if (!p.met) blocks.push(list(p.notMet.map((x) => `${x.kpi} (${x.variant}): ±${x.halfWidth === null ? 'not measurable' : Number(x.halfWidth.toPrecision(3))}, target ±${x.target === null ? '?' : Number(x.target.toPrecision(3))}`)));
    blocks.push(text(`Judged KPIs: ${p.kpis.join(', ')}. ` + (p.firstReplications !== undefined
      ? `The first batch: ${p.firstReplications} replications per option${p.firstReplications === s.time.replications ? ' (the scenario’s time.replications)' : ` (set for this run; the scenario’s time.replications is ${s.time.replications})`}, then doubled until the target or the cap.`
      : `The first batch is not recorded in this run document (made before pathflow recorded it; the default is the scenario’s ${s.time.replications}).`)));
  } else {
    blocks.push(text(`Replications: ${d.replications} per option, ${d.replications === s.time.replications ? 'the scenario’s time.replications' : `set for this run (the scenario’s time.replications is ${s.time.replications})`}; seed ${d.seed}.`));
    blocks.push(missing('why this many replications: run with `--precision 5%` to size them to a target half-width, or give the reason in `assumptions`.'));
  }
  if (d.warnings.length) blocks.push(text('The run’s own warnings, where its numbers should not be read at face value:'), list(d.warnings.map((w) => `${w.severity}: ${w.message}`)));
  return blocks;
}
