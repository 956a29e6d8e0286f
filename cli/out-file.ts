// Writing a command's result into the file an option names (`fit --out`, `report --out`):
// one place, so that a path that cannot be written (a full disk, a directory, a missing
// directory) gets the same one-line message from every command, naming the option, rather
// than a stack trace.
import { writeFileSync } from 'node:fs';

/** Writes `text` to `path`; undefined when written, else the message (option, path and reason). */
export function writeOutFile(option: string, path: string, text: string): string | undefined {
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (e) {
    return `${option} ${path}: cannot write it (${e instanceof Error ? e.message : String(e)})`;
  }
}
