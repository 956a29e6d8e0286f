// Parameter paths for sweeps and goal-seeking: a field of a scenario named in the notation
// its error messages use, `sites[0].wards[1].beds`, or with list entries addressed by id
// (`sites[dgh].wards[ortho].beds`; staff entries by role), as variant patches address them.
// A key that is not a plain name is quoted: `sites[dgh].wards["ed-trolleys"].beds`.
//
// A path must name a field the scenario already has (after defaults): setting a field
// that is not there is far more often a typo than a wish, so an unknown step is an error
// that says what does exist at that point.
import { formatPath } from '../../scenarios/errors.ts';
import { keyFieldFor } from '../../scenarios/variants.ts';

/** A parsed path: names, list positions, or `{ id }` for a list entry addressed by id. */
export type PathStep = string | number | { id: string };

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `sites[dgh].wards[0].beds` → ['sites', {id:'dgh'}, 'wards', 0, 'beds']. */
export function parsePath(text: string): Result<PathStep[]> {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (why: string): Result<PathStep[]> => ({ ok: false, message: `bad parameter path ${JSON.stringify(text)}: ${why}` });
  if (text.trim() === '') return fail('empty');
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text[i + 1] === '"' ? closingQuote(text, i + 1) : text.indexOf(']', i);
      if (close < 0) return fail(`unclosed "[" at character ${i + 1}`);
      if (text[i + 1] === '"') {
        if (text[close + 1] !== ']') return fail(`expected "]" after the quoted key at character ${close + 2}`);
        let key: string;
        try {
          key = JSON.parse(text.slice(i + 1, close + 1)) as string;
        } catch {
          return fail(`bad quoted key at character ${i + 2}`);
        }
        steps.push({ id: key });
        i = close + 2;
      } else {
        const inner = text.slice(i + 1, close).trim();
        if (inner === '') return fail(`empty "[]" at character ${i + 1}`);
        steps.push(/^\d+$/.test(inner) ? Number(inner) : { id: inner });
        i = close + 1;
      }
    } else {
      if (steps.length > 0) {
        if (text[i] !== '.') return fail(`expected "." or "[" at character ${i + 1}`);
        i++;
      }
      const m = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i));
      if (!m) return fail(`expected a field name at character ${i + 1}`);
      steps.push(m[0]);
      i += m[0].length;
    }
  }
  return { ok: true, value: steps };
}

function closingQuote(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}

/** Where a path leads in `data`: the concrete path (list positions, as errors print them) and the value. */
export interface Resolved {
  path: (string | number)[];
  value: unknown;
}

/** Follows `steps` through `data`; an unknown step is an error naming the path so far and what exists there. */
export function resolvePath(data: unknown, steps: readonly PathStep[]): Result<Resolved> {
  const path: (string | number)[] = [];
  let at: unknown = data;
  let key: string | undefined;
  for (const step of steps) {
    const here = path.length === 0 ? 'the scenario' : formatPath(path);
    if (Array.isArray(at)) {
      const field = keyFieldFor(key);
      const ids = at.map((e) => (isObject(e) && typeof e[field] === 'string' ? (e[field] as string) : undefined));
      const known = at.length === 0 ? `${here} is an empty list` : ids.every((x) => x !== undefined)
        ? `${here} has ${at.length} (${ids.map((x, k) => `[${k}] ${x}`).join(', ')})`
        : `${here} has ${at.length}, [0] to [${at.length - 1}]`;
      if (typeof step === 'number') {
        if (step >= at.length) return { ok: false, message: `${formatPath([...path, step])}: no such entry; ${known}` };
        path.push(step);
      } else {
        const id = typeof step === 'string' ? step : step.id;
        const k = ids.indexOf(id);
        if (k < 0) {
          const what = ids.some((x) => x !== undefined) ? `no entry with ${field} "${id}"` : `a list is indexed by position, not "${id}"`;
          return { ok: false, message: `${formatPath(path)}[${id}]: ${what}; ${known}` };
        }
        path.push(k);
      }
      at = at[path[path.length - 1] as number];
      continue;
    }
    if (isObject(at)) {
      const name = typeof step === 'number' ? String(step) : typeof step === 'string' ? step : step.id;
      if (!Object.hasOwn(at, name)) {
        const fields = Object.keys(at);
        return { ok: false, message: `${formatPath([...path, name])}: no field "${name}" in ${here} (${fields.length ? `fields: ${fields.join(', ')}` : 'it has no fields'})` };
      }
      path.push(name);
      key = name;
      at = at[name];
      continue;
    }
    return { ok: false, message: `${formatPath(path)} is ${describe(at)}, which has no field ${typeof step === 'object' ? `"${step.id}"` : JSON.stringify(step)}` };
  }
  return { ok: true, value: { path, value: at } };
}

function describe(x: unknown): string {
  if (typeof x === 'number') return `a number (${x})`;
  if (typeof x === 'string') return `a string (${JSON.stringify(x)})`;
  if (typeof x === 'boolean') return `${x}`;
  return x === null ? 'null' : typeof x;
}

/** A copy of `data` with the value at the resolved `path` replaced (the path must exist: resolvePath it first). */
export function setAt<T>(data: T, path: readonly (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    const out = data.slice();
    out[head as number] = setAt(out[head as number], rest, value);
    return out as T;
  }
  const obj = data as Record<string, unknown>;
  return { ...obj, [head]: setAt(obj[head as string], rest, value) } as T;
}
