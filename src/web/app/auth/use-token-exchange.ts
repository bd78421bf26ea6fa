// Emailed links carry a single-use token. The page trades it with the server
// exactly once, even if React runs the effect twice or the page re-renders, and
// then takes the token out of the address bar so it is not kept in history.
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/fetch-json.ts';

export type Exchange<T> =
  { status: 'missing' } | { status: 'working' } | { status: 'done'; result: T } | { status: 'failed'; error: ApiError };

const exchanges = new Map<string, Promise<unknown>>();

export function useTokenExchange<T>(
  token: string | null,
  purpose: string,
  exchange: (token: string) => Promise<T>,
): Exchange<T> {
  const [state, setState] = useState<Exchange<T>>(
    token === null || token === '' ? { status: 'missing' } : { status: 'working' },
  );
  const navigate = useNavigate();
  const { pathname } = useLocation();

  useEffect(() => {
    if (token === null || token === '') return;
    let current = true;
    const key = `${purpose}:${token}`;
    let pending = exchanges.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = exchange(token);
      exchanges.set(key, pending);
    }
    pending.then(
      (result) => {
        if (!current) return;
        setState({ status: 'done', result });
        void navigate(pathname, { replace: true });
      },
      (error: unknown) => {
        if (!current) return;
        setState({
          status: 'failed',
          error:
            error instanceof ApiError
              ? error
              : new ApiError(0, 'unknown', 'Something went wrong in this page. Reload it and try again.'),
        });
      },
    );
    return () => {
      current = false;
    };
    // Deliberately not keyed on `exchange` or `navigate`: the trade runs once per token.
  }, [token, purpose]);

  return state;
}

/** A used, expired or unknown link; as opposed to the server being unreachable. */
export function isDeadLink(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && error.code !== 'rate_limited';
}
