// The report as one self-contained HTML page: inline CSS and SVG, no script, no request to
// anywhere (it opens from a file, an e-mail or the server alike). Every item of the
// checklist is a heading "1.1 Purpose of the model" with its answer, or "Not stated in the
// scenario" and what to add. Every text the scenario supplied is escaped.
import type { Block, StressReport } from './document.ts';
import { NOT_STATED } from './document.ts';
import { escapeHtml as esc, inlineHtml } from './escape.ts';
import { DIAGRAM_CSS, pathwaySvg } from './svg.ts';

const CSS = `
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; background: #fff; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { border-bottom: 2px solid #cbd5e1; margin-top: 2.2rem; } h3 { margin: 1.6rem 0 .4rem; }
.subtitle, .made, .asks { color: #334155; }
.asks { font-style: italic; margin: 0 0 .5rem; }
nav ul { columns: 2; list-style: none; padding-left: 0; } nav a { color: #1d4ed8; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #cbd5e1; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f5f9; }
.scroll { overflow-x: auto; max-width: 100%; }
.missing { border-left: 4px solid #b45309; background: #fffbeb; padding: .4rem .8rem; }
pre { background: #f1f5f9; padding: .6rem .8rem; overflow-x: auto; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; }
figure { margin: .8rem 0 1.2rem; } figcaption { font-weight: 600; }
@media print { nav { display: none; } .scroll { overflow: visible; } svg.pathway { max-width: 100%; height: auto; } h2 { break-before: page; } }
${DIAGRAM_CSS}`;

const anchor = (id: string) => `item-${id.replace(/\./g, '-')}`;

function block(b: Block, diagrams: { n: number }): string {
  switch (b.kind) {
    case 'text': return `<p>${inlineHtml(b.text)}</p>`;
    case 'list': return `<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>`;
    case 'code': return `<pre><code>${esc(b.text)}</code></pre>`;
    case 'missing': return `<p class="missing"><strong>${NOT_STATED}.</strong> Add ${inlineHtml(b.add)}</p>`;
    case 'table':
      // Focusable, so a wide table can be scrolled with the keyboard.
      return `<div class="scroll" tabindex="0" role="region" aria-label="${esc(b.caption)}"><table><caption>${esc(b.caption)}</caption>` +
        `<thead><tr>${b.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
    case 'diagram': {
      const k = diagrams.n++;
      return `<figure><figcaption>${esc(b.graph.title)} <span class="subtitle">${esc(b.graph.subtitle)}</span></figcaption>` +
        `<div class="scroll" tabindex="0" role="region" aria-label="${esc(b.graph.title)}, scrollable">${pathwaySvg(b.graph, k)}</div></figure>`;
    }
  }
}

export function reportHtml(r: StressReport): string {
  const diagrams = { n: 0 };
  const toc = r.sections.map((s) => `<li><a href="#section-${s.id}">${s.id} ${esc(s.title)}</a></li>`).join('');
  const body = r.sections.map((s) => `<section aria-labelledby="section-${s.id}"><h2 id="section-${s.id}">${s.id} ${esc(s.title)}</h2>` +
    s.items.map((it) => `<section class="item" data-item="${it.id}" aria-labelledby="${anchor(it.id)}"><h3 id="${anchor(it.id)}">${it.id} ${esc(it.title)}</h3>` +
      `<p class="asks">${esc(it.asks[0].toUpperCase() + it.asks.slice(1))}.</p>${it.blocks.map((b) => block(b, diagrams)).join('\n')}</section>`).join('\n') +
    '</section>').join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${esc(r.title)}</h1>
<p class="subtitle">${esc(r.subtitle)}</p>
<p class="made">${esc(r.made)}</p>
<nav aria-label="Checklist sections"><ul>${toc}</ul></nav>
${body}
</main>
</body>
</html>
`;
}
