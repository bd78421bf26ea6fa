// Waitlist offers (issue 6): front desk offers a freed slot to a patient on the
// waitlist. Only when the slot's local date lies in the entry's window (domain
// waitlistCandidates), else 409 outside_window. The offer is a hold for that patient
// (held up to 24 hours, never past the booking notice before the start), recorded on
// the entry and mailed to the patient in the same transaction. The patient accepts
// with POST /api/v1/bookings { holdId } (the entry is closed as fulfilled) or
// declines with DELETE /api/v1/holds/:id (the entry keeps waiting).
import type { Database, Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import {
  closeWaitlistEntry,
  deleteHold,
  findWaitlistEntry,
  listPatientOffers,
  offerMailFacts,
  recordOffer,
  type WaitlistEntryRow,
} from '../../../db/repositories/holds.ts';
import { findClinicTimeZone } from '../../../db/repositories/clinics.ts';
import {
  HOLD_LIMITS,
  type MyWaitlistOffersResponse,
  type WaitlistOfferBody,
  type WaitlistOfferResponse,
  type WaitlistOfferSummary,
} from '../../../domain/contracts/holds.ts';
import { ConflictError, NotFoundError } from '../../../domain/errors.ts';
import {
  formatInstant,
  parseInstant,
  waitlistCandidates,
  type WaitlistEntry,
} from '../../../domain/scheduling/index.ts';
import { formatLocalDateTime } from '../../../jobs/booking-reminders.ts';
import type { Mailer, OutgoingMail } from '../../../mail/mailer.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { requireSetup, type Caller } from '../scheduling/commands.ts';
import { createHold } from '../scheduling/holds.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The latest offer of an entry as staff see it; a lapsed one reads 'expired'. */
export function presentOfferSummary(
  entry: {
    offerStatus: 'offered' | 'declined' | 'accepted' | null;
    offerStartsAt: Date | null;
    offerExpiresAt: Date | null;
    offeredAt: Date | null;
  },
  nowMs: number,
): WaitlistOfferSummary | null {
  if (entry.offerStatus === null || entry.offerStartsAt === null || entry.offerExpiresAt === null) return null;
  const expired = entry.offerStatus === 'offered' && entry.offerExpiresAt.getTime() <= nowMs;
  return {
    status: expired ? 'expired' : entry.offerStatus,
    start: entry.offerStartsAt.toISOString(),
    expiresAt: entry.offerExpiresAt.toISOString(),
    offeredAt: (entry.offeredAt ?? entry.offerStartsAt).toISOString(),
  };
}

/** A waitlist row as the domain's waitlistCandidates takes it. */
export function waitingEntry(entry: {
  id: string;
  patientId: string;
  serviceId: string;
  practitionerId: string | null;
  windowStart: string;
  windowEnd: string;
  createdAt: Date;
}): WaitlistEntry {
  return {
    id: entry.id,
    patientId: entry.patientId,
    serviceId: entry.serviceId,
    practitionerId: entry.practitionerId,
    windowStart: entry.windowStart,
    windowEnd: entry.windowEnd,
    waitingSince: entry.createdAt.toISOString(),
  };
}

/** The offer email: the clinic, when, until when it is held, and a link; nothing about the treatment. */
export function offerEmail(
  facts: { givenName: string; email: string; clinicName: string; phone: string | null },
  offer: { clinicId: string; startMs: number; expiresAtMs: number; timeZone: string },
  publicUrl: string,
): OutgoingMail {
  const when = formatLocalDateTime(new Date(offer.startMs), offer.timeZone);
  const until = formatLocalDateTime(new Date(offer.expiresAtMs), offer.timeZone);
  const lines = [
    `Hello ${facts.givenName},`,
    '',
    `A time has opened up at ${facts.clinicName}: ${when}.`,
    '',
    `We are holding it for you until ${until}. To accept or decline it, open:`,
    `${publicUrl}/app/appointments`,
    '',
    'If we do not hear from you by then, the time goes back to the calendar and you stay on the waitlist.',
  ];
  if (facts.phone !== null && facts.phone !== '') lines.push('', `Questions? Call us: ${facts.phone}.`);
  lines.push('', '-- ', facts.clinicName, '');
  return {
    clinicId: offer.clinicId,
    to: facts.email,
    subject: `A time has opened up at ${facts.clinicName}`,
    text: lines.join('\n'),
  };
}

async function requireOpenEntry(db: Db, caller: Caller, entryId: string): Promise<WaitlistEntryRow> {
  const entry = await findWaitlistEntry(db, caller.clinicId, entryId);
  if (entry === undefined) {
    return denyAsNotFound(db, caller.actor, {
      what: 'The waitlist entry',
      resourceType: 'waitlist_entry',
      resourceId: entryId,
    });
  }
  if (entry.closedAt !== null) {
    throw new ConflictError('entry_closed', 'This waitlist entry is closed: it was booked or removed.');
  }
  return entry;
}

function pendingOffer(entry: WaitlistEntryRow, nowMs: number): boolean {
  return (
    entry.offerStatus === 'offered' &&
    entry.offerHoldId !== null &&
    entry.offerExpiresAt !== null &&
    entry.offerExpiresAt.getTime() > nowMs
  );
}

export async function offerSlot(
  database: Database,
  caller: Caller,
  entryId: string,
  body: WaitlistOfferBody,
  nowMs: number,
  mail: { mailer: Mailer; publicUrl: string },
): Promise<WaitlistOfferResponse> {
  const db = database.db;
  const entry = await requireOpenEntry(db, caller, entryId);
  if (pendingOffer(entry, nowMs)) {
    throw new ConflictError(
      'offer_pending',
      'This patient already has an offer waiting for an answer. Withdraw it or wait until it runs out.',
    );
  }
  const startMs = parseInstant(body.start);
  const setup = await requireSetup(db, caller.clinicId, entry.serviceId);
  if (entry.practitionerId !== null && entry.practitionerId !== body.practitionerId) {
    throw new ConflictError('practitioner_mismatch', 'This patient is waiting for another practitioner.');
  }
  const candidates = waitlistCandidates(
    {
      serviceId: entry.serviceId,
      start: body.start,
      end: body.start,
      practitionerId: body.practitionerId,
      roomId: '',
      deviceId: null,
    },
    [waitingEntry(entry)],
    { timeZone: setup.timeZone },
  );
  if (candidates.length === 0) {
    throw new ConflictError(
      'outside_window',
      `That slot's date lies outside this patient's window (${entry.windowStart} to ${entry.windowEnd}).`,
    );
  }
  // Held until a day from now, or until the booking notice before the start, whichever comes first.
  const expiresAtMs = Math.min(
    nowMs + HOLD_LIMITS.offerMaxHours * HOUR_MS,
    startMs - setup.rules.minimumNoticeMinutes * MINUTE_MS,
  );
  let messageId: string | undefined;
  const { hold } = await createHold(
    database,
    caller,
    { serviceId: entry.serviceId, start: body.start, practitionerId: body.practitionerId, patientId: entry.patientId },
    nowMs,
    {
      expiresAtMs,
      ignoreCap: true,
      alongside: async (tx, row) => {
        // Re-read under a row lock: two offers for one entry at once make one.
        const current = await findWaitlistEntry(tx, caller.clinicId, entry.id, { lock: true });
        if (current === undefined) throw new NotFoundError('The waitlist entry');
        if (current.closedAt !== null) throw new ConflictError('entry_closed', 'This waitlist entry is closed.');
        if (pendingOffer(current, nowMs)) {
          throw new ConflictError('offer_pending', 'This patient already has an offer waiting for an answer.');
        }
        // A lapsed earlier offer's hold goes; its time is free anyway.
        if (current.offerHoldId !== null) await deleteHold(tx, current.offerHoldId);
        await recordOffer(tx, entry.id, { holdId: row.id, startMs, expiresAtMs, offeredBy: caller.userId });
        await recordAuditEvent(tx, caller.actor, {
          action: 'waitlist_offer_made',
          outcome: 'allowed',
          resourceType: 'waitlist_entry',
          resourceId: entry.id,
          patientId: entry.patientId,
        });
        const facts = await offerMailFacts(tx, caller.clinicId, entry.patientId);
        if (facts?.email != null && facts.email !== '') {
          const message = offerEmail(
            { ...facts, email: facts.email },
            { clinicId: caller.clinicId, startMs, expiresAtMs, timeZone: setup.timeZone },
            mail.publicUrl,
          );
          messageId = (await mail.mailer.enqueue(tx, message)).id;
        }
      },
    },
  );
  if (messageId !== undefined) await mail.mailer.requestDelivery(messageId);
  return { entryId: entry.id, hold, mailed: messageId !== undefined };
}

/** Takes an entry off the waitlist; a pending offer's hold is released with it. */
export async function removeWaitlistEntry(database: Database, caller: Caller, entryId: string): Promise<void> {
  const db = database.db;
  const entry = await requireOpenEntry(db, caller, entryId);
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    if (entry.offerHoldId !== null) await deleteHold(tx, entry.offerHoldId);
    await closeWaitlistEntry(tx, entry.id);
    await recordAuditEvent(tx, caller.actor, {
      action: 'waitlist_entry_removed',
      outcome: 'allowed',
      resourceType: 'waitlist_entry',
      resourceId: entry.id,
      patientId: entry.patientId,
    });
  });
}

/** The slots held for the signed-in patient from the waitlist, to accept or decline. */
export async function listMyOffers(db: Db, caller: Caller, nowMs: number): Promise<MyWaitlistOffersResponse> {
  const timeZone = (await findClinicTimeZone(db, caller.clinicId)) ?? 'UTC';
  if (caller.patientId === null) return { timeZone, offers: [] };
  const rows = await listPatientOffers(db, caller.clinicId, caller.patientId, nowMs);
  return {
    timeZone,
    offers: rows.map((row) => ({
      entryId: row.entryId,
      holdId: row.holdId,
      serviceId: row.serviceId,
      serviceName: row.serviceName,
      practitionerId: row.practitionerId,
      start: formatInstant(timeZone, row.startsAt.getTime()),
      end: formatInstant(timeZone, row.endsAt.getTime()),
      expiresAt: formatInstant(timeZone, row.expiresAt.getTime()),
    })),
  };
}
