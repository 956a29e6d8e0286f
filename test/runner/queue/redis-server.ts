// A real redis-server for the queue tests: a free loopback port, a temporary directory, no
// persistence; stopped (and its directory removed) by stop(). Extra arguments pass through
// (e.g. ['--requirepass', 'pw']).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RedisServer {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the OS's choice for port 0, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Started on `port` if given (to restart a server where its clients expect it), else a free one. */
export async function startRedis(extra: string[] = [], port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pathflow-redis-'));
  const listen = extra.includes('--tls-port') ? [] : ['--port', String(port)]; // TLS: the caller says where
  const child = spawn('redis-server', [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when its log says so (every listener is open by then), not when a poll gets in.
  const log: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        log.push(line);
        if (/Ready to accept connections/.test(line)) resolve();
      });
      child.stderr!.on('data', (d) => log.push(String(d)));
      child.once('error', (e) => reject(new Error(`cannot start redis-server (${e.message}): install it (Debian: apt-get install redis-server; .ci/run does)`)));
      child.once('exit', (code) => reject(new Error(`redis-server stopped at start (exit ${code}):\n${log.join('\n')}`)));
    });
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    port,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
