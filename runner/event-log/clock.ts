// Hours from the start of a run as a date-time: the run starts at 00:00 (UTC, no clock
// changes: the engine's days are all 24 hours) on the scenario's time.startDate.
import type { TextChunks } from './text-chunks.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 10000-01-01: from there toISOString writes a six-digit signed year. */
const YEAR_10000_MS = 253_402_300_800_000;

/** Milliseconds since 1970 of 00:00 UTC on `startDate` (YYYY-MM-DD). */
export const startMs = (startDate: string) => Date.parse(`${startDate}T00:00:00Z`);

/** ISO 8601 date-time (UTC, milliseconds) of `hours` after 00:00 on `startDate` (YYYY-MM-DD). */
export function isoTime(startDate: string, hours: number): string {
  return new Date(startMs(startDate) + Math.round(hours * HOUR_MS)).toISOString();
}

/**
 * The same characters as isoTime(startDate, hours), written into `out` from integer
 * arithmetic (the civil date of a day number: H. Hinnant's days_from_civil inverse), so that
 * no Date and no string is made per event. `start` is startMs(startDate).
 */
export function writeIsoTime(out: TextChunks, start: number, hours: number): void {
  const ms = start + Math.round(hours * HOUR_MS);
  if (!(ms >= 0 && ms < YEAR_10000_MS)) { out.ascii(new Date(ms).toISOString()); return; }
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / HOUR_MS); rest -= h * HOUR_MS;
  const mi = Math.floor(rest / 60_000); rest -= mi * 60_000;
  const s = Math.floor(rest / 1000); rest -= s * 1000;
  out.padded(year, 4); out.byte(45); out.padded(month, 2); out.byte(45); out.padded(day, 2); out.byte(84);
  out.padded(h, 2); out.byte(58); out.padded(mi, 2); out.byte(58); out.padded(s, 2); out.byte(46); out.padded(rest, 3); out.byte(90);
}
