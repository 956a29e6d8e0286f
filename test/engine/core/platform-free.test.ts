// engine/ must run anywhere (Node worker, browser, bundler): it imports only relative
// files and the allowed packages, and touches no Node, DOM or network global. The scan
// ignores comments and the insides of strings and regular expressions, so "the measured
// window." in a comment is not a use of `window`.
import { describe, test, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENGINE = join(ROOT, 'engine');
// stdlib: deterministic elementary functions and quantiles (engine/core/math.ts); jstat only in tests now.
const ALLOWED_PACKAGES = ['seedrandom', 'jstat', '@stdlib'];
const FORBIDDEN: [RegExp, string][] = [
  [/(?<![\w$])process\s*\./, 'process.'],
  [/(?<![\w$.])require\s*\(/, 'require('],
  [/(?<![\w$])window\s*\./, 'window.'],
  [/(?<![\w$])document\s*\./, 'document.'],
  [/(?<![\w$.])fetch\s*\(/, 'fetch('],
  // Not the same bits in every engine (Node 20 and Chromium 156 differ): engine/core/math.ts instead.
  [/(?<![\w$])Math\s*\.\s*(?:log1p|expm1|log2|log10|log|exp|pow|sin|cos|tan|asin|acos|atan2|atan|sinh|cosh|tanh|cbrt|hypot)\b/, 'Math.<elementary function>'],
];

/**
 * Two views of a source: `code` without comments (string contents kept, to read import
 * specifiers) and `bare` without comments and with the contents of strings and regex
 * literals blanked (template `${...}` expressions are kept: they are code).
 */
function lex(src: string): { code: string; bare: string } {
  let code = '', bare = '';
  const templateDepth: number[] = []; // brace depth at each open `${`
  let depth = 0;
  let i = 0;
  const emit = (c: string, blank = false) => { code += c; bare += blank && c !== '\n' ? ' ' : c; };
  const regexCanStart = () => {
    const tail = bare.trimEnd();
    return tail === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(tail) || /(?<![\w$])(return|typeof|case|in|of|void|yield|await)$/.test(tail);
  };
  while (i < src.length) {
    const c = src[i], next = src[i + 1];
    if (c === '/' && next === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      emit(' ' + '\n'.repeat(src.slice(i, stop).split('\n').length - 1)); // keep line numbers
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      emit(c); i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') { if (src[i] === '\\') { emit(src[i], true); i++; } emit(src[i], true); i++; }
      emit(src[i] ?? ''); i++;
      continue;
    }
    if (c === '`' || (c === '}' && templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === depth)) {
      if (c === '}') templateDepth.pop();
      emit(c); i++;
      // Template text up to the closing backtick or the next `${`.
      while (i < src.length && src[i] !== '`' && !(src[i] === '$' && src[i + 1] === '{')) { if (src[i] === '\\') { emit(src[i], true); i++; } emit(src[i], true); i++; }
      if (src[i] === '$') { emit('${'); i += 2; templateDepth.push(depth); } else { emit(src[i] ?? ''); i++; }
      continue;
    }
    if (c === '/' && regexCanStart()) {
      emit(c); i++;
      let inClass = false;
      while (i < src.length && src[i] !== '\n' && (inClass || src[i] !== '/')) {
        if (src[i] === '\\') { emit(src[i], true); i++; }
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        emit(src[i], true); i++;
      }
      emit(src[i] ?? ''); i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    emit(c); i++;
  }
  return { code, bare };
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(code: string): string[] {
  const out: string[] = [];
  const patterns = [/\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g, /\bimport\s*(['"])([^'"]+)\1/g, /\bexport\s+[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g, /\bimport\s*\(\s*(['"])([^'"]+)\1/g];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[2]);
  return out;
}

function allowed(spec: string): boolean {
  if (spec.startsWith('./') || spec.startsWith('../')) return true;
  return ALLOWED_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`));
}

/** Offences in one source, as "what (line n)". */
function offences(src: string): string[] {
  const { code, bare } = lex(src);
  const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
  const found: string[] = [];
  for (const spec of specifiers(code)) if (!allowed(spec)) found.push(`imports "${spec}"`);
  if (/\bimport\s*\(\s*[^'"\s]/.test(code)) found.push('dynamic import of a computed specifier');
  for (const [re, name] of FORBIDDEN) {
    const g = new RegExp(re.source, 'g');
    for (const m of bare.matchAll(g)) found.push(`uses ${name} (line ${lineOf(bare, m.index!)})`);
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|js|mjs|cjs|tsx)$/.test(name) ? [path] : [];
  });
}

describe('engine/ is free of platform APIs', () => {
  test('the scanner catches each kind of offence, and nothing in comments, strings or regexes', () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import type { Foo } from 'express';",
      "export { x } from 'lodash';",
      "import 'dotenv/config';",
      "const m = await import('node:worker_threads');",
      'const seed = Number(process.env.SEED);',
      "const fs = require('fs');",
      'window.requestAnimationFrame(tick);',
      'document.title = "x";',
      'const r = await fetch(url);',
      'const t = `${process.env.HOME}/x`;',
      'const d = -mean * Math.log(1 - u);',
    ].join('\n');
    expect(offences(bad)).toEqual([
      'imports "node:fs"', 'imports "express"', 'imports "dotenv/config"', 'imports "lodash"', 'imports "node:worker_threads"',
      'uses process. (line 6)', 'uses process. (line 11)', 'uses require( (line 7)', 'uses window. (line 8)', 'uses document. (line 9)', 'uses fetch( (line 10)',
      'uses Math.<elementary function> (line 12)',
    ]);
    const clean = [
      "import seedrandom from 'seedrandom';",
      "import jStat from 'jstat/dist/jstat.js';",
      "import { Model } from './model.ts';",
      "export { exit } from '../core/pathway.ts';",
      '// over the measured window. process.exit(1) fetch(url)',
      '/* document.body, require("x") */',
      "const msg = 'see window.open and process.env';",
      'const q = (s: string) => (/[",\\n]/.test(s) ? `"${s.replace(/"/g, \'""\')}"` : s);',
      'const window = time - this.start; const prefetch = (x: number) => x; prefetch(window);',
      'const ratio = a / b / c; // not a regex',
      'const r = Math.sqrt(x) + Math.floor(y) + Math.max(a, b); // exact in every engine',
      "import { log } from './math.ts'; const y = log(x);",
    ].join('\n');
    expect(offences(clean)).toEqual([]);
  });

  test('every file under engine/ imports only relative files, seedrandom, jstat and stdlib, and uses no process, require, window, document, fetch or engine-dependent Math function', () => {
    const files = filesUnder(ENGINE);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      // The lexer must not lose its way in a real file (a missed regex would blank the rest of it).
      const src = readFileSync(f, 'utf8');
      const { code, bare } = lex(src);
      expect(bare.split('\n').length, f).toBe(src.split('\n').length);
      const importLines = src.split('\n').filter((l) => /^(import|export)\b.*\bfrom\s*'/.test(l)).length;
      expect(specifiers(code).length, f).toBeGreaterThanOrEqual(importLines);
      // ...and an offence after all of the file's text is still seen.
      expect(offences(`${src}\nfetch(url);\n`), f).toContain(`uses fetch( (line ${src.split('\n').length + 1})`);
    }
    const report = files.flatMap((f) => offences(readFileSync(f, 'utf8')).map((o) => `${relative(ROOT, f)}: ${o}`));
    expect(report).toEqual([]);
  });
});
