// "What is still missing before it can run": the guide of a scenario being built, each
// item a link to the place where it is fixed (the builder's field, or the form's).
import type { Missing } from '../../lib/missing.ts';
import type { Path } from '../../lib/patch.ts';

const SHOWN = 12;

export function MissingGuide({ items, onGo }: { items: Missing[]; onGo(path: Path): void }) {
  return (
    <section className="missing-guide message message--warn" aria-labelledby="missing-title">
      <h2 id="missing-title">What is still missing before it can run</h2>
      <ol>
        {items.slice(0, SHOWN).map((m, i) => (
          <li key={i}>
            <a href={`#b-${m.path.join('-')}`} data-path={JSON.stringify(m.path)}
              onClick={(e) => { e.preventDefault(); onGo(m.path); }}>{m.message}</a>
          </li>
        ))}
      </ol>
      {items.length > SHOWN && <p>… and {items.length - SHOWN} more, listed once these are done.</p>}
    </section>
  );
}
