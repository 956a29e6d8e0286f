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

export function listCensus(store: string, output: string): (c: Control) => void {
  return (c) => {
    const size = c.size(store);
    // Referred at or after these times: within 18 weeks; not over 52 weeks.
    const [within, notOver52] = c.countAtLeast(store, 'referred', [c.now - RTT_STANDARD_WEEKS * 168, c.now - LONG_WAIT_WEEKS * 168]);
    c.record(`${output}.size`, size);
    c.record(`${output}.within18w`, size > 0 ? within / size : 1);
    c.record(`${output}.over52w`, size - notOver52);
  };
}
