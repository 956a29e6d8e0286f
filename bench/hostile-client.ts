// `tsx bench/hostile-client.ts URL [RUN]`: for bench/load.ts, submits hostile scenarios to
// the server at URL one after another until SIGTERM, then prints the count of each status
// as JSON. First an unstable ward (accepted: its figures are within the limits; then failed
// at its first replication's budget of patients in the system), then, round and round: a
// billion staff (validate, save, run, live), a pathway looping without time passing, and
// one whose compiled steps would multiply (all refused with the field named). Meanwhile,
// with RUN (a finished run of a very busy day), its event log downloaded again and again
// as fast as it comes (the replication reruns on the server's own thread; one log at a
// time, so the second client gets 429 while the first streams).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const url = process.argv[2];
const busyRun = process.argv[3];
const ed = parse(readFileSync(new URL('../test/fixtures/small-ed.yaml', import.meta.url), 'utf8'));
const staff = structuredClone(ed);
staff.sites[0].staff[1].count = 1e9;
const loop = structuredClone(ed);
loop.pathways.minors.unshift({ id: 'again', do: 'branch', options: [{ to: 'again', probability: 1 }] });
const copies = structuredClone(ed);
copies.sites[0].wards.push(...Array.from({ length: 12 }, (_, k) => ({ id: `p${k}`, beds: 2, kind: 'cubicle' })));
copies.pathways.minors = [...Array.from({ length: 12 }, (_, k) => [
  { id: `b${k}`, do: 'branch', options: [{ to: `t${k}`, probability: 0.5 }, { to: `b${k + 1}`, probability: 0.5 }] },
  { id: `t${k}`, do: 'task', place: `p${k}`, keepPlace: true, duration: { dist: 'exponential', mean: 1 } },
]).flat(), { id: 'b12', do: 'discharge' }];
const unstable = structuredClone(ed);
unstable.classes[1].arrivals = { perDay: 20_000 };
unstable.time.horizonDays = 365;

const requests = ([
  ['/api/scenarios/validate', { scenario: staff }],
  ['/api/scenarios', { scenario: staff }],
  ['/api/runs', { scenario: staff, replications: 5 }],
  ['/api/runs', { scenario: staff, live: true }],
  ['/api/runs', { scenario: loop, live: true }],
  ['/api/runs', { scenario: copies, replications: 2 }],
] as [string, unknown][]).map(([path, body]) => [path, JSON.stringify(body)] as const);

const counts: Record<string, number> = {};
let stopping = false;
process.once('SIGTERM', () => (stopping = true));
const post = async (path: string, body: string) => {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await r.arrayBuffer();
  return r.status;
};
counts[`unstable run ${await post('/api/runs', JSON.stringify({ scenario: unstable, replications: 200 }))}`] = 1;
const logs = (async () => {
  while (busyRun && !stopping) {
    const r = await fetch(`${url}/api/runs/${busyRun}/event-log`);
    let bytes = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const key = `event log ${r.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (r.status === 200) counts['event log MB'] = Math.round((counts['event log MB'] ?? 0) + bytes / 1e6);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();
for (let k = 0; !stopping; k++) {
  const [path, body] = requests[k % requests.length];
  const status = await post(path, body);
  counts[status] = (counts[status] ?? 0) + 1;
}
await logs;
process.stdout.write(JSON.stringify(counts));
