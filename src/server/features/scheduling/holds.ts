// Holds (issue 6): a slot reserved for one patient while they confirm. Checked
// exactly as a booking is (the same findSlots check against the calendar as it is
// now, in the same transaction as the insert), then written as a bookings row of
// kind 'hold', so the exclusion constraints of migration 0006 stop any overlap; an
// overlap that slips past the check becomes 409 slot_unavailable. A hold lapses at
// expiresAt; lapsed holds occupy nothing and are deleted before the next booking.
import type { Database, Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import {
  countActiveHolds,
  deleteHold,
  findEntryOfHold,
  findHold,
  insertHold,
  lockPatient,
  markOfferDeclined,
  type HoldRow,
} from '../../../db/repositories/holds.ts';
import { findBookingRules } from '../../../db/repositories/scheduling-admin.ts';
import {
  EXCLUSION_VIOLATION,
  deleteExpiredHolds,
  sqlState,
  type SchedulingSetup,
} from '../../../db/repositories/scheduling.ts';
import { HOLD_LIMITS, type CreateHoldBody, type HoldView } from '../../../domain/contracts/holds.ts';
import { ConflictError } from '../../../domain/errors.ts';
import { formatInstant, parseInstant } from '../../../domain/scheduling/index.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import {
  AROUND_MS,
  bookingPatient,
  checkBookableStart,
  offeredSlotAt,
  requireSetup,
  slotPlacement,
  slotUnavailable,
  type Caller,
} from './commands.ts';

const MINUTE_MS = 60_000;
/** When the clinic has no booking rules row (the column's default). */
export const DEFAULT_HOLD_MINUTES = 5;

export function presentHold(row: HoldRow, timeZone: string): HoldView {
  return {
    id: row.id,
    serviceId: row.serviceId,
    start: formatInstant(timeZone, row.startsAt.getTime()),
    end: formatInstant(timeZone, row.endsAt.getTime()),
    practitionerId: row.practitionerId,
    roomId: row.roomId,
    deviceId: row.deviceId,
    expiresAt: formatInstant(timeZone, row.expiresAt.getTime()),
  };
}

/** How long the clinic holds a slot while a patient confirms (booking rules: hold_minutes). */
export async function holdMinutes(db: Db, clinicId: string): Promise<number> {
  return (await findBookingRules(db, clinicId))?.holdMinutes ?? DEFAULT_HOLD_MINUTES;
}

export interface HoldOptions {
  /** Overrides the clinic's hold time (waitlist offers hold longer). */
  expiresAtMs?: number;
  /** Waitlist offers do not count against the patient's own holds. */
  ignoreCap?: boolean;
  /** More writes in the hold's transaction (the waitlist entry, the offer email). */
  alongside?: (tx: Db, hold: HoldRow, setup: SchedulingSetup) => Promise<void>;
}

export async function createHold(
  database: Database,
  caller: Caller,
  body: CreateHoldBody,
  nowMs: number,
  options: HoldOptions = {},
): Promise<{ hold: HoldView; row: HoldRow; setup: SchedulingSetup }> {
  const db = database.db;
  const startMs = parseInstant(body.start);
  const patientId = await bookingPatient(db, caller, body.patientId);
  const setup = await requireSetup(db, caller.clinicId, body.serviceId);
  checkBookableStart(setup, startMs, nowMs);
  const { service } = setup;
  const expiresAtMs = options.expiresAtMs ?? nowMs + (await holdMinutes(db, caller.clinicId)) * MINUTE_MS;
  try {
    const row = await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      if (options.ignoreCap !== true) {
        // One patient's hold requests in turn, so two at once cannot both pass the cap.
        await lockPatient(tx, patientId);
        if ((await countActiveHolds(tx, caller.clinicId, patientId, nowMs)) >= HOLD_LIMITS.maxActivePerPatient) {
          throw new ConflictError(
            'too_many_holds',
            `At most ${HOLD_LIMITS.maxActivePerPatient} times can be held at once. Book or release one first.`,
          );
        }
      }
      await deleteExpiredHolds(tx, caller.clinicId, startMs - AROUND_MS, startMs + AROUND_MS, nowMs);
      const slot = await offeredSlotAt(tx, setup, caller.clinicId, startMs, nowMs, {
        practitionerId: body.practitionerId,
      });
      if (slot === undefined) throw slotUnavailable();
      const inserted = await insertHold(tx, {
        clinicId: caller.clinicId,
        serviceId: service.id,
        patientId,
        ...slotPlacement(service, slot, startMs),
        expiresAtMs,
        createdBy: caller.userId,
      });
      await recordAuditEvent(tx, caller.actor, {
        action: 'hold_created',
        outcome: 'allowed',
        resourceType: 'hold',
        resourceId: inserted.id,
        patientId,
      });
      await options.alongside?.(tx, inserted, setup);
      return inserted;
    });
    return { hold: presentHold(row, setup.timeZone), row, setup };
  } catch (error) {
    if (sqlState(error) === EXCLUSION_VIOLATION) throw slotUnavailable();
    throw error;
  }
}

/**
 * Releases a hold: a patient their own, staff any of their clinic's. Anything else
 * answers 404 on the record. A waitlist offer released this way counts as declined
 * and its entry keeps waiting.
 */
export async function releaseHold(database: Database, caller: Caller, holdId: string): Promise<void> {
  const db = database.db;
  const hold = await findHold(db, caller.clinicId, holdId);
  if (hold === undefined || (caller.role === 'patient' && hold.patientId !== caller.patientId)) {
    return denyAsNotFound(db, caller.actor, {
      what: 'The hold',
      resourceType: 'hold',
      resourceId: holdId,
      patientId: hold?.patientId,
    });
  }
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const entry = await findEntryOfHold(tx, hold.id);
    if (!(await deleteHold(tx, hold.id))) return;
    await recordAuditEvent(tx, caller.actor, {
      action: 'hold_released',
      outcome: 'allowed',
      resourceType: 'hold',
      resourceId: hold.id,
      patientId: hold.patientId,
    });
    if (entry !== undefined) {
      await markOfferDeclined(tx, entry.id);
      await recordAuditEvent(tx, caller.actor, {
        action: 'waitlist_offer_declined',
        outcome: 'allowed',
        resourceType: 'waitlist_entry',
        resourceId: entry.id,
        patientId: entry.patientId,
      });
    }
  });
}
