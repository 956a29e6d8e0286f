// A STRESS-DES report as data: sections and items of the checklist (checklist.ts), each
// answered by blocks of text, lists, tables and pathway diagrams, or marked as not stated
// in the scenario with what to add. html.ts and markdown.ts render it; nothing here knows
// either format, so both say the same.
import type { PathwayGraph } from '../diagram/pathway-graph.ts';

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] }
  | { kind: 'diagram'; graph: PathwayGraph }
  | { kind: 'code'; text: string }
  /** The scenario does not answer this (or part of it): what the user should add. */
  | { kind: 'missing'; add: string };

export interface ReportItem { id: string; title: string; asks: string; blocks: Block[] }
export interface ReportSection { id: string; title: string; items: ReportItem[] }

export interface StressReport {
  title: string;
  /** "Scenario winter-dgh (scenarios/library/winter-dgh.yaml), with the results of a run of 10 replications". */
  subtitle: string;
  /** When and with what this report was made. */
  made: string;
  sections: ReportSection[];
}

export const text = (t: string): Block => ({ kind: 'text', text: t });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const table = (caption: string, head: string[], rows: string[][]): Block => ({ kind: 'table', caption, head, rows });
export const code = (t: string): Block => ({ kind: 'code', text: t });
export const missing = (add: string): Block => ({ kind: 'missing', add });

/** The words a missing item is shown with, in both formats. */
export const NOT_STATED = 'Not stated in the scenario';
