// Where sign-in starts, and where people go once they are in.
import type { Role } from '../api/identity-contract.ts';

export function signInPath(next?: string, reason?: 'expired'): string {
  const params = new URLSearchParams();
  if (next !== undefined && isSafeNext(next) && next !== '/' && !next.startsWith('/sign-in')) params.set('next', next);
  if (reason !== undefined) params.set('reason', reason);
  const query = params.toString();
  return query === '' ? '/sign-in' : `/sign-in?${query}`;
}

/** Where staff set up their authenticator when the clinic requires it before anything else. */
export function twoStepSetupPath(next?: string | null): string {
  if (next === undefined || next === null || !isSafeNext(next) || next === '/') return '/set-up-two-step';
  return `/set-up-two-step?${new URLSearchParams({ next }).toString()}`;
}

/** Only paths inside the app: never another site ("//evil.example", "https://..."). */
export function isSafeNext(next: string): boolean {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
}

/** The first page after signing in: patients their home, the clinic team the day view. */
export function homePathFor(role: Role): string {
  return role === 'patient' ? '/' : '/staff';
}

/** `next` from the query when it is safe, else the person's home. */
export function afterSignInPath(next: string | null, role: Role): string {
  if (next !== null && isSafeNext(next)) return next;
  return homePathFor(role);
}
