// A user's file read as text under a size limit, whatever kind of file it is. A regular
// file is refused by its size before anything is read. A pipe, a FIFO, /dev/stdin or a
// device has no size until it is read, so it is read in chunks and refused as soon as it
// passes the limit: before, `pathflow check /dev/zero` read until the process ran out of
// memory, and `pathflow fit` and `pathflow report` of it never ended.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;

export type FileText =
  | { ok: true; text: string }
  /** Over the limit: `bytes` is the file's size, or with `atLeast` what was read before stopping (a stream). */
  | { ok: false; tooLarge: { bytes: number; atLeast: boolean } }
  /** Not there, or not readable (a directory, no permission): `code` is the system's (ENOENT, EISDIR, EACCES). */
  | { ok: false; tooLarge?: undefined; code: string | undefined; message: string };

export function readTextFile(file: string, maxBytes: number): FileText {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code, message: (e as Error).message };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return readStream(fd, [], 0, maxBytes);
    if (stat.size > maxBytes) return { ok: false, tooLarge: { bytes: stat.size, atLeast: false } };
    // One buffer of its size, and a byte more to see whether it grew after the stat.
    const buf = Buffer.allocUnsafe(stat.size + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n <= stat.size) return { ok: true, text: buf.toString('utf8', 0, n) };
    // It grew while being read (a log still being written): read on as a stream.
    return readStream(fd, [buf], n, maxBytes);
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code, message: (e as Error).message };
  } finally {
    closeSync(fd);
  }
}

function readStream(fd: number, chunks: Buffer[], total: number, maxBytes: number): FileText {
  for (;;) {
    if (total > maxBytes) return { ok: false, tooLarge: { bytes: total, atLeast: true } };
    const chunk = Buffer.allocUnsafe(CHUNK);
    const n = readSync(fd, chunk, 0, CHUNK, null);
    if (n === 0) return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
    total += n;
    chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
  }
}
