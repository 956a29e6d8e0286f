// Text handed on in bounded chunks: lines are encoded (UTF-8) into one reused buffer of
// `size` bytes, handed to `write` (a file, an HTTP response) whenever it fills. A line's
// string dies young, the buffer is the same one all run long, so a log of any length
// holds one chunk in memory and leaves no garbage behind for the old generation (strings
// kept until a chunk is full would be promoted, and the heap grow with the log).
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

  flush(): void {
    if (this.used === 0) return;
    this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}
