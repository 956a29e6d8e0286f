// The builder in a manager's words: a field's label from its name ("overflowTo" →
// "overflow to"), a kind of step or distribution in words, and a heading for each list
// item that says what it is ("Admission to ‘stroke-unit’") rather than showing its JSON.
import type { Path } from '../../../lib/patch.ts';
import { describeRule } from '../../../../../scenarios/diagram/pathway-graph.ts';

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

const SPECIAL: Record<string, string> = {
  id: 'id', los: 'length of stay', ed: 'emergency department', dna: 'did not attend', kpis: 'KPIs',
  options: 'routes by probability', horizonDays: 'horizon (days)', warmupDays: 'warm-up (days)', afterDays: 'after (days)',
};

/** "overflowTo" → "overflow to"; list positions as "item 3". */
export function fieldLabel(key: string | number): string {
  if (typeof key === 'number') return `item ${key + 1}`;
  if (SPECIAL[key]) return SPECIAL[key];
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/-/g, ' ').toLowerCase();
}

/** A list's items in the singular: "wards" → "ward", "classes" → "class", "waitingLists" → "waiting list". */
/** Items named in a manager's words where the field's name would mislead ("option" is a variant in the app). */
const ITEM_WORDS: Record<string, string> = { options: 'route', ifAll: 'condition', rules: 'rule', byWeeksWaited: 'band', changes: 'change' };

export function singular(key: string | number | undefined): string {
  if (typeof key !== 'string') return 'item';
  if (ITEM_WORDS[key]) return ITEM_WORDS[key];
  const words = fieldLabel(key);
  if (/(ss|sh|ch|x)es$/.test(words)) return words.slice(0, -2);
  if (/ies$/.test(words)) return `${words.slice(0, -3)}y`;
  if (/s$/.test(words) && !/ss$/.test(words)) return words.slice(0, -1);
  return words;
}

/** Kinds of step and of distribution in words, for the kind pickers. */
export const KIND_WORDS: Record<string, Record<string, string>> = {
  do: {
    task: 'task (a clinician and/or a place for a time)', admit: 'admission to a ward', stay: 'stay (time in the bed held)',
    operate: 'operation in a theatre', 'delay-discharge': 'delayed discharge', branch: 'branch (probabilities or rules)',
    readmit: 'readmission', discharge: 'discharge',
  },
  dist: {
    exponential: 'random, mean only (exponential)', deterministic: 'fixed', lognormal: 'skewed (lognormal)', gamma: 'skewed (gamma)',
    erlang: 'Erlang (k phases)', weibull: 'Weibull', normal: 'symmetric (normal, never below 0)', uniform: 'anywhere between (uniform)',
    triangular: 'triangular (shortest, most likely, longest)', empirical: 'from observed values',
  },
};

export function kindWord(discriminator: string, value: string): string {
  return KIND_WORDS[discriminator]?.[value] ?? value;
}

const q = (x: unknown) => `‘${String(x)}’`;
const pct = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 1000) / 10}%` : '?');

/** A place's name where the document gives one (“Stroke unit” for stroke-unit), else its id. */
export type NameOf = (id: unknown) => unknown;
const asIs: NameOf = (id) => id;

/** Names of the wards, theatres, clinics and scanners of a document, by id. */
export function placeNames(doc: Obj): NameOf {
  const names = new Map<unknown, string>();
  for (const site of Array.isArray(doc.sites) ? doc.sites : []) {
    if (!isObject(site)) continue;
    for (const kind of ['wards', 'theatres', 'clinics', 'scanners']) {
      for (const p of Array.isArray(site[kind]) ? site[kind] as unknown[] : []) if (isObject(p) && typeof p.name === 'string') names.set(p.id, p.name);
    }
  }
  return (id) => names.get(id) ?? id;
}

/** What a step does, in words: "Admission to ‘Stroke unit’". */
export function stepWords(step: Obj, nameOf: NameOf = asIs): string {
  switch (step.do) {
    case 'task': {
      const who = step.skill ? ` by ${q(step.skill)}` : '';
      const where = step.place ? ` at ${q(nameOf(step.place))}` : '';
      return `Task${who}${where}`;
    }
    case 'admit': return `Admission to ${q(nameOf(step.ward ?? '?'))}`;
    case 'stay': return 'Stay';
    case 'operate': return step.theatre ? `Operation in ${q(nameOf(step.theatre))}` : 'Operation';
    case 'delay-discharge': return `Delayed discharge for ${pct(step.probability)}`;
    case 'branch': {
      if (Array.isArray(step.options)) return `Branch to ${step.options.map((o) => (isObject(o) ? `${q(o.to)} (${pct(o.probability)})` : '?')).join(', ')}`;
      if (Array.isArray(step.rules)) return `Branch by ${step.rules.length === 1 ? 'one rule' : `${step.rules.length} rules`}${step.otherwise ? `, otherwise ${q(step.otherwise)}` : ''}`;
      return 'Branch';
    }
    case 'readmit': return `Readmission of ${pct(step.probability)} to ${q(step.to ?? '?')}`;
    case 'discharge': return 'Discharge';
    default: return 'Step';
  }
}

/** The heading of a list item: a step by what it does, anything else by its name or id. */
export function itemHeading(listKey: string | number | undefined, item: unknown, index: number, inPathway: boolean, nameOf: NameOf = asIs): string {
  if (inPathway && isObject(item)) return `${index + 1}. ${stepWords(item, nameOf)}${typeof item.id === 'string' ? ` (step “${item.id}”)` : ''}`;
  const what = singular(listKey);
  const word = what.charAt(0).toUpperCase() + what.slice(1);
  // A branch's rule by its condition, as the diagram labels it.
  if (listKey === 'rules' && isObject(item)) return `Rule ${index + 1}: if ${describeRule(item) || '…'} → ${q(item.to ?? '?')}`;
  if (listKey === 'ifAll' && isObject(item)) return `Condition ${index + 1}: ${describeRule({ if: item }) || '…'}`;
  if (isObject(item)) {
    const name = typeof item.name === 'string' ? item.name : typeof item.id === 'string' ? item.id : typeof item.role === 'string' ? item.role : undefined;
    return name ? `${word} “${name}”` : `${word} ${index + 1}`;
  }
  return `${word} ${index + 1}`;
}

/** How an item is named in a button's label: “triage” when it has an id, else its number. */
export function itemName(listKey: string | number | undefined, item: unknown, index: number, inPathway: boolean): string {
  const what = inPathway ? 'step' : singular(listKey);
  if (isObject(item)) {
    const id = typeof item.id === 'string' && item.id !== '' ? item.id : typeof item.role === 'string' ? item.role : undefined;
    if (id) return `${what} “${id}”`;
  }
  if (!isObject(item) && item !== undefined && item !== '' && typeof item !== 'object') return `${what} “${String(item)}”`;
  return `${what} ${index + 1}`;
}

/** Is this path a pathway's list of steps (pathways.<id>)? */
export const isStepList = (path: Path) => path.length === 2 && path[0] === 'pathways';
