// A part of the scenario that opens and closes (a site, a pathway, a step): its heading is
// a button (aria-expanded), its contents are rendered only while open, so a scenario of a
// thousand fields stays quick; a closed part says how many problems it holds. A part is a
// named group, not a landmark: two pathways may both have a step “scan”, and landmarks
// must have distinct names (axe's landmark-unique), while groups of a form need not.
import type { ReactNode } from 'react';
import type { Path } from '../../../lib/patch.ts';
import { elementId, Message, useBuilder, useProblemsUnder } from './context.tsx';

interface Props { path: Path; label: string; hint?: string; depth: number; controls?: ReactNode; children: ReactNode }

export function Collapsible({ path, label, hint, depth, controls, children }: Props) {
  const b = useBuilder();
  const open = b.isOpen(path);
  const problems = useProblemsUnder(path);
  const id = elementId(path);
  const level = Math.min(6, 3 + depth);
  const Heading = `h${level}` as 'h3';
  return (
    <section id={id} role="group" className={`builder__part${problems ? ' builder__part--problem' : ''}`} aria-labelledby={`${id}--label`}>
      <div className="builder__head">
        <Heading className="builder__heading">
          <button type="button" id={`${id}--label`} className="builder__toggle" aria-expanded={open}
            aria-controls={open ? `${id}--body` : undefined} onClick={() => b.setOpen(path, !open)}>
            <span aria-hidden="true" className="builder__chevron">{open ? '▾' : '▸'}</span> {label}
          </button>
        </Heading>
        {!open && problems > 0 && <span className="field__error">{problems === 1 ? '1 problem inside' : `${problems} problems inside`}</span>}
        {controls && <span className="builder__controls">{controls}</span>}
      </div>
      {hint && <p className="field__hint builder__hint">{hint}</p>}
      <Message path={path} />
      {open && <div id={`${id}--body`} className="builder__body">{children}</div>}
    </section>
  );
}
