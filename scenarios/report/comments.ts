// Comments of a YAML scenario file, by the path of the parameter they sit on or above
// (`beds: 250  # nhs-facts §2`): where an author names a parameter's source, the report
// shows it beside the parameter (3.3). Paths as parameters.ts writes them.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { entryKey } from './parameters.ts';

const clean = (c: string | null | undefined) => (c ?? '').split('\n').map((l) => l.trim()).filter(Boolean).join(' ');

export interface FileComments { byPath: Map<string, string>; head: string }

export function yamlComments(text: string): FileComments {
  const byPath = new Map<string, string>();
  const doc = parseDocument(text);
  if (doc.errors.length) return { byPath, head: '' };
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const at = path === '' ? key : `${path}.${key}`;
        const value = pair.value as Node | null;
        const said = [clean(pair.key.commentBefore), clean(value?.commentBefore), isScalar(value) ? clean(value.comment) : ''].filter(Boolean).join(' ');
        if (said) byPath.set(at, said);
        walk(value, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const js = isMap(item) ? item.toJSON() : undefined;
        walk(item, `${path}[${entryKey(js, i).key}]`);
      });
    }
  };
  walk(doc.contents, '');
  return { byPath, head: clean(doc.commentBefore) };
}
