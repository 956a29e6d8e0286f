// Compiling what acts on its own at scheduled times: arrival sources (checked field by
// field, their streams and attributes named) and controllers (their times checked).
import { ModelError } from './errors.ts';
import { exponential } from './distributions.ts';
import { peakRate, type SourceDef } from './arrivals.ts';
import type { ControllerDef } from './control.ts';
import type { CompiledModel, CompiledSource } from './model.ts';
import { isDistribution, type Names } from './compile-names.ts';
import { compileTimeFactor, type CompiledTimeFactor } from './time-factor.ts';

export function compileSource(n: Names, id: string, def: SourceDef, index: number): CompiledSource {
  const path = `sources.${id}`;
  const start = n.resolve('', def.pathway, `${path}.pathway`);
  const kinds = [def.rate, def.interarrival, def.profile, def.times].filter((x) => x !== undefined).length;
  if (kinds !== 1) throw new ModelError(path, 'give exactly one of rate, interarrival, profile or times');
  if (def.appointments !== undefined) {
    const a = def.appointments;
    if (def.times === undefined) throw new ModelError(`${path}.appointments`, 'appointments need the appointment times (times)');
    if (a.noShow !== undefined && !(a.noShow >= 0 && a.noShow < 1)) throw new ModelError(`${path}.appointments.noShow`, `expected a probability in [0, 1), got ${a.noShow}`);
    if (a.punctuality !== undefined && (!isDistribution(a.punctuality.dist) || !Number.isFinite(a.punctuality.shift)))
      throw new ModelError(`${path}.appointments.punctuality`, 'expected { dist: a distribution, shift: a number of hours }');
  }
  if (def.rate !== undefined) {
    if (!(def.rate > 0) || !Number.isFinite(def.rate)) throw new ModelError(`${path}.rate`, `expected a rate per hour > 0, got ${def.rate}`);
    def = { ...def, interarrival: exponential(1 / def.rate) };
  }
  if (def.interarrival !== undefined && !isDistribution(def.interarrival)) throw new ModelError(`${path}.interarrival`, 'expected a distribution');
  if (def.interarrival !== undefined && def.interarrival.mean <= 0) throw new ModelError(`${path}.interarrival`, `mean time between arrivals must be > 0, got ${def.interarrival}`);
  let peak = 0;
  if (def.profile) {
    const p = def.profile;
    if (p.kind === 'piecewise') {
      if (!(p.step > 0)) throw new ModelError(`${path}.profile.step`, `expected > 0, got ${p.step}`);
      p.rates.forEach((r, k) => {
        if (!(r >= 0) || !Number.isFinite(r)) throw new ModelError(`${path}.profile.rates[${k}]`, `expected a rate ≥ 0, got ${r}`);
      });
    } else {
      if (!(p.mean >= 0)) throw new ModelError(`${path}.profile.mean`, `expected a rate ≥ 0, got ${p.mean}`);
      if (!(Math.abs(p.amplitude) <= 1)) throw new ModelError(`${path}.profile.amplitude`, `expected |amplitude| ≤ 1 (a rate is never negative), got ${p.amplitude}`);
      if (!(p.period > 0)) throw new ModelError(`${path}.profile.period`, `expected > 0, got ${p.period}`);
    }
    peak = peakRate(p);
  }
  if (def.times) {
    const times = def.times, repeatEvery = def.repeatEvery;
    times.forEach((t, k) => {
      if (!(t >= 0) || !Number.isFinite(t)) throw new ModelError(`${path}.times[${k}]`, `expected a time ≥ 0, got ${t}`);
      if (k > 0 && t < times[k - 1]) throw new ModelError(`${path}.times[${k}]`, 'times must be in increasing order');
      if (repeatEvery !== undefined && t >= repeatEvery) throw new ModelError(`${path}.times[${k}]`, `must lie within the repeat period ${repeatEvery}`);
    });
    if (repeatEvery !== undefined && !(repeatEvery > 0)) throw new ModelError(`${path}.repeatEvery`, `expected > 0, got ${repeatEvery}`);
    if (repeatEvery !== undefined && times.length === 0) throw new ModelError(`${path}.times`, 'a repeating schedule needs at least one time');
  }
  let rateFactor: CompiledTimeFactor | null = null;
  if (def.rateFactor !== undefined) {
    // Thinning needs a Poisson process: a renewal process with other gaps has no rate to scale.
    if (def.times !== undefined || (def.profile === undefined && def.interarrival?.kind !== 'exponential'))
      throw new ModelError(`${path}.rateFactor`, 'a rate factor applies to Poisson arrivals only (rate, profile or an exponential interarrival)');
    rateFactor = compileTimeFactor(def.rateFactor, `${path}.rateFactor`);
    if (rateFactor && !def.profile) peak = def.rate ?? 1 / def.interarrival!.mean;
  }
  if (typeof def.batch === 'number' && (!Number.isInteger(def.batch) || def.batch < 1))
    throw new ModelError(`${path}.batch`, `expected an integer ≥ 1, got ${def.batch}`);
  if (def.limit !== undefined && (!Number.isInteger(def.limit) || def.limit < 0)) throw new ModelError(`${path}.limit`, `expected an integer ≥ 0, got ${def.limit}`);
  return {
    id, index, start, def, peak, rateFactor,
    // A rate factor draws every gap by thinning (arrival-sources.ts), never inline.
    expMean: def.interarrival?.kind === 'exponential' && rateFactor === null ? def.interarrival.mean : 0,
    cls: n.classIndex(def.class ?? 'default'),
    priority: def.priority ?? 0,
    stream: n.streamIndex(`arrivals:${id}`),
    batchStream: n.streamIndex(`batch:${id}`),
    attrs: Object.entries(def.attributes ?? {}).map(([name, value]) => ({
      attr: n.attrIndex(name), value, stream: isDistribution(value) ? n.streamIndex(`attr:${id}/${name}`) : -1,
    })),
  };
}

export function compileController(id: string, d: ControllerDef, index: number): CompiledModel['controllers'][number] {
  const path = `controllers.${id}`;
  if (typeof d.act !== 'function') throw new ModelError(`${path}.act`, 'expected a function');
  if (!Array.isArray(d.times) || d.times.length === 0) throw new ModelError(`${path}.times`, 'a controller needs at least one time');
  d.times.forEach((t, k) => {
    if (!(t >= 0) || !Number.isFinite(t)) throw new ModelError(`${path}.times[${k}]`, `expected a time ≥ 0, got ${t}`);
    if (k > 0 && t <= d.times[k - 1]) throw new ModelError(`${path}.times[${k}]`, 'times must be in increasing order');
    if (d.repeatEvery !== undefined && t >= d.repeatEvery) throw new ModelError(`${path}.times[${k}]`, `must lie within the repeat period ${d.repeatEvery}`);
  });
  if (d.repeatEvery !== undefined && !(d.repeatEvery > 0)) throw new ModelError(`${path}.repeatEvery`, `expected > 0, got ${d.repeatEvery}`);
  return { id, index, times: d.times, repeatEvery: d.repeatEvery ?? null, act: d.act };
}
