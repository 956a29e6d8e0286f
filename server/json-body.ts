// Reading JSON request bodies. An empty body with the JSON content type (a DELETE from many
// clients) is no body, not a 400. A body nested deeper than any scenario could be is
// refused before it is parsed: JSON.parse, the schema and the variant patches all recurse,
// and a few hundred kilobytes of `[[[[…` would otherwise end in a stack overflow (a 500).
// The rest goes through fastify's own parser, which refuses __proto__ and constructor keys,
// and a key given twice in one object is refused (scenarios/json-keys.ts).
import type { FastifyInstance } from 'fastify';
import { ApiError, issuesMessage, toApiIssues } from './errors.ts';
import { duplicateJsonKeys } from '../scenarios/json-keys.ts';

/** Deeper than any scenario (about 10 levels; a variant's patch mirrors it) with room to spare. */
export const MAX_DEPTH = 64;

/** How deeply the JSON text nests objects and arrays, reading strings as opaque (stops counting past `limit`). */
export function nesting(text: string, limit = Infinity): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function installJsonBodies(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, text, done) => {
    const s = String(text);
    if (s.trim() === '') return done(null, undefined);
    if (nesting(s, MAX_DEPTH) > MAX_DEPTH) {
      return done(new ApiError(400, 'limit_exceeded', `the body nests objects and lists more than ${MAX_DEPTH} levels deep; no scenario needs that many`), undefined);
    }
    // A key given twice would keep its last value silently (a doubled `beds` in a scenario):
    // refused as a scenario file's is, with each key's path in the body. One linear pass over
    // at most the body limit, after fastify's parser has accepted the text.
    json(req, s, (err, body) => {
      if (err) return done(err, undefined);
      const twice = duplicateJsonKeys(s);
      if (twice.length > 0) return done(new ApiError(400, 'invalid_json', issuesMessage('the body gives a key twice', toApiIssues(twice)), toApiIssues(twice)), undefined);
      done(null, body);
    });
  });
}
