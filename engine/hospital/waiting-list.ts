// The elective waiting list as referral-to-treatment (RTT) figures: each day a census of
// the list records its size, the share waiting within 18 weeks and the number waiting
// over 52 weeks since referral (a cancelled patient keeps their referral date).
import type { Control } from '../core/control.ts';

export const RTT_STANDARD_WEEKS = 18;
export const LONG_WAIT_WEEKS = 52;

export function listCensus(store: string, output: string): (c: Control) => void {
  return (c) => {
    const entries = c.members(store);
    let within = 0, over52 = 0;
    for (const e of entries) {
      const weeks = (c.now - c.attr(e, 'referred')) / 168;
      if (weeks <= RTT_STANDARD_WEEKS) within++;
      if (weeks > LONG_WAIT_WEEKS) over52++;
    }
    c.record(`${output}.size`, entries.length);
    c.record(`${output}.within18w`, entries.length > 0 ? within / entries.length : 1);
    c.record(`${output}.over52w`, over52);
  };
}
