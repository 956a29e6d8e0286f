// Messages between the teaching page and its engine worker: one discriminated union on
// `type` each way, as the server's worker and WebSocket messages are.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import type { Frame, Place } from './live-run.ts';
import type { SessionSpec } from './session.ts';

/** A change as the page asks for it; the worker stamps it with the simulated time it is at. */
export type ChangeRequest =
  | { kind: 'capacity'; pool: string; capacity: number }
  | { kind: 'staff'; team: string; role: string; delta: number; forHours?: number };

export type ToWorker =
  | { type: 'load'; spec: SessionSpec }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; hoursPerSecond: number }
  | { type: 'skip-quiet'; on: boolean }
  | { type: 'step' }
  | { type: 'advance'; hours: number }
  | { type: 'restart' }
  | { type: 'change'; change: ChangeRequest }
  | { type: 'undo-change' }
  | { type: 'experiment'; spec: SessionSpec; replications: number; seed: number }
  | { type: 'kpi-names'; spec: SessionSpec };

export interface ScenarioInfo {
  id: string;
  title: string;
  description: string;
  question: string;
  variants: { id: string; name: string; description: string }[];
  startWeekday: number;
  horizon: number;
  places: Place[];
  /** Pools whose capacity the facilitator may set, with the capacity at the start. */
  pools: { id: string; capacity: number }[];
  staff: { team: string; roles: string[] }[];
  replications: number;
  seed: number;
}

export type FromWorker =
  | { type: 'loaded'; info: ScenarioInfo; spec: SessionSpec }
  /** `position`: how this moment was reached (run to `at`, then `steps` single events), for share links. */
  | { type: 'frame'; frame: Frame; playing: boolean; position: { at: number; steps: number } }
  | { type: 'session'; spec: SessionSpec }
  | { type: 'error'; message: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; doc: RunResultDoc }
  | { type: 'kpi-names'; names: string[] };
