// A real redis-server for the queue tests: a free loopback port, a temporary directory, no
// persistence; stopped (and its directory removed) by stop(). Extra arguments pass through
// (e.g. ['--requirepass', 'pw']).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const c = connect(port, '127.0.0.1', () => (c.destroy(), resolve(true)));
  c.once('error', () => resolve(false));
});

/** Started on `port` if given (to restart a server where its clients expect it), else a free one. */
export async function startRedis(extra: string[] = [], port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pathflow-redis-'));
  const listen = extra.includes('--tls-port') ? [] : ['--port', String(port)]; // TLS: the caller says where
  const child = spawn('redis-server', [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let missing: Error | undefined;
  child.once('error', (e) => void (missing = e));
  for (let waited = 0; !(await accepts(port)); waited += 50) {
    if (missing || waited > 5000 || child.exitCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(missing
        ? `cannot start redis-server (${missing.message}): install it (Debian: apt-get install redis-server; .ci/run does)`
        : `redis-server did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
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
