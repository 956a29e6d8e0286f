// What a run tells its subscribers (the WebSocket sends these as they are): one
// discriminated union on `type`, shared by the manager, the socket and the tests.
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import type { RunSummary } from '../api-schemas.ts';
import type { LiveFrame } from '../live/live-run.ts';
import type { PrecisionBatch } from '../../runner/precision.ts';

export type RunEvent =
  | { type: 'state'; run: RunSummary }
  | { type: 'progress'; runId: string; done: number; total: number; etaSeconds: number | null }
  | { type: 'snapshot'; runId: string } & LiveFrame
  /** A run sized to a precision: what the stopping rule saw after each batch (bounded: runner/precision.ts). */
  | { type: 'precision'; runId: string } & PrecisionBatch
  | { type: 'done'; runId: string; result: RunResultDoc }
  | { type: 'failed'; runId: string; error: string }
  | { type: 'cancelled'; runId: string };

export type RunListener = (e: RunEvent) => void;
