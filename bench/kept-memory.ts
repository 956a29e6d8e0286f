// `node --expose-gc --import tsx/esm bench/kept-memory.ts [KPIS] [REPLICATIONS]`: the heap a
// run's kept KPIs take until it is summarised (runner/summary.ts), per KPI: each
// replication's record as a worker sends it (a structured clone) kept whole, as the
// summary did before, against the same records put into NamedRows (runner/named-rows.ts).
import { NamedRows } from '../runner/named-rows.ts';

const kpis = Number(process.argv[2] ?? 17_000);
const replications = Number(process.argv[3] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
// Names shaped as a model of many wards gives them: 40 metrics a ward.
const names = Array.from({ length: kpis }, (_, j) => `metric${j % 40}.mean[site${Math.floor(j / 40)}/ward]`);
const record = () => structuredClone(Object.fromEntries(names.map((n) => [n, Math.random()])));

function measure(keep: (k: number, r: Record<string, number>) => void): { heap: number; buffers: number } {
  gc!(); gc!();
  const h0 = process.memoryUsage();
  for (let k = 0; k < replications; k++) keep(k, record());
  gc!(); gc!();
  const h1 = process.memoryUsage();
  const per = kpis * replications;
  return { heap: (h1.heapUsed - h0.heapUsed) / per, buffers: (h1.arrayBuffers - h0.arrayBuffers) / per };
}

const whole: Record<string, number>[] = [];
const before = measure((k, r) => { whole[k] = r; });
whole.length = 0;
const rows = new NamedRows();
const after = measure((k, r) => rows.putRecord(k, r));
console.log(`${kpis.toLocaleString('en')} KPIs × ${replications} replications, bytes a KPI kept:`);
console.log(`  records kept whole: ${before.heap.toFixed(1)} B of heap`);
console.log(`  NamedRows:          ${after.heap.toFixed(1)} B of heap + ${after.buffers.toFixed(1)} B of array buffers (${rows.values.toLocaleString('en')} numbers)`);
