// A class's pathway as engine steps. Each scenario step becomes a few core steps:
//   task      seize place (unless held) → seize skill → delay → release skill → release place (unless keepPlace);
//             with durationByRole, the delay is chosen by the role of the member allocated
//             (a switch on the member index: a site's members are numbered role by role);
//             with patience, a side exit "left unseen"; with queueLimit, a side exit "diverted"
//   admit     seize a ward bed → release every place held before (the patient waits where
//             they are until a bed frees: bed-blocking) and stop the ED clock; with
//             overflowTo, a full ward sends the patient to the first of those wards with a
//             bed free at once (an outlier, recorded), else they wait for their own ward;
//             with queueLimit, a full line for the own ward diverts them (side exit "diverted")
//   stay      delay (length of stay), keeping what is held
//   (a task's, stay's, operation's or delayed discharge's delay with `season`: the draw is
//   multiplied by the season's factor when the delay starts; scenarios/compile/season.ts)
//   operate   seize theatre → seize skill → delay → release both (the bed is kept)
//   delay-discharge  with probability p: a delay counted in the ward's "delayed" pool
//   branch    a random choice of step
//   readmit   with probability p: release everything, wait afterDays at home, go to `to`
//             as a new arrival (an ED class's clock starts again)
//   discharge release everything and exit (the only way out counted as treated)
// What a patient holds at each step is worked out beforehand by walking the pathway, so
// releases are static: a step reached holding different things by different routes (a
// bed on their own ward or on an overflow ward, a cubicle kept or not) is compiled once
// per holding, its copies labelled `<step>~1`, `<step>~2`…. Random streams are named `<kind>:<class>/<step>`, so variants that
// keep a step keep its numbers (common random numbers).
import type { StepDef } from '../../engine/core/pathway.ts';
import type { Distribution } from '../../engine/core/distributions.ts';
import type { TimeFactor } from '../../engine/core/time-factor.ts';
import { seize, delay, release, branch, goto, exit, set, record, switchOn } from '../../engine/core/pathway.ts';
import type { Issue } from '../errors.ts';
import type { Pathway, Step } from '../schema/pathway.ts';
import type { Site } from '../schema/site.ts';
import type { Duration } from '../schema/distribution.ts';
import { headcount } from '../../engine/hospital/roster.ts';
import { toDistribution, placeId, theatreId, staffId, delayedId, edClockId, outlierId, siteRoles } from './site.ts';
import { branchTargets, type Attribute } from '../schema/decision.ts';
import { ruleSteps } from './decisions.ts';

export interface ClassPathway {
  cls: string;
  pathwayId: string;
  steps: Pathway;
  site: Site;
  ed: boolean;
  /** A season's factor for durations, by season id (steps with `season`). */
  seasons?: (id: string) => TimeFactor;
  /** The class's attributes drawn at arrival, which decisions compare (decisions.ts). */
  attributes?: Record<string, Attribute>;
}

const label = (cls: string, step: string) => `${cls}:${step}`;
const show = (held: readonly string[]) => (held.length ? held.map((h) => `"${h}"`).join(', ') : 'nothing');

/** What is held after step i, and where the patient can go next. */
function successors(p: ClassPathway, i: number, held: string[]): { to: number; held: string[] }[] {
  const st = p.steps[i];
  const index = (id: string) => p.steps.findIndex((s) => s.id === id);
  const next = (h: string[]) => [{ to: i + 1, held: h }];
  switch (st.do) {
    case 'task': {
      if (st.place === undefined) return next(held);
      const place = placeId(p.site.id, st.place);
      const without = held.filter((h) => h !== place && h !== outlierId(p.site.id, st.place!));
      return next(st.keepPlace ? [...without, place] : without);
    }
    case 'admit':
      // Their own ward first (the main line), then each overflow ward, as an outlier there.
      return [st.ward, ...(st.overflowTo ?? [])].map((w, k) => ({ to: i + 1, held: k === 0 ? [placeId(p.site.id, w)] : [placeId(p.site.id, w), outlierId(p.site.id, w)] }));
    case 'stay': case 'operate': case 'delay-discharge':
      return next(held);
    case 'branch':
      return branchTargets(st).map((o) => ({ to: index(o.to), held }));
    case 'readmit':
      // Back as a new arrival: holding nothing, with the ED clock restarted for an ED class.
      return [...next(held), { to: index(st.to), held: p.ed ? [edClockId(p.cls)] : [] }];
    case 'discharge':
      return [];
  }
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export interface Holdings {
  /** Held pools on reaching each step (undefined: unreachable). */
  held: (string[] | undefined)[];
  /** A step reached holding different things by different routes: the other holdings, by step (one copy each). */
  also: Map<number, string[][]>;
}

/** What the patient holds at each step, or the issues found. */
/**
 * Copies of steps at most (steps reached holding different things): each is compiled, and
 * branches around tasks that keep their place multiply them (k such choices, 2^k holdings).
 */
export const MAX_COPIES = 1_000;

export function heldAtSteps(p: ClassPathway): Holdings & { issues: Issue[] } {
  const held: (string[] | undefined)[] = p.steps.map(() => undefined);
  const also = new Map<number, string[][]>();
  const issues: Issue[] = [];
  const todo: { to: number; held: string[] }[] = [{ to: 0, held: p.ed ? [edClockId(p.cls)] : [] }];
  let copies = 0;
  while (todo.length > 0) {
    if (copies > MAX_COPIES) {
      issues.push({ path: ['pathways', p.pathwayId], message: `class "${p.cls}" reaches its steps holding more than ${MAX_COPIES.toLocaleString('en-GB')} different combinations of places (branches around tasks that keep their place): simplify the pathway, e.g. give places up (keepPlace: false) before branching` });
      break;
    }
    const { to, held: h } = todo.pop()!;
    if (to < 0 || to >= p.steps.length) continue; // unknown targets are reported by the schema
    const known = held[to];
    if (known) {
      if (same(known, h)) continue;
      // Another holding: one more copy of this step (and of what follows it, as reached).
      const other = also.get(to) ?? [];
      if (other.some((x) => same(x, h))) continue;
      other.push(h);
      also.set(to, other);
      copies++;
    } else held[to] = h;
    const st = p.steps[to];
    const report = (issue: Issue) => { if (!issues.some((x) => x.message === issue.message)) issues.push(issue); };
    if (st.do === 'admit' && h.includes(placeId(p.site.id, st.ward)))
      report({ path: ['pathways', p.pathwayId, to, 'ward'], message: `class "${p.cls}" already has a bed on ward "${st.ward}" here` });
    if (st.do === 'delay-discharge' && !bedOf(p, h))
      report({ path: ['pathways', p.pathwayId, to], message: `class "${p.cls}" has no ward bed at delay-discharge "${st.id}"; admit first` });
    todo.push(...successors(p, to, h));
  }
  return { held, also, issues };
}

/**
 * The ways out other than discharge (exit outcomes, counted by class in the engine's
 * results): a patient whose patience ran out left without being seen; one who found a
 * full line (queueLimit) was diverted. Both give up what they hold first.
 */
export const LEFT_UNSEEN = 'left-unseen';
export const DIVERTED = 'diverted';

/** The ward (kind "ward") whose bed the patient holds, if any. */
function bedOf(p: ClassPathway, held: readonly string[]): string | undefined {
  return p.site.wards.find((w) => w.kind === 'ward' && held.includes(placeId(p.site.id, w.id)))?.id;
}

/** Output counting patients placed on another ward because their own was full (by class: outputsByClass). */
export const OUTLIERS = 'outliers';

/**
 * Steps to insert at moments of one scenario step (measures.ts): on reaching it, once its
 * work starts (place, clinician, bed or theatre obtained) and once its duration is over.
 * Fresh objects on every call: a step compiled once per holding gets its own copies.
 */
export interface StepMarks { reached: StepDef[]; started: StepDef[]; finished: StepDef[] }
export type MarksAt = (step: number) => StepMarks | undefined;

/** Engine steps of the class's pathway, from its holdings (heldAtSteps), with the measures' marks. */
export function pathwaySteps(p: ClassPathway, { held, also }: Holdings, marksAt: MarksAt = () => undefined): StepDef[] {
  const { cls, site } = p;
  /** The label of step i as reached holding h (one copy of a step per holding it is reached with). */
  const at = (i: number, h: readonly string[]): string => {
    const id = p.steps[i].id;
    const k = (also.get(i) ?? []).findIndex((x) => same(x, h));
    return k < 0 ? label(cls, id) : label(cls, `${id}~${k + 1}`);
  };
  const main: StepDef[] = [];
  const side: StepDef[] = []; // off the main line: copies for other holdings, delayed discharge, readmission, leaving
  const team = staffId(site.id);
  const stream = (kind: string, st: Step) => `${kind}:${cls}/${st.id}`;
  /** A step's season, as the delay's factor on its drawn duration (nothing without one). */
  const seasonOf = (st: Step) => ('season' in st && st.season !== undefined && p.seasons ? { durationFactor: p.seasons(st.season) } : {});
  const releaseAll = (h: readonly string[]) => h.map((pool) => release(pool));
  /** A side route out: give up what is held, then leave by `outcome`; returns its label. */
  const leaveBy = (outcome: string, holding: readonly string[], suffix: string): string => {
    const to = label(cls, suffix);
    const steps: StepDef[] = [...releaseAll(holding), exit({ outcome })];
    steps[0] = { ...steps[0], label: to };
    side.push(...steps);
    return to;
  };

  /** Step i as reached holding h; `copy` is its suffix ('' on the main line, '~k' for a copy). */
  const compile = (i: number, h: readonly string[], copy: string): StepDef[] => {
    const st = p.steps[i];
    const name = `${st.id}${copy}`; // labels of this copy's own side steps
    const out: StepDef[] = [];
    const marks = () => marksAt(i) ?? { reached: [], started: [], finished: [] };
    out.push(...marks().reached);
    const fallsTo = successors(p, i, [...h]).find((x) => x.to === i + 1 && st.do !== 'branch');
    const nextLabel = fallsTo && i + 1 < p.steps.length ? at(i + 1, fallsTo.held) : undefined;
    switch (st.do) {
      case 'task': {
        const place = st.place === undefined ? undefined : placeId(site.id, st.place);
        // Left without being seen: a side exit that gives up what was held before the task
        // (and the place, if it was taken for the task) and leaves by its own way out.
        // Diverted: the same from a full line for the place.
        let wait: { patience?: Distribution; onRenege?: string; stream?: string } = {};
        if (st.patience) wait = { patience: toDistribution(st.patience), stream: stream('patience', st) };
        if (place && !h.includes(place)) {
          out.push(seize(place, {
            ...(st.patience ? { ...wait, onRenege: leaveBy(LEFT_UNSEEN, h, `${name}:left:place`) } : {}),
            ...(st.queueLimit !== undefined ? { queueLimit: st.queueLimit, divertTo: leaveBy(DIVERTED, h, `${name}:diverted`) } : {}),
          }));
        }
        if (st.skill) {
          const holding = place && !h.includes(place) ? [...h, place] : h;
          out.push(seize(team, { skill: st.skill, ...(st.patience ? { ...wait, onRenege: leaveBy(LEFT_UNSEEN, holding, `${name}:left:clinician`) } : {}) }));
        }
        out.push(...marks().started);
        if (st.skill && st.durationByRole && Object.keys(st.durationByRole).length > 0) {
          // One delay per role with its own duration, then on to the release; one stream for
          // all of them, so the draws are shared whichever role does the task.
          const done = label(cls, `${name}:done`);
          const other = label(cls, `${name}:as-other`);
          const as = (role: string) => label(cls, `${name}:as-${role}`);
          const bounds = roleBounds(site, st.durationByRole);
          out.push(switchOn(`@member:${team}`, bounds.map((r) => ({ op: '<' as const, value: r.below, to: r.duration ? as(r.role) : other })), other));
          for (const r of bounds) if (r.duration) side.push(delay(toDistribution(r.duration), { label: as(r.role), stream: stream('task', st), ...seasonOf(st) }), goto(done));
          side.push(delay(toDistribution(st.duration), { label: other, stream: stream('task', st), ...seasonOf(st) }), goto(done));
          const after = [...marks().finished, release(team)];
          out.push({ ...after[0], label: done }, ...after.slice(1));
        } else {
          out.push(delay(toDistribution(st.duration), { stream: stream('task', st), ...seasonOf(st) }), ...marks().finished);
          if (st.skill) out.push(release(team));
        }
        if (place && !st.keepPlace) {
          out.push(release(place));
          if (h.includes(outlierId(site.id, st.place!))) out.push(release(outlierId(site.id, st.place!)));
        }
        break;
      }
      case 'admit': {
        const wards = [st.ward, ...(st.overflowTo ?? [])];
        // A full line for the own ward (queueLimit): diverted, giving up what is held.
        const limit = st.queueLimit !== undefined ? { queueLimit: st.queueLimit, divertTo: leaveBy(DIVERTED, h, `${name}:diverted`) } : {};
        if (wards.length === 1) {
          out.push(seize(placeId(site.id, st.ward), limit), ...marks().started, ...releaseAll(h));
          break;
        }
        // Own ward if a bed is free now; else the first overflow ward with one free (an
        // outlier); else wait for a bed on the own ward. Each route goes on to the next
        // step as reached holding that ward's bed.
        const tryAt = (k: number) => label(cls, `${name}:try-${k}`);
        const own = placeId(site.id, st.ward);
        out.push(seize(own, { ifBusy: tryAt(1) }), ...marks().started, ...releaseAll(h));
        wards.slice(1).forEach((w, k) => {
          const ward = placeId(site.id, w);
          // The outlier also holds a place in the ward's outlier count while in its bed (outlier bed-days).
          const outlier = outlierId(site.id, w);
          const steps: StepDef[] = [seize(ward, { ifBusy: tryAt(k + 2) }), seize(outlier), record(OUTLIERS, undefined), ...marks().started, ...releaseAll(h), goto(at(i + 1, [ward, outlier]))];
          steps[0] = { ...steps[0], label: tryAt(k + 1) };
          side.push(...steps);
        });
        const wait: StepDef[] = [seize(own, limit), ...marks().started, ...releaseAll(h), goto(at(i + 1, [own]))];
        wait[0] = { ...wait[0], label: tryAt(wards.length) };
        side.push(...wait);
        break;
      }
      case 'stay':
        out.push(delay(toDistribution(st.duration), { stream: stream('los', st), ...seasonOf(st) }), ...marks().finished);
        break;
      case 'operate': {
        const theatre = theatreId(site.id, st.theatre ?? site.theatres[0].id);
        out.push(seize(theatre));
        if (st.skill) out.push(seize(team, { skill: st.skill }));
        out.push(...marks().started, delay(toDistribution(st.duration), { stream: stream('operate', st), ...seasonOf(st) }), ...marks().finished);
        if (st.skill) out.push(release(team));
        out.push(release(theatre));
        break;
      }
      case 'delay-discharge': {
        const ward = bedOf(p, h);
        if (ward === undefined) {
          // Reached without a ward bed is an issue heldAtSteps reports, so this step is one no
          // route reaches (a branch that never goes there): compiled, like any unreachable
          // step, but with no bed there is no "delayed" count to compile it into.
          out.push(nextLabel ? goto(nextLabel) : exit());
          break;
        }
        const dd = label(cls, `${name}:delayed`);
        out.push(branch([{ to: dd, weight: st.probability }, { to: nextLabel!, weight: 1 - st.probability }], { stream: stream('delayed', st) }));
        const pool = delayedId(site.id, ward);
        side.push(seize(pool, { label: dd }), delay(toDistribution(st.duration), { stream: stream('delayed-days', st), ...seasonOf(st) }), release(pool), goto(nextLabel!));
        break;
      }
      case 'branch':
        if (st.rules) {
          // A decision: a chain of checks (decisions.ts), each jumping on; targets as reached holding h.
          out.push(...ruleSteps(st, (to) => at(p.steps.findIndex((x) => x.id === to), [...h]), (suffix) => label(cls, `${name}:${suffix}`), `${cls}/${st.id}`, p.attributes ?? {}));
          break;
        }
        out.push(branch(st.options!.map((o) => ({ to: at(p.steps.findIndex((x) => x.id === o.to), [...h]), weight: o.probability })), { stream: stream('branch', st) }));
        break;
      case 'readmit': {
        const away = label(cls, `${name}:readmit`);
        out.push(branch([{ to: away, weight: st.probability }, { to: nextLabel!, weight: 1 - st.probability }], { stream: stream('readmit', st) }));
        const first = [...releaseAll(h), set('@readmitted', 'now'), record('readmissions', '@readmitted')];
        first[0] = { ...first[0], label: away };
        const back = p.ed ? [edClockId(cls)] : [];
        side.push(...first, delay(toDistribution(st.afterDays), { stream: stream('readmit-days', st) }), ...back.map((pool) => seize(pool)),
          goto(at(p.steps.findIndex((x) => x.id === st.to), back)));
        break;
      }
      case 'discharge':
        out.push(...releaseAll(h), exit());
        break;
    }
    // The fall-through: on the main line, onto the next step if that is where it goes;
    // a copy (off the main line) always says where it goes.
    const ends = st.do === 'delay-discharge' || st.do === 'readmit' || st.do === 'branch' || st.do === 'discharge';
    if (nextLabel && !ends && (copy !== '' || nextLabel !== label(cls, p.steps[i + 1].id))) out.push(goto(nextLabel));
    out[0] = { ...out[0], label: label(cls, name) };
    return out;
  };

  p.steps.forEach((_, i) => {
    main.push(...compile(i, held[i] ?? [], ''));
    (also.get(i) ?? []).forEach((h, k) => side.push(...compile(i, h, `~${k + 1}`)));
  });
  return [...main, ...side];
}

/**
 * The members of a site's staff pool are numbered role by role, in the order of
 * site.staff (skills.ts): a role's members are those below its running total and at or
 * above the previous role's. Every role with members, with its bound and its own
 * duration if it has one (a role without one still needs its case, so that a later
 * role's bound does not catch its members).
 */
function roleBounds(site: Site, byRole: Record<string, Duration>): { role: string; below: number; duration?: Duration }[] {
  const out: { role: string; below: number; duration?: Duration }[] = [];
  let below = 0;
  // Staff called in by escalation are members of their role (numbered after its roster).
  for (const role of siteRoles(site)) {
    const n = headcount(role);
    if (n === 0) continue;
    below += n;
    out.push({ role: role.role, below, duration: byRole[role.role] });
  }
  return out;
}

/** The outlier counts (outlierId) a class's pathway places patients in: its overflow wards. */
export function outlierPools(p: ClassPathway): string[] {
  return p.steps.flatMap((st) => (st.do === 'admit' ? (st.overflowTo ?? []).map((w) => outlierId(p.site.id, w)) : []));
}

/** The bed pools a class's pathway needs a "delayed" pool for. */
export function delayedWards(p: ClassPathway, { held, also }: Holdings): string[] {
  return p.steps.flatMap((st, i) => (st.do === 'delay-discharge'
    ? [held[i] ?? [], ...(also.get(i) ?? [])].map((h) => bedOf(p, h)).filter((w): w is string => !!w)
    : []));
}
