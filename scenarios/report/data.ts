// Section 3, Data: the scenario's sources and assumptions as its author wrote them, the
// comment at the head of its file (what `pathflow fit` says about its data), and every
// parameter it states with the source named on its line.
import type { ReportInput } from './input.ts';
import { list, missing, table, text, type Block } from './document.ts';
import { parameterRows } from './parameters.ts';

export function sources({ scenario: s }: ReportInput): Block[] {
  if (!s.sources.length) return [missing('`sources`: where each number comes from (a data extract, a published statistic, a report), one line each.')];
  const facts = s.sources.some((x) => /nhs-facts/.test(x)) ? [text('“nhs-facts §N” is section N of docs/sources.md, pathflow’s sheet of NHS figures with where each comes from.')] : [];
  return [list(s.sources), ...facts];
}

export function preprocessing({ headComment }: ReportInput): Block[] {
  const blocks: Block[] = [];
  if (headComment) return [text('The scenario file opens with:'), text(headComment)];
  blocks.push(missing('how the data behind the parameters were cleaned, filtered or fitted (the extract’s dates, exclusions, the fitting method; `pathflow fit` writes these as comments at the head of the file it makes). The scenario language has no field for it: say it in `description` or in a comment at the head of the file.'));
  return blocks;
}

export function parameters(input: ReportInput): Block[] {
  const rows = parameterRows(input.raw, input.comments);
  const sourced = rows.filter((r) => r.source).length;
  const blocks: Block[] = [
    text('Every parameter the scenario states, by its path (as `pathflow run --set` and `sweep --param` take it); durations in words. Defaults it does not state are those of docs/scenario-language.md.'),
    table('Input parameters', ['parameter', 'value', 'source'], rows.map((r) => [r.path, r.value, r.source || '—'])),
  ];
  if (sourced === 0) blocks.push(missing('a source for each parameter: a comment on its line (`beds: 250  # nhs-facts §2`) is shown here beside it; the scenario’s sources (3.1) and assumptions (3.4) say which numbers come from where.'));
  return blocks;
}

export function assumptions({ scenario: s }: ReportInput): Block[] {
  if (!s.assumptions.length) return [missing('`assumptions`: which numbers and which logic are assumed rather than taken from data, and why.')];
  return [list(s.assumptions)];
}
