// Every field of the scenario language can be set in the builder without typing YAML:
// the JSON Schema (the one `pathflow schema` prints) is walked node by node, and each must
// map to an editor (editorKind) that can make a value of its shape (blankValue); a made-up
// node no editor handles shows the walk does fail. Then each library scenario is rendered
// with every part open, and every value in it must have its element `b-<path>`.
import { readFileSync, readdirSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { formatPath } from '../../scenarios/errors.ts';
import { applyVariant } from '../../scenarios/variants.ts';
import { BuilderContext, type BuilderApi } from '../../ui/src/features/scenario-editor/builder/context.tsx';
import { ObjectFields } from '../../ui/src/features/scenario-editor/builder/ObjectEditor.tsx';
import { blankValue, fitsShape } from '../../ui/src/features/scenario-editor/builder/operations.ts';
import { EDITED_ELSEWHERE, editorKind, scenarioSchema, unionOptions, type JsonNode } from '../../ui/src/features/scenario-editor/builder/schema-node.ts';

/** Every node under `node` with its path ("pathways{}[]|task.duration"), and those no editor handles. */
function walk(node: JsonNode, path = '$', out: { paths: string[]; gaps: string[] } = { paths: [], gaps: [] }) {
  out.paths.push(path);
  const kind = editorKind(node);
  if (kind === 'unsupported') { out.gaps.push(`${path}: ${JSON.stringify(node).slice(0, 80)}`); return out; }
  // The builder can make a value of this node's shape from nothing (the "add" buttons).
  if (kind !== 'json' && !fitsShape(node, blankValue(node))) out.gaps.push(`${path}: no value of its shape can be made`);
  switch (kind) {
    case 'object': for (const [k, v] of Object.entries(node.properties!)) walk(v, `${path}.${k}`, out); break;
    case 'record': walk(node.additionalProperties as JsonNode, `${path}{}`, out); break;
    case 'list': walk(node.items!, `${path}[]`, out); break;
    case 'union': case 'duration':
      for (const o of unionOptions(node)) {
        if (!fitsShape(node, blankValue(o.node))) out.gaps.push(`${path}|${o.value}: no value of its shape can be made`);
        for (const [k, v] of Object.entries(o.node.properties!)) walk(v, `${path}|${o.value}.${k}`, out);
      }
      break;
    case 'choice': (node.oneOf ?? node.anyOf)!.forEach((o, i) => walk(o, `${path}|${i}`, out)); break;
    default: break;
  }
  return out;
}

describe('the builder covers the scenario language', () => {
  test('every node of the JSON Schema has an editor that can set it', () => {
    const { paths, gaps } = walk(scenarioSchema());
    expect(gaps).toEqual([]);
    // The walk reached the far corners (not vacuous): a rule's time since a step, a role's duration.
    expect(paths).toContain('$.pathways{}[]|branch.rules[].ifAll[].timeSince|1.step');
    expect(paths).toContain('$.pathways{}[]|task.durationByRole{}|empirical.values[]');
    expect(paths.length).toBeGreaterThan(900);
  });

  test('the walk fails on a node no editor handles (a made-up schema with null, a $ref, an allOf and a number enum)', () => {
    const madeUp: JsonNode = {
      type: 'object', additionalProperties: false,
      properties: {
        ok: { type: 'number', minimum: 0 },
        nothing: { type: 'null' },
        pointer: { $ref: '#/$defs/ward' },
        both: { allOf: [{ type: 'string' }, { minLength: 2 }] },
        levels: { enum: [1, 2, 3] },
        twoTexts: { anyOf: [{ type: 'string' }, { type: 'string', pattern: '^x' }] },
      },
    };
    expect(walk(madeUp).gaps.map((g) => g.split(':')[0])).toEqual(['$.nothing', '$.pointer', '$.both', '$.levels', '$.twoTexts']);
  });

  test('only the options (edited in the options panel) and the $schema pointer are left to other parts of the page', () => {
    const top = Object.keys(scenarioSchema().properties!);
    expect(top.filter((k) => k in EDITED_ELSEWHERE)).toEqual(['$schema', 'variants']);
  });
});

type Obj = Record<string, unknown>;
const library = readdirSync(new URL('../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));

/** Paths of every value in a document: scalars, and empty lists and maps. */
function leaves(x: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(x)) { if (x.length === 0) out.push(path); x.forEach((v, i) => leaves(v, [...path, i], out)); }
  else if (typeof x === 'object' && x !== null) { if (Object.keys(x).length === 0) out.push(path); for (const [k, v] of Object.entries(x)) leaves(v, [...path, k], out); }
  else out.push(path);
  return out;
}

function render(doc: Obj, messages = new Map<string, string>()): string {
  const api: BuilderApi = { form: { doc, set: () => {}, messages }, isOpen: () => true, setOpen: () => {} };
  return renderToStaticMarkup(createElement(BuilderContext.Provider, { value: api }, createElement(ObjectFields, { node: scenarioSchema(), path: [], depth: 0, skip: Object.keys(EDITED_ELSEWHERE) })));
}

describe('the builder renders every value of the library scenarios at its element', () => {
  test.each(library)('%s', (file) => {
    const doc = applyVariant(parse(readFileSync(new URL(`../../scenarios/library/${file}`, import.meta.url), 'utf8')) as Obj, {});
    const html = render(doc);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const missing = leaves(doc).filter((p) => !ids.has(`b-${p.join('-')}`)).map((p) => formatPath(p));
    expect(missing).toEqual([]);
    // No element id is used twice.
    const all = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  test('a message of the check shows at its element', () => {
    const doc = applyVariant(parse(readFileSync(new URL('../../scenarios/library/hyperacute-stroke.yaml', import.meta.url), 'utf8')) as Obj, {});
    const html = render(doc, new Map([['pathways.hasu[5].ward', 'unknown ward "stroke-unt"']]));
    expect(html).toMatch(/<input id="b-pathways-hasu-5-ward"[^>]*aria-invalid="true"[^>]*aria-describedby="b-pathways-hasu-5-ward-error"/);
    expect(html).toContain('<span class="field__error" id="b-pathways-hasu-5-ward-error" role="alert">unknown ward &quot;stroke-unt&quot;</span>');
  });
});
