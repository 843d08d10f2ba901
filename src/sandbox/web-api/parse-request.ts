/**
 * Turns a Web API request into arguments. @slack/web-api v8 posts application/x-www-form-urlencoded with
 * complex values (blocks, attachments, metadata, view, files) JSON-encoded as strings; other clients post JSON.
 * Slack takes the token from `Authorization: Bearer` or, for form and query requests, a `token` argument;
 * a JSON body's `token` is ignored, as Slack ignores it.
 */

export const JSON_STRING_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'files'] as const;

export interface ParsedApiRequest {
  token?: string;
  args: Record<string, unknown>;
  /** Fields whose JSON string did not parse: handlers answer with their own error name. */
  malformed: Set<string>;
  /** A JSON body that did not parse or was not an object: Slack answers `invalid_json` / `json_not_object`. */
  bodyError?: 'invalid_json' | 'json_not_object';
  basicAuth?: { user: string; password: string };
}

export function parseApiRequest(input: {
  contentType: string | undefined;
  body: string;
  query: URLSearchParams;
  authorization: string | undefined;
}): ParsedApiRequest {
  const args: Record<string, unknown> = {};
  for (const [key, value] of input.query) args[key] = value;
  const type = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let tokenFromBody: string | undefined;
  let bodyError: ParsedApiRequest['bodyError'];
  if (type === 'application/json' && input.body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(input.body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        Object.assign(args, parsed);
        delete args.token;
      } else {
        bodyError = 'json_not_object';
      }
    } catch {
      bodyError = 'invalid_json';
    }
  } else if (input.body.length > 0) {
    for (const [key, value] of new URLSearchParams(input.body)) args[key] = value;
  }
  if (typeof args.token === 'string') tokenFromBody = args.token;
  delete args.token;

  const malformed = new Set<string>();
  for (const field of JSON_STRING_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      malformed.add(field);
    }
  }

  const result: ParsedApiRequest = { args, malformed };
  if (bodyError !== undefined) result.bodyError = bodyError;
  const authorization = input.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) {
    result.token = bearer[1]!.trim();
  } else if (tokenFromBody !== undefined && tokenFromBody !== '') {
    result.token = tokenFromBody;
  }
  const basic = /^Basic\s+(.+)$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) result.basicAuth = { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return result;
}

export function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function boolArg(args: Record<string, unknown>, name: string): boolean {
  const value = args[name];
  return value === true || value === 1 || value === 'true' || value === '1';
}

export function intArg(args: Record<string, unknown>, name: string): number | undefined {
  const value = stringArg(args, name);
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) ? parsed : Number.NaN;
}
