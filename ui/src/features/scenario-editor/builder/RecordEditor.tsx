// A keyed map (pathways by id, a tariff by class, durations by role): each entry under its
// key, which can be renamed or removed, and a new key added (the ids the document defines
// offered where the map is keyed by them).
import { useState, type ReactNode } from 'react';
import { getAt, type Path } from '../../../lib/patch.ts';
import { Collapsible } from './Collapsible.tsx';
import { elementId, useBuilder } from './context.tsx';
import { isInline, NodeEditor, type NodeProps } from './NodeEditor.tsx';
import { addKey, blankValue, removeKey, renameKey, renamePathway } from './operations.ts';
import { fieldName, keyChoices } from './references.ts';
import { singular } from './words.ts';

type Obj = Record<string, unknown>;

function KeyInput({ path, entry, record, onRename, what }: { path: Path; entry: string; record: Obj; onRename(to: string): void; what: string }) {
  const [text, setText] = useState(entry);
  const id = `${elementId([...path, entry])}--name`;
  const taken = text !== entry && text in record;
  return (
    <div className="field">
      <label htmlFor={id}>Name (key) of {what} “{entry}”</label>
      <span className="builder__input">
        <input id={id} type="text" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={taken ? `${id}--taken` : undefined}
          onKeyDown={(e) => { if (e.key === 'Enter' && text !== entry && !taken && text !== '') onRename(text); }} />
        <button type="button" className="small" disabled={text === entry || taken || text === ''} onClick={() => onRename(text)}>Rename</button>
      </span>
      {taken && <span className="field__error" id={`${id}--taken`}>“{text}” is already used</span>}
    </div>
  );
}

export function RecordEditor({ node, path, label, hint, depth, controls }: NodeProps) {
  const b = useBuilder();
  const raw = getAt(b.form.doc, path);
  const record: Obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Obj) : {};
  const entries = Object.keys(record);
  const value = node.additionalProperties as NonNullable<typeof node.items>;
  const what = singular(fieldName(path));
  const [fresh, setFresh] = useState('');
  const choices = (keyChoices(b.form.doc, path) ?? []).filter((k) => !(k in record));
  const id = elementId(path);
  const inline = isInline(value);
  const add = () => {
    b.form.set(path, addKey(record, fresh, blankValue(value)));
    b.setOpen([...path, fresh], true);
    setFresh('');
  };
  const rename = (from: string, to: string) => {
    if (path.length === 1 && path[0] === 'pathways') b.form.set([], renamePathway(b.form.doc, from, to));
    else b.form.set(path, renameKey(record, from, to));
    b.setOpen([...path, to], true);
    requestAnimationFrame(() => document.getElementById(`${elementId([...path, to])}--label`)?.focus());
  };
  return (
    <Collapsible path={path} label={`${label} (${entries.length})`} hint={hint} depth={depth} controls={controls}>
      <ul className={inline ? 'builder__list builder__list--inline' : 'builder__list'}>
        {entries.map((k) => {
          const remove = <button type="button" className="small danger" aria-label={`Remove ${what} “${k}”`} onClick={() => b.form.set(path, removeKey(record, k))}>Remove</button>;
          return (
            <li key={k}>
              {inline ? <NodeEditor node={value} path={[...path, k]} label={k} depth={depth + 1} controls={remove} /> : (
                <EntryWithName path={path} entry={k} record={record} what={what} onRename={(to) => rename(k, to)}>
                  <NodeEditor node={value} path={[...path, k]} label={`${what.charAt(0).toUpperCase()}${what.slice(1)} “${k}”`} depth={depth + 1} controls={remove} />
                </EntryWithName>
              )}
            </li>
          );
        })}
      </ul>
      <div className="field-row builder__add">
        <div className="field">
          <label htmlFor={`${id}--new`}>New {what} (key)</label>
          <input id={`${id}--new`} type="text" value={fresh} list={choices.length ? `${id}--new-choices` : undefined}
            onChange={(e) => setFresh(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter' && fresh !== '' && !(fresh in record)) add(); }} />
          {choices.length > 0 && <datalist id={`${id}--new-choices`}>{choices.map((c) => <option key={c} value={c} />)}</datalist>}
          {fresh in record && <span className="field__error">“{fresh}” is already used</span>}
        </div>
        <button type="button" onClick={add} disabled={fresh === '' || fresh in record}>Add {what}</button>
      </div>
    </Collapsible>
  );
}

/** An entry's part, with its name field shown inside it once open. */
function EntryWithName({ path, entry, record, what, onRename, children }: { path: Path; entry: string; record: Obj; what: string; onRename(to: string): void; children: ReactNode }) {
  const b = useBuilder();
  return (
    <>
      {children}
      {b.isOpen([...path, entry]) && <div className="builder__rename"><KeyInput path={path} entry={entry} record={record} onRename={onRename} what={what} /></div>}
    </>
  );
}
