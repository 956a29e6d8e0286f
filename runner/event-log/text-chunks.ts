// Text handed on in bounded chunks: lines are encoded (UTF-8) into one reused buffer of
// `size` bytes, handed to `write` (a file, an HTTP response) whenever it fills. The buffer is
// the same one all run long, so a log of any length holds one chunk in memory.
//
// Two ways in: push(text) encodes a whole string (the OCEL writer's lines), and the
// piecewise writers (bytes, ascii, integer) that the CSV writer uses to put a line together
// with no string and no object made per event: its fields' bytes are encoded once and
// copied, numbers written digit by digit. A run's allocations decide how often V8 collects
// the young generation, and each collection promotes the run's own medium-lived objects to
// the old one: a log that allocates per event makes the run's heap larger than without it.
const encoder = new TextEncoder();

export class TextChunks {
  private readonly buffer: Uint8Array;
  private used = 0;

  /** `write` gets a view of the reused buffer: valid during the call only (copy it to keep it). */
  constructor(private readonly write: (chunk: Uint8Array) => void, size = 64 * 1024) {
    this.buffer = new Uint8Array(size);
  }

  push(text: string): void {
    // At most 3 bytes per UTF-16 unit: a line that might not fit flushes first.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        this.write(encoder.encode(text));
        return;
      }
    }
    this.used += encoder.encodeInto(text, this.buffer.subarray(this.used)).written;
  }

  /** Room for `n` more bytes (flushing first if need be); false if `n` exceeds the buffer itself. */
  private room(n: number): boolean {
    if (this.used + n <= this.buffer.length) return true;
    this.flush();
    return n <= this.buffer.length;
  }

  /** Bytes already encoded (a field's UTF-8, made once). */
  bytes(b: Uint8Array): void {
    if (!this.room(b.length)) { this.write(b); return; }
    this.buffer.set(b, this.used);
    this.used += b.length;
  }

  /** One byte (an ASCII separator). */
  byte(c: number): void {
    if (this.used >= this.buffer.length) this.flush();
    this.buffer[this.used++] = c;
  }

  /** A string of ASCII characters only (a number as text), copied unit by unit: no encoder, no view. */
  ascii(s: string): void {
    if (!this.room(s.length)) { this.flush(); this.write(encoder.encode(s)); return; }
    const b = this.buffer;
    let at = this.used;
    for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
    this.used = at;
  }

  /** A non-negative integer below 2^53, in decimal, written from its digits. */
  integer(n: number): void {
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    if (!this.room(digits)) { this.write(encoder.encode(String(n))); return; } // a buffer smaller than a number
    const b = this.buffer;
    let at = this.used + digits;
    this.used = at;
    let x = n;
    do { b[--at] = 48 + (x % 10); x = Math.floor(x / 10); } while (x > 0);
  }

  /** `n` as exactly `width` digits, zero-padded (a date's fields). */
  padded(n: number, width: number): void {
    if (!this.room(width)) { this.write(encoder.encode(String(n % 10 ** width).padStart(width, '0'))); return; }
    const b = this.buffer;
    let at = this.used + width;
    this.used = at;
    let x = n;
    for (let i = 0; i < width; i++) { b[--at] = 48 + (x % 10); x = Math.floor(x / 10); }
  }

  flush(): void {
    if (this.used === 0) return;
    this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}
