// Pieces every section of the key-numbers form shares.
import type { ReactNode } from 'react';
import { messagesUnder, useForm } from '../form-context.tsx';
import type { Path } from '../../../lib/patch.ts';

export function Section({ id, title, intro, path, children }: { id: string; title: string; intro?: string; path?: Path; children: ReactNode }) {
  const f = useForm();
  const problems = path ? messagesUnder(f.messages, path).length : 0;
  return (
    <section className="form-section" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {title}
        {problems > 0 && <span className="badge badge--error">{problems} to fix</span>}
      </h3>
      {intro && <p className="form-section__intro">{intro}</p>}
      {children}
    </section>
  );
}

export function nameOf(entry: { id?: unknown; role?: unknown; name?: unknown }): string {
  const id = String(entry.id ?? entry.role ?? '');
  return typeof entry.name === 'string' && entry.name ? `${entry.name} (${id})` : id;
}

export type Obj = Record<string, unknown>;
export const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);
