// The server's one error catalogue: every 4xx answers `{ error: { code, message, issues? } }`
// with a stable code a client can switch on, and a message naming the field path. Handlers
// throw ApiError; fastify's own errors (bad JSON, oversized body, schema validation) are
// translated here too, so no bad input ever reaches the client as a 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatPath, type Issue } from '../scenarios/errors.ts';
import { ID_MAX_LENGTH } from '../scenarios/schema/id.ts';

/** An issue as the API sends it: the path already written `sites[1].wards[0].beds`. */
export interface ApiIssue {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'bad_request' | 'invalid_json' | 'validation_failed' | 'invalid_scenario' | 'unknown_variant'
  | 'unauthorized' | 'forbidden' | 'read_only' | 'not_found' | 'conflict' | 'version_conflict'
  | 'body_too_large' | 'limit_exceeded' | 'queue_full' | 'rate_limited' | 'unsupported_media_type' | 'unavailable' | 'busy'
  | 'insufficient_storage' | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    /** Extra fields in the error body (e.g. the current version on a conflict). */
    readonly extra?: Record<string, unknown>,
    /** Sent as Retry-After (a 503 `busy`: the load, not the request, is the trouble). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const toApiIssues = (issues: readonly Issue[], prefix: readonly PropertyKey[] = []): ApiIssue[] =>
  issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));

export const notFound = (what: string, id: string) => new ApiError(404, 'not_found', `no ${what} with id ${JSON.stringify(id)}`);

/** A summary line for a list of issues: the first one, and how many more. */
export function issuesMessage(lead: string, issues: readonly ApiIssue[]): string {
  const first = issues[0];
  if (!first) return lead;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${lead}: ${first.path}: ${first.message}${more}`;
}

/** The body every error answer has. */
export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}), ...e.extra } };
}

/** The path quoted by a router error's message ("'/api/…' is not a valid url component"), cut short. */
function shortPath(message: string): string {
  const path = /^'(.*)' is /s.exec(message)?.[1] ?? '';
  return JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
}

/** Validation errors carry our issues (see validation.ts). */
interface ValidationFailure extends FastifyError {
  issues?: ApiIssue[];
}

/** Maps fastify's errors to the catalogue; anything unknown is a 500 with no internals shown. */
export function toApiError(err: FastifyError & ValidationFailure): ApiError {
  if (err instanceof ApiError) return err;
  if (err.issues && err.code === 'FST_ERR_VALIDATION') {
    return new ApiError(400, 'validation_failed', issuesMessage(`invalid request ${err.validationContext ?? 'body'}`, err.issues), err.issues);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'body_too_large', err.message);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'invalid_json', `the body is not valid JSON: ${err.message}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', `${err.message} (send application/json)`);
    // The router's own refusals (app.ts, frameworkErrors), before any route is chosen.
    case 'FST_ERR_BAD_URL':
      return new ApiError(400, 'bad_request', `the path ${shortPath(err.message)} is not valid URL encoding (a %-escape that is not UTF-8)`);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError(404, 'not_found', `the path ${shortPath(err.message)} names an id over ${ID_MAX_LENGTH} characters: no scenario, run or experiment has one`);
  }
  // JSON.parse's SyntaxError (fastify passes it with a 400 status).
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/.test(err.message))) {
    return new ApiError(400, 'invalid_json', `the body is not valid JSON: ${err.message}`);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new ApiError(err.statusCode, 'bad_request', err.message);
  return new ApiError(500, 'internal', 'internal error (see the server log)');
}

/** The answer to fastify's router errors (a bad %-escape, an over-long id), given as its `frameworkErrors` option: the catalogue's shape, like every other error. */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const e = toApiError(err);
  void reply.code(e.status).send(errorBody(e));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const e = toApiError(err);
    if (e.status >= 500 && e.code !== 'busy') request.log.error({ err }, 'request failed');
    if (e.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.ceil(e.retryAfterSeconds)));
    void reply.code(e.status).send(errorBody(e));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody(new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)));
  });
}
