// A value that may take differently shaped forms (a rule's `timeSince`: "arrival", a step,
// or an attribute): a picker of the form, then the form's own editor at the same path.
import { getAt } from '../../../lib/patch.ts';
import { elementId, Message, useBuilder } from './context.tsx';
import { isInline, NodeEditor, type NodeProps } from './NodeEditor.tsx';
import { ObjectFields } from './ObjectEditor.tsx';
import { blankValue } from './operations.ts';
import { choiceIndex, editorKind, type JsonNode } from './schema-node.ts';

/** An option of a choice in words: its constant, else its description, else its shape. */
export function optionWords(o: JsonNode): string {
  if ('const' in o) return `“${String(o.const)}”${o.description ? `: ${o.description}` : ''}`;
  if (o.description && !/^an id:/.test(o.description)) return o.description;
  const k = editorKind(o);
  return k === 'list' ? 'a list' : k === 'text' ? 'a name (id)' : k === 'object' || k === 'union' ? 'details' : k;
}

export function ChoiceEditor({ node, path, label, hint, depth, controls }: NodeProps) {
  const b = useBuilder();
  const options = (node.oneOf ?? node.anyOf)!;
  const value = getAt(b.form.doc, path);
  const at = choiceIndex(node, value);
  const option = options[at];
  const id = elementId(path);
  const pickerId = `${id}--form`;
  const inner = editorKind(option);
  return (
    <fieldset className="builder__choice" id={inner === 'object' || inner === 'fixed' ? id : undefined}>
      <legend>{label}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      <div className="field-row">
        <div className="field field--wide">
          <label htmlFor={pickerId}>Form of “{label}”</label>
          <span className="builder__input">
            <select id={pickerId} value={at} onChange={(e) => b.form.set(path, blankValue(options[Number(e.target.value)]))}>
              {options.map((o, i) => <option key={i} value={i}>{optionWords(o)}</option>)}
            </select>
            {controls}
          </span>
        </div>
        {inner !== 'fixed' && isInline(option) && <NodeEditor node={option} path={path} label={`${label}: value`} depth={depth} />}
      </div>
      {inner === 'fixed' && <Message path={path} />}
      {inner === 'object' && <ObjectFields node={option} path={path} depth={depth + 1} />}
      {!isInline(option) && inner !== 'object' && <NodeEditor node={option} path={path} label={label} depth={depth + 1} />}
    </fieldset>
  );
}
