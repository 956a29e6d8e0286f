// The layering rules of the code (DESIGN.md, STYLE.md) as data, and a checker that reads
// every import of every module with a real TypeScript parser (Vite's parseAst, oxc), type
// imports included: `import type` carries the scenario language into the engine as surely
// as a value import does. A rule broken is reported with the file, the line and why.
//
// Imports point one way: engine/core ← engine/hospital ← scenarios ← runner ← {cli, server};
// validation → runner; ui → scenarios (schema side), the server's API types, and the engine
// only inside its Web Worker. A layer may import any layer below it, never one above or
// beside it (cli and server never import each other).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { parseAst } from 'vite';

/** The layers in order: a module may import its own layer and those listed in `may`. */
export const LAYERS: { name: string; may: string[]; packages?: RegExp }[] = [
  // The kernel: no hospital words, no Node, DOM or network: pure arithmetic on its own types.
  { name: 'engine/core', may: [], packages: /^(@stdlib\/|seedrandom$)/ },
  { name: 'engine/experiment', may: ['engine/core'], packages: /^(@stdlib\/|seedrandom$)/ },
  { name: 'engine/hospital', may: ['engine/core'], packages: /^(@stdlib\/|seedrandom$)/ },
  { name: 'engine', may: ['engine/core', 'engine/experiment', 'engine/hospital'], packages: /^(@stdlib\/|seedrandom$)/ },
  { name: 'scenarios', may: ['engine'] },
  { name: 'runner', may: ['engine', 'scenarios'] },
  { name: 'validation', may: ['engine', 'scenarios', 'runner'] },
  { name: 'cli', may: ['engine', 'scenarios', 'runner', 'validation'] },
  { name: 'server', may: ['engine', 'scenarios', 'runner'] },
];

/** What the web app's main thread may import from outside ui/: the scenario language's schema side and the server's API types. */
// scenarios/fit: the fit of an extract (pure arithmetic on the text of a CSV, no engine), run
// by the page "From data" (lazily loaded, in its own Web Worker) so an extract never leaves the browser.
// scenarios/diagram: the pathway graphs (pure), drawn by the app and by the STRESS-DES report alike.
// scenarios/text.ts: a scenario's YAML or JSON text read as `pathflow` reads it (import, the advanced editor).
export const UI_MAY = ['scenarios/schema', 'scenarios/errors.ts', 'scenarios/text.ts', 'scenarios/variants.ts', 'scenarios/suggest.ts', 'scenarios/diagram', 'scenarios/kpis/catalogue.ts', 'scenarios/cost/limits.ts', 'scenarios/fit', 'server/api-schemas.ts'];
/** The web app's Web Worker (and the modules only it loads) may also run the engine, the compiler and one replication. */
export const UI_WORKER = 'ui/src/teach/engine.worker.ts';
export const UI_WORKER_MAY = [...UI_MAY, 'engine', 'scenarios', 'runner/replicate.ts', 'runner/summary.ts'];

/** Node, DOM and network globals the engine must not touch (it runs in a browser worker and must give the same numbers everywhere). */
const HOST_GLOBALS = new Set(['process', 'window', 'document', 'navigator', 'Buffer', 'require', 'fetch', 'WebSocket', 'XMLHttpRequest', 'localStorage', 'globalThis']);

export interface Module {
  /** Path from the repository root, with forward slashes: "engine/core/calendar.ts". */
  file: string;
  text: string;
}

export interface ImportRef {
  /** The module it names, resolved from the root ("scenarios/schema/site.ts"), or the package ("zod", "node:fs"). */
  target: string;
  line: number;
  typeOnly: boolean;
}

export interface Violation {
  file: string;
  line: number;
  message: string;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

type Node = { type: string; start: number; [key: string]: unknown };

/** Every import, re-export and dynamic import of a module, and its uses of host globals. */
export function importsOf(m: Module): { imports: ImportRef[]; globals: { name: string; line: number }[] } {
  const ast = parseAst(m.text, { lang: m.file.endsWith('.tsx') ? 'tsx' : 'ts' }) as unknown as Node;
  const imports: ImportRef[] = [];
  const globals: { name: string; line: number }[] = [];
  const add = (spec: string, at: number, typeOnly: boolean) => {
    const target = spec.startsWith('.') ? normalize(join(dirname(m.file), spec)).split(sep).join('/') : spec;
    imports.push({ target, line: lineAt(m.text, at), typeOnly });
  };
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    const source = node.source as { type?: string; value?: unknown } | null | undefined;
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && typeof source?.value === 'string') {
      add(source.value, node.start, node.importKind === 'type' || node.exportKind === 'type');
    } else if (node.type === 'ImportExpression' && typeof source?.value === 'string') {
      add(source.value, node.start, false);
    } else if (node.type === 'MemberExpression') {
      const object = node.object as Node;
      if (object.type === 'Identifier' && HOST_GLOBALS.has(object.name as string)) globals.push({ name: object.name as string, line: lineAt(m.text, node.start) });
    } else if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      if (callee.type === 'Identifier' && HOST_GLOBALS.has(callee.name as string)) globals.push({ name: callee.name as string, line: lineAt(m.text, node.start) });
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && value && typeof value === 'object') walk(value);
  };
  walk(ast);
  return { imports, globals };
}

/** The layer a file belongs to: the most specific one whose folder holds it. */
export function layerOf(file: string): (typeof LAYERS)[number] | undefined {
  return LAYERS.filter((l) => file.startsWith(`${l.name}/`)).sort((a, b) => b.name.length - a.name.length)[0];
}

const within = (target: string, place: string) => target === place || target.startsWith(`${place}/`);

/** Modules reachable from `entry` through relative imports within ui/ (the worker's own modules). */
function reachable(entry: string, graph: Map<string, ImportRef[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of graph.get(f) ?? []) if (i.target.startsWith('ui/') && graph.has(i.target)) stack.push(i.target);
  }
  return seen;
}

/** The web app's feature a file belongs to (`ui/src/features/<name>/…`), if any. */
function featureOf(file: string): string | undefined {
  return /^ui\/src\/features\/([^/]+)\//.exec(file)?.[1];
}

/** Every import that breaks the rules, with its file and line. */
export function checkLayers(modules: readonly Module[]): Violation[] {
  const out: Violation[] = [];
  const graph = new Map<string, ImportRef[]>();
  const globals = new Map<string, { name: string; line: number }[]>();
  for (const m of modules) {
    const r = importsOf(m);
    graph.set(m.file, r.imports);
    globals.set(m.file, r.globals);
  }
  const worker = reachable(UI_WORKER, graph);
  for (const m of modules) {
    const imports = graph.get(m.file)!;
    if (m.file.startsWith('ui/')) {
      const inWorker = worker.has(m.file);
      const may = inWorker ? UI_WORKER_MAY : UI_MAY;
      const feature = featureOf(m.file);
      for (const i of imports) {
        const other = featureOf(i.target);
        if (feature && other && other !== feature) {
          out.push({ file: m.file, line: i.line, message: `imports ${i.target}: UI features never import each other (app/ composes them; shared code goes in ui/src/lib or ui/src/components)` });
          continue;
        }
        if (!/^[a-z]+\//.test(i.target) || i.target.startsWith('ui/') || !LAYERS.some((l) => within(i.target, l.name))) continue;
        if (i.target.startsWith('server/') && !i.typeOnly) {
          out.push({ file: m.file, line: i.line, message: `imports ${i.target} at run time: the web app reaches the server only through its API (types may be imported)` });
        } else if (!may.some((p) => within(i.target, p))) {
          out.push({ file: m.file, line: i.line, message: inWorker
            ? `imports ${i.target}: the web app's worker may import ${UI_WORKER_MAY.join(', ')}`
            : `imports ${i.target}: outside its Web Worker (${UI_WORKER}), the web app may import only ${UI_MAY.join(', ')}` });
        }
      }
      continue;
    }
    const layer = layerOf(m.file);
    if (!layer) continue;
    for (const i of imports) {
      if (i.target.startsWith('.') || !i.target.includes('/') || !/\.(ts|tsx)$/.test(i.target)) {
        // A package (zod, node:fs, @stdlib/…): only the engine is restricted.
        if (layer.packages && !layer.packages.test(i.target)) {
          out.push({ file: m.file, line: i.line, message: `imports the package "${i.target}": ${layer.name} may use only pure-computation packages (no Node, DOM or network API)` });
        }
        continue;
      }
      const own = within(i.target, layer.name);
      const allowed = layer.may.some((p) => within(i.target, p));
      if (!own && !allowed) {
        const to = layerOf(i.target)?.name ?? i.target.split('/')[0];
        out.push({ file: m.file, line: i.line, message: `imports ${i.target}${i.typeOnly ? ' (a type)' : ''}: ${layer.name} may import only ${[layer.name, ...layer.may].join(', ')}, not ${to}` });
      }
    }
    if (layer.packages) {
      for (const g of globals.get(m.file)!) out.push({ file: m.file, line: g.line, message: `uses the host global "${g.name}": ${layer.name} runs the same in Node and a browser worker` });
    }
  }
  return out;
}

/** Every .ts/.tsx module of the repository's layers and ui/src, read from `root`. */
export function readModules(root: string): Module[] {
  const out: Module[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist' && !e.name.startsWith('.')) visit(path);
      } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        out.push({ file: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const top of ['engine', 'scenarios', 'runner', 'validation', 'cli', 'server', 'ui/src']) visit(join(root, top));
  return out;
}
