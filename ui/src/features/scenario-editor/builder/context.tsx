// What every builder element reads: the form (document, set, messages, as in every tab)
// and which collapsible parts are open. Each element's id is `b-` + its path joined by
// dashes (the path from the working document's root, as formatPath in scenarios/errors.ts
// writes it for messages), so that a link or a message can name the element it concerns.
import { createContext, useContext } from 'react';
import { formatPath } from '../../../../../scenarios/errors.ts';
import type { Path } from '../../../lib/patch.ts';
import type { FormApi } from '../form-context.tsx';

export interface BuilderApi {
  form: FormApi;
  isOpen(path: Path): boolean;
  setOpen(path: Path, open: boolean): void;
}

export const BuilderContext = createContext<BuilderApi | null>(null);

export function useBuilder(): BuilderApi {
  const b = useContext(BuilderContext);
  if (!b) throw new Error('a builder element outside the builder');
  return b;
}

/** The element id of the builder's editor for `path`: `b-sites-0-wards-1-beds`. */
export const elementId = (path: Path) => `b-${path.join('-')}`;

/** The validation message at exactly `path` (the same as `pathflow check` gives), if any. */
export function useMessage(path: Path): string | undefined {
  return useBuilder().form.messages.get(formatPath(path));
}

/** How many messages concern `path` or anything under it (shown on a closed part). */
export function useProblemsUnder(path: Path): number {
  const messages = useBuilder().form.messages;
  const prefix = formatPath(path);
  if (path.length === 0) return messages.size;
  let n = 0;
  for (const k of messages.keys()) if (k === prefix || k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`)) n++;
  return n;
}

export function Message({ path }: { path: Path }) {
  const m = useMessage(path);
  return m ? <span className="field__error" id={`${elementId(path)}-error`} role="alert">{m}</span> : null;
}
