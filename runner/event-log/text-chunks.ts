// Text handed on in bounded chunks: a writer collects lines until about `size` characters,
// then passes them to `write` (a file, an HTTP response) and starts again, so a long log
// holds at most one chunk in memory however many events it has.
export class TextChunks {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly write: (chunk: string) => void, private readonly size = 64 * 1024) {}

  push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.size) this.flush();
  }

  flush(): void {
    if (this.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.write(chunk);
  }
}
