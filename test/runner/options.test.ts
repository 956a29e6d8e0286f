// The one reader of every command's arguments (runner/options.ts): the two spellings of a
// value, values that start with '-', repeated options, and the words of each refusal.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COMMON, parseOptions, type Options, type Parsed, type Refusal } from '../../runner/options.ts';

const OPTIONS = {
  ...COMMON,
  '--param': { kind: 'list' },
  '--range': { kind: 'text', once: true },
  '--confidence': { kind: 'number' },
  '--smoke': { kind: 'number', least: 1, what: 'a factor ≥ 1' },
  '--window': { kind: 'count', least: 0 },
  '--maximise': { kind: 'flag', aliases: ['--maximize'] },
} as const satisfies Options;

const read = (...args: string[]) => parseOptions('cmd', args, OPTIONS);
const refused = (...args: string[]) => (read(...args) as Refusal).usage;
/** The parse as plain data, for toEqual. */
const plain = (p: Parsed | Refusal) => ('usage' in p ? p.usage : { ...p, flags: [...p.flags], counts: [...p.counts], numbers: [...p.numbers], texts: [...p.texts], lists: [...p.lists] });

describe('reading the arguments', () => {
  test('--flag=value and --flag value give the same, for every option that takes a value and any value not starting with --', () => {
    const valued = Object.keys(OPTIONS).filter((f) => OPTIONS[f as keyof typeof OPTIONS].kind !== 'flag');
    const value = fc.oneof(fc.string(), fc.integer({ min: -5, max: 20_000 }).map(String), fc.constantFrom('-1..3', 'x=-1..3', '-', '-5', 'a=b=c', ' 2', '1e3')).filter((v) => !v.startsWith('--'));
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...valued), value), { maxLength: 6 }), fc.constantFrom([], ['f.yaml']), (given, file) => {
      const spaced = given.flatMap(([f, v]) => [f, v]);
      const joined = given.map(([f, v]) => `${f}=${v}`);
      expect(plain(read(...file, ...joined))).toEqual(plain(read(...file, ...spaced)));
    }));
  });

  test('each option under its own name, whatever the spelling; a FILE anywhere among them', () => {
    const p = read('--replications', '7', 'f.yaml', '--seed=0', '--json', '--maximize', '--confidence', '0.9', '--set', 'a=1', '--limit=inSystem=5');
    expect(plain(p)).toEqual({
      positionals: ['f.yaml'], flags: ['--json', '--maximise'], counts: [['--reps', 7], ['--seed', 0]], numbers: [['--confidence', 0.9]],
      texts: [], lists: [['--set', ['a=1']], ['--limit', ['inSystem=5']]],
    });
  });

  test('a value may start with a dash: negative numbers and ranges are values, not options', () => {
    const p = read('--param', 'x=-1..3', '--range', '-5..5', '--set', '-x=1', '--confidence', '-0.5') as Parsed;
    expect(p.lists.get('--param')).toEqual(['x=-1..3']);
    expect(p.texts.get('--range')).toBe('-5..5');
    expect(p.lists.get('--set')).toEqual(['-x=1']);
    expect(p.numbers.get('--confidence')).toBe(-0.5);
    // The value is read, then refused for what it is, not mistaken for an option.
    expect(refused('--seed', '-1')).toBe('cmd: --seed needs an integer ≥ 0, got "-1"');
  });

  test('given twice: a count, a number or a text is the last one; a list keeps both; a text given once is refused', () => {
    const p = read('--reps', '2', '--reps=3', '--redis', 'redis://a', '--redis', 'redis://b', '--set', 'a=1', '--set', 'b=2', '--json', '--json') as Parsed;
    expect(p.counts.get('--reps')).toBe(3);
    expect(p.texts.get('--redis')).toBe('redis://b');
    expect(p.lists.get('--set')).toEqual(['a=1', 'b=2']);
    expect([...p.flags]).toEqual(['--json']);
    expect(refused('--range', '1..2', '--range=3..4')).toBe('cmd: --range given twice');
  });

  test('a missing value: the next argument when it is an option, an empty one, or none', () => {
    expect(refused('--redis', '--json')).toBe('cmd: --redis needs a URL (redis://host:port)');
    expect(refused('--redis=')).toBe('cmd: --redis needs a URL (redis://host:port)');
    expect(refused('--limit')).toBe('cmd: --limit needs NAME=N');
    expect(refused('--set', '--json')).toBe('cmd: --set needs a value, got "--json"');
    expect(refused('--reps')).toBe('cmd: --reps needs an integer ≥ 1, got nothing');
    expect(refused('--smoke')).toBe('cmd: --smoke needs a factor ≥ 1, got nothing');
    // Given with '=', a value starting with -- is meant.
    expect((read('--set=--x') as Parsed).lists.get('--set')).toEqual(['--x']);
  });

  test('a wrong value names the option by its own name and quotes what came', () => {
    expect(refused('--replications', 'many')).toBe('cmd: --reps needs an integer ≥ 1, got "many"');
    expect(refused('--reps', '20000')).toBe('cmd: --reps needs an integer ≤ 10,000 (replications per variant), got "20000"');
    expect(refused('--workers', '1000')).toBe('cmd: --workers needs an integer ≤ 256 (worker threads), got "1000"');
    expect(refused('--smoke', '0.5')).toBe('cmd: --smoke needs a factor ≥ 1, got "0.5"');
    expect(refused('--confidence', ' ')).toBe('cmd: --confidence needs a number, got " "');
    expect(refused('--json=yes')).toBe('cmd: --json takes no value');
  });

  test('unknown options are quoted as typed, and so are -, --, a negative number and single-dash options', () => {
    for (const arg of ['--bogus', '--bogus=1', '-x', '-xy=3', '-', '--', '-1', '---x']) expect(refused('f.yaml', arg, 'g.yaml')).toBe(`cmd: unknown option "${arg}"`);
    // The first problem in the order given.
    expect(refused('--reps', '0', '--bogus')).toBe('cmd: --reps needs an integer ≥ 1, got "0"');
    // A command without positional arguments: any other word is an unknown option.
    expect(parseOptions('cmd', ['--json', 'extra'], OPTIONS, false)).toMatchObject({ usage: 'cmd: unknown option "extra"', arg: 'extra' });
  });

  test('a refusal says which argument, which option and what value, for a command to word it its own way', () => {
    expect(read('--replications', 'x')).toEqual({ usage: 'cmd: --reps needs an integer ≥ 1, got "x"', arg: '--replications', option: '--replications', value: 'x' });
    expect(read('--seed')).toEqual({ usage: 'cmd: --seed needs an integer ≥ 0, got nothing', arg: '--seed', option: '--seed', value: undefined });
    expect(read('--nope=2')).toEqual({ usage: 'cmd: unknown option "--nope=2"', arg: '--nope=2' });
  });
});
