// Compiling pathways: the pathways are flattened into one array of steps (labels first, so
// that a step may point forward and across pathways), then each step definition becomes
// a CompiledStep by the function of its kind. Seize and release are compile-seize.ts.
import { ModelError, fmt } from './errors.ts';
import { CompiledStep, StepKind, Op, ATTR_CLASS, ATTR_PRIORITY, ATTR_NOW } from './compiled-step.ts';
import type { StepDef, Comparison, DelayStep, BranchStep, SwitchStep, SetStep, WaitUntilStep, RecordStep, GotoStep, ExitStep, EnterStep } from './pathway.ts';
import { isDistribution, streamName, type Names, type Site } from './compile-names.ts';
import { seizeStep, releaseStep } from './compile-seize.ts';
import { compileTimeFactor } from './time-factor.ts';

/** Every step of every pathway in order, with its site; pathways and labels go in `n.labels`. */
export function flatten(pathways: Map<string, StepDef[]>, n: Names): { at: Site; def: StepDef }[] {
  const labels = n.labels;
  const flat: { at: Site; def: StepDef }[] = [];
  if (pathways.size === 0) throw new ModelError('pathways', 'at least one pathway is needed');
  for (const [pid, steps] of pathways) {
    if (!Array.isArray(steps) || steps.length === 0) throw new ModelError(`pathways.${pid}`, 'a pathway needs at least one step');
    labels.set(pid, flat.length);
    steps.forEach((def, i) => {
      if (def.label !== undefined) {
        const key = `${pid}/${def.label}`;
        if (labels.has(key)) throw new ModelError(`pathways.${pid}[${i}].label`, `label "${def.label}" is used twice`);
        labels.set(key, flat.length);
      }
      flat.push({ at: { pathway: pid, i, path: `pathways.${pid}[${i}]`, label: def.label }, def });
    });
    const last = steps[steps.length - 1];
    if (last.kind !== 'exit' && last.kind !== 'goto' && last.kind !== 'branch' && last.kind !== 'switch')
      throw new ModelError(`pathways.${pid}[${steps.length - 1}]`, `a pathway must end with exit, goto, branch or switch, got ${last.kind}`);
  }
  return flat;
}

export function compileStep(n: Names, def: StepDef, at: Site): CompiledStep {
  const s = new CompiledStep();
  s.path = at.path;
  s.label = def.label ?? `${at.pathway}[${at.i}]`;
  switch (def.kind) {
    case 'seize': seizeStep(n, s, def, at); break;
    case 'release': releaseStep(n, s, def, at); break;
    case 'delay': delayStep(n, s, def, at); break;
    case 'branch': branchStep(n, s, def, at); break;
    case 'switch': switchStep(n, s, def, at); break;
    case 'set': setStep(n, s, def, at); break;
    case 'wait-until': waitUntilStep(n, s, def, at); break;
    case 'record': recordStep(n, s, def, at); break;
    case 'goto': gotoStep(n, s, def, at); break;
    case 'exit': exitStep(n, s, def, at); break;
    case 'enter': enterStep(n, s, def, at); break;
    default:
      throw new ModelError(`${at.path}.kind`, `unknown step kind "${(def as { kind: string }).kind}"`);
  }
  return s;
}

function delayStep(n: Names, s: CompiledStep, def: DelayStep, at: Site): void {
  const path = at.path;
  s.kind = StepKind.Delay;
  if (!isDistribution(def.duration)) throw new ModelError(`${path}.duration`, 'expected a distribution');
  s.dist = def.duration;
  if (def.duration.kind === 'exponential') s.expMean = def.duration.mean;
  if (def.byClass) {
    const byClass: CompiledStep['byClass'] = (s.byClass = n.classes.map(() => null));
    for (const [cls, d] of Object.entries(def.byClass)) {
      if (!isDistribution(d)) throw new ModelError(`${path}.byClass.${cls}`, 'expected a distribution');
      byClass![n.classIndex(cls)] = d;
    }
  }
  s.stream = n.streamIndex(streamName(at, 'delay', def.stream));
  if (def.scaleBy !== undefined) {
    s.scale = n.attrIndex(def.scaleBy);
    s.expMean = 0; // the general path applies the scale
  }
  if (def.durationFactor !== undefined) s.factor = compileTimeFactor(def.durationFactor, `${path}.durationFactor`);
  s.scaled = s.scale >= 0 || s.factor !== null;
}

function branchStep(n: Names, s: CompiledStep, def: BranchStep, at: Site): void {
  const path = at.path;
  s.kind = StepKind.Branch;
  if (!Array.isArray(def.options) || def.options.length === 0) throw new ModelError(`${path}.options`, 'a branch needs at least one option');
  let total = 0;
  s.targets = Int32Array.from(def.options, (o, k) => n.resolve(at.pathway, o.to, `${path}.options[${k}].to`));
  s.cumulative = Float64Array.from(def.options, (o, k) => {
    if (!(o.weight >= 0) || !Number.isFinite(o.weight)) throw new ModelError(`${path}.options[${k}].weight`, `expected a finite number ≥ 0, got ${o.weight}`);
    return (total += o.weight);
  });
  if (!(total > 0)) throw new ModelError(`${path}.options`, 'weights must not all be 0');
  for (let k = 0; k < s.cumulative.length; k++) s.cumulative[k] /= total;
  s.cumulative[s.cumulative.length - 1] = 1;
  s.stream = n.streamIndex(streamName(at, 'branch', def.stream));
}

const opCode: Record<Comparison, Op> = { '<': Op.Lt, '<=': Op.Le, '==': Op.Eq, '!=': Op.Ne, '>=': Op.Ge, '>': Op.Gt };

function switchStep(n: Names, s: CompiledStep, def: SwitchStep, at: Site): void {
  const path = at.path;
  s.kind = StepKind.Switch;
  s.attr = def.attribute === 'class' ? ATTR_CLASS : def.attribute === 'priority' ? ATTR_PRIORITY : n.attrIndex(def.attribute);
  if (def.elapsed === true) {
    // A kind of its own, so that plain switches pay nothing for it in the walker.
    if (s.attr < 0) throw new ModelError(`${path}.attribute`, `the time since "${def.attribute}" is not defined: elapsed compares with a time stamp attribute`);
    s.kind = StepKind.SwitchElapsed;
  }
  s.ops = Int32Array.from(def.cases, (c, k) => {
    const op = opCode[c.op];
    if (op === undefined) throw new ModelError(`${path}.cases[${k}].op`, `expected one of < <= == != >= >, got "${c.op}"`);
    return op;
  });
  s.values = Float64Array.from(def.cases, (c, k) => {
    if (typeof c.value === 'string') {
      if (s.attr !== ATTR_CLASS) throw new ModelError(`${path}.cases[${k}].value`, `a name is only compared with "class"; expected a number`);
      return n.classIndex(c.value);
    }
    return c.value;
  });
  s.targets = Int32Array.from(def.cases, (c, k) => n.resolve(at.pathway, c.to, `${path}.cases[${k}].to`));
  s.otherwise = n.resolve(at.pathway, def.otherwise, `${path}.otherwise`);
}

function setStep(n: Names, s: CompiledStep, def: SetStep, at: Site): void {
  const path = at.path;
  s.kind = StepKind.Set;
  s.attr = def.attribute === 'priority' ? ATTR_PRIORITY : n.attrIndex(def.attribute);
  if (def.attribute === 'class') throw new ModelError(`${path}.attribute`, 'the class of an entity is fixed at arrival');
  if (def.value === 'now') {
    s.otherwise = ATTR_NOW;
    if (def.ago !== undefined) {
      if (!isDistribution(def.ago)) throw new ModelError(`${path}.ago`, 'expected a distribution');
      s.dist = def.ago; // now minus a draw
      s.stream = n.streamIndex(streamName(at, 'set', def.stream));
    }
  } else if (def.ago !== undefined) throw new ModelError(`${path}.ago`, 'only with the value "now"');
  else if (typeof def.value === 'number') s.value = def.value;
  else if (isDistribution(def.value)) {
    s.dist = def.value;
    s.stream = n.streamIndex(streamName(at, 'set', def.stream));
  } else throw new ModelError(`${path}.value`, 'expected a number, a distribution or "now"');
}

function waitUntilStep(n: Names, s: CompiledStep, def: WaitUntilStep, at: Site): void {
  const path = at.path;
  s.kind = StepKind.WaitUntil;
  if (def.attribute !== undefined) {
    if (def.at !== undefined || def.every !== undefined) throw new ModelError(`${path}.attribute`, 'give either an attribute or at (and every), not both');
    s.attr = n.attrIndex(def.attribute);
    return;
  }
  s.every = def.every ?? 0;
  s.at = def.at!;
  if (!Number.isFinite(s.at) || s.at < 0) throw new ModelError(`${path}.at`, `expected a time ≥ 0, got ${def.at}`);
  if (def.every !== undefined && !(def.every > 0)) throw new ModelError(`${path}.every`, `expected a period > 0, got ${def.every}`);
  if (def.every !== undefined && s.at >= s.every) throw new ModelError(`${path}.at`, `expected a time within the period [0, ${fmt(s.every)}), got ${fmt(s.at)}`);
}

function recordStep(n: Names, s: CompiledStep, def: RecordStep, at: Site): void {
  const path = at.path;
  s.kind = StepKind.Record;
  if (!n.outputs.includes(def.name)) n.outputs.push(def.name);
  s.output = n.outputs.indexOf(def.name);
  s.attr = def.since === undefined ? -1 : n.attrIndex(def.since);
  if (def.countWhen !== undefined && def.countWhen !== 'started' && def.countWhen !== 'ended')
    throw new ModelError(`${path}.countWhen`, `expected "started" or "ended", got "${String(def.countWhen)}"`);
  s.countEnded = def.countWhen === 'ended';
  if (def.within !== undefined) {
    if (!(def.within >= 0) || !Number.isFinite(def.within)) throw new ModelError(`${path}.within`, `expected a time ≥ 0, got ${def.within}`);
    const known = n.targets.get(def.name);
    if (known !== undefined && known !== def.within) throw new ModelError(`${path}.within`, `output "${def.name}" already counts within ${fmt(known)} h; one target per output`);
    n.targets.set(def.name, def.within);
    s.value = def.within;
  } else s.value = NaN;
  if (def.centiles !== undefined) {
    def.centiles.forEach((c, k) => {
      if (!(c > 0 && c < 100)) throw new ModelError(`${path}.centiles[${k}]`, `expected a centile in (0, 100), got ${c}`);
    });
    const known = n.centiles.get(def.name);
    if (known !== undefined && known.join() !== def.centiles.join()) throw new ModelError(`${path}.centiles`, `output "${def.name}" already reports centiles ${known.join(', ')}; one list per output`);
    n.centiles.set(def.name, [...def.centiles]);
  }
  if (def.openWhileHolding !== undefined) {
    if (def.within === undefined) throw new ModelError(`${path}.openWhileHolding`, 'needs a target (within): open intervals are counted only when over it');
    if (s.countEnded) throw new ModelError(`${path}.openWhileHolding`, 'not with countWhen "ended": an interval still open at the end never ends in the window');
    const pool = n.poolRef(def.openWhileHolding, `${path}.openWhileHolding`, false);
    const known = n.openHolds.get(def.name);
    if (known !== undefined && (known.pool !== pool || known.attr !== s.attr))
      throw new ModelError(`${path}.openWhileHolding`, `output "${def.name}" already counts open intervals of another pool or stamp; one per output`);
    n.openHolds.set(def.name, { pool, attr: s.attr });
  }
  if (def.reportOpen) {
    if (def.within === undefined || s.attr < 0) throw new ModelError(`${path}.reportOpen`, 'needs a target (within) and a stamp (since): open intervals are those whose stamp is set');
    const known = n.openStamps.get(def.name);
    if (known !== undefined && known !== s.attr) throw new ModelError(`${path}.reportOpen`, `output "${def.name}" already reports the open intervals of another stamp; one per output`);
    n.openStamps.set(def.name, s.attr);
  }
}

function gotoStep(n: Names, s: CompiledStep, def: GotoStep, at: Site): void {
  s.kind = StepKind.Goto;
  s.otherwise = n.resolve(at.pathway, def.to, `${at.path}.to`);
}

function exitStep(n: Names, s: CompiledStep, def: ExitStep, at: Site): void {
  s.kind = StepKind.Exit;
  if (def.outcome === undefined) return;
  if (typeof def.outcome !== 'string' || def.outcome === '') throw new ModelError(`${at.path}.outcome`, 'expected the name of a way out (a non-empty string)');
  if (!n.outcomes.includes(def.outcome)) n.outcomes.push(def.outcome);
  s.outcome = n.outcomes.indexOf(def.outcome);
}

function enterStep(n: Names, s: CompiledStep, def: EnterStep, at: Site): void {
  s.kind = StepKind.Enter;
  const k = n.storeIds.indexOf(def.store);
  if (k < 0) throw new ModelError(`${at.path}.store`, `unknown store "${def.store}" (known: ${n.storeIds.join(', ') || 'none'})`);
  s.pool = k;
}
