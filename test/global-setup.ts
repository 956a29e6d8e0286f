// Before any test: the compiled package (dist/) brought up to date with the sources, when a
// source is newer than the last build (scripts/build.js --if-stale: nothing to do after
// `npm install`, about 10 s after an edit). Tests import the TypeScript sources directly,
// but the tests that spawn `pathflow` (test/cli, test/server/serve-cli, test/runner/queue,
// test/teach) run bin/pathflow.js as a user does, on dist/ and its worker bundles: this way
// they test the compiled code users run, not a stale copy of it, nor the sources through tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/build.js', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`the build (${script} --if-stale) failed: exit ${r.status}`);
}
