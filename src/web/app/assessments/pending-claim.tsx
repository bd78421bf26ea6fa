// Saving a plan made before signing in to the account: the sign-in and sign-up
// pages keep the claim from their link and say what will happen; once a patient is
// signed in, <PendingClaim> sends it once, forgets it, and says how it went.
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert, Notification } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconClipboardHeart, IconInfoCircle } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { claimApi, type ClaimResult } from './claim-api.ts';
import {
  capturePendingClaim,
  clearPendingClaim,
  readPendingClaim,
  type PendingClaim as StoredClaim,
} from './pending-claim-store.ts';

/**
 * For the sign-in and sign-up pages: keeps the claim their link carries (then takes
 * the token out of the address bar) and returns the one waiting, if any.
 */
export function usePendingClaimFromLink(): StoredClaim | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const [claim] = useState(() => capturePendingClaim(location.search, location.hash) ?? readPendingClaim());
  const hasToken = location.hash.includes('claim=');
  useEffect(() => {
    if (hasToken) void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [hasToken, location.pathname, location.search, navigate]);
  return claim;
}

/** True when a plan is waiting to be saved to the account (for where to go after signing in). */
export function hasPendingClaim(): boolean {
  return readPendingClaim() !== undefined;
}

/** The short note on the sign-in and sign-up pages while a plan waits. */
export function PendingClaimNotice({ claim }: { claim: StoredClaim | undefined }) {
  if (claim === undefined) return null;
  return (
    <Alert
      variant="light"
      color="puncta"
      radius="md"
      icon={<IconClipboardHeart aria-hidden />}
      data-testid="pending-claim-notice"
    >
      Your plan will be saved to your account once you sign in.
    </Alert>
  );
}

/** "November 25, 2025" from 2025-11-25, as the public pages write dates. */
function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

type Outcome = { kind: 'saved'; result: ClaimResult } | { kind: 'gone' } | { kind: 'failed'; message: string };

/** Claims being sent, so a second mount (React's strict mode, a quick navigation) does not send again. */
const sending = new Set<string>();

/**
 * Sends the waiting claim once, for a signed-in patient. Saved (or already theirs):
 * forgotten, and `onClaimed` runs so the page can show the plan. Refused (expired,
 * used, not theirs): forgotten, with a note. The server not reached or too many
 * tries: kept for the next visit.
 */
export function PendingClaim({ onClaimed }: { onClaimed?: (result: ClaimResult) => void }) {
  const { state } = useSession();
  const isPatient = state.status === 'signed_in' && state.session.role === 'patient';
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // The latest callback, read when the answer comes: a new callback is no reason to claim again.
  const onClaimedRef = useRef(onClaimed);
  onClaimedRef.current = onClaimed;

  useEffect(() => {
    if (!isPatient) return;
    const claim = readPendingClaim();
    if (claim === undefined || sending.has(claim.assessmentId)) return;
    sending.add(claim.assessmentId);
    claimApi
      .claim({ assessmentId: claim.assessmentId, claimToken: claim.claimToken })
      .then(
        (result) => {
          clearPendingClaim();
          setOutcome({ kind: 'saved', result });
          onClaimedRef.current?.(result);
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 404) {
            clearPendingClaim();
            setOutcome({ kind: 'gone' });
          } else if (error instanceof ApiError && error.status === 403) {
            // Not a patient in this clinic: the claim is not for this account.
            clearPendingClaim();
          } else if (!(error instanceof ApiError && error.status === 401)) {
            setOutcome({
              kind: 'failed',
              message: error instanceof ApiError ? describeProblem(error) : 'Something went wrong in this page.',
            });
          }
        },
      )
      .finally(() => sending.delete(claim.assessmentId));
  }, [isPatient]);

  if (outcome === undefined) return null;
  const close = () => setOutcome(undefined);
  const common = {
    onClose: close,
    closeButtonProps: { 'aria-label': 'Close' },
    radius: 'md',
    mb: 'lg',
    // Mantine greys the text under a title below AA contrast.
    styles: { description: { color: 'var(--mantine-color-black)' } },
  } as const;
  switch (outcome.kind) {
    case 'saved':
      return (
        <Notification
          {...common}
          role="status"
          color="green"
          icon={<IconCircleCheck size={20} aria-hidden />}
          title="Your plan is saved to your account"
          withBorder
        >
          {outcome.result.status === 'claimed'
            ? `The plan you made on ${formatDay(outcome.result.assessedOn)} is now in your account.`
            : `The plan you made on ${formatDay(outcome.result.assessedOn)} was already in your account.`}
        </Notification>
      );
    case 'gone':
      return (
        <Notification
          {...common}
          role="status"
          color="yellow"
          icon={<IconInfoCircle size={20} aria-hidden />}
          title="We could not save that plan"
          withBorder
        >
          The link to it has expired or was used already. You can take the assessment again: it takes a few minutes.
        </Notification>
      );
    case 'failed':
      return (
        <Notification
          {...common}
          role="alert"
          color="red"
          icon={<IconAlertCircle size={20} aria-hidden />}
          title="Your plan is not saved yet"
          withBorder
        >
          {outcome.message} We will try again the next time you open My plan.
        </Notification>
      );
  }
}
