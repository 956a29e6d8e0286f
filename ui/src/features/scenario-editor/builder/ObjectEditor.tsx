// An object as a part with its fields: required fields always shown, optional ones shown
// when set (with a button to remove them) and otherwise offered under "More fields", each
// with the schema's description. A field the schema does not know is reported here.
import { useRef, type ReactNode } from 'react';
import { formatPath } from '../../../../../scenarios/errors.ts';
import { getAt, type Path } from '../../../lib/patch.ts';
import { Collapsible } from './Collapsible.tsx';
import { elementId, Message, useBuilder } from './context.tsx';
import { isInline, NodeEditor, type NodeProps } from './NodeEditor.tsx';
import { blankValue } from './operations.ts';
import type { JsonNode } from './schema-node.ts';
import { fieldLabel } from './words.ts';

type Obj = Record<string, unknown>;

/** Small objects of plain values (a branch's way: to, probability) show as one open row. */
export function isSmall(node: JsonNode): boolean {
  const props = Object.values(node.properties ?? {});
  return props.length > 0 && props.length <= 4 && props.every(isInline);
}

export function ObjectEditor({ node, path, label, hint, depth, controls }: NodeProps) {
  if (isSmall(node)) return (
    <fieldset id={elementId(path)} className="builder__flat">
      <legend>{label}</legend>
      {hint && <p className="field__hint builder__hint">{hint}</p>}
      <Message path={path} />
      <div className="builder__flat-row">
        <ObjectFields node={node} path={path} depth={depth + 1} />
        {controls && <span className="builder__controls">{controls}</span>}
      </div>
    </fieldset>
  );
  return (
    <Collapsible path={path} label={label} hint={hint} depth={depth} controls={controls}>
      <ObjectFields node={node} path={path} depth={depth + 1} />
    </Collapsible>
  );
}

export function ObjectFields({ node, path, depth, skip = [], lead }: { node: JsonNode; path: Path; depth: number; skip?: readonly string[]; lead?: ReactNode }) {
  const b = useBuilder();
  const value = getAt(b.form.doc, path);
  const obj: Obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
  // An optional field once shown stays shown while emptied (a number being retyped), until
  // its Remove button: it would otherwise vanish under the cursor.
  const seen = useRef(new Set<string>());
  const required = new Set(node.required ?? []);
  const props = Object.entries(node.properties ?? {}).filter(([k]) => !skip.includes(k));
  for (const [k] of props) if (obj[k] !== undefined) seen.current.add(k);
  const visible = (k: string) => required.has(k) || obj[k] !== undefined || seen.current.has(k);
  const shown = props.filter(([k]) => visible(k));
  const absent = props.filter(([k]) => !visible(k));
  const add = (k: string, child: JsonNode) => {
    seen.current.add(k);
    b.form.set([...path, k], blankValue(child));
    b.setOpen([...path, k], true);
  };
  const remove = (k: string) => {
    seen.current.delete(k);
    b.form.set([...path, k], undefined);
  };
  const editor = ([k, child]: [string, JsonNode]) => (
    <NodeEditor key={k} node={child} path={[...path, k]} label={fieldLabel(k)} hint={child.description} depth={depth}
      controls={required.has(k) ? undefined : (
        <button type="button" className="small builder__remove" aria-label={`Remove field “${fieldLabel(k)}”`} onClick={() => remove(k)}>Remove</button>
      )} />
  );
  const unknown = Object.keys(obj).filter((k) => !(k in (node.properties ?? {})) && !skip.includes(k));
  return (
    <>
      <div className="field-row builder__row">{lead}{shown.filter(([, c]) => isInline(c)).map(editor)}</div>
      {shown.filter(([, c]) => !isInline(c)).map(editor)}
      {unknown.map((k) => {
        const m = b.form.messages.get(formatPath([...path, k]));
        return (
          <p key={k} className="field__error" id={elementId([...path, k])}>
            {k}: {m ?? 'a field the language does not have'}{' '}
            <button type="button" className="small" onClick={() => b.form.set([...path, k], undefined)}>Remove “{k}”</button>
          </p>
        );
      })}
      {absent.length > 0 && (
        <details className="builder__more">
          <summary>More fields ({absent.length})</summary>
          <ul className="builder__more-list">
            {absent.map(([k, child]) => (
              <li key={k}>
                <button type="button" className="small" onClick={() => add(k, child)}>Add “{fieldLabel(k)}”</button>
                {child.description && <span className="field__hint"> {child.description}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
