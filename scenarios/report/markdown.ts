// The report as Markdown: the same sections and items as the HTML, pathway diagrams as
// Mermaid flowcharts (drawn by GitHub, GitLab and most Markdown viewers), tables as pipe
// tables. Text from the scenario is escaped so that it stays text (no HTML passes through).
import type { Block, StressReport } from './document.ts';
import { NOT_STATED } from './document.ts';
import type { PathwayGraph } from '../diagram/pathway-graph.ts';

/** Markdown text: angle brackets and ampersands as entities, so a "<script>" in a name is shown, not run. */
const md = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cell = (s: string) => md(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** Mermaid label text: quotes and brackets would end the label. */
const mermaid = (s: string) => s.replace(/["[\](){}<>|#;&]/g, ' ').replace(/\s+/g, ' ').trim();

function flowchart(g: PathwayGraph): string {
  const nodes = g.nodes.map((nd, i) => `  n${i}["${mermaid([nd.title, ...nd.lines.slice(0, 2)].join(' · '))}"]`);
  const edges = g.edges.map((e) => `  n${e.from} ${e.dashed ? '-.->' : '-->'}${e.label ? `|${mermaid(e.label)}|` : ''} n${e.to}`);
  return ['```mermaid', 'flowchart LR', ...nodes, ...edges, '```'].join('\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'text': return md(b.text);
    case 'list': return b.items.map((i) => `- ${md(i)}`).join('\n');
    case 'code': return ['```sh', b.text, '```'].join('\n');
    case 'missing': return `> **${NOT_STATED}.** Add ${md(b.add)}`;
    case 'table': return [`*${md(b.caption)}*`, '', `| ${b.head.map(cell).join(' | ')} |`, `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    case 'diagram': return [`**${md(b.graph.title)}** ${md(b.graph.subtitle)}`, '', flowchart(b.graph)].join('\n');
  }
}

export function reportMarkdown(r: StressReport): string {
  const out = [`# ${md(r.title)}`, '', md(r.subtitle), '', `*${md(r.made)}*`];
  for (const s of r.sections) {
    out.push('', `## ${s.id} ${md(s.title)}`);
    for (const it of s.items) {
      out.push('', `### ${it.id} ${md(it.title)}`, '', `*${md(it.asks[0].toUpperCase() + it.asks.slice(1))}.*`);
      for (const b of it.blocks) out.push('', block(b));
    }
  }
  return out.join('\n') + '\n';
}
