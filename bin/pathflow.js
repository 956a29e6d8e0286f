#!/usr/bin/env node
// The `pathflow` command. The project is TypeScript run through tsx (esbuild strips the
// types in memory), so `npx pathflow …` works straight after `npm install`, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
