// A command whose own output fails, as a user meets it: stdout onto a full disk
// (`> /dev/full`) or into a pipe whose reader has gone (`| head -c1`). The real bin in a child
// process, since the handling is on the process's own streams (cli/output-errors.ts).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { pathflow as inProcess } from './in-process.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/pathflow.js');
const fixture = 'test/fixtures/small-ed.yaml';
const COMMANDS = [
  ['schema'],
  ['check', fixture],
  ['run', fixture, '--reps', '2', '--workers', '1', '--json'],
  ['report', fixture],
  ['fit', 'validation/examples/admissions.csv'],
];

describe.skipIf(!existsSync('/dev/full'))('stdout onto a full disk (/dev/full)', () => {
  test.each(COMMANDS)('%s: one line on stderr saying the output could not be written, no stack trace, exit 1', (...args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', full, 'pipe'], timeout: 110_000 });
      expect(r.status).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => !l.includes(': warning: '));
      expect(lines).toEqual([`pathflow ${args[0]}: could not write the output: ENOSPC: no space left on device, write (what was written is incomplete)`, '']);
    } finally {
      closeSync(full);
    }
  });
});

/** The command with its stdout a pipe whose reading end is closed before it writes: every write fails with EPIPE. */
function intoClosedPipe(args: readonly string[]): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('stdout into a pipe whose reader has gone (| head -c1)', () => {
  test.each(COMMANDS.slice(0, 3))('%s: ends quietly, exit 0 (a closed pipe is a normal end)', async (...args) => {
    const r = await intoClosedPipe(args);
    expect(r.stderr).toBe('');
    expect([r.code, r.signal]).toEqual([0, null]);
  });
});

describe('a file named by --out that cannot be written', () => {
  test('report --out into a directory: one line naming --out and why, exit 1 (the same words as fit --out)', async () => {
    const r = await inProcess('report', fixture, '--out', root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^pathflow report: --out ${root}: cannot write it \\(EISDIR: .*\\)\\n$`));
  });
});
