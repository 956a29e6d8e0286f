// Arrival sources at run time (arrivals.ts defines them): each source has one pending
// arrival in the calendar; when it comes, the next is drawn and the entities of the
// arrival (a batch, possibly) are created and start walking their pathway.
import type { CompiledSource } from './model.ts';
import { rateAt } from './arrivals.ts';
import type { Rng } from './random.ts';
import type { Walker } from './walk.ts';
import type { Observation } from './observation.ts';
import type { Kernel } from './kernel.ts';
import { exp, log } from './math.ts';
import { pieceAt } from './time-factor.ts';

/**
 * With a rate factor that grows (or falls), thinning candidates come in windows short
 * enough that the growth within one is at most this (as a log): the bound on the rate is
 * then within e^0.1 of the rate, however long the run and whatever the growth.
 */
const GROWTH_PER_WINDOW = 0.1;

export class ArrivalSources {
  /** Sources that will still send entities: with none and nobody left, a run without a horizon ends. */
  active: number;
  private readonly k: Kernel;
  private readonly sources: CompiledSource[];
  private readonly rngs: Rng[];
  private readonly walker: Walker;
  private readonly observation: Observation;
  private serialSeq = 0;
  private readonly sourceCount: Int32Array;
  private readonly sourceNext: Int32Array; // next index in a schedule
  // Appointment sources: one period's arrival times, drawn and sorted, and where we are in them.
  private readonly apptTimes: (Float64Array | null)[];
  private readonly apptCount: Int32Array;
  private readonly apptPos: Int32Array;
  private readonly apptPeriod: Int32Array;

  constructor(k: Kernel) {
    this.k = k;
    this.sources = k.model.sources;
    this.rngs = k.rngs;
    this.walker = k.walker;
    this.observation = k.observation;
    const n = this.sources.length;
    this.active = n;
    this.sourceCount = new Int32Array(n);
    this.sourceNext = new Int32Array(n);
    this.apptTimes = this.sources.map((src) => (src.def.appointments && src.def.times ? new Float64Array(src.def.times.length) : null));
    this.apptCount = new Int32Array(n);
    this.apptPos = new Int32Array(n);
    this.apptPeriod = new Int32Array(n);
  }

  /** The first arrival of every source (the order fixes calendar sequence numbers). */
  start(): void {
    for (const s of this.sources) this.scheduleFirst(s);
  }

  arrive(si: number): void {
    const k = this.k;
    const src = this.sources[si];
    const def = src.def;
    const now = k.now;
    k.events++;
    this.sourceCount[si]++;
    this.scheduleNext(src);
    let n = 1;
    if (def.batch !== undefined) n = typeof def.batch === 'number' ? def.batch : Math.max(0, Math.round(def.batch.sample(this.rngs[src.batchStream])));
    const attrs = src.attrs;
    const ent = k.ent;
    const nAttrs = k.nAttrs;
    for (let j = 0; j < n; j++) {
      if (ent.count >= k.maxInSystem) k.overBudget('inSystem');
      const e = ent.create();
      ent.born[e] = now;
      ent.since[e] = now;
      ent.cls[e] = src.cls;
      ent.prio[e] = src.priority;
      ent.serial[e] = ++this.serialSeq;
      ent.step[e] = src.start;
      for (let a = 0; a < attrs.length; a++) {
        const at = attrs[a];
        ent.attrs[e * nAttrs + at.attr] = typeof at.value === 'number' ? at.value : at.value.sample(this.rngs[at.stream]);
      }
      const obs = this.observation;
      obs.arrived++;
      obs.arrivedByClass[src.cls]++;
      if (k.observer) k.emit('arrive', e);
      k.batchLeft = n - 1 - j;
      this.walker.advance(e);
    }
    k.batchLeft = 0;
  }

  private scheduleFirst(src: CompiledSource): void {
    const def = src.def;
    if (def.limit === 0) return this.done();
    if (def.times) {
      this.sourceNext[src.index] = 0;
      return this.scheduleFromTimes(src, 0);
    }
    const start = def.start ?? 0;
    const t = def.firstAt ?? this.nextGap(src, start);
    this.scheduleAt(src, t);
  }

  private scheduleNext(src: CompiledSource): void {
    const def = src.def;
    const now = this.k.now;
    if (def.limit !== undefined && this.sourceCount[src.index] >= def.limit) return this.done();
    if (src.expMean > 0) return this.scheduleAt(src, now - src.expMean * log(1 - this.rngs[src.stream]()));
    if (def.times) return this.scheduleFromTimes(src, now);
    this.scheduleAt(src, this.nextGap(src, now));
  }

  private nextGap(src: CompiledSource, from: number): number {
    if (src.rateFactor !== null) return this.nextGapScaled(src, from);
    const rng = this.rngs[src.stream];
    const def = src.def;
    if (def.interarrival) {
      const d = def.interarrival;
      return from + (d.kind === 'exponential' ? -d.mean * log(1 - rng()) : d.sample(rng));
    }
    // Thinning (Lewis & Shedler 1979): candidates at the peak rate, accepted with rate(t)/peak.
    const profile = def.profile!;
    const peak = src.peak;
    if (peak <= 0) return Infinity;
    let t = from;
    for (;;) {
      t += -log(1 - rng()) / peak;
      if (rng() * peak < rateAt(profile, t)) return t;
    }
  }

  /**
   * The next arrival of a Poisson source whose rate is multiplied by a factor over time:
   * thinning as above, with a bound that holds piece by piece (the base peak × the piece's
   * factor × the growth at the end of a window, or at its start when the growth is a fall).
   * A candidate beyond its window is not used: by the exponential's lack of memory, the
   * process starts again at the window's end under the next bound. So candidates never
   * outrun arrivals by more than the base profile's peak-to-rate ratio times e^0.1, in a
   * winter at 1.15 or after ten years of growth alike. Nothing is drawn past the horizon.
   */
  private nextGapScaled(src: CompiledSource, from: number): number {
    const rng = this.rngs[src.stream];
    const f = src.rateFactor!;
    const profile = src.def.profile;
    const peak = src.peak;
    if (!(peak > 0)) return Infinity;
    const end = Math.min(this.k.horizon, src.def.until ?? Infinity);
    const g = f.growth;
    const span = g === 0 ? Infinity : GROWTH_PER_WINDOW / Math.abs(g);
    const breaks = f.breaks;
    let i = pieceAt(f, from);
    let t = from;
    for (;;) {
      if (t > end) return Infinity;
      while (i < breaks.length && breaks[i] <= t) i++;
      const pieceEnd = i < breaks.length ? breaks[i] : Infinity;
      const w = Math.min(pieceEnd, t + span);
      const x = f.factors[i];
      const bound = g === 0 ? peak * x : peak * x * exp(g * (g > 0 ? w : t));
      if (!(bound > 0)) {
        // Nothing arrives in this piece (or the fall has gone below what a double holds).
        if (w === Infinity || (g < 0 && pieceEnd === Infinity)) return Infinity;
        t = w;
        continue;
      }
      const c = t - log(1 - rng()) / bound;
      if (c >= w) { t = w; continue; }
      t = c;
      const base = profile === undefined ? peak : rateAt(profile, c);
      const rate = g === 0 ? base * x : base * x * exp(g * c);
      if (rng() * bound < rate) return c;
    }
  }

  private scheduleFromTimes(src: CompiledSource, from: number): void {
    const def = src.def;
    if (def.appointments) return this.scheduleFromAppointments(src, from);
    const times = def.times!;
    const j = this.sourceNext[src.index]++;
    let t: number;
    if (def.repeatEvery !== undefined) t = Math.floor(j / times.length) * def.repeatEvery + times[j % times.length];
    else if (j < times.length) t = times[j];
    else return this.done();
    if (t < from) return this.scheduleFromTimes(src, from); // a time before the start is skipped
    this.scheduleAt(src, t);
  }

  /**
   * The next booked entity to arrive. A period's appointments are drawn together (for each,
   * a no-show draw and a punctuality draw, always both, so that changing one keeps the
   * other's numbers), kept within the period, sorted, then handed out in order; the next
   * period is drawn when they run out. The buffer is allocated once per source.
   */
  private scheduleFromAppointments(src: CompiledSource, from: number): void {
    const def = src.def;
    const times = def.times!;
    const buf = this.apptTimes[src.index]!;
    const i = src.index;
    for (;;) {
      while (this.apptPos[i] < this.apptCount[i]) {
        const t = buf[this.apptPos[i]++];
        if (t >= from) return this.scheduleAt(src, t);
      }
      const p = this.apptPeriod[i]++;
      if (p > 0 && def.repeatEvery === undefined) return this.done();
      const period = def.repeatEvery ?? Infinity;
      const base = def.repeatEvery === undefined ? 0 : p * def.repeatEvery;
      if (!(base <= (def.until ?? Infinity)) || base >= this.k.horizon) return this.done();
      const rng = this.rngs[src.stream];
      const { punctuality, noShow = 0 } = def.appointments!;
      let n = 0;
      for (let j = 0; j < times.length; j++) {
        const absent = rng() < noShow;
        let t = base + times[j];
        if (punctuality) t += punctuality.dist.sample(rng) - punctuality.shift;
        if (absent) continue;
        // Kept within the period, so that periods never interleave.
        if (t < base) t = base;
        if (t >= base + period) t = base + period - 1e-9;
        buf[n++] = t;
      }
      const filled = buf.subarray(0, n);
      filled.sort();
      this.apptCount[i] = n;
      this.apptPos[i] = 0;
    }
  }

  private scheduleAt(src: CompiledSource, t: number): void {
    const until = src.def.until ?? Infinity;
    if (!(t <= until) || t === Infinity) return this.done();
    this.k.arrivalAt(src.index, t);
  }

  private done(): void {
    this.active--;
  }
}
