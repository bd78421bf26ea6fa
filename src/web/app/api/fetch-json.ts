// Talking to the Puncta API from the browser: one wrapper for every request.
// - Cookies go along (credentials: 'same-origin'), and every state-changing
//   request carries the session's CSRF token in `x-csrf-token`.
// - Errors become ApiError with the problem+json code, detail, field errors and
//   Retry-After, so forms can say exactly what went wrong.
// - A 401 on a signed-in request tells the session (see session-context.tsx),
//   which sends the person to sign in and back.
// - Answers are checked against the expected zod shape.
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';

export interface FieldProblem {
  /** body, query, params... */
  location: string;
  /** Dotted path of the field, e.g. "email" or "scopes.0". */
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable problem code, e.g. invalid_credentials; "network" when the server was not reached. */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldProblem[] = [],
    readonly retryAfterSeconds: number | undefined = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** The session's CSRF token, set at sign-in and on every session load; cleared at sign-out. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called when a request answers 401 `unauthorized` (the session ended or
 * expired) or `mfa_enrolment_required` (a staff session that may only set up
 * its authenticator).
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Leave a 401 to the caller instead of ending the session: sign-in forms
   * expect 401 for a wrong password, which says nothing about a session.
   */
  quietUnauthorized?: boolean;
}

/** Sends a request and parses the JSON answer with `schema`; 204 answers need no schema. */
export async function requestJson<T>(url: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
export async function requestJson(url: string, schema: undefined, options?: RequestOptions): Promise<void>;
export async function requestJson<T>(
  url: string,
  schema: z.ZodType<T> | undefined,
  options: RequestOptions = {},
): Promise<T | void> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      signal: options.signal,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    throw new ApiError(0, 'network', 'We could not reach the clinic’s server. Check your connection and try again.');
  }

  if (!response.ok) {
    const error = await problemFrom(response);
    const sessionProblem = error.code === 'unauthorized' || error.code === 'mfa_enrolment_required';
    if (error.status === 401 && sessionProblem && options.quietUnauthorized !== true) {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }
  if (schema === undefined) return;
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'unexpected_answer',
      'The server sent an answer this page does not understand.',
    );
  }
  return parsed.data;
}

/** GET with a schema, for the common case. */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return requestJson(url, schema, { signal });
}

async function problemFrom(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  try {
    const body = (await response.json()) as { code?: unknown; detail?: unknown; errors?: unknown };
    const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
    const detail =
      typeof body.detail === 'string' ? body.detail : `The server answered with status ${response.status}.`;
    return new ApiError(response.status, code, detail, fieldProblems(body.errors), retryAfterSeconds);
  } catch {
    return new ApiError(
      response.status,
      `http_${response.status}`,
      `The server answered with status ${response.status}.`,
      [],
      retryAfterSeconds,
    );
  }
}

function fieldProblems(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { location, path, message } = entry as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    return [{ location: typeof location === 'string' ? location : 'body', path, message }];
  });
}

export type Resource<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: Error };

/** Loads a URL once per mount (and again on reload()), cancelling on unmount. */
export function useResource<T>(url: string, schema: z.ZodType<T>): Resource<T> & { reload: () => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
    fetchJson(url, schema, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [url, schema, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}
