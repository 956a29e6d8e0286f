// Mutual aid between hospitals: at regular times, patients who have waited longer than a
// threshold since referral are offered a transfer to a site whose list is expected to
// treat them sooner; some accept, and a weekly cap limits the transfers. A transferred
// patient keeps their referral date and clinical priority and joins the other list after
// a transfer delay. A patient is offered a transfer once: one who declines stays on their
// list and is not asked again (as in the national PIDMAS offer), so the acceptance
// probability is the share of offered patients who move, not a weekly coin toss that
// nearly everyone eventually wins.
import type { Model } from '../core/model.ts';
import type { Control } from '../core/control.ts';
import type { Distribution } from '../core/distributions.ts';
import { delay, goto } from '../core/pathway.ts';
import { RESERVED, WEEK } from './booking.ts';
import { AID_HOME, type ElectiveService } from './elective.ts';

/**
 * A list that shares its long waiters: a theatre list (an elective service) or one booked
 * into clinic or scanner slots, told by where a transferred patient joins it and how many
 * it treats in a week (its expected wait is its size over that).
 */
export interface AidList {
  id: string;
  /** The pathway label a transferred patient joins the list at (their referral date kept). */
  join: string;
  /** Patients its sessions treat in a week. */
  capacity: number;
  /** Its code, to count the patients it receives (elective.ts); clinic lists have none. */
  aidCode?: number;
}

/** A theatre list as a list of mutual aid. */
export function theatreAidList(svc: ElectiveService): AidList {
  return { id: svc.id, join: `elective:${svc.id}/list`, capacity: weeklyCapacity(svc), ...(svc.aidCode !== undefined ? { aidCode: svc.aidCode } : {}) };
}

export interface MutualAidPolicy {
  id: string;
  /** Lists (theatre lists, or lists booked into clinic or scanner slots) that share their waiting lists. */
  services: AidList[];
  /** Offer a transfer to patients waiting longer than this since referral. */
  thresholdWeeks: number;
  /** Probability that a patient offered a transfer accepts it. */
  acceptance: number;
  /** Time from accepting to joining the other list. */
  transferDelay: Distribution;
  /** Most transfers per week, all lists together. */
  weeklyCap: number;
  /** Offer only where the expected wait is shorter by at least this many weeks (default 4). */
  marginWeeks?: number;
  /** When offers are made: hours into the week (default Monday 09:00). */
  atHourOfWeek?: number;
}

export const mutualAidOutputs = (id: string) => ({
  transfers: `transfers:${id}`,
  offers: `transfer-offers:${id}`,
  /** Transfers from one list to another (one observation each, when accepted): the flows between sites. */
  flow: (from: string, to: string) => `transfers:${id}:${from}>${to}`,
});

/** Cases a list can treat in a week: its sessions filled with cases of the mean planned time. */
export function weeklyCapacity(svc: ElectiveService): number {
  const mean = svc.planned.mean;
  return svc.sessions.reduce((n, s) => n + Math.min(s.maxCases ?? Infinity, Math.floor((s.end - s.start) / mean + 1e-9)), 0);
}

export function addMutualAid(model: Model, policy: MutualAidPolicy): void {
  const lists = policy.services.map((s) => ({ id: s.id, store: `list:${s.id}`, capacity: s.capacity }));
  for (const [k, to] of lists.entries())
    model.pathway(`transfer:${policy.id}:${to.id}`, [delay(policy.transferDelay, { stream: `transfer-delay:${policy.id}` }), goto(policy.services[k].join)]);
  const offered = `aid-offered:${policy.id}`;
  model.attributes(offered, AID_HOME);
  const out = mutualAidOutputs(policy.id);
  const threshold = policy.thresholdWeeks * WEEK;
  const margin = (policy.marginWeeks ?? 4) * WEEK;
  const act = (c: Control) => {
    // Expected wait of a list: its size over what its sessions treat in a week.
    const size = lists.map((l) => c.size(l.store));
    const wait = (k: number) => (lists[k].capacity > 0 ? (size[k] / lists[k].capacity) * WEEK : Infinity);
    const candidates = lists
      .flatMap((l, k) => c.entries(l.store).map((e) => ({ e, from: k, referred: c.attr(e.entity, 'referred') })))
      // Not a patient already booked for a session here (booking notice), nor one asked before.
      .filter((x) => c.now - x.referred > threshold && !(c.attr(x.e.entity, offered) === 1) && !(c.attr(x.e.entity, RESERVED) >= 0))
      .sort((a, b) => a.referred - b.referred || a.e.serial - b.e.serial);
    let left = policy.weeklyCap;
    const accept = c.rng(`mutual-aid:${policy.id}:accept`);
    for (const x of candidates) {
      if (left <= 0) break;
      let best = -1;
      for (let k = 0; k < lists.length; k++) if (k !== x.from && (best < 0 || wait(k) < wait(best))) best = k;
      if (best < 0 || !(wait(best) + margin < wait(x.from))) continue;
      c.record(out.offers, 1);
      c.setAttr(x.e.entity, offered, 1);
      if (accept() >= policy.acceptance) continue;
      c.take(x.e.entity, `transfer:${policy.id}:${lists[best].id}`);
      c.record(out.transfers, 1);
      c.record(out.flow(lists[x.from].id, lists[best].id), 1);
      // Home is where the patient was referred: kept through a second move (another policy).
      const code = policy.services[x.from].aidCode;
      if (code !== undefined && !(c.attr(x.e.entity, AID_HOME) > 0)) c.setAttr(x.e.entity, AID_HOME, code);
      size[x.from]--;
      size[best]++;
      left--;
    }
  };
  model.controller(`mutual-aid:${policy.id}`, { times: [policy.atHourOfWeek ?? 9], repeatEvery: WEEK, act });
}
