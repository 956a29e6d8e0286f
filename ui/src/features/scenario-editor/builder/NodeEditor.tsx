// One node of the scenario, with the editor its schema calls for (editorKind).
import type { ReactNode } from 'react';
import type { Path } from '../../../lib/patch.ts';
import { ChoiceEditor } from './ChoiceEditor.tsx';
import { DistributionPicker } from './DistributionPicker.tsx';
import { ListEditor } from './ListEditor.tsx';
import { ObjectEditor } from './ObjectEditor.tsx';
import { RecordEditor } from './RecordEditor.tsx';
import { EnumEditor, FixedEditor, JsonEditor, NumberEditor, SwitchEditor, TextEditor } from './ScalarEditors.tsx';
import { editorKind, type JsonNode } from './schema-node.ts';
import { UnionEditor } from './UnionEditor.tsx';

export interface NodeProps {
  node: JsonNode;
  path: Path;
  label: string;
  hint?: string;
  depth: number;
  /** Buttons beside the node's heading or input (move, remove). */
  controls?: ReactNode;
}

export function NodeEditor(props: NodeProps) {
  switch (editorKind(props.node)) {
    case 'object': return <ObjectEditor {...props} />;
    case 'list': return <ListEditor {...props} />;
    case 'record': return <RecordEditor {...props} />;
    case 'union': return <UnionEditor {...props} />;
    case 'duration': return <DistributionPicker {...props} />;
    case 'choice': return <ChoiceEditor {...props} />;
    case 'enum': return <EnumEditor {...props} />;
    case 'fixed': return <FixedEditor {...props} />;
    case 'number': case 'integer': return <NumberEditor {...props} />;
    case 'text': return <TextEditor {...props} />;
    case 'switch': return <SwitchEditor {...props} />;
    case 'json': return <JsonEditor {...props} />;
    case 'unsupported': return <p className="field__error">{props.label}: this part can only be edited in the advanced editor.</p>;
  }
}

/** Nodes shown inline in a row of fields (the rest are parts of their own). */
export function isInline(node: JsonNode): boolean {
  const k = editorKind(node);
  return k !== 'object' && k !== 'list' && k !== 'record' && k !== 'union' && k !== 'duration' && k !== 'choice';
}
