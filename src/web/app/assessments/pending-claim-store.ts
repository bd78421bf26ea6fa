// A plan made on the public site before signing in, waiting to be saved to the
// person's account. Its links (/app/sign-up, /app/sign-in, /app/book) carry the
// assessment id in the query and its one-time claim token in the fragment, which
// browsers never send to a server. The pair is kept in this browser's storage until
// the person is signed in and the claim is made (pending-claim.tsx), for at most as
// long as the server honours the token.
import { z } from 'zod';

const STORAGE_KEY = 'puncta.pendingAssessmentClaim';

/** The server accepts a claim for 30 days after the assessment; older ones are dropped here too. */
export const PENDING_CLAIM_DAYS = 30;
const MAX_AGE_MS = PENDING_CLAIM_DAYS * 24 * 60 * 60 * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the server hands out: 32 random bytes, base64url (43 characters); the API takes up to 100. */
const TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

const pendingClaimSchema = z.object({
  assessmentId: z.string().regex(UUID),
  claimToken: z.string().regex(TOKEN),
  savedAt: z.number().int(),
});

export type PendingClaim = z.infer<typeof pendingClaimSchema>;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage switched off (some private modes): the plan simply is not carried over.
    return undefined;
  }
}

/** The waiting claim, unless there is none, it is unreadable, or it is too old (then it is removed). */
export function readPendingClaim(now = Date.now()): PendingClaim | undefined {
  const store = storage();
  const raw = store?.getItem(STORAGE_KEY);
  if (raw === null || raw === undefined) return undefined;
  let parsed: PendingClaim | undefined;
  try {
    const result = pendingClaimSchema.safeParse(JSON.parse(raw));
    parsed = result.success ? result.data : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || now - parsed.savedAt > MAX_AGE_MS || parsed.savedAt > now + MAX_AGE_MS) {
    store?.removeItem(STORAGE_KEY);
    return undefined;
  }
  return parsed;
}

export function savePendingClaim(assessmentId: string, claimToken: string, now = Date.now()): PendingClaim {
  const claim: PendingClaim = { assessmentId, claimToken, savedAt: now };
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(claim));
  } catch {
    // Full or refused storage: nothing to keep it in.
  }
  return claim;
}

export function clearPendingClaim(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/**
 * Reads `?assessment=<id>` and `#claim=<token>` from a URL's search and hash. Returns
 * the claim when both are well-formed, and keeps it; undefined otherwise.
 */
export function capturePendingClaim(search: string, hash: string): PendingClaim | undefined {
  const assessmentId = new URLSearchParams(search).get('assessment');
  const claimToken = new URLSearchParams(hash.replace(/^#/, '')).get('claim');
  if (assessmentId === null || claimToken === null || !UUID.test(assessmentId) || !TOKEN.test(claimToken)) {
    return undefined;
  }
  return savePendingClaim(assessmentId.toLowerCase(), claimToken);
}

/**
 * Called once as the app starts, before the router reads the address: keeps a claim
 * from the address bar, then removes the token from the address (and so from the
 * history and from any link the page builds from it). Without this, the redirect of
 * a signed-out visitor from /app/book to sign-in would drop the fragment.
 */
export function captureClaimFromAddressBar(): void {
  if (typeof window === 'undefined' || !window.location.hash.includes('claim=')) return;
  const { pathname, search, hash } = window.location;
  capturePendingClaim(search, hash);
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}
