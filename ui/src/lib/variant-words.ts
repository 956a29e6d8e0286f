// An option's differences from the baseline as sentences, one for each thing it changes:
// "Surgical ward: beds 28 → 40", "DGH: new theatre T4 with 3 sessions a week". Read from
// the option's patch (listChanges in patch.ts), with names for people from the baseline.
import { keyFieldFor } from '../../../scenarios/variants.ts';
import { listChanges } from './patch.ts';
import { describeValue } from '../../../scenarios/diagram/describe.ts';
import { FIELD_WORDS } from './changes.ts';

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as unknown[]).filter(isObject) : []);

/** Collections of entries by id, and what one entry is called. */
const ENTRY: Record<string, string> = {
  sites: 'site', wards: 'ward', theatres: 'theatre', clinics: 'clinic', scanners: 'scanner', staff: 'staff role', classes: 'patient class',
  waitingLists: 'waiting list', mutualAid: 'mutual aid', measures: 'measure', pathways: 'pathway', steps: 'step',
};
const fieldWords = (k: string) => FIELD_WORDS[k] ?? (k === 'time' ? 'time frame' : k);

/** How many times a week a timetable of sessions or shifts runs. */
function perWeek(sessions: unknown): number {
  return list(sessions).reduce((n, s) => n + (Array.isArray(s.days) ? s.days.length : 0), 0);
}

/** A new entry in a few words: "theatre T4 with 3 sessions a week", "ward elective with 20 beds". */
function newEntry(coll: string, id: string, v: unknown): string {
  const o = isObject(v) ? v : {};
  const what = `${ENTRY[coll] ?? coll} ${String(o.name ?? id)}`;
  const extra: string[] = [];
  if (typeof o.beds === 'number') extra.push(`${o.beds} ${o.kind === 'cubicle' ? 'cubicles' : o.kind === 'chair' ? 'chairs' : o.kind === 'trolley' ? 'trolleys' : 'beds'}`);
  if (Array.isArray(o.ringFencedFor)) extra.push(`ring-fenced for ${o.ringFencedFor.map(String).join(', ')}`);
  if (o.sessions !== undefined) { const n = perWeek(o.sessions); extra.push(`${n} session${n === 1 ? '' : 's'} a week`); }
  if (typeof o.count === 'number') extra.push(`${o.count} always on duty`);
  if (o.shifts !== undefined) { const n = perWeek(o.shifts); extra.push(`${n} shift${n === 1 ? '' : 's'} a week`); }
  if (Array.isArray(v)) extra.push(`${v.length} step${v.length === 1 ? '' : 's'}`);
  return `new ${what}${extra.length ? ` with ${extra.join(', ')}` : ''}`;
}

const isSteps = (v: unknown): v is Obj[] => Array.isArray(v) && v.length > 0 && v.every((s) => isObject(s) && typeof s.do === 'string');

/** A whole value in words, where a list of steps reads as their ids in order. */
function valueWords(v: unknown): string {
  if (isSteps(v)) return v.map((s) => String((s as Obj).id)).join(', ');
  if (Array.isArray(v) && v.length > 0 && v.every((s) => isObject(s) && Array.isArray(s.days))) {
    const n = perWeek(v);
    return `${describeValue(v)} (${n} a week)`;
  }
  return describeValue(v);
}

interface Located { label: string; fields: string[] }

/**
 * The entry a change is about (the deepest entry on its path) and the fields below it:
 * ['sites','dgh','wards','ortho','beds'] is about ward ortho ("Trauma wards"), field beds.
 */
function locate(base: unknown, path: readonly string[]): Located {
  let label = 'the scenario';
  let fields: string[] = [];
  let at: unknown = base;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    const coll = ENTRY[k];
    const child = isObject(at) ? at[k] : undefined;
    if (coll && i + 1 < path.length) {
      const id = path[i + 1];
      // A pathway is a record entry whose steps are a list by id.
      const entry = k === 'pathways' ? (isObject(child) ? child[id] : undefined) : list(child).find((e) => e[keyFieldFor(k)] === id);
      label = isObject(entry) && typeof entry.name === 'string' ? entry.name : `${coll} ${id}`;
      fields = [];
      at = entry;
      i++;
      // Steps of a pathway, by id.
      if (k === 'pathways' && i + 1 < path.length && Array.isArray(entry)) {
        const step = list(entry).find((s) => s.id === path[i + 1]);
        if (step) { label = `${label}, step ${String(step.id)}`; at = step; i++; }
      }
      continue;
    }
    fields.push(k);
    at = child;
  }
  return { label, fields };
}

/** Sentences, one per thing the patch changes, in the patch's order. */
export function describePatch(base: Obj, patch: Obj): string[] {
  const byThing = new Map<string, string[]>();
  const say = (label: string, words: string) => {
    const had = byThing.get(label);
    if (had) had.push(words); else byThing.set(label, [words]);
  };
  for (const c of listChanges(base, patch)) {
    const last = c.path[c.path.length - 1];
    const parentColl = c.path[c.path.length - 2];
    // A whole entry added or removed: said on the entry that holds it.
    if (c.kind !== 'changed' && c.path.length >= 2 && ENTRY[parentColl]) {
      const holder = locate(base, c.path.slice(0, -2));
      const where = holder.fields.length ? `${holder.label} › ${holder.fields.map(fieldWords).join(' › ')}` : holder.label;
      const removed = () => {
        const name = isObject(c.from) && typeof c.from.name === 'string' ? c.from.name : last;
        return `${ENTRY[parentColl]} ${name} removed`;
      };
      say(where === 'the scenario' ? 'Scenario' : where, c.kind === 'added' ? newEntry(parentColl, last, c.to) : removed());
      continue;
    }
    const { label, fields } = locate(base, c.path);
    const field = fields.map(fieldWords).join(' › ') || (isSteps(c.to) || isSteps(c.from) ? 'steps' : 'all');
    const words = c.kind === 'removed' ? (isObject(c.from) ? `${field} removed` : `${field} ${valueWords(c.from)} removed`)
      : c.kind === 'added' ? `${field} set to ${valueWords(c.to)}`
      : `${field} ${valueWords(c.from)} → ${valueWords(c.to)}`;
    say(label === 'the scenario' ? 'Scenario' : label, words);
  }
  return [...byThing.entries()].map(([label, parts]) => `${label.slice(0, 1).toUpperCase()}${label.slice(1)}: ${parts.join('; ')}`);
}

/** What the form calls the baseline (the first radio of the options). */
export const BASELINE_NAME = 'Baseline (as now)';

/**
 * Whether an option's name reads as the baseline's ("Baseline", "baseline (as now)", "As now"):
 * the schema refuses only the id "baseline", and two radios reading the same confuse which one
 * the form edits (and which column of the results is which).
 */
export function readsAsBaseline(name: string): boolean {
  const k = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return ['baseline', 'the baseline', 'baseline as now', 'as now'].includes(k);
}

export const baselineNameMessage = (name: string) => `“${name.trim()}” reads as the baseline's name (${BASELINE_NAME}): give this option a name of its own`;
