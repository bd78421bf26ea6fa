// Holding the picked slot while the patient checks and confirms it (issue 6): a
// hold is made when the confirm step opens and released when it closes (Back,
// another time, leaving the page) unless it became the booking. A hold answered
// 409 slot_unavailable means someone took the time first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/fetch-json.ts';
import { bookingApi, type HoldView } from './api.ts';
import { bookingProblemText } from './words.ts';

export type HoldState =
  | { status: 'holding' }
  | { status: 'held'; hold: HoldView }
  | { status: 'taken' }
  /** Could not hold (too many holds, no connection): booking without a hold is still possible. */
  | { status: 'unheld'; message: string };

export interface HeldSlot {
  state: HoldState;
  /** Call once the hold became the booking: it must not be released then. */
  consumed: () => void;
  /** Ask for a new hold (the last one ran out). */
  again: () => void;
}

export function useHold(
  csrfToken: string,
  slot: { serviceId: string; start: string; practitionerId: string },
): HeldSlot {
  const [state, setState] = useState<HoldState>({ status: 'holding' });
  const [attempt, setAttempt] = useState(0);
  const used = useRef(false);
  const { serviceId, start, practitionerId } = slot;

  useEffect(() => {
    const api = bookingApi(csrfToken);
    let active = true;
    let heldId: string | undefined;
    used.current = false;
    setState({ status: 'holding' });
    api.hold({ serviceId, start, practitionerId }).then(
      (hold) => {
        if (!active) {
          void api.release(hold.id).catch(() => undefined);
          return;
        }
        heldId = hold.id;
        setState({ status: 'held', hold });
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.code === 'slot_unavailable') setState({ status: 'taken' });
        else setState({ status: 'unheld', message: bookingProblemText(error) });
      },
    );
    return () => {
      active = false;
      // Leaving the step frees the time for others at once, unless it was booked.
      if (heldId !== undefined && !used.current) void api.release(heldId).catch(() => undefined);
    };
  }, [csrfToken, serviceId, start, practitionerId, attempt]);

  const consumed = useCallback(() => {
    used.current = true;
  }, []);
  const again = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, consumed, again };
}
