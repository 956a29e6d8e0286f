// A CSV table (RFC 4180: commas, fields in double quotes may hold commas, quotes written
// twice and line breaks; CRLF or LF; a byte-order mark ignored), read row by row under a
// row limit, so no file can make the work unbounded. No CSV package is a dependency, and
// this is all the format needs. Errors name the line and, where one is at fault, the column.

/** Rows of a table (after the header) at most, unless raised. */
export const MAX_ROWS = 1_000_000;
/** Bytes of a file at most, unless raised (about 100 bytes a row at MAX_ROWS). */
export const MAX_BYTES = 100_000_000;

export interface Row {
  /** The line of the file the row starts on (1 is the header). */
  line: number;
  fields: string[];
}

/**
 * The data rows, read afresh from the text at each `for … of` (the text was checked whole
 * first, so reading again cannot fail). Rows are never all held at once: as objects, a row
 * and its fields took about 200 bytes of heap each, and a 3-million-row extract held 10
 * objects a row, which the garbage collector went through again and again (428 s, 2.6 GB).
 */
export interface Rows extends Iterable<Row> {
  /** Data rows (blank lines are none). */
  readonly length: number;
}

export interface Table {
  /** Column names as written (trimmed). */
  header: string[];
  rows: Rows;
}

export type TableResult = { ok: true; value: Table } | { ok: false; message: string };

/** A text that is not CSV, said with its line (and field). */
class CsvError extends Error {}

export function parseCsv(text: string, maxRows = MAX_ROWS): TableResult {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let header: string[] | undefined;
  let length = 0;
  // The first row of the wrong width, said once the whole text is known to be CSV.
  let uneven: Row | undefined;
  try {
    for (const r of records(text, start)) {
      if (header === undefined) { header = r.fields.map((f) => f.trim()); continue; }
      if (length >= maxRows) return { ok: false, message: `more than ${maxRows.toLocaleString('en-GB')} rows (raise the limit with --max-rows N)` };
      if (r.fields.length !== header.length) uneven ??= r;
      length++;
    }
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, message: e.message };
    throw e;
  }
  if (header === undefined) return { ok: false, message: 'the file is empty: expected a header line of column names' };
  if (uneven !== undefined)
    return { ok: false, message: `line ${uneven.line}: ${uneven.fields.length} field${uneven.fields.length === 1 ? '' : 's'}, but the header has ${header.length} (${someOf(header, (h) => h)})` };
  const rows: Rows = {
    length,
    *[Symbol.iterator]() {
      let first = true;
      for (const r of records(text, start)) {
        if (first) { first = false; continue; }
        yield r;
      }
    },
  };
  return { ok: true, value: { header, rows } };
}

/** The records of the text from `i` (the header first), blank lines skipped; throws a CsvError where it is not CSV. */
function* records(text: string, i: number): Generator<Row> {
  let line = 1;
  // The first line break at or after where the reading is (text.length: none), kept from one
  // quoted field to the next: searched afresh for each, a row of 200,000 quoted fields
  // (a 1.9 MB file) searched the rest of its row 200,000 times.
  let lineBreak = -1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        // Whole runs up to the next quote, not a character at a time: a string grown by
        // millions of one-character appends took 34 times its size in memory (a 95 MB
        // quoted field: 48 s and 3.2 GB).
        const parts: string[] = [];
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError(`line ${start}: a quoted field is not closed (a " is missing)`);
          if (lineBreak < i) lineBreak = nextLineBreak(text, i);
          while (lineBreak < q) { line++; lineBreak = nextLineBreak(text, lineBreak + 1); }
          parts.push(text.slice(i, q));
          if (text[q + 1] === '"') { parts.push('"'); i = q + 2; continue; }
          i = q + 1;
          break;
        }
        field = parts.join('');
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r')
          throw new CsvError(`line ${line}, field ${fields.length + 1}: text after a closing quote`);
      } else {
        const end = nextDelimiter(text, i);
        field = text.slice(i, end);
        if (field.includes('"')) throw new CsvError(`line ${line}, field ${fields.length + 1}: a quote inside an unquoted field (quote the whole field and write " as "")`);
        i = end;
      }
      fields.push(field);
      if (text[i] === ',') { i++; continue; }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // A blank line is no row (a trailing newline, a spreadsheet's empty last line).
    if (fields.length === 1 && fields[0].trim() === '') continue;
    yield { line: start, fields };
  }
}

/** The first 20 of a header's names for a message, and how many more (a file may have a million columns). */
export function someOf(names: readonly string[], show: (name: string) => string): string {
  const SHOWN = 20;
  const listed = names.slice(0, SHOWN).map(show).join(', ');
  return names.length > SHOWN ? `${listed}, … and ${(names.length - SHOWN).toLocaleString('en-GB')} more` : listed;
}

function nextLineBreak(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

function nextDelimiter(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === ',' || c === '\n' || c === '\r') return j;
  }
  return text.length;
}
