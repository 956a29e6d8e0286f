// `pathflow serve`: the REST + WebSocket server (server/) on 127.0.0.1:8080 by default,
// with its data in ./.pathflow-data, and the web app as built (ui/dist). Stops cleanly on
// Ctrl-C / SIGTERM (runs still going are recorded as failed: the server stopped during them).
// The server face's own command: bin/pathflow.js hands it, with its lines of the usage
// text, to the command line (cli/main.ts), which imports nothing of the server.
import { resolve } from 'node:path';
import type { Limits } from './limits.ts';
import { capWorkers } from '../runner/counts.ts';
import { common, parseOptions, type Options } from '../runner/options.ts';
import { defaultCostLimits, parseLimit, type CostLimits } from '../scenarios/cost/limits.ts';
import { originOf } from './host-check.ts';

/** Where the command writes (the command line's own Io has the same shape). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string;
  workers?: number;
  redis?: string;
  token?: string;
  limits: Partial<Limits>;
  /** Scenario limits raised (or lowered) with --limit NAME=N. */
  costLimits: Partial<CostLimits>;
  /** Notices worth a line (a --workers capped at the CPUs). */
  notices: string[];
  /** Origins besides the server's own whose pages may call it (--allow-origin, repeatable). */
  allowedOrigins: string[];
}

export const SERVE_USAGE = `  serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--workers N] [--redis URL] [--token T]
        [--max-body-kb N] [--max-replications N] [--max-horizon-days N] [--max-concurrent-runs N]
        [--max-queued-runs N] [--max-run-seconds N] [--keep-runs 200] [--keep-run-days 90]
        [--max-storage-mb 1024] [--max-writes-per-minute 600] [--allow-origin URL] [--limit NAME=N …]
      Serves the REST API, the WebSocket and the web app (built by npm install) — server/API.md.
      Data (saved scenarios, runs) in --data (default ./.pathflow-data). A host other than
      127.0.0.1 needs --token (or PATHFLOW_TOKEN): clients send Authorization: Bearer T.
      Keeps the last --keep-runs finished runs (or PATHFLOW_KEEP_RUNS), none older than
      --keep-run-days (or PATHFLOW_KEEP_RUN_DAYS), each with the exact scenario it ran; refuses
      saves beyond --max-storage-mb (507). Pages of other origins are refused unless named
      by --allow-origin (repeatable). Threat model: docs/security.md.
      --redis URL (or PATHFLOW_REDIS_URL) runs experiments on the job queue. --limit sets
      one of the scenario limits below for every request (server/API.md, "Limits").
`;

/** The server's own limits as options, each with its key in Limits and the unit it is given in. */
const LIMIT_FLAGS: Record<string, [Exclude<keyof Limits, 'cost'>, number]> = {
  '--max-body-kb': ['bodyBytes', 1024],
  '--max-replications': ['replications', 1],
  '--max-horizon-days': ['horizonDays', 1],
  '--max-concurrent-runs': ['concurrentRuns', 1],
  '--max-queued-runs': ['queuedRuns', 1],
  '--max-run-seconds': ['runSeconds', 1],
  '--keep-runs': ['keepRuns', 1],
  '--keep-run-days': ['keepRunDays', 1],
  '--max-storage-mb': ['storageBytes', 1024 * 1024],
  '--max-writes-per-minute': ['writesPerMinute', 1],
};

/** Environment variables that set the retention policy when its option is not given. */
const RETENTION_ENV: Record<string, string> = { PATHFLOW_KEEP_RUNS: '--keep-runs', PATHFLOW_KEEP_RUN_DAYS: '--keep-run-days' };

const ORIGIN = 'an origin such as https://pathflow.example.org';

const OPTIONS: Options = {
  ...common('--workers', '--redis', '--limit'),
  '--port': { kind: 'count', least: 0 },
  '--host': { kind: 'text', needs: 'an address' },
  '--data': { kind: 'text', needs: 'a directory' },
  '--token': { kind: 'text', needs: 'a token' },
  '--allow-origin': { kind: 'list', needs: ORIGIN },
  ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((flag) => [flag, { kind: 'count', least: 1 } as const])),
};

/** The options, or a usage message. */
export function parseServeArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs | string {
  const p = parseOptions('serve', args, OPTIONS, false);
  if ('usage' in p) return p.usage;
  const port = p.counts.get('--port') ?? 8080;
  if (port > 65535) return `serve: --port needs a port 0-65535, got ${port}`;
  const a: ServeArgs = {
    port, host: p.texts.get('--host') ?? '127.0.0.1', dataDir: resolve(p.texts.get('--data') ?? '.pathflow-data'),
    limits: {}, costLimits: {}, notices: [], allowedOrigins: [], token: p.texts.get('--token') ?? (env.PATHFLOW_TOKEN || undefined),
  };
  const workers = p.counts.get('--workers');
  if (workers !== undefined) a.workers = capWorkers(workers, '--workers', (m) => a.notices.push(m));
  const redis = p.texts.get('--redis');
  if (redis !== undefined) a.redis = redis;
  for (const [flag, [key, scale]] of Object.entries(LIMIT_FLAGS)) {
    const n = p.counts.get(flag);
    if (n !== undefined) a.limits[key] = n * scale;
  }
  // Retention from the environment too (a container's settings); an option given wins.
  for (const [name, flag] of Object.entries(RETENTION_ENV)) {
    const text = env[name];
    if (!text || p.counts.has(flag)) continue;
    if (!/^[1-9]\d{0,8}$/.test(text.trim())) return `serve: ${name} needs a whole number ≥ 1 (as ${flag}), got ${JSON.stringify(text)}`;
    a.limits[LIMIT_FLAGS[flag][0]] = Number(text.trim());
  }
  for (const text of p.lists.get('--limit') ?? []) {
    const r = parseLimit(text);
    if (!r.ok) return `serve: --limit ${r.message}`;
    a.costLimits[r.name] = r.value;
  }
  for (const v of p.lists.get('--allow-origin') ?? []) {
    const origin = originOf(v);
    if (origin === undefined || new URL(v).pathname.length > 1) return `serve: --allow-origin needs ${ORIGIN} (scheme, host and port only), got ${JSON.stringify(v)}`;
    a.allowedOrigins.push(origin);
  }
  return a;
}

/** `pathflow serve …` (bin/pathflow.js hands it to the command line as the serve command): the exit code, or the usage message. */
export async function serveCommand(args: string[], io: Io): Promise<number | { usage: string }> {
  const a = parseServeArgs(args);
  return typeof a === 'string' ? { usage: a } : serve(a, io);
}

export async function serve(a: ServeArgs, io: Io): Promise<number> {
  const { startServer } = await import('./server.ts');
  for (const m of a.notices) io.err(`pathflow serve: ${m}\n`);
  const { uiIsStale } = await import('./ui-build.ts');
  if (uiIsStale()) io.err('pathflow serve: the web app in ui/dist is missing or older than ui/src: npm run build:ui to build it\n');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ port: a.port, host: a.host, dataDir: a.dataDir, workers: a.workers, redis: a.redis, token: a.token, limits: { ...a.limits, cost: { ...defaultCostLimits, ...a.costLimits } }, allowedOrigins: a.allowedOrigins, logger: { level: 'warn' } });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${a.port} on ${a.host} is already in use (another pathflow serve?): give --port N`
      : code === 'EADDRNOTAVAIL' ? `${a.host} is not an address of this machine`
      : e instanceof Error ? e.message : String(e);
    io.err(`pathflow serve: ${why}\n`);
    return 1;
  }
  const { ctx } = server;
  io.out(`pathflow ${ctx.version} serving ${server.url}/  (API ${server.url}/api, docs ${server.url}/docs)\n`);
  io.out(`data: ${a.dataDir}; runner: ${ctx.runner.kind}, ${ctx.runner.parallelism} at once${ctx.token ? '; token required' : ''}${ctx.uiDist ? '' : '; no web app built (ui/dist: npm run build:ui)'}\n`);
  if (server.recovered > 0) io.out(`${server.recovered} run(s) interrupted by the last stop were marked failed\n`);
  return new Promise<number>((done) => {
    const stop = (signal: string) => {
      io.err(`\n${signal}: stopping…\n`);
      void server.close().then(() => done(0), (e: unknown) => {
        io.err(`pathflow serve: ${e instanceof Error ? e.message : String(e)}\n`);
        done(1);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
