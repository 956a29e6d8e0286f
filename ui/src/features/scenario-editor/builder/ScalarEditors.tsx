// Single values: numbers with the schema's bounds, text (with the ids the document defines
// offered where the field names one), a choice among fixed words, true/false, a constant,
// and a value the schema leaves open (as JSON text). Each input has the id `b-<path>` and
// its message under it. What cannot be read as a number is passed on as typed, so the
// schema's own message ("expected a number, got …") is what the user sees.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { followStepRename } from '../../../lib/pathway-edits.ts';
import type { Path } from '../../../lib/patch.ts';
import { getAt } from '../../../lib/patch.ts';
import { elementId, useBuilder, useMessage } from './context.tsx';
import { referenceChoices } from './references.ts';
import { boundsInWords, type JsonNode } from './schema-node.ts';

export interface ScalarProps { node: JsonNode; path: Path; label: string; hint?: string; controls?: ReactNode }

function Shell({ path, label, hint, controls, children }: { path: Path; label: string; hint?: string; controls?: ReactNode; children(a: { id: string; describedBy?: string; invalid?: true }): ReactNode }) {
  const id = elementId(path);
  const error = useMessage(path);
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field builder__field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="builder__input">{children({ id, describedBy, invalid: error ? true : undefined })}{controls}</span>
      {hint && !error && <span className="field__hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span className="field__error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}

function useValue<T>(path: Path): [T | undefined, (v: unknown) => void] {
  const b = useBuilder();
  return [getAt(b.form.doc, path) as T | undefined, (v) => b.form.set(path, v)];
}

export function NumberEditor({ node, path, label, hint, controls }: ScalarProps) {
  const [value, set] = useValue<number | string>(path);
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  // Follow outside changes (another tab, a variant) without resetting what is being typed.
  useEffect(() => { if (Number(text) !== Number(shown) || (text === '') !== (shown === '')) setText(shown); }, [shown]);
  const bounds = boundsInWords(node);
  return (
    <Shell path={path} label={label} hint={hint && bounds ? `${hint} (${bounds})` : hint ?? bounds} controls={controls}>
      {(a) => (
        <input id={a.id} type="text" inputMode="decimal" value={text} aria-invalid={a.invalid} aria-describedby={a.describedBy}
          onChange={(e) => {
            setText(e.target.value);
            const t = e.target.value.trim();
            set(t === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : t);
          }} />
      )}
    </Shell>
  );
}

/** A step's id field (`pathways.<id>.<index>.id`): its pathway, when the path is one. */
const stepIdOf = (path: Path): string | undefined =>
  path.length === 4 && path[0] === 'pathways' && typeof path[1] === 'string' && typeof path[2] === 'number' && path[3] === 'id' ? path[1] : undefined;

export function TextEditor({ path, label, hint, controls }: ScalarProps) {
  const b = useBuilder();
  const [value, set] = useValue<string>(path);
  const choices = referenceChoices(b.form.doc, path);
  const listId = `${elementId(path)}--choices`;
  // A step's id changed: when the field is left, the branches, rules, measures and
  // variants that named the old id follow the new one (in the same undo step as the
  // typing), and the field says so. Not while typing: a half-typed id must not take the references.
  const pathway = stepIdOf(path);
  const before = useRef<string | undefined>(undefined);
  const [followed, setFollowed] = useState<string | null>(null);
  const leave = () => {
    const from = before.current;
    before.current = undefined;
    if (pathway === undefined || typeof from !== 'string' || typeof value !== 'string' || from === value) return;
    const r = followStepRename(b.form.doc, pathway, from, value);
    if (r.count === 0) return;
    b.form.set([], r.doc, path); // one undo step with the typing of the new id
    setFollowed(`${r.count} place${r.count === 1 ? '' : 's'} that named ‘${from}’ (branches, rules, measures, options) now name ‘${value}’.`);
  };
  return (
    <Shell path={path} label={label} hint={hint} controls={controls}>
      {(a) => (
        <>
          <input id={a.id} type="text" value={typeof value === 'string' ? value : value === undefined ? '' : String(value)} aria-invalid={a.invalid}
            aria-describedby={a.describedBy} list={choices?.length ? listId : undefined} onChange={(e) => set(e.target.value)}
            onFocus={pathway === undefined ? undefined : () => { before.current = typeof value === 'string' ? value : undefined; setFollowed(null); }}
            onBlur={pathway === undefined ? undefined : leave} />
          {choices && choices.length > 0 && <datalist id={listId}>{choices.map((c) => <option key={c} value={c} />)}</datalist>}
          {pathway !== undefined && <span className="field__hint" role="status" data-step-rename="">{followed ?? ''}</span>}
        </>
      )}
    </Shell>
  );
}

export function EnumEditor({ node, path, label, hint, controls }: ScalarProps) {
  const [value, set] = useValue<string>(path);
  const current = value ?? (node.default as string | undefined);
  return (
    <Shell path={path} label={label} hint={hint} controls={controls}>
      {(a) => (
        <select id={a.id} value={current ?? ''} aria-invalid={a.invalid} aria-describedby={a.describedBy} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}>
          {current === undefined && <option value="">— choose —</option>}
          {typeof current === 'string' && !node.enum!.includes(current) && <option value={current}>{current} (not allowed)</option>}
          {node.enum!.map((v) => <option key={String(v)} value={String(v)}>{String(v)}{v === node.default ? ' (default)' : ''}</option>)}
        </select>
      )}
    </Shell>
  );
}

export function SwitchEditor({ node, path, label, hint, controls }: ScalarProps) {
  const [value, set] = useValue<boolean>(path);
  const id = elementId(path);
  const error = useMessage(path);
  return (
    <div className={`field builder__field builder__switch${error ? ' field--error' : ''}`}>
      <span className="builder__input">
        <input id={id} type="checkbox" checked={value ?? node.default === true} aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} onChange={(e) => set(e.target.checked)} />
        <label htmlFor={id}>{label}</label>{controls}
      </span>
      {hint && !error && <span className="field__hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span className="field__error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}

export function FixedEditor({ node, path, label, hint, controls }: ScalarProps) {
  return (
    <Shell path={path} label={label} hint={hint} controls={controls}>
      {(a) => <input id={a.id} type="text" readOnly value={String(node.const)} aria-describedby={a.describedBy} />}
    </Shell>
  );
}

/** A value the schema leaves open, as JSON text, written back when it parses. */
export function JsonEditor({ path, label, hint, controls }: ScalarProps) {
  const [value, set] = useValue<unknown>(path);
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState<string | null>(null);
  useEffect(() => { setText(shown); setBad(null); }, [shown]);
  return (
    <Shell path={path} label={label} hint={bad ?? hint} controls={controls}>
      {(a) => (
        <textarea id={a.id} rows={4} value={text} aria-invalid={a.invalid} aria-describedby={a.describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => {
            if (text.trim() === '') return set(undefined);
            try { set(JSON.parse(text)); setBad(null); } catch (e) { setBad(`not JSON: ${(e as Error).message}`); }
          }} />
      )}
    </Shell>
  );
}
