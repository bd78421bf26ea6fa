// Confirming a hold (POST /api/v1/bookings with holdId): the checks on the hold and
// the in-place update that turns it into the appointment, with the waitlist entry of
// an accepted offer closed in the same transaction. createBooking (commands.ts) calls
// these around its usual slot check; nothing here imports it back.
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { findEntryOfHold, findHold, markOfferAccepted, type HoldRow } from '../../../db/repositories/holds.ts';
import { confirmHoldRow, type BookingRow, type NewBooking } from '../../../db/repositories/scheduling.ts';
import { ConflictError, NotFoundError } from '../../../domain/errors.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import type { Caller } from './commands.ts';

/** The hold exists in the caller's clinic and is held for `patientId`; else 404 on the record. */
export async function requireHoldOf(db: Db, caller: Caller, holdId: string, patientId: string): Promise<HoldRow> {
  const hold = await findHold(db, caller.clinicId, holdId);
  if (hold === undefined || hold.patientId !== patientId) {
    return denyAsNotFound(db, caller.actor, {
      what: 'The hold',
      resourceType: 'hold',
      resourceId: holdId,
      patientId: hold?.patientId,
    });
  }
  return hold;
}

/**
 * Inside the booking's transaction: locks the hold and checks it is still there,
 * still the patient's, unexpired, and for the service and start being booked.
 */
export async function lockHoldForBooking(
  tx: Db,
  clinicId: string,
  holdId: string,
  booking: { serviceId: string; patientId: string; practitionerId?: string | undefined; startMs: number },
  nowMs: number,
): Promise<HoldRow> {
  const hold = await findHold(tx, clinicId, holdId, { lock: true });
  // Released or confirmed since the check outside the transaction.
  if (hold === undefined || hold.patientId !== booking.patientId) throw new NotFoundError('The hold');
  if (hold.expiresAt.getTime() <= nowMs) {
    throw new ConflictError('hold_expired', 'This hold has run out. Pick the time again if it is still free.');
  }
  if (
    hold.serviceId !== booking.serviceId ||
    hold.startsAt.getTime() !== booking.startMs ||
    (booking.practitionerId !== undefined && booking.practitionerId !== hold.practitionerId)
  ) {
    throw new ConflictError(
      'hold_mismatch',
      'This hold is for another service, time or practitioner: book what was held, or release it.',
    );
  }
  return hold;
}

/** A drop-in for insertBooking that updates the hold's own row into the appointment. */
export function confirmHold(caller: Caller, hold: HoldRow) {
  return async (tx: Db, booking: NewBooking): Promise<BookingRow> => {
    const row = await confirmHoldRow(tx, hold.id, booking);
    if (row === undefined) throw new NotFoundError('The hold');
    await recordAuditEvent(tx, caller.actor, {
      action: 'hold_confirmed',
      outcome: 'allowed',
      resourceType: 'hold',
      resourceId: hold.id,
      patientId: hold.patientId,
    });
    const entry = await findEntryOfHold(tx, hold.id);
    if (entry !== undefined) {
      await markOfferAccepted(tx, entry.id, row.id);
      await recordAuditEvent(tx, caller.actor, {
        action: 'waitlist_offer_accepted',
        outcome: 'allowed',
        resourceType: 'waitlist_entry',
        resourceId: entry.id,
        patientId: entry.patientId,
      });
    }
    return row;
  };
}
