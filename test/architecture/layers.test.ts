// The folder tree is the design: every import of the repository obeys the layering rules
// (imports.ts), and the checker catches each kind of violation the code once had.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { checkLayers, readModules, type Module } from './imports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('no import in the repository breaks the layering rules', () => {
  const modules = readModules(root);
  expect(modules.length).toBeGreaterThan(150);
  expect(checkLayers(modules).map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([]);
});

describe('the checker', () => {
  const check = (...modules: Module[]) => checkLayers(modules).map((v) => `${v.file}:${v.line}: ${v.message}`);

  test('the engine importing the scenario language, even a type (engine/hospital/ward.ts before the compiler moved out)', () => {
    const ward = {
      file: 'engine/hospital/ward.ts',
      text: [
        '// A ward is a bed pool.',
        "import type { PoolDef } from '../core/model.ts';",
        "import type { Ward } from '../../scenarios/schema/site.ts';",
        "import { DAY } from './site.ts';",
        'export const wardPool = (w: Ward): PoolDef => ({ capacity: w.beds * DAY / DAY });',
      ].join('\n'),
    };
    expect(check(ward)).toEqual([
      'engine/hospital/ward.ts:3: imports scenarios/schema/site.ts (a type): engine/hospital may import only engine/hospital, engine/core, not scenarios',
    ]);
  });

  test('the engine core reaching the hospital layer, Node or the host', () => {
    const core = {
      file: 'engine/core/pools.ts',
      text: [
        "import { readFileSync } from 'node:fs';",
        "import { DAY } from '../hospital/week.ts';",
        'export const debug = process.env.DEBUG;',
        'export const rate = (x: number) => x / DAY;',
      ].join('\n'),
    };
    expect(check(core)).toEqual([
      'engine/core/pools.ts:1: imports the package "node:fs": engine/core may use only pure-computation packages (no Node, DOM or network API)',
      'engine/core/pools.ts:2: imports engine/hospital/week.ts: engine/core may import only engine/core, not engine/hospital',
      'engine/core/pools.ts:3: uses the host global "process": engine/core runs the same in Node and a browser worker',
    ]);
  });

  test('the faces importing each other, and a layer importing a face (the tangle before runner/ existed)', () => {
    expect(check(
      { file: 'cli/scenario.ts', text: "import { runExperiment } from '../server/runner/runner.ts';\nexport const x = runExperiment;" },
      { file: 'server/routes/runs.ts', text: "\nimport { csv } from '../../cli/scenario.ts';\nexport const y = csv;" },
      { file: 'scenarios/reference-case/parallel.ts', text: "import { replicationPool } from '../../server/pool/pool.ts';\nexport const z = replicationPool;" },
      { file: 'runner/batches.ts', text: "import type { Io } from '../cli/validate.ts';\nexport type W = Io;" },
    )).toEqual([
      'cli/scenario.ts:1: imports server/runner/runner.ts: cli may import only cli, engine, scenarios, runner, validation, not server',
      'server/routes/runs.ts:2: imports cli/scenario.ts: server may import only server, engine, scenarios, runner, not cli',
      'scenarios/reference-case/parallel.ts:1: imports server/pool/pool.ts: scenarios may import only scenarios, engine, not server',
      'runner/batches.ts:1: imports cli/validate.ts (a type): runner may import only runner, engine, scenarios, not cli',
    ]);
  });

  test('re-exports and dynamic imports count as imports', () => {
    expect(check(
      { file: 'scenarios/schema/x.ts', text: "export { runOne } from '../../runner/replicate.ts';" },
      { file: 'engine/hospital/y.ts', text: "export async function load() {\n  return import('../../scenarios/load.ts');\n}" },
    )).toEqual([
      'scenarios/schema/x.ts:1: imports runner/replicate.ts: scenarios may import only scenarios, engine, not runner',
      'engine/hospital/y.ts:2: imports scenarios/load.ts: engine/hospital may import only engine/hospital, engine/core, not scenarios',
    ]);
  });

  test('the web app: the engine only inside its worker, the server only through API types', () => {
    const worker = { file: 'ui/src/teach/engine.worker.ts', text: "import { run } from './live-run.ts';\nrun();" };
    const live = { file: 'ui/src/teach/live-run.ts', text: "import { Simulation } from '../../../engine/core/simulation.ts';\nexport const run = () => Simulation;" };
    const page = {
      file: 'ui/src/features/run/RunPanel.tsx',
      text: [
        "import type { RunRequest } from '../../../../server/api-schemas.ts';",
        "import { Simulation } from '../../../../engine/core/simulation.ts';",
        "import { startServer } from '../../../../server/server.ts';",
        'export const p = [Simulation, startServer] as unknown as RunRequest;',
      ].join('\n'),
    };
    expect(check(worker, live, page)).toEqual([
      `ui/src/features/run/RunPanel.tsx:2: imports engine/core/simulation.ts: outside its Web Worker (ui/src/teach/engine.worker.ts), the web app may import only scenarios/schema, scenarios/errors.ts, scenarios/text.ts, scenarios/variants.ts, scenarios/suggest.ts, scenarios/diagram, scenarios/kpis/catalogue.ts, scenarios/cost/limits.ts, scenarios/fit, server/api-schemas.ts`,
      'ui/src/features/run/RunPanel.tsx:3: imports server/server.ts at run time: the web app reaches the server only through its API (types may be imported)',
    ]);
  });

  test('UI features never import each other: app/ composes them', () => {
    expect(check(
      { file: 'ui/src/features/compare/CompareView.tsx', text: "import { RegionalView } from '../regional/RegionalView.tsx';\nexport const v = RegionalView;" },
      { file: 'ui/src/features/fit/fit-figures.ts', text: "import { colourOf } from '../compare/chart-data.ts';\nimport { x } from './own.ts';\nimport { y } from '../../lib/palette.ts';\nexport const c = [colourOf, x, y];" },
      { file: 'ui/src/app/RunPage.tsx', text: "import { CompareView } from '../features/compare/CompareView.tsx';\nexport const p = CompareView;" },
    )).toEqual([
      'ui/src/features/compare/CompareView.tsx:1: imports ui/src/features/regional/RegionalView.tsx: UI features never import each other (app/ composes them; shared code goes in ui/src/lib or ui/src/components)',
      'ui/src/features/fit/fit-figures.ts:1: imports ui/src/features/compare/chart-data.ts: UI features never import each other (app/ composes them; shared code goes in ui/src/lib or ui/src/components)',
    ]);
  });
});
