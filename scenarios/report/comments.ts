// Comments of a YAML scenario file, by the path of the parameter they sit on or above
// (`beds: 250  # nhs-facts §2`): where an author names a parameter's source, the report
// shows it beside the parameter (3.3). A comment after a one-line collection
// (`wards: [ { id: ward, beds: 127 } ]   # placeholder`) speaks for every value in it. The
// comment at the head of the file (what `pathflow fit` writes about its data) is kept
// apart, not taken as the first key's. Paths as parameters.ts writes them.
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { entryKey } from './parameters.ts';

const clean = (c: string | null | undefined) => (c ?? '').split('\n').map((l) => l.trim()).filter(Boolean).join(' ');

export interface FileComments { byPath: Map<string, string>; head: string }

export function yamlComments(text: string): FileComments {
  const byPath = new Map<string, string>();
  const doc = parseDocument(text);
  if (doc.errors.length) return { byPath, head: '' };
  let head = clean(doc.commentBefore);
  const walk = (node: unknown, path: string, inherited: string): void => {
    if (isMap(node)) {
      node.items.forEach((pair, i) => {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = String(pair.key.value);
        const at = path === '' ? key : `${path}.${key}`;
        const value = pair.value as Node | null;
        let before = clean(pair.key.commentBefore);
        // A comment above the file's first key, with no blank line between, is the file's head.
        if (path === '' && i === 0 && !head) { head = before; before = ''; }
        const own = [before, clean(value?.commentBefore), isScalar(value) || (isCollection(value) && value.flow) ? clean(value?.comment) : ''].filter(Boolean).join(' ');
        const said = own || (isScalar(value) ? inherited : '');
        if (said) byPath.set(at, said);
        walk(value, at, isCollection(value) && value.flow ? own || inherited : inherited);
      });
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const js = isMap(item) ? item.toJSON() : undefined;
        const at = `${path}[${entryKey(js, i).key}]`;
        if (isScalar(item) && inherited) byPath.set(at, inherited);
        walk(item, at, inherited);
      });
    }
  };
  walk(doc.contents, '', '');
  return { byPath, head };
}
