// Runs single replications of reference cases for parallel.ts. A case is planned once per
// worker (model compiled, probes made) and reused for all its replications.
import { parentPort } from 'node:worker_threads';
import { planCase, runReplication, type CasePlan, type Replication } from './check.ts';
import type { CaseTask } from './parallel.ts';
import type { Reply, Request } from '../runner/local/messages.ts';

const plans = new Map<string, CasePlan>();

parentPort!.on('message', ({ id, task }: Request<CaseTask>) => {
  let reply: Reply<Replication>;
  try {
    const key = JSON.stringify([task.c, task.options]);
    let plan = plans.get(key);
    if (!plan) {
      const planned = planCase(task.c, task.options);
      if (!planned.ok) throw new Error(planned.issues.map((i) => i.message).join('; '));
      plans.set(key, (plan = planned.plan));
    }
    reply = { id, ok: true, result: runReplication(plan, task.options.seed ?? 1, task.rep) };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
  }
  parentPort!.postMessage(reply);
});
