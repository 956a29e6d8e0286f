// `pathflow worker` child processes for the queue tests, as a user starts them (bin/pathflow.js),
// with their stderr kept so a test can check what they said (and that no password is in it).
import { spawn, type ChildProcess } from 'node:child_process';

export interface WorkerProcess {
  process: ChildProcess;
  pid: number;
  stderr(): string;
  /** SIGTERM, then SIGKILL if still running after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

const bin = new URL('../../../bin/pathflow.js', import.meta.url).pathname;

/** Starts `pathflow worker --redis URL …args` and resolves once it takes jobs. */
export async function startWorker(url: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [bin, 'worker', '--redis', url, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('taking jobs from')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`pathflow worker exited (${code}) before taking jobs:\n${err}`)));
  });
  return {
    process: child,
    pid: child.pid!,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
