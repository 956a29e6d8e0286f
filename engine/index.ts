// The engine's public API: what a library user (or a scenario compiler) builds models with.
export { Model } from './core/model.ts';
export type { PoolDef, SkilledPoolDef, MemberDef, CapacitySchedule, CompiledModel } from './core/model.ts';
export { seize, delay, release, branch, switchOn, set, waitUntil, waitUntilAttribute, record, goto, exit, enter } from './core/pathway.ts';
export type { Control, StoreEntry, StoreDef, ControllerDef } from './core/control.ts';
export type { StepDef } from './core/pathway.ts';
export { piecewiseRate, sinusoidalRate, weeklyRate } from './core/arrivals.ts';
export type { SourceDef, RateProfile } from './core/arrivals.ts';
export * from './core/distributions.ts';
export { Simulation } from './core/simulation.ts';
export type { RunOptions } from './core/simulation.ts';
export type { RunResult, ClassResult, Snapshot, SimEvent, SimObserver, PoolResult, SkilledPoolResult, StoreResult } from './core/results.ts';
export { EventLog } from './core/event-log.ts';
export { stream, Streams } from './core/random.ts';
export { ModelError, RunError } from './core/errors.ts';
export { replicate, runReplications, summarise, compare } from './experiment/replicate.ts';
export { estimate, pairedDifference, tQuantile } from './experiment/summary.ts';
export type { Estimate, PairedComparison } from './experiment/summary.ts';
