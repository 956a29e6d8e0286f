// The Builder tab: every part of the scenario language as a form generated from its
// schema (schema-node.ts), editing the baseline or the option being edited through the
// same form channel as the other tabs, so an option's edits are kept as differences and
// every message is the one `pathflow check` gives, shown at its field (id `b-<path>`).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Path } from '../../../lib/patch.ts';
import type { FormApi } from '../form-context.tsx';
import { BuilderContext, elementId, type BuilderApi } from './context.tsx';
import { ObjectFields } from './ObjectEditor.tsx';
import { REVEAL_EVENT, takePendingReveal } from './reveal.ts';
import { EDITED_ELSEWHERE, scenarioSchema } from './schema-node.ts';
import './builder.css';

const keyOf = (path: Path) => elementId(path);

export function Builder({ form }: { form: FormApi }) {
  const [open, setOpenSet] = useState<ReadonlySet<string>>(() => new Set());
  const setOpen = useCallback((path: Path, on: boolean) => setOpenSet((s) => {
    const k = keyOf(path);
    if (s.has(k) === on) return s;
    const next = new Set(s);
    if (on) next.add(k); else next.delete(k);
    return next;
  }), []);
  const api: BuilderApi = useMemo(() => ({ form, isOpen: (p) => open.has(keyOf(p)), setOpen }), [form, open, setOpen]);

  // Open every part on the way to a path, then (once rendered) focus its element.
  const [focusing, setFocusing] = useState<Path | undefined>();
  useEffect(() => {
    const revealPath = (path: Path) => {
      takePendingReveal();
      setOpenSet((s) => {
        const next = new Set(s);
        for (let i = 0; i < path.length; i++) next.add(keyOf(path.slice(0, i + 1)));
        return next;
      });
      setFocusing(path);
    };
    const reveal = (e: Event) => revealPath((e as CustomEvent<Path>).detail);
    const waiting = takePendingReveal();
    if (waiting) revealPath(waiting);
    window.addEventListener(REVEAL_EVENT, reveal);
    return () => window.removeEventListener(REVEAL_EVENT, reveal);
  }, []);
  useEffect(() => {
    if (!focusing) return;
    const el = document.getElementById(elementId(focusing));
    if (!el) return;
    setFocusing(undefined);
    el.scrollIntoView({ block: 'center' });
    (el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('button, input, select, textarea'))?.focus();
  }, [focusing, open]);

  return (
    <BuilderContext.Provider value={api}>
      <div className="builder" id="b-">
        <ObjectFields node={scenarioSchema()} path={[]} depth={0} skip={Object.keys(EDITED_ELSEWHERE)} />
      </div>
    </BuilderContext.Provider>
  );
}
