import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema';
import { ApiProblem, problemOf } from './problem';

/**
 * One typed client for every route in the API's OpenAPI document. It adds the bearer token,
 * asks reads to include the caller's last write (`minPosition`), and ends the session on 401.
 */

let token: string | undefined;
let lastPosition: string | undefined;
let onUnauthorized: () => void = () => undefined;

export const setToken = (value: string | undefined): void => {
  token = value;
  if (value === undefined) lastPosition = undefined;
};
export const setUnauthorizedHandler = (handler: () => void): void => {
  onUnauthorized = handler;
};

/** Positions are 64-bit decimal strings: compared as BigInt, never as numbers. */
export const rememberPosition = (position: string | null | undefined): void => {
  if (position == null) return;
  if (lastPosition === undefined || BigInt(position) > BigInt(lastPosition)) {
    lastPosition = position;
  }
};

const withAuth = (request: Request): Request => {
  if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
  if (request.method === 'GET' && lastPosition !== undefined) {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/v1/') && !url.searchParams.has('minPosition')) {
      url.searchParams.set('minPosition', lastPosition);
      return new Request(url, request);
    }
  }
  return request;
};

const middleware: Middleware = {
  onRequest: ({ request }) => withAuth(request),
  onResponse: ({ response }) => {
    if (response.status === 401) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(middleware);

/** The data of an openapi-fetch answer, or its problem thrown as an ApiProblem. */
export const unwrap = async <T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> => {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call;
  } catch (error) {
    throw problemOf(0, error instanceof Error ? error.message : String(error));
  }
  if (answer.error !== undefined || !answer.response.ok) {
    throw problemOf(answer.response.status, answer.error);
  }
  return answer.data as T;
};

/**
 * For the few calls typed by hand (the payout preview, audit jobs, exports, qualification):
 * a page moves to `api` once its route's types are generated. A 404 is shown as "not
 * available yet".
 */
export const request = async <T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<{ data: T; status: number; headers: Headers }> => {
  let response: Response;
  try {
    response = await fetch(
      withAuth(
        new Request(new URL(path, window.location.origin), {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
    );
  } catch (error) {
    throw problemOf(0, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 401) onUnauthorized();
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text as the detail
  }
  if (!response.ok) throw problemOf(response.status, parsed);
  return { data: parsed as T, status: response.status, headers: response.headers };
};

/** Fetches a CSV with the token (a plain link could not carry it) and saves it as a file. */
export const downloadCsv = async (path: string, filename: string): Promise<void> => {
  const url = new URL(path, window.location.origin);
  url.searchParams.set('format', 'csv');
  let response: Response;
  try {
    response = await fetch(withAuth(new Request(url)));
  } catch (error) {
    throw problemOf(0, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 401) onUnauthorized();
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    throw problemOf(response.status, parsed);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(href);
};

export { ApiProblem };
