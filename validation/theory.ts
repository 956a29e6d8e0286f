// Exact answers of the queueing models behind the scenario reference cases
// (scenarios/reference/*.yaml): closed forms and small Markov chains solved exactly. The
// case files hold the numbers; test/validation/scenario-cases.test.ts recomputes each one
// here, so a value copied wrongly into a file fails the suite. Rates and times in any one
// unit (the callers use hours). Sources:
//  - Erlang B and C, M/M/c: Gross, Shortle, Thompson & Harris, Fundamentals of Queueing
//    Theory (4th ed.), §2.3 and §2.6;
//  - non-preemptive priorities, M/M/c with one service rate: Cobham (1954), in Gross et
//    al. §3.4.1: Wq_k = C(c, a) / (c·mu·(1 − sigma_{k−1})(1 − sigma_k));
//  - Erlang A (M/M/c+M): Palm (1943); Garnett, Mandelbaum & Reiman (2002): a birth–death
//    chain with death rate min(n, c)·mu + max(n − c, 0)·theta;
//  - Jackson networks: Jackson (1957, 1963), product form; an infinite-server node (time
//    at home) keeps it (Baskett, Chandy, Muntz & Palacios 1975);
//  - M_t/M/∞: Eick, Massey & Whitt (1993): m'(t) = lambda(t) − mu·m(t), N(t) ~ Poisson(m(t)).

/** Erlang B: the share of arrivals lost by c servers with no waiting room at offered load a (B_k = a·B_{k−1}/(k + a·B_{k−1})). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability that an arrival waits, c servers, offered load a < c. */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new Error(`erlangC: unstable (a = ${a} ≥ c = ${c})`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c: waits and occupancy (lambda arrivals and mu services per unit of time). */
export function mmc(c: number, lambda: number, mu: number) {
  const a = lambda / mu;
  const pWait = erlangC(c, a);
  const wq = pWait / (c * mu - lambda);
  return { a, rho: a / c, pWait, wq, lq: lambda * wq, w: wq + 1 / mu, l: lambda * wq + a };
}

/** M/M/c: time fraction with exactly n present (n = 0 … max), from the birth–death balance. */
export function mmcDistribution(c: number, lambda: number, mu: number, max: number): number[] {
  const a = lambda / mu;
  const rho = a / c;
  const w: number[] = [1];
  for (let n = 1; n <= max; n++) w.push(w[n - 1] * (n <= c ? a / n : rho));
  // The geometric tail beyond max, summed exactly.
  const tail = (w[max] * rho) / (1 - rho);
  const total = w.reduce((s, x) => s + x, 0) + tail;
  return w.map((x) => x / total);
}

/** Non-preemptive priority M/M/c, one service rate mu: mean wait of each class, most urgent first. */
export function priorityMmc(c: number, lambdas: readonly number[], mu: number): number[] {
  const lambda = lambdas.reduce((s, x) => s + x, 0);
  const base = erlangC(c, lambda / mu) / (c * mu);
  let before = 0;
  return lambdas.map((l) => {
    const upTo = before + l / (c * mu);
    const w = base / ((1 - before) * (1 - upTo));
    before = upTo;
    return w;
  });
}

/**
 * Erlang A (M/M/c+M): c servers, Poisson lambda, exponential service mu and patience
 * theta (waiting patients leave at that rate). Besides the chain's averages, the mean
 * wait of the patients who are served: an arrival that finds k waiting ahead of it
 * (PASTA) reaches a server after V = Σ_{j=0..k} Exp(c·mu + j·theta) (the head leaves by a
 * service or anyone ahead by abandoning), and is served if its own patience outlasts V:
 * P(served) = E e^{−theta·V} and E[V; served] = E[V e^{−theta·V}], from V's Laplace transform.
 */
export function erlangA(c: number, lambda: number, mu: number, theta: number) {
  const p: number[] = [1];
  // Truncated where the weights are negligible (below 1e-18 of the total, and falling).
  for (let n = 1; n < 100_000; n++) {
    p.push((p[n - 1] * lambda) / (Math.min(n, c) * mu + Math.max(n - c, 0) * theta));
    if (n > c && p[n] < 1e-18 * p.reduce((s, x) => s + x, 0)) break;
  }
  const total = p.reduce((s, x) => s + x, 0);
  const pi = p.map((x) => x / total);
  let lq = 0, busy = 0, pWait = 0, served = 0, waitServed = 0;
  pi.forEach((x, n) => {
    busy += x * Math.min(n, c);
    if (n < c) {
      served += x;
      return;
    }
    pWait += x;
    lq += x * (n - c);
    // k = n − c ahead: transform at theta and the sum for its derivative.
    let lt = 1, d = 0;
    for (let j = 0; j <= n - c; j++) {
      const r = c * mu + j * theta;
      lt *= r / (r + theta);
      d += 1 / (r + theta);
    }
    served += x * lt;
    waitServed += x * lt * d;
  });
  return {
    pAbandon: 1 - served,
    pWait,
    lq,
    /** Mean wait over all arrivals (abandoners up to when they leave): Little. */
    wqAll: lq / lambda,
    /** Mean wait of the patients who are served. */
    wqServed: waitServed / served,
    utilisation: busy / c,
    throughput: lambda * served,
  };
}

/**
 * Stationary distribution of a finite continuous-time Markov chain whose transitions
 * stay within `band` states of each other in the given numbering (states ordered by a
 * level, as a quasi-birth–death chain). Solves πQ = 0 with π_0 = 1 then normalises, by
 * Gaussian elimination within the band (no pivoting: the reduced transposed generator is
 * column diagonally dominant).
 */
export function stationary(size: number, transitions: (i: number) => [number, number][]): number[] {
  const out = Array.from({ length: size }, (_, i) => transitions(i).filter(([j, r]) => j !== i && r > 0));
  let band = 0;
  out.forEach((ts, i) => ts.forEach(([j]) => { band = Math.max(band, Math.abs(j - i)); }));
  // Equations for states 1..size−1: Σ_i π_i Q[i][j] = 0, unknowns π_1.., π_0 = 1 on the right.
  const n = size - 1;
  const width = 2 * band + 1;
  const A = Array.from({ length: n }, () => new Float64Array(width));
  const rhs = new Float64Array(n);
  const at = (row: number, col: number) => col - row + band; // row = equation j−1, col = unknown i−1
  out.forEach((ts, i) => {
    const rate = ts.reduce((s, [, r]) => s + r, 0);
    if (i > 0) A[i - 1][at(i - 1, i - 1)] -= rate;
    for (const [j, r] of ts) {
      if (j === 0) continue;
      if (i === 0) rhs[j - 1] -= r;
      else A[j - 1][at(j - 1, i - 1)] += r;
    }
  });
  for (let k = 0; k < n; k++) {
    const pivot = A[k][band];
    for (let r = k + 1; r <= Math.min(n - 1, k + band); r++) {
      const f = A[r][at(r, k)] / pivot;
      if (f === 0) continue;
      for (let col = k; col <= Math.min(n - 1, k + band); col++) A[r][at(r, col)] -= f * A[k][at(k, col)];
      rhs[r] -= f * rhs[k];
    }
  }
  const x = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    let s = rhs[k];
    for (let col = k + 1; col <= Math.min(n - 1, k + band); col++) s -= A[k][at(k, col)] * x[col];
    x[k] = s / A[k][band];
  }
  const pi = [1, ...x];
  const total = pi.reduce((s, v) => s + v, 0);
  return pi.map((v) => v / total);
}

/**
 * ED cubicles feeding a ward, with bed-blocking: Poisson lambda into c1 cubicles (FIFO,
 * unlimited queue), treatment Exp(mu1); then with probability q the patient needs one of
 * c2 ward beds and, if none is free, keeps the cubicle until one frees (blocking after
 * service); otherwise they go home. Ward stay Exp(mu2). State: n in the ED (waiting,
 * treated or blocked), b blocked, w beds in use (b > 0 only when w = c2). Truncated at
 * `maxEd` in the ED (arrivals beyond it are refused: choose it where π is negligible).
 */
export function edWardBlocking(p: { lambda: number; c1: number; mu1: number; q: number; c2: number; mu2: number; maxEd: number }) {
  const { lambda, c1, mu1, q, c2, mu2, maxEd } = p;
  const states: [number, number, number][] = [];
  const index = new Map<string, number>();
  for (let n = 0; n <= maxEd; n++) {
    for (let w = 0; w < c2; w++) states.push([n, 0, w]);
    for (let b = 0; b <= Math.min(n, c1); b++) states.push([n, b, c2]);
  }
  states.forEach((s, i) => index.set(s.join(','), i));
  const id = (n: number, b: number, w: number) => index.get(`${n},${b},${w}`)!;
  const pi = stationary(states.length, (i) => {
    const [n, b, w] = states[i];
    const t: [number, number][] = [];
    if (n < maxEd) t.push([id(n + 1, b, w), lambda]);
    const treating = Math.min(n, c1) - b;
    if (treating > 0) {
      t.push([id(n - 1, b, w), treating * mu1 * (1 - q)]); // home
      t.push([w < c2 ? id(n - 1, 0, w + 1) : id(n, b + 1, w), treating * mu1 * q]); // a bed, or blocked
    }
    if (w > 0) t.push([b > 0 ? id(n - 1, b - 1, w) : id(n, 0, w - 1), w * mu2]); // a blocked patient takes the bed
    return t;
  });
  const mean = (f: (s: [number, number, number]) => number) => states.reduce((acc, s, i) => acc + pi[i] * f(s), 0);
  const inEd = mean(([n]) => n), queue = mean(([n]) => Math.max(n - c1, 0)), blocked = mean(([, b]) => b);
  const cubiclesBusy = mean(([n]) => Math.min(n, c1)), bedsBusy = mean(([, , w]) => w);
  return {
    /** Probability mass at the truncation level (should be negligible). */
    atLimit: mean(([n]) => (n === maxEd ? 1 : 0)),
    waitCubicle: queue / lambda,
    /** Mean time an admitted patient waits for a bed in the cubicle. */
    waitBed: blocked / (lambda * q),
    cubicleOccupancy: cubiclesBusy / c1,
    bedOccupancy: bedsBusy / c2,
    timeInEd: inEd / lambda,
    timeInSystem: inEd / lambda + q / mu2,
  };
}

/**
 * M_t/M/∞ with a rate constant on each hour of a 24-hour day (rates[h] on [h, h+1)):
 * the periodic mean occupancy, averaged over each hour. On an hour at rate r,
 * m(t) = r/mu + (m(h) − r/mu)·e^{−mu(t−h)}; the cycle closes where m(24) = m(0).
 */
export function mtInfinityHourly(rates: readonly number[], mu: number): number[] {
  const decay = Math.exp(-mu);
  // m(24) = A·m(0) + B, linear in m(0).
  let A = 1, B = 0;
  for (const r of rates) {
    A *= decay;
    B = r / mu + (B - r / mu) * decay;
  }
  let m = B / (1 - A);
  return rates.map((r) => {
    const average = r / mu + ((m - r / mu) * (1 - decay)) / mu;
    m = r / mu + (m - r / mu) * decay;
    return average;
  });
}

/**
 * Mean size over [from, to) of a list that starts with `initial` patients at time 0, is
 * joined at `perHour` on average and loses `count` patients at each of the given hours of
 * every week (the list never runs short): E[size(t)] = initial + perHour·t − removals up
 * to t, averaged exactly. Deterministic arithmetic, for waiting lists booked at capacity.
 */
export function listSizeMean(p: { initial: number; perHour: number; removals: readonly { hourOfWeek: number; count: number }[]; from: number; to: number }): number {
  const { initial, perHour, from, to } = p;
  let removed = 0; // ∫ removals-so-far dt over [from, to)
  for (let week = 0; week * 168 < to; week++)
    for (const r of p.removals) {
      const at = week * 168 + r.hourOfWeek;
      if (at < to) removed += r.count * (to - Math.max(at, from));
    }
  return initial + (perHour * (from + to)) / 2 - removed / (to - from);
}
