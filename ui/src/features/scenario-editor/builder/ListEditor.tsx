// A list: each item with buttons to move it up or down and to remove it (labelled with
// the item they act on: "Remove step “triage”"), and a button to add one: of a chosen
// kind where items come in kinds (a pathway's steps). A new item gets a fresh id and opens.
import { useState } from 'react';
import { getAt, type Path } from '../../../lib/patch.ts';
import { Collapsible } from './Collapsible.tsx';
import { elementId, useBuilder } from './context.tsx';
import { isInline, NodeEditor, type NodeProps } from './NodeEditor.tsx';
import { insertItem, moveItem, newItem, removeItem } from './operations.ts';
import { discriminatorOf, editorKind, unionOptions } from './schema-node.ts';
import { fieldName } from './references.ts';
import { fieldLabel, isStepList, itemHeading, itemName, kindWord, placeNames, singular } from './words.ts';

export function ListEditor({ node, path, label, hint, depth, controls }: NodeProps) {
  const b = useBuilder();
  const raw = getAt(b.form.doc, path);
  const list = Array.isArray(raw) ? raw : [];
  const items = node.items!;
  const steps = isStepList(path);
  const key = fieldName(path);
  const what = steps ? 'step' : singular(key);
  const kinds = editorKind(items) === 'union' ? unionOptions(items).map((o) => o.value) : undefined;
  const d = kinds ? discriminatorOf(items)! : undefined;
  const [kind, setKind] = useState(kinds?.[0] ?? '');
  // Where a new step goes: at the end, or after a chosen step (-1: the end).
  const [after, setAfter] = useState(-1);
  const full = node.maxItems !== undefined && list.length >= node.maxItems;
  const id = elementId(path);

  const add = () => {
    const item = newItem(node, list, kinds ? kind : undefined, what);
    const at = after >= 0 && after < list.length ? after + 1 : list.length;
    b.form.set(path, insertItem(list, at, item));
    b.setOpen([...path, at], true);
  };
  const move = (from: number, to: number) => {
    b.form.set(path, moveItem(list, from, to));
    // The open state follows the item moved.
    const wasOpen = b.isOpen([...path, from]), otherOpen = b.isOpen([...path, to]);
    b.setOpen([...path, to], wasOpen);
    b.setOpen([...path, from], otherOpen);
    // Focus stays on the button pressed, now on the moved item (or its other one at an end of the list).
    requestAnimationFrame(() => {
      const same = document.getElementById(`${elementId([...path, to])}--${from < to ? 'down' : 'up'}`) as HTMLButtonElement | null;
      (same && !same.disabled ? same : document.getElementById(`${elementId([...path, to])}--${from < to ? 'up' : 'down'}`))?.focus();
    });
  };
  const inline = isInline(items);
  const nameOf = steps ? placeNames(b.form.doc) : undefined;

  return (
    <Collapsible path={path} label={`${label} (${list.length})`} hint={hint} depth={depth} controls={controls}>
      <ol className={inline ? 'builder__list builder__list--inline' : 'builder__list'}>
        {list.map((item, i) => {
          const name = itemName(key, item, i, steps);
          const itemControls = (
            <>
              <button type="button" className="small" id={`${elementId([...path, i])}--up`} aria-label={`Move ${name} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</button>
              <button type="button" className="small" id={`${elementId([...path, i])}--down`} aria-label={`Move ${name} down`} disabled={i === list.length - 1} onClick={() => move(i, i + 1)}>↓</button>
              <button type="button" className="small danger" aria-label={`Remove ${name}`} onClick={() => b.form.set(path, removeItem(list, i))}>Remove</button>
            </>
          );
          return (
            <li key={i}>
              <NodeEditor node={items} path={[...path, i]} depth={depth + 1} controls={itemControls}
                label={inline ? `${fieldLabel(what)} ${i + 1}` : itemHeading(key, item, i, steps, nameOf)} />
            </li>
          );
        })}
      </ol>
      <div className="field-row builder__add">
        {kinds && (
          <div className="field">
            <label htmlFor={`${id}--add-kind`}>Kind of {what} to add</label>
            <select id={`${id}--add-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => <option key={k} value={k}>{kindWord(d!, k)}</option>)}
            </select>
          </div>
        )}
        {steps && list.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}--add-at`}>Where</label>
            <select id={`${id}--add-at`} value={after} onChange={(e) => setAfter(Number(e.target.value))}>
              <option value={-1}>at the end</option>
              {list.map((item, i) => <option key={i} value={i}>after {itemName(key, item, i, true)}</option>)}
            </select>
          </div>
        )}
        <button type="button" onClick={add} disabled={full}>Add {what}{kinds ? ` (${kind})` : ''}</button>
      </div>
    </Collapsible>
  );
}
