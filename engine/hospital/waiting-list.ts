// The elective waiting list as referral-to-treatment (RTT) figures: each day a census of
// the list records its size, the share waiting within 18 weeks and the number waiting
// over 52 weeks since referral (a cancelled patient keeps their referral date), counted in
// one pass over the list by the engine (a list of thousands, every day). Daily, not
// weekly: lists change within the week (sessions run on weekdays), so a census at one
// fixed hour of the week would be biased. (The list's mean size is the store's exact
// time average, kpis.ts.)
import type { Control } from '../core/control.ts';

export const RTT_STANDARD_WEEKS = 18;
export const LONG_WAIT_WEEKS = 52;
/** Hours between censuses. */
export const CENSUS_EVERY = 24;

/** Attribute holding a listed patient's class, as its index among `ages.classes` (set on joining the list). */
export const LIST_CLASS = 'listClass';

/** Output of the share over `weeks` (of one class's patients, with `cls`). */
export const listOverOutput = (output: string, weeks: number, cls?: string) => `${output}.over.${weeks}w${cls === undefined ? '' : `.${cls}`}`;
/** Output of the same share on one day's census alone (ListAges.days). */
export const listOverOnDayOutput = (output: string, weeks: number, day: number, cls?: string) => `${listOverOutput(output, weeks, cls)}.day${day}`;

/**
 * The ages asked for beyond the standard ones: the share of the list waiting over each
 * of `weeks` since referral, overall and for each class (the classes referred to it, their
 * index in LIST_CLASS).
 */
export interface ListAges {
  weeks: readonly number[];
  classes: readonly string[];
  /** Days (censuses at day × 24 h) whose shares are also recorded on their own: a snapshot of the list's ages. */
  days?: readonly number[];
}

export function listCensus(store: string, output: string, ages?: ListAges): (c: Control) => void {
  // Output names made once, not every day.
  const sizeOut = `${output}.size`, withinOut = `${output}.within18w`, over52Out = `${output}.over52w`;
  return (c) => {
    const size = c.size(store);
    // Referred at or after these times: within 18 weeks; not over 52 weeks.
    const [within, notOver52] = c.countAtLeast(store, 'referred', [c.now - RTT_STANDARD_WEEKS * 168, c.now - LONG_WAIT_WEEKS * 168]);
    c.record(sizeOut, size);
    c.record(withinOut, size > 0 ? within / size : 1);
    c.record(over52Out, size - notOver52);
    if (ages && ages.weeks.length > 0) countOver(c, store, output, ages);
  };
}

/** One pass over the list: by class, how many there are and how many were referred before each threshold. */
function countOver(c: Control, store: string, output: string, ages: ListAges): void {
  const nw = ages.weeks.length, nc = ages.classes.length;
  const before = ages.weeks.map((w) => c.now - w * 168);
  const { values: [referred, cls] } = c.table(store, ['referred', LIST_CLASS]);
  const over = new Float64Array(nw * nc);
  const size = new Float64Array(nc);
  for (let e = 0; e < referred.length; e++) {
    const k = cls[e];
    size[k]++;
    // Over N weeks: referred strictly before now - N weeks (the census's "within" is the complement).
    for (let j = 0; j < nw; j++) if (referred[e] < before[j]) over[j * nc + k]++;
  }
  const total = size.reduce((a, b) => a + b, 0);
  // A census on a day asked for is also recorded on its own (CENSUS_EVERY is a day).
  const day = ages.days && ages.days.length > 0 && c.now % CENSUS_EVERY === 0 && ages.days.includes(c.now / CENSUS_EVERY) ? c.now / CENSUS_EVERY : -1;
  ages.weeks.forEach((w, j) => {
    let all = 0;
    ages.classes.forEach((name, k) => {
      all += over[j * nc + k];
      const share = size[k] > 0 ? over[j * nc + k] / size[k] : 0;
      c.record(listOverOutput(output, w, name), share);
      if (day >= 0) c.record(listOverOnDayOutput(output, w, day, name), share);
    });
    c.record(listOverOutput(output, w), total > 0 ? all / total : 0);
    if (day >= 0) c.record(listOverOnDayOutput(output, w, day), total > 0 ? all / total : 0);
  });
}
