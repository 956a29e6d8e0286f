// Hours from the start of a run as a date-time: the run starts at 00:00 (UTC, no clock
// changes: the engine's days are all 24 hours) on the scenario's time.startDate.
const HOUR_MS = 3_600_000;

/** ISO 8601 date-time (UTC, milliseconds) of `hours` after 00:00 on `startDate` (YYYY-MM-DD). */
export function isoTime(startDate: string, hours: number): string {
  return new Date(Date.parse(`${startDate}T00:00:00Z`) + Math.round(hours * HOUR_MS)).toISOString();
}
