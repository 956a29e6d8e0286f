// Runs single replications of reference cases for parallel.ts. A case is planned once per
// worker (model compiled, probes made) and reused for all its replications.
import { parentPort } from 'node:worker_threads';
import { planCase, runReplication, type CasePlan } from './check.ts';
import type { Reply, Task } from './parallel.ts';

const plans = new Map<string, CasePlan>();

parentPort!.on('message', (task: Task) => {
  let reply: Reply;
  try {
    const key = JSON.stringify([task.c, task.options]);
    let plan = plans.get(key);
    if (!plan) {
      const planned = planCase(task.c, task.options);
      if (!planned.ok) throw new Error(planned.issues.map((i) => i.message).join('; '));
      plans.set(key, (plan = planned.plan));
    }
    reply = { id: task.id, done: runReplication(plan, task.options.seed ?? 1, task.rep) };
  } catch (e) {
    reply = { id: task.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
});
