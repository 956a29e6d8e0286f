// Every command's arguments, read by the one reader (runner/options.ts) against the command's
// own set of options: both spellings of a value, an option given twice, an unknown option
// (exit 2 with the usage text), as `pathflow` runs them (main(argv, io)).
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { main, parseCheckArgs, parseRunArgs, parseValidateArgs } from '../../cli/main.ts';
import { pathflow } from './in-process.ts';
import { parseWorkerArgs } from '../../cli/worker.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = `${root}test/fixtures/small-ed.yaml`;

const none = () => {};

describe('--flag=value is --flag value, in every command', () => {
  test('run, check, validate, worker', () => {
    expect(parseRunArgs(['f.yaml', '--reps=5', '--seed=2', '--workers=1', '--variants=a,b', '--redis=redis://h:1', '--limit=inSystem=9', '--json'], none))
      .toEqual(parseRunArgs(['f.yaml', '--reps', '5', '--seed', '2', '--workers', '1', '--variants', 'a,b', '--redis', 'redis://h:1', '--limit', 'inSystem=9', '--json'], none));
    expect(parseRunArgs(['f.yaml', '--replications=5'], none)).toMatchObject({ file: 'f.yaml', replications: 5, format: 'table' });
    expect(parseCheckArgs(['f.yaml', '--limit=staffPerRole=3'])).toEqual(parseCheckArgs(['--limit', 'staffPerRole=3', 'f.yaml']));
    expect(parseValidateArgs(['a.json', '--case=x', '--seed=4', '--smoke=2.5', '--jobs=1'], none))
      .toEqual({ files: ['a.json'], json: false, cases: ['x'], seed: 4, smoke: 2.5, jobs: 1, limits: defaultCostLimits });
    expect(parseValidateArgs(['a.json', '--case', 'x', '--seed', '4', '--smoke', '2.5', '--jobs', '1'], none)).toEqual(parseValidateArgs(['a.json', '--case=x', '--seed=4', '--smoke=2.5', '--jobs=1'], none));
    expect(parseWorkerArgs(['--redis=redis://h:1', '--concurrency=1'], {})).toEqual(parseWorkerArgs(['--redis', 'redis://h:1', '--concurrency', '1'], {}));
  });

  test('sweep and warmup: the same document', async () => {
    const sweep = (...reps: string[]) => pathflow('sweep', fixture, '--param=sites[dgh].wards[medical].beds=16', '--kpi', 'arrivals[majors]', ...reps, '--workers', '1', '--json');
    const [joined, spaced] = [await sweep('--reps=2'), await sweep('--reps', '2')];
    expect([joined.code, joined.stderr]).toEqual([0, '']);
    expect(JSON.parse(joined.stdout)).toMatchObject({ replications: 2, parameters: [{ path: 'sites[0].wards[1].beds', values: [16] }] });
    expect(joined.stdout).toBe(spaced.stdout);
    const warmup = (...series: string[]) => pathflow('warmup', fixture, ...series, '--reps=2', '--window=3', '--workers', '1', '--json');
    const [w1, w2] = [await warmup('--series=beds.inUse[dgh/medical]'), await warmup('--series', 'beds.inUse[dgh/medical]')];
    expect(JSON.parse(w1.stdout)).toMatchObject({ series: 'beds.inUse[dgh/medical]', replications: 2, window: 3 });
    expect(w1.stdout).toBe(w2.stdout);
  });

  test('seek: both counts read in either spelling, as its own check of them shows', async () => {
    const r = await pathflow('seek', fixture, '--param', 'x', '--range=1..5', '--target', 'k >= 1', '--initial-reps=6', '--max-reps', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pathflow: seek: --max-reps \(4\) must be at least --initial-reps \(6\)\n\nusage:/);
  });
});

describe('an option given twice', () => {
  test('a count or a connection: the last one; --variants, --case and --limit: every one', () => {
    expect(parseRunArgs(['f.yaml', '--reps', '2', '--reps', '3', '--redis', 'redis://a', '--redis', 'redis://b', '--variants', 'a', '--variants=b,,c', '--limit', 'inSystem=9', '--limit', 'events=99'], none))
      .toMatchObject({ replications: 3, redis: 'redis://b', variants: ['a', 'b', 'c'], limits: { inSystem: 9, events: 99 } });
    expect(parseValidateArgs(['a.json', '--case', 'x', '--case=y,z', '--seed', '1', '--seed', '2'], none)).toMatchObject({ cases: ['x', 'y', 'z'], seed: 2 });
    expect(parseWorkerArgs(['--redis', 'redis://a', '--redis', 'redis://b'], {})).toMatchObject({ redis: 'redis://b' });
  });

  test('the experiments refuse a second --variant, --redis, --param (seek) or --series: which one was meant?', async () => {
    const sweep = ['sweep', fixture, '--param', 'time.seed=1', '--kpi', 'arrivals[majors]'];
    for (const [args, message] of [
      [[...sweep, '--variant', 'a', '--variant', 'b'], 'sweep: --variant given twice'],
      [[...sweep, '--redis', 'redis://a', '--redis=redis://b'], 'sweep: --redis given twice'],
      [['seek', fixture, '--param', 'x', '--param', 'y', '--range', '1..2', '--target', 'k >= 1'], 'seek: --param given twice'],
      [['warmup', fixture, '--series', 'a', '--kpi', 'b'], 'warmup: --series given twice'],
    ] as const) {
      const r = await pathflow(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n\nusage:')[0]).toBe(`pathflow: ${message}`);
    }
  });
});

describe('an unknown option (the last argument of each): exit 2, the option as typed, the usage text', () => {
  test.each([
    ['run', fixture, '--fast'],
    ['check', fixture, '--json'],
    ['validate', fixture, '--reps=3'],
    ['sweep', fixture, '--param', 'time.seed=1', '--kpi', 'k', '--maximise'],
    ['seek', fixture, '--param', 'x', '--range', '1..2', '--target', 'k >= 1', '--kpi'],
    ['warmup', fixture, '--series', 'k', '--param=x=1'],
    ['worker', '--redis', 'redis://h:1', '--threads'],
    // `pathflow serve --verbose`: test/server/serve-cli.test.ts (the server's command).
  ])('%s', async (...argv) => {
    const bad = argv.at(-1)!;
    const r = await pathflow(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^pathflow: ${argv[0]}: unknown option "${bad}"\\n\\nusage: pathflow ${argv[0]} `));
    // That command's usage only, and where the rest is: not the whole text, which buried the message.
    expect(r.stderr).toMatch(/\n\nEvery command: pathflow help\n$/);
    expect(r.stderr).not.toContain('usage: pathflow <command>');
  });

  test('no command, or an unknown one: the commands by name and where their usage is, exit 2', async () => {
    for (const argv of [[], ['frobnicate']]) {
      const r = await pathflow(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^pathflow: (no command given|unknown command "frobnicate")\n\nusage: pathflow <command> \[options\]\ncommands: validate, check, schema, run, sweep, seek, warmup, fit, report, worker, demo, help\n\nEvery command and its options: pathflow help/);
    }
  });

  test('a negative number, -, -- and a word where none is taken are unknown options too', async () => {
    expect((await pathflow('run', fixture, '-1')).stderr).toMatch(/^pathflow: run: unknown option "-1"\n/);
    expect((await pathflow('sweep', fixture, '--', 'x')).stderr).toMatch(/^pathflow: sweep: unknown option "--"\n/);
    expect((await pathflow('check', '-')).stderr).toMatch(/^pathflow: check: unknown option "-"\n/);
    expect((await pathflow('worker', '--redis', 'redis://h:1', 'now')).stderr).toMatch(/^pathflow: worker: unknown option "now"\n/);
  });
});

describe('the usage text', () => {
  test('pathflow COMMAND --help (or -h, or pathflow help COMMAND) prints that command\'s part of the usage text, exit 0', async () => {
    const run = await pathflow('run', fixture, '--reps', '3', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: pathflow run FILE \[--reps N\]/);
    expect(run.stdout).toContain('--per-replication');
    expect(run.stdout).not.toContain('sweep FILE');
    // A command that takes --limit ends with the limits' table; one that does not, without it.
    expect(run.stdout).toMatch(/\S\n\nlimits \(check, run, [^]*\n {2}inSystem +[\d,]+ /);
    expect((await pathflow('help', 'fit')).stdout).not.toContain('limits (');
    expect(await pathflow('help', 'run')).toEqual(run);
    expect(await pathflow('run', '-h')).toEqual(run);
    // validate has two entries: both are printed.
    expect((await pathflow('validate', '--help')).stdout.match(/^usage: pathflow validate /gm)).toHaveLength(2);
    // Every command of the usage text has its part, which is a cut of the whole text.
    const whole = (await pathflow('help')).stdout;
    for (const command of ['validate', 'check', 'schema', 'run', 'sweep', 'seek', 'warmup', 'fit', 'report', 'worker', 'demo']) {
      const part = await pathflow(command, '--help');
      expect([command, part.code]).toEqual([command, 0]);
      const first = part.stdout.split('\n')[0].replace('usage: pathflow ', '  ');
      expect(whole).toContain(first);
    }
  });

  test('help for an unknown command is a usage error naming it', async () => {
    const r = await pathflow('help', 'frobnicate');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'pathflow: help: unknown command "frobnicate"']);
  });

  test('without the server face (cli/ alone) the serve command is unknown and not listed; bin/pathflow.js composes it in', async () => {
    const help = await pathflow('help');
    expect(help.stdout).not.toContain('  serve [');
    expect(help.stdout).toMatch(/\n {2}run FILE [^]*\n {2}sweep FILE /);
    const serve = await pathflow('serve');
    expect([serve.code, serve.stderr.split('\n')[0]]).toEqual([2, 'pathflow: unknown command "serve"']);
  });
});
