#!/usr/bin/env node
// The `pathflow` command: runs the compiled JavaScript in dist/, which `npm install` builds
// in a checkout (the "prepare" script) and which a published package ships.
//
// The composition root of the two faces over runner/: the command line (dist/cli/main.js)
// runs every command but `serve`, which the server face provides (dist/server/command.js)
// with its lines of the usage text; neither face imports the other. The server's module is
// loaded only for `serve` or to print the usage text, so that no other command loads it.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const cli = new URL('cli/main.js', dist);
if (!existsSync(cli)) {
  process.stderr.write(`pathflow: not built (${cli.pathname} is missing): run npm run build in ${new URL('..', import.meta.url).pathname}\n`);
  process.exit(1);
}
const server = () => import(new URL('server/command.js', dist).href);
const serve = {
  usage: async () => (await server()).SERVE_USAGE,
  run: async (args, io) => (await server()).serveCommand(args, io),
};
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2), undefined, { serve });
