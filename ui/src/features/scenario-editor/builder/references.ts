// The ids a field may name, read from the document being edited, offered as choices (a
// datalist) where a field refers to something defined elsewhere: a step's ward, skill or
// theatre, a branch's target step, a class's pathway. The schema writes such fields as
// plain ids, so the field's name (and, for steps, the pathway it is in) says what they name.
import type { Path } from '../../../lib/patch.ts';

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): Obj[] => (Array.isArray(x) ? x.filter(isObject) : []);
const ids = (xs: Obj[], field = 'id'): string[] => [...new Set(xs.map((x) => x[field]).filter((x): x is string => typeof x === 'string'))];
const keys = (x: unknown): string[] => (isObject(x) ? Object.keys(x) : []);

function sites(doc: Obj): Obj[] { return list(doc.sites); }
const wards = (doc: Obj) => ids(sites(doc).flatMap((s) => list(s.wards)));
const theatres = (doc: Obj) => ids(sites(doc).flatMap((s) => list(s.theatres)));
const places = (doc: Obj) => [...wards(doc), ...ids(sites(doc).flatMap((s) => [...list(s.clinics), ...list(s.scanners)]))];
const skills = (doc: Obj) => [...new Set(sites(doc).flatMap((s) => list(s.staff)).flatMap((r) => (Array.isArray(r.skills) ? r.skills.filter((x): x is string => typeof x === 'string') : [])))];
const roles = (doc: Obj) => ids(sites(doc).flatMap((s) => list(s.staff)), 'role');
const classes = (doc: Obj) => ids(list(doc.classes));
const attributes = (doc: Obj) => [...new Set(list(doc.classes).flatMap((c) => keys(c.attributes)))];

/** Step ids of the pathway a path is in (pathways.<id>…), or of a measure's pathway. */
function stepsOf(doc: Obj, path: Path): string[] {
  const pid = path[0] === 'pathways' ? path[1] : path[0] === 'measures' && typeof path[1] === 'number' ? (list(doc.measures)[path[1]]?.pathway as string | undefined) : undefined;
  const steps = typeof pid === 'string' && isObject(doc.pathways) ? doc.pathways[pid] : undefined;
  return ids(list(steps));
}

/** The last field name along a path (list positions skipped): what the value is. */
export function fieldName(path: Path): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** Ids the value at `path` may take, or undefined when it names nothing defined in the document. */
export function referenceChoices(doc: Obj, path: Path): string[] | undefined {
  const name = fieldName(path);
  switch (name) {
    case 'ward': case 'overflowTo': return wards(doc);
    case 'place': return places(doc);
    case 'theatre': case 'theatres': return path[0] === 'sites' ? undefined : theatres(doc);
    case 'clinics': case 'scanners': return path[0] === 'sites' ? undefined : ids(sites(doc).flatMap((s) => list(s[name])));
    case 'skill': return skills(doc);
    case 'skills': return path[0] === 'sites' ? skills(doc) : undefined;
    case 'site': return ids(sites(doc));
    case 'pathway': return keys(doc.pathways);
    case 'season': return keys(doc.seasons);
    case 'class': case 'classes': case 'ringFencedFor': return classes(doc);
    case 'lists': case 'list': return ids(list(doc.waitingLists));
    case 'attribute': return attributes(doc);
    case 'to': case 'otherwise': case 'step': return stepsOf(doc, path);
    case 'timeSince': return attributes(doc);
    default: return undefined;
  }
}

/** Ids a new key of the keyed map at `path` may take (a role, a class), or undefined. */
export function keyChoices(doc: Obj, path: Path): string[] | undefined {
  switch (fieldName(path)) {
    case 'durationByRole': return roles(doc);
    case 'tariff': case 'byClass': case 'slotMinutesByClass': case 'cases': return classes(doc);
    default: return undefined;
  }
}
