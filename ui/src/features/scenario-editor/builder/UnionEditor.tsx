// An object that comes in kinds told apart by one field (a step's `do`): a picker of the
// kind, which keeps the fields the new kind shares (id, duration…), then the kind's fields.
import type { ReactNode } from 'react';
import { getAt } from '../../../lib/patch.ts';
import { Collapsible } from './Collapsible.tsx';
import { elementId, Message, useBuilder, useMessage } from './context.tsx';
import type { NodeProps } from './NodeEditor.tsx';
import { ObjectFields } from './ObjectEditor.tsx';
import { switchKind } from './operations.ts';
import { discriminatorOf, unionOption, unionOptions } from './schema-node.ts';
import { fieldLabel, kindWord } from './words.ts';

export function UnionEditor({ node, path, label, hint, depth, controls }: NodeProps) {
  return (
    <Collapsible path={path} label={label} hint={hint} depth={depth} controls={controls}>
      <UnionFields node={node} path={path} depth={depth + 1} lead={<KindPicker node={node} path={path} />} />
    </Collapsible>
  );
}

export function KindPicker({ node, path, label, onKind }: Pick<NodeProps, 'node' | 'path'> & { label?: string; onKind?(kind: string): void }) {
  const b = useBuilder();
  const d = discriminatorOf(node)!;
  const value = getAt(b.form.doc, path) as Record<string, unknown> | undefined;
  const current = typeof value?.[d] === 'string' ? (value[d] as string) : '';
  const options = unionOptions(node);
  const kindPath = [...path, d];
  const id = elementId(kindPath);
  const error = useMessage(kindPath);
  return (
    <div className={`field builder__kind${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label ?? (d === 'do' ? 'Kind of step' : `Kind (${fieldLabel(d)})`)}</label>
      <select id={id} value={current} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => (onKind ? onKind(e.target.value) : b.form.set(path, switchKind(node, value, e.target.value)))}>
        {!options.some((o) => o.value === current) && <option value={current}>{current === '' ? '— choose —' : `${current} (unknown)`}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{kindWord(d, o.value)}</option>)}
      </select>
      <Message path={kindPath} />
    </div>
  );
}

export function UnionFields({ node, path, depth, lead }: Pick<NodeProps, 'node' | 'path' | 'depth'> & { lead?: ReactNode }) {
  const b = useBuilder();
  const option = unionOption(node, getAt(b.form.doc, path));
  if (!option) return <>{lead}</>;
  return <ObjectFields node={option} path={path} depth={depth} skip={[discriminatorOf(node)!]} lead={lead} />;
}
