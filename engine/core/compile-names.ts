// The names of a model being compiled (model.ts): classes, attributes, random streams,
// skills, outputs, outcomes, pools, labels. Each gets its index here, in the order of first
// use, which fixes the layout of the compiled model; the same model always compiles to the
// same indices. An unknown name is a ModelError naming the field and the known names.
import { ModelError } from './errors.ts';
import type { Distribution } from './distributions.ts';
import type { CompiledPool, CompiledTeam } from './model.ts';

export class Names {
  readonly classes: string[];
  readonly attributes: string[] = [];
  readonly streams: string[] = [];
  readonly skills: string[] = [];
  readonly outputs: string[] = [];
  readonly outcomes: string[] = [];
  /** Per output name: its "within" target in hours (one per output). */
  readonly targets = new Map<string, number>();
  /** Per output name: centiles (percent) reported besides the usual four. */
  readonly centiles = new Map<string, number[]>();
  /** Per output name: the pool held while its interval is open, and the stamp it starts from (RecordStep.openWhileHolding). */
  readonly openHolds = new Map<string, { pool: number; attr: number }>();
  /** Per output name: the stamp whose intervals still open at the end are reported (RecordStep.reportOpen). */
  readonly openStamps = new Map<string, number>();
  /** "pathway/label" and "pathway" → index of the step in the flat array. */
  readonly labels = new Map<string, number>();
  readonly storeIds: readonly string[];
  pools: CompiledPool[] = [];
  teams: CompiledTeam[] = [];
  private poolIdx = new Map<string, number>();
  private teamIdx = new Map<string, number>();

  constructor(classes: readonly string[], storeIds: readonly string[]) {
    this.classes = [...classes];
    this.storeIds = storeIds;
  }

  classIndex(name: string): number {
    return indexIn(this.classes, name);
  }

  attrIndex(name: string): number {
    return indexIn(this.attributes, name);
  }

  streamIndex(name: string): number {
    return indexIn(this.streams, name);
  }

  skillIndex(name: string): number {
    return indexIn(this.skills, name);
  }

  setPools(pools: CompiledPool[]): void {
    this.pools = pools;
    this.poolIdx = new Map(pools.map((p) => [p.id, p.index]));
  }

  setTeams(teams: CompiledTeam[]): void {
    this.teams = teams;
    this.teamIdx = new Map(teams.map((t) => [t.id, t.index]));
  }

  /** Index of a skilled pool, or undefined if `id` names none. */
  skilledPool(id: string): number | undefined {
    return this.teamIdx.get(id);
  }

  /** Index of a counted pool; with `hintSkilled`, an unknown id's message lists the skilled pools too. */
  poolRef(id: string, path: string, hintSkilled = true): number {
    const i = this.poolIdx.get(id);
    if (i === undefined) {
      const teams = hintSkilled ? [...this.teamIdx.keys()] : [];
      const hint = teams.length ? `; skilled pools: ${teams.join(', ')}` : '';
      throw new ModelError(path, `unknown pool "${id}" (known: ${[...this.poolIdx.keys()].join(', ') || 'none'}${hint})`);
    }
    return i;
  }

  /** A label as written in `pathway` ("label", "pathway/label" or a pathway id) → step index. */
  resolve(pathway: string, target: string, path: string): number {
    const labels = this.labels;
    const idx = labels.get(target.includes('/') ? target : `${pathway}/${target}`) ?? labels.get(target);
    if (idx === undefined) {
      const known = [...labels.keys()].join(', ');
      throw new ModelError(path, `unknown label or pathway "${target}" (known: ${known})`);
    }
    return idx;
  }
}

export function isDistribution(x: unknown): x is Distribution {
  return typeof x === 'object' && x !== null && typeof (x as Distribution).sample === 'function';
}

/** Where a step is: its pathway, its place in it, and the field path that messages name. */
export interface Site {
  pathway: string;
  i: number;
  path: string;
  label: string | undefined;
}

/** A step's random stream: the one it names, or one named after the step (so adding a step elsewhere shifts no numbers). */
export function streamName(at: Site, kind: string, explicit?: string): string {
  return explicit ?? `${kind}:${at.pathway}/${at.label ?? at.i}`;
}

/**
 * The index of `name` in `list`, appended if new. A map per list answers (an indexOf was a
 * scan per lookup: a model of 3,000 classes, each with its own streams, spent 4% of its
 * run compiling names); it is rebuilt if the list has grown by other hands.
 */
const indexes = new WeakMap<string[], { map: Map<string, number>; length: number }>();
function indexIn(list: string[], name: string): number {
  let index = indexes.get(list);
  if (index === undefined) indexes.set(list, (index = { map: new Map(), length: 0 }));
  for (; index.length < list.length; index.length++) if (!index.map.has(list[index.length])) index.map.set(list[index.length], index.length);
  const i = index.map.get(name);
  if (i !== undefined) return i;
  index.map.set(name, list.length);
  index.length = list.length + 1;
  return list.push(name) - 1;
}
