// Consistency checks of a reference case ("L = throughput * W", "|Lq - throughput*Wq| <=
// 0.02*Lq + 0.002", …): identities that hold on the same run and window up to edge
// effects. A check is parsed into expressions over metric names and a few named
// quantities, then evaluated at each scope the case's metrics use (each class, each
// station, the network) where all its quantities exist. Text that does not parse, or
// names an unknown quantity, is reported as "not checked" — never as a failure.
import { planMetric, planQuantity, type Probe } from './metrics.ts';
import type { BuiltCase } from './build.ts';
import type { ReferenceCase, Scope } from './schema.ts';

/** Within 2% unless the check states its own bound (README). */
export const IDENTITY_REL_TOL = 0.02;

type Node =
  | { k: 'num'; v: number }
  | { k: 'sym'; name: string }
  | { k: 'neg'; a: Node }
  | { k: 'abs'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Node; b: Node };

export type Identity =
  | { kind: 'equal'; sides: Node[] }
  | { kind: 'bound'; diff: Node; limit: Node };

// Phrases → symbols, longest first. Each symbol is a metric name or a planQuantity name.
const PHRASES: [RegExp, string][] = [
  [/\(same run, same window\)/gi, ''],
  [/time-average L over whole cycles/gi, 'L'],
  [/sum of state_prob over all n/gi, 'sum_state_prob'],
  [/sum n\s*\*\s*state_prob\(n\)/gi, 'sum_n_state_prob'],
  [/sum of station L/gi, 'sum_station_L'],
  [/network L/g, 'L@network'],
  [/network W/g, 'W@network'],
  [/external arrival rate/gi, 'external_rate'],
  [/arrival rate/gi, 'lambda'],
  [/mean[_ ]rate/gi, 'lambda'],
  [/mean service time|mean service|mean LOS/gi, 'service_mean'],
  [/\(1\/mean patience\)/gi, '(1/patience)'],
  [/mean patience/gi, 'patience'],
  [/\bc\b/g, 'servers'],
];
const METRIC_SYMBOLS = new Set(['L', 'Lq', 'W', 'Wq', 'throughput', 'utilisation', 'mean_busy_servers', 'P_block', 'P_abandon', 'P_wait', 'arrival_rate', 'L@network', 'W@network', 'Wq@all']);
const QUANTITIES = new Set(['lambda', 'external_rate', 'servers', 'patience', 'service_mean', 'sum_station_L', 'sum_state_prob', 'sum_n_state_prob']);

/** Parses a check; a string says why it cannot be. */
export function parseIdentity(text: string): Identity | string {
  if (!/=/.test(text)) return 'not an identity (no "=")';
  let s = text;
  // "(all arrivals)" after an identity with Wq: the wait over all arrivals, abandoners included.
  if (/\(all arrivals\)/i.test(s)) s = s.replace(/\(all arrivals\)/gi, '').replace(/\bWq\b/g, 'Wq@all');
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  const tokens = s.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_][\w@]*|<=|[-+*/()|=]|\S/g) ?? [];
  for (const t of tokens) {
    if (/^[A-Za-z_]/.test(t) && !METRIC_SYMBOLS.has(t) && !QUANTITIES.has(t)) return `cannot read it: unknown quantity "${t}"`;
    if (/^[^\w\s<=+\-*/()|.]$/.test(t)) return `unexpected "${t}"`;
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => { throw new Error(what); };
  const expr = (): Node => {
    let a = term();
    while (peek() === '+' || peek() === '-') { const op = tokens[pos++] as '+' | '-'; a = { k: 'bin', op, a, b: term() }; }
    return a;
  };
  const term = (): Node => {
    let a = factor();
    while (peek() === '*' || peek() === '/') { const op = tokens[pos++] as '*' | '/'; a = { k: 'bin', op, a, b: factor() }; }
    return a;
  };
  const factor = (): Node => {
    const t = tokens[pos++];
    if (t === undefined) return fail('ends too early');
    if (t === '-') return { k: 'neg', a: factor() };
    if (t === '(') { const a = expr(); if (tokens[pos++] !== ')') fail('missing ")"'); return a; }
    if (t === '|') { const a = expr(); if (tokens[pos++] !== '|') fail('missing "|"'); return { k: 'abs', a }; }
    if (/^\d/.test(t)) return { k: 'num', v: Number(t) };
    if (/^[A-Za-z_]/.test(t)) return { k: 'sym', name: t };
    return fail(`unexpected "${t}"`);
  };
  try {
    const first = expr();
    if (peek() === '<=') {
      pos++;
      const limit = expr();
      if (pos !== tokens.length) fail(`unexpected "${peek()}"`);
      if (first.k !== 'abs') fail('a bound must read |a - b| <= limit');
      return { kind: 'bound', diff: (first as { a: Node }).a, limit };
    }
    const sides = [first];
    while (peek() === '=') { pos++; sides.push(expr()); }
    if (pos !== tokens.length) fail(`unexpected "${peek()}"`);
    if (sides.length < 2) fail('not an identity (no "=")');
    return { kind: 'equal', sides };
  } catch (e) {
    return (e as Error).message;
  }
}

function symbols(n: Node, out = new Set<string>()): Set<string> {
  if (n.k === 'sym') out.add(n.name);
  else if (n.k === 'neg' || n.k === 'abs') symbols(n.a, out);
  else if (n.k === 'bin') { symbols(n.a, out); symbols(n.b, out); }
  return out;
}

export function evaluate(n: Node, values: Record<string, number>): number {
  switch (n.k) {
    case 'num': return n.v;
    case 'sym': return values[n.name];
    case 'neg': return -evaluate(n.a, values);
    case 'abs': return Math.abs(evaluate(n.a, values));
    case 'bin': {
      const a = evaluate(n.a, values), b = evaluate(n.b, values);
      return n.op === '+' ? a + b : n.op === '-' ? a - b : n.op === '*' ? a * b : a / b;
    }
  }
}

/** One check at one scope, its quantities planned as probes (indices into a shared list). */
export interface PlannedIdentity {
  text: string;
  scope: Scope;
  identity: Identity;
  /** symbol → index of its probe */
  probes: Record<string, number>;
}

export interface IdentityPlan {
  planned: PlannedIdentity[];
  /** Checks that are not evaluated, with the reason. */
  unchecked: { text: string; reason: string }[];
}

const scopeKey = (s: Scope) => JSON.stringify([s.station ?? null, s.class ?? null]);

/**
 * Plans every consistency check of a case. `addProbe` registers a probe (deduplicated by
 * key) and returns its index in the list the replications compute.
 */
export function planIdentities(c: ReferenceCase, built: BuiltCase, addProbe: (key: string, probe: Probe) => number): IdentityPlan {
  const planned: PlannedIdentity[] = [];
  const unchecked: IdentityPlan['unchecked'] = [];
  // Scopes the case's metrics use (station and class only), and the unscoped one.
  const scopes = new Map<string, Scope>([[scopeKey({}), {}]]);
  for (const e of c.expected) {
    const s: Scope = {};
    if (e.scope?.station !== undefined) s.station = e.scope.station;
    if (e.scope?.class !== undefined) s.class = e.scope.class;
    scopes.set(scopeKey(s), s);
  }
  // A definition override applies to the metric at its scope, or else wherever the case uses
  // the metric ("Wq here = W - own mean service time" is given per class, but holds overall).
  const definitionOf = (metric: string, scope: Scope) => {
    const defined = c.expected.filter((e) => e.metric === metric && e.definition !== undefined);
    return (defined.find((e) => scopeKey(e.scope ?? {}) === scopeKey(scope)) ?? defined[0])?.definition;
  };

  for (const text of c.consistency_checks ?? []) {
    const identity = parseIdentity(text);
    if (typeof identity === 'string') {
      unchecked.push({ text, reason: identity });
      continue;
    }
    const names = [...(identity.kind === 'equal' ? identity.sides : [identity.diff, identity.limit]).reduce((set, n) => symbols(n, set), new Set<string>())];
    const seen = new Set<string>();
    let why = '';
    for (const scope of scopes.values()) {
      const probes: Record<string, number> = {};
      const keys: string[] = [];
      for (const name of names) {
        const [metric, at] = name.split('@');
        let probe: Probe | string;
        let key: string;
        if (METRIC_SYMBOLS.has(name)) {
          const s: Scope = at === 'network' ? { ...scope, station: 'network' } : scope;
          const definition = at === 'all' ? 'all arrivals' : definitionOf(metric, s);
          probe = planMetric(built, { metric, scope: s, definition });
          key = `metric:${metric}:${scopeKey(s)}:${definition ?? ''}`;
        } else {
          probe = planQuantity(built, name, scope);
          // Only the scope keys a quantity reads tell two of them apart.
          const reads: Scope = name === 'sum_station_L' ? {} : name === 'external_rate' ? { class: scope.class } : scope;
          key = `quantity:${name}:${scopeKey(reads)}`;
        }
        if (typeof probe === 'string') { why = `${name}: ${probe}`; break; }
        probes[name] = addProbe(key, probe);
        keys.push(key);
      }
      if (Object.keys(probes).length !== names.length) continue;
      const signature = keys.sort().join('|');
      if (seen.has(signature)) continue; // the same quantities at another scope
      seen.add(signature);
      planned.push({ text, scope, identity, probes });
    }
    if (!planned.some((p) => p.text === text)) unchecked.push({ text, reason: why || 'no scope where its quantities are measured' });
  }
  return { planned, unchecked };
}

export interface IdentityVerdict {
  text: string;
  scope: Scope;
  /** Replication means of each side (for a bound: |mean diff| and the mean limit). */
  sides: number[];
  /** Allowed gap. */
  tolerance: number;
  pass: boolean;
}

/** Judges a planned check from per-replication probe values (rows[rep][probe]). */
export function judgeIdentity(p: PlannedIdentity, rows: readonly (readonly (number | number[])[])[]): IdentityVerdict {
  const mean = (node: Node) => {
    let s = 0;
    for (const row of rows) {
      const values: Record<string, number> = {};
      for (const [name, i] of Object.entries(p.probes)) values[name] = row[i] as number;
      s += evaluate(node, values);
    }
    return s / rows.length;
  };
  if (p.identity.kind === 'bound') {
    const gap = Math.abs(mean(p.identity.diff));
    const limit = mean(p.identity.limit);
    return { text: p.text, scope: p.scope, sides: [gap, limit], tolerance: limit, pass: gap <= limit };
  }
  const sides = p.identity.sides.map(mean);
  const tolerance = Math.max(IDENTITY_REL_TOL * Math.abs(sides[0]), 1e-9);
  return { text: p.text, scope: p.scope, sides, tolerance, pass: sides.every((v) => Math.abs(v - sides[0]) <= tolerance) };
}
