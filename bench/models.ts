// The two benchmark models of PERFORMANCE.md, built through the engine's public API
// exactly as a user would: pools, a pathway, a source.
import { Model } from '../engine/core/model.ts';
import { seize, delay, release, exit } from '../engine/core/pathway.ts';
import { exponential } from '../engine/core/distributions.ts';

/** M/M/10: arrivals 9/h, service mean 1 h, FIFO; exactly `customers` arrive. Theory Wq = 0.6687315 h. */
export function mmc(customers: number): Model {
  return new Model()
    .pool('server', { capacity: 10 })
    .pathway('customer', [seize('server'), delay(exponential(1)), release('server'), exit()])
    .source('arrivals', { pathway: 'customer', interarrival: exponential(1 / 9), limit: customers });
}

/** Three M/M/5 stations in series, arrivals 4/h, service mean 1 h each. Theory: total Wq = 1.6623377 h. */
export function tandem(customers: number): Model {
  const steps = ['s1', 's2', 's3'].flatMap((s) => [seize(s), delay(exponential(1), { stream: `service:${s}` }), release(s)]);
  return new Model()
    .pool('s1', { capacity: 5 })
    .pool('s2', { capacity: 5 })
    .pool('s3', { capacity: 5 })
    .pathway('customer', [...steps, exit()])
    .source('arrivals', { pathway: 'customer', interarrival: exponential(1 / 4), limit: customers });
}

export const models = { mmc: { build: mmc, eventsPerCustomer: 2, stations: ['server'] }, tandem: { build: tandem, eventsPerCustomer: 4, stations: ['s1', 's2', 's3'] } } as const;
export type ModelName = keyof typeof models;
