// A user's file read under a size limit whatever it is: a regular file refused by its size
// before it is read, a stream (a FIFO, /dev/stdin, a device) refused once it passes the
// limit. Found by hand: `pathflow check /dev/zero` read until the process ran out of
// memory (std::bad_alloc), and `pathflow fit` and `pathflow report` of it never ended.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readTextFile } from '../../scenarios/read-text-file.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../../scenarios/load.ts';
import { pathflow } from '../cli/in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathflow-read-'));
const fixture = fileURLToPath(new URL('../fixtures/small-ed.yaml', import.meta.url));

/** A FIFO that a separate process fills with `text`, then closes. */
function fifoOf(name: string, text: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  const source = join(dir, `${name}.src`);
  writeFileSync(source, text);
  // The writer blocks until this process opens the FIFO to read; errors (the reader closing early) are expected.
  spawn('sh', ['-c', `cat "${source}" > "${path}" 2>/dev/null`], { stdio: 'ignore' });
  return path;
}

describe('readTextFile', () => {
  test('a regular file: its text, multi-byte characters and all', () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'Ward “A” — 12 beds\n');
    expect(readTextFile(file, 100)).toEqual({ ok: true, text: 'Ward “A” — 12 beds\n' });
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(readTextFile(join(dir, 'empty.txt'), 100)).toEqual({ ok: true, text: '' });
  });

  test('a regular file over the limit is refused by its size, exactly, before it is read', () => {
    const file = join(dir, 'big.txt');
    writeFileSync(file, '');
    truncateSync(file, 5_000_001); // sparse: no disk used
    expect(readTextFile(file, 5_000_000)).toEqual({ ok: false, tooLarge: { bytes: 5_000_001, atLeast: false } });
    expect(readTextFile(file, 5_000_001).ok).toBe(true);
  });

  test('a device with no end (/dev/zero) is refused once it passes the limit', () => {
    const r = readTextFile('/dev/zero', 3_000_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.tooLarge).toEqual({ bytes: expect.any(Number), atLeast: true });
    if (!r.ok && r.tooLarge) expect(r.tooLarge.bytes).toBeGreaterThan(3_000_000);
  });

  test('a FIFO: read whole under the limit, refused past it', () => {
    const text = readFileSync(fixture, 'utf8');
    expect(readTextFile(fifoOf('small', text), 1_000_000)).toEqual({ ok: true, text });
    const r = readTextFile(fifoOf('large', 'x'.repeat(3_000_000)), 2_000_000);
    expect(r.ok === false && r.tooLarge?.atLeast).toBe(true);
  });

  test('missing, and a directory: the system\'s code', () => {
    expect(readTextFile(join(dir, 'nope'), 100)).toMatchObject({ ok: false, code: 'ENOENT' });
    mkdirSync(join(dir, 'sub'));
    expect(readTextFile(join(dir, 'sub'), 100)).toMatchObject({ ok: false, code: 'EISDIR' });
  });
});

describe('the commands that read a user\'s file stop at their limits on a stream', () => {
  test('pathflow check /dev/zero: exit 1, naming the file and the limit', async () => {
    const r = await pathflow('check', '/dev/zero');
    expect([r.code, r.stderr]).toEqual([1, `pathflow check: /dev/zero: "/dev/zero" holds more than a scenario file may be (${MAX_SCENARIO_FILE_BYTES / 1e6} MB)\n`]);
  });

  test('pathflow check of a scenario through a FIFO (as /dev/stdin is when piped) checks it', async () => {
    const r = await pathflow('check', fifoOf('scenario', readFileSync(fixture, 'utf8')));
    expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/^ok: /)]);
  });

  test('pathflow fit and pathflow report of /dev/zero: exit 1 at the limit, no hang', async () => {
    const fit = await pathflow('fit', '/dev/zero', '--max-mb', '1');
    expect([fit.code, fit.stderr]).toEqual([1, 'pathflow fit: /dev/zero: more than 1 MB (raise the limit with --max-mb N)\n']);
    const report = await pathflow('report', '/dev/zero', '--out', join(dir, 'r.html'));
    expect([report.code, report.stderr]).toEqual([1, 'pathflow report: /dev/zero: more than the 200 MB a report reads\n']);
  });

  test('pathflow validate of /dev/zero as a case file: exit 2 naming the limit', async () => {
    const r = await pathflow('validate', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read /dev/zero: it holds more than the ${MAX_SCENARIO_FILE_BYTES / 1e6} MB a case file may be`);
  });
});
