// A seek's answer in words, from its document (the reasoning of `pathflow seek`'s last
// line, runner/experiment/seek.ts): the value found and its neighbour shown to fail ("22
// beds reach …; 21 do not, with 95% confidence"), the target out of reach, or where the
// answer lies while a point's interval still straddles the target — then more
// replications may settle it. Under the monotonicity seek assumes, the answer lies between
// the nearest value shown to fail and the value shown to meet.
import { formatValue } from '../../lib/format.ts';
import { infoOf } from '../../lib/kpi.ts';
import type { SeekDoc } from './experiment-api.ts';
import { kpiLabel, type NameBook } from '../../lib/kpi-words.ts';

export interface SeekWords {
  outcome: SeekDoc['outcome'];
  /** The answer in one sentence. */
  headline: string;
  /** What it rests on: values tried and replications. */
  detail: string;
  /** More replications per point could settle it. */
  uncertain: boolean;
}

const OP_WORDS: Record<string, string> = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' };

export function parseTargetText(text: string): { kpi: string; op: string; value: number } {
  const m = /^(\S+) (>=|<=|>|<) (\S+)$/.exec(text);
  return m ? { kpi: m[1], op: m[2], value: Number(m[3]) } : { kpi: text, op: '>=', value: NaN };
}

const show = (x: number) => String(Number(x.toPrecision(4)));

export function seekWords(doc: SeekDoc, noun: string, names?: NameBook): SeekWords {
  const t = parseTargetText(doc.target);
  const phrase = `“${kpiLabel(t.kpi, names)}” ${OP_WORDS[t.op] ?? t.op} ${formatValue(t.value, infoOf(t.kpi).unit, { withUnit: infoOf(t.kpi).unit !== 'fraction' })}`;
  const pct = `${+(doc.confidence * 100).toFixed(2)}%`;
  const below = doc.seek === 'smallest';
  const end = below ? doc.range[1] : doc.range[0];
  const atEnd = doc.probes.find((p) => p.value === end);
  const n = (x: number) => `${show(x)} ${noun}`;
  const detail = `${doc.probes.length} values tried, ${doc.replications} replications in all (a grid over the range at the most replications would take ${doc.naiveReplications}).`;

  if (doc.outcome === 'unreachable') {
    return { outcome: doc.outcome, uncertain: false, detail, headline: `Even ${n(end)} do not reach ${phrase}, with ${pct} confidence: widen the range or change the target.` };
  }
  if (doc.answer === null) {
    return { outcome: doc.outcome, uncertain: true, detail, headline: `Uncertain: even at ${n(end)} the ${pct} interval still straddles ${phrase} after ${atEnd?.replications ?? '?'} replications.` };
  }
  const answer = doc.answer;
  const beyond = (v: number) => (below ? v < answer : v > answer);
  const failing = doc.probes.filter((p) => p.verdict === 'fails' && beyond(p.value)).map((p) => p.value);
  const nearestFail = failing.length ? (below ? Math.max(...failing) : Math.min(...failing)) : undefined;
  if (doc.outcome === 'found') {
    if (nearestFail === undefined) {
      const where = below ? 'the start of the range, already' : 'the end of the range, still';
      return { outcome: doc.outcome, uncertain: false, detail, headline: `${n(answer)}, ${where} reach ${phrase}, with ${pct} confidence.` };
    }
    return { outcome: doc.outcome, uncertain: false, detail, headline: `${below ? '' : 'Up to '}${n(answer)} reach ${phrase}; ${show(nearestFail)} do${doc.integer ? '' : ' (and beyond)'} not, with ${pct} confidence.` };
  }
  // Uncertain: the boundary lies next to a value still straddling the target after the most replications.
  const stuck = doc.probes.filter((p) => p.verdict === 'uncertain' && beyond(p.value) && (nearestFail === undefined || (below ? p.value > nearestFail : p.value < nearestFail)));
  const other = nearestFail === undefined ? (below ? doc.range[0] : doc.range[1]) : doc.integer ? (below ? nearestFail + 1 : nearestFail - 1) : nearestFail;
  const [lo, hi] = [Math.min(other, answer), Math.max(other, answer)];
  const reps = Math.max(...stuck.map((p) => p.replications), 0);
  return {
    outcome: doc.outcome, uncertain: true, detail,
    headline: `Uncertain between ${show(lo)} and ${n(hi)}: ${n(answer)} reach ${phrase}, but at ${stuck.map((p) => show(p.value)).join(', ')} the ${pct} interval still straddles the target after ${reps} replications${nearestFail === undefined ? '' : `; ${show(nearestFail)} do not`}.`,
  };
}
