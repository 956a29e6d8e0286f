// "What is still missing before it can run": a scenario being built, read as a list of
// things to do in plain words, each with the path of the place to fix it (the same paths
// as `pathflow check`, from the document's root). First what a new scenario lacks (a
// patient class, a pathway, its steps, beds), then every other problem the schema and the
// cross-reference rules find, worded with the names of what it concerns. Pure.
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import type { Issue } from '../../../scenarios/errors.ts';
import { FIELD_WORDS } from './changes.ts';

type Obj = Record<string, unknown>;
export type Path = (string | number)[];
export interface Missing { message: string; path: Path }

const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as unknown[]).filter(isObject) : []);
const named = (e: Obj, key = 'id') => `‘${String(e.name ?? e[key] ?? '?')}’`;

/** Nothing there yet: a value of the wrong kind ("lots" for a number) is not missing but wrong, and the schema's message says so. */
const absent = (x: unknown) => x === undefined || x === null;

/** The gaps a scenario being built from nothing has, before any schema message. */
function gaps(doc: Obj): Missing[] {
  const out: Missing[] = [];
  if (absent(doc.title) || (typeof doc.title === 'string' && doc.title.trim() === '')) out.push({ message: 'the scenario has no title yet', path: ['title'] });
  const time = isObject(doc.time) ? doc.time : undefined;
  if (absent(time?.horizonDays)) out.push({ message: 'how many days a run lasts is not set yet', path: ['time', 'horizonDays'] });
  const sites = list(doc.sites);
  if (sites.length === 0) out.push({ message: 'there is no site (hospital) yet', path: ['sites'] });
  sites.forEach((s, si) => {
    const wards = list(s.wards);
    if (wards.length === 0 && list(s.theatres).length === 0 && list(s.staff).length === 0 && list(s.clinics).length === 0 && list(s.scanners).length === 0)
      out.push({ message: `site ${named(s)} has no wards, theatres or staff yet`, path: ['sites', si, 'wards'] });
    wards.forEach((w, wi) => {
      if (absent(w.beds) || (typeof w.beds === 'number' && w.beds < 1)) out.push({ message: `ward ${named(w)} has no beds`, path: ['sites', si, 'wards', wi, 'beds'] });
    });
  });
  const classes = list(doc.classes);
  const referred = new Set(list(doc.waitingLists).flatMap((l) => list(l.referrals).map((r) => r.class)));
  if (classes.length === 0) out.push({ message: 'no patient class arrives yet', path: ['classes'] });
  classes.forEach((c, ci) => {
    if (referred.has(c.id)) return;
    if (c.arrivals === undefined) out.push({ message: `patient class ${named(c)} has no arrivals yet (how many a day or a week)`, path: ['classes', ci, 'arrivals'] });
    if (c.pathway === undefined) out.push({ message: `patient class ${named(c)} follows no pathway yet`, path: ['classes', ci, 'pathway'] });
  });
  const pathways = isObject(doc.pathways) ? doc.pathways : {};
  if (Object.keys(pathways).length === 0 && list(doc.waitingLists).length === 0) out.push({ message: 'there is no pathway yet (the steps patients go through)', path: ['pathways'] });
  for (const [id, steps] of Object.entries(pathways)) {
    if (!Array.isArray(steps) || steps.length === 0) out.push({ message: `pathway ‘${id}’ has no steps`, path: ['pathways', id] });
  }
  return out;
}

const COLLECTION_WORDS: Record<string, string> = {
  sites: 'site', wards: 'ward', theatres: 'theatre', clinics: 'clinic', scanners: 'scanner', staff: 'staff role', classes: 'patient class',
  waitingLists: 'waiting list', mutualAid: 'mutual aid', measures: 'measure', variants: 'option', shifts: 'shift', sessions: 'session',
};

/** Where a path points, in words: "ward ‘AMU’ › beds", "pathway ‘stroke’ › step ‘ct’ › duration". */
export function placeWords(doc: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let at: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    const next = (at as Record<PropertyKey, unknown> | undefined)?.[k as string];
    const parent = path[i - 1];
    if (k === 'pathways' && typeof path[i + 1] === 'string') {
      parts.push(`pathway ‘${String(path[i + 1])}’`);
      at = (next as Obj | undefined)?.[path[i + 1] as string];
      i++;
      // A step of that pathway, by its id.
      if (typeof path[i + 1] === 'number') {
        const step = (at as unknown[] | undefined)?.[path[i + 1] as number];
        parts.push(isObject(step) && typeof step.id === 'string' ? `step ‘${step.id}’` : `step ${(path[i + 1] as number) + 1}`);
        at = step;
        i++;
      }
      continue;
    }
    if (typeof k === 'number' && typeof parent === 'string' && COLLECTION_WORDS[parent]) {
      const e = next;
      parts.pop();
      parts.push(isObject(e) && (e.name ?? e.id ?? e.role) !== undefined ? `${COLLECTION_WORDS[parent]} ${named(e, e.id === undefined ? 'role' : 'id')}` : `${COLLECTION_WORDS[parent]} ${k + 1}`);
    } else if (typeof k === 'number') parts.push(`item ${k + 1}`);
    else if (k === 'patch') { /* the option's changes: its name already says whose */ }
    else parts.push(FIELD_WORDS[String(k)] ?? (k === 'time' ? 'time frame' : String(k)));
    at = next;
  }
  return parts.join(' › ');
}

/** One path lies on the other (a gap already says what the schema's message says). */
const related = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Everything to do before the scenario can run, gaps first, then the check's issues in words. */
export function whatIsMissing(doc: Obj, issues?: readonly Issue[]): Missing[] {
  const first = gaps(doc);
  const checked = issues ?? (() => { const r = parseScenario(doc); return r.ok ? [] : r.issues; })();
  const rest = checked
    .filter((x) => !first.some((g) => related(g.path, x.path)))
    .map((x) => {
      const place = placeWords(doc, x.path);
      return { message: place ? `${place}: ${x.message}` : x.message, path: x.path.map((k) => (typeof k === 'number' ? k : String(k))) };
    });
  return [...first, ...rest];
}

/** The smallest document to start from: one site, no wards, nothing arriving yet (the guide says what to add). */
export function emptyScenario(): Obj {
  return {
    id: 'new-scenario',
    title: 'New scenario',
    time: { horizonDays: 91, warmupDays: 14 },
    sites: [{ id: 'hospital', name: 'Hospital', wards: [] }],
    classes: [],
    pathways: {},
  };
}

/** A library scenario as the start of a new one: its own id and title, to be saved as the user's. */
export function fromTemplate(template: Obj): Obj {
  return { ...structuredClone(template), id: `${String(template.id)}-mine`, title: `${String(template.title ?? template.id)} (my version)` };
}
