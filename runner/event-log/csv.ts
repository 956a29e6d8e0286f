// The event log as CSV (RFC 4180: a header line, comma-separated fields, a field with a
// comma, quote or line break in double quotes with its quotes doubled, CRLF line ends),
// one line per patient event; columns documented in docs/event-log.md.
import type { JourneyEvent } from './journey-events.ts';
import { isoTime } from './clock.ts';

export const CSV_COLUMNS = ['patient', 'class', 'site', 'activity', 'kind', 'resource_type', 'resource', 'role', 'lifecycle', 'outcome', 'time_hours', 'datetime'] as const;

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export class CsvEventLog {
  constructor(private readonly push: (text: string) => void, private readonly startDate: string | undefined) {
    push(CSV_COLUMNS.join(',') + '\r\n');
  }

  add(e: JourneyEvent): void {
    const when = this.startDate === undefined ? '' : isoTime(this.startDate, e.time);
    this.push(`${e.patient},${field(e.cls)},${field(e.site)},${field(e.activity)},${field(e.kind)},${e.resourceType},${field(e.resource)},${field(e.role)},${e.lifecycle},${field(e.outcome)},${e.time},${when}\r\n`);
  }

  end(): void {}
}
