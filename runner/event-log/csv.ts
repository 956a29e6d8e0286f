// The event log as CSV (RFC 4180: a header line, comma-separated fields, a field with a
// comma, quote or line break in double quotes with its quotes doubled, CRLF line ends),
// one line per patient event; columns documented in docs/event-log.md.
//
// A line is put together in the chunk's buffer piece by piece, with no string or object per
// event (text-chunks.ts says why): each field's text (class, step, resource… ids of the
// model, so a set the model's size) is quoted and encoded once and its bytes kept; the
// patient number and the date-time are written from their digits; the time in hours is
// the one string made per event (the shortest text that reads back as the same number,
// as JavaScript writes it).
import type { JourneyEvent } from './journey-events.ts';
import { startMs, writeIsoTime } from './clock.ts';
import type { TextChunks } from './text-chunks.ts';

export const CSV_COLUMNS = ['patient', 'class', 'site', 'activity', 'kind', 'resource_type', 'resource', 'role', 'lifecycle', 'outcome', 'time_hours', 'datetime'] as const;

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const encoder = new TextEncoder();
const COMMA = 44, CR = 13, LF = 10;

export class CsvEventLog {
  /** Each field text seen, as its CSV bytes. */
  private readonly encoded = new Map<string, Uint8Array>();
  private readonly start: number | undefined;

  constructor(private readonly out: TextChunks, startDate: string | undefined) {
    this.start = startDate === undefined ? undefined : startMs(startDate);
    out.push(CSV_COLUMNS.join(',') + '\r\n');
  }

  /** A field and its comma. */
  private text(s: string): void {
    if (s !== '') {
      let b = this.encoded.get(s);
      if (b === undefined) this.encoded.set(s, (b = encoder.encode(field(s))));
      this.out.bytes(b);
    }
    this.out.byte(COMMA);
  }

  add(e: JourneyEvent): void {
    const out = this.out;
    out.integer(e.patient); out.byte(COMMA);
    this.text(e.cls); this.text(e.site); this.text(e.activity); this.text(e.kind); this.text(e.resourceType);
    this.text(e.resource); this.text(e.role); this.text(e.lifecycle); this.text(e.outcome);
    out.ascii(JSON.stringify(e.time)); out.byte(COMMA);
    if (this.start !== undefined) writeIsoTime(out, this.start, e.time);
    out.byte(CR); out.byte(LF);
  }

  end(): void {}
}
