#!/usr/bin/env node
// Two run documents of one scenario (`pathflow run --json`), before and after a change that
// adds KPIs: every KPI of the first must be in the second with exactly the same estimates,
// option by option, and the same paired differences and series. Prints the KPIs added and
// any that changed; exit code 1 when one changed or went missing.
//   node scripts/compare-kpis.js before.json after.json
import { readFileSync } from 'node:fs';

const [before, after] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
let bad = 0;
const added = new Set();
for (const v of before.variants) {
  const w = after.variants.find((x) => x.id === v.id);
  if (!w) { console.log(`missing option ${v.id}`); bad++; continue; }
  for (const [k, e] of Object.entries(v.kpis))
    if (JSON.stringify(e) !== JSON.stringify(w.kpis[k])) { console.log(`changed ${v.id} ${k}: ${JSON.stringify(e)} → ${JSON.stringify(w.kpis[k])}`); bad++; }
  for (const k of Object.keys(w.kpis)) if (!(k in v.kpis)) added.add(k.replace(/\[.*$/, ''));
}
const key = (c) => `${c.variant} ${c.kpi}`;
const later = new Map(after.comparisons.map((c) => [key(c), JSON.stringify(c)]));
for (const c of before.comparisons) if (later.get(key(c)) !== JSON.stringify(c)) { console.log(`comparison changed: ${key(c)}`); bad++; }
if (JSON.stringify(before.series) !== JSON.stringify(after.series)) { console.log('series changed'); bad++; }
console.log(`${before.variants.length} options; KPIs added: ${[...added].sort().join(', ') || 'none'}; ${bad === 0 ? 'every earlier KPI, comparison and series identical' : `${bad} differences`}`);
process.exit(bad === 0 ? 0 : 1);
