// The event log's formats and bounds, apart from the code that writes it, so that the
// command line reads its options without loading the engine.

export type EventLogFormat = 'csv' | 'ocel';

/** Events in one log by default, and at most (--max-events): a CSV line is about 100 bytes, so about 1 GB and 5 GB. */
export const DEFAULT_MAX_EVENTS = 10_000_000;
export const MAX_EVENTS = 50_000_000;

/** The format a file name asks for: .csv, or .json (.ocel.json, .jsonocel) for OCEL 2.0; else undefined. */
export function formatOfPath(path: string): EventLogFormat | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.json') || p.endsWith('.jsonocel')) return 'ocel';
  return undefined;
}
