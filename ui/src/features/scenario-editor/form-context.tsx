// The form's one channel to the scenario being edited: read a value by path, write one,
// and ask for the validation message at a path (the same zod messages as the CLI).
import { createContext, useContext } from 'react';
import { formatPath } from '../../../../scenarios/errors.ts';
import { getAt, type Path } from '../../lib/patch.ts';
import type { Doc } from '../../lib/scenario-doc.ts';

export interface FormApi {
  doc: Doc;
  /**
   * The value at `path` set. Edits with the same `step` (by default the path itself) join
   * one undo step, as keystrokes in one field do; an edit that follows from another
   * (references following a renamed id) names that edit's path to be undone with it.
   */
  set(path: Path, value: unknown, step?: Path): void;
  messages: Map<string, string>;
  /** Every option of the scenario as it runs (the baseline, then each variant applied), for suggestions that must suit them all; [doc] when absent. */
  options?: Doc[];
  /** A place being looked for (an error's "go to"): long lists draw the entry it is in (components/LongList.tsx). */
  wanted?: Path | null;
}

export const FormContext = createContext<FormApi | null>(null);

export function useForm(): FormApi {
  const f = useContext(FormContext);
  if (!f) throw new Error('a form field outside the scenario form');
  return f;
}

export function useField<T = unknown>(path: Path): { value: T | undefined; set(v: unknown): void; error: string | undefined; id: string } {
  const f = useForm();
  return {
    value: getAt(f.doc, path) as T | undefined,
    set: (v) => f.set(path, v),
    error: f.messages.get(formatPath(path)),
    id: `f-${path.join('-')}`,
  };
}

/** Messages at or below a path (for a section's summary). */
export function messagesUnder(messages: Map<string, string>, path: Path): string[] {
  const prefix = formatPath(path);
  return [...messages.entries()].filter(([k]) => k === prefix || k.startsWith(prefix + '.') || k.startsWith(prefix + '[')).map(([k, m]) => `${k}: ${m}`);
}
