#!/usr/bin/env node
// The `pathflow` command: runs the compiled JavaScript in dist/, which `npm install` builds
// in a checkout (the "prepare" script) and which a published package ships.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(`pathflow: not built (${main.pathname} is missing): run npm run build in ${new URL('..', import.meta.url).pathname}\n`);
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
