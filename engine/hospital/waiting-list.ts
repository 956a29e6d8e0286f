// The elective waiting list as referral-to-treatment (RTT) figures: each week a census of
// the list records its size, the share waiting within 18 weeks and the number waiting
// over 52 weeks since referral (a cancelled patient keeps their referral date). Weekly,
// as national RTT figures are monthly snapshots: a daily census of a list of thousands
// cost a quarter of a replication and moves the means of slowly changing shares by little.
// (The list's mean size is the store's exact time average, kpis.ts.)
import type { Control } from '../core/control.ts';

export const RTT_STANDARD_WEEKS = 18;
export const LONG_WAIT_WEEKS = 52;
/** Hours between censuses. */
export const CENSUS_EVERY = 168;

export function listCensus(store: string, output: string): (c: Control) => void {
  return (c) => {
    const [referred] = c.table(store, ['referred']).values;
    const now = c.now;
    let within = 0, over52 = 0;
    for (let k = 0; k < referred.length; k++) {
      const weeks = (now - referred[k]) / 168;
      if (weeks <= RTT_STANDARD_WEEKS) within++;
      if (weeks > LONG_WAIT_WEEKS) over52++;
    }
    c.record(`${output}.size`, referred.length);
    c.record(`${output}.within18w`, referred.length > 0 ? within / referred.length : 1);
    c.record(`${output}.over52w`, over52);
  };
}
