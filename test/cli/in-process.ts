// `pathflow` run in the test's own process (cli/main.ts's `main`, as bin/pathflow.js calls
// it), its output collected: faster than a child process, and the same code path.
import { main } from '../../cli/main.ts';

export async function pathflow(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
