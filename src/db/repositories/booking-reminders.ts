// Appointment reminders (issue 6, item 4). One row per booking, offset and start
// (unique index booking_reminders_once_key), planned from the clinic's
// booking_rules.reminder_offsets_hours with reminderTimes() from the pure
// scheduling code. The job (src/jobs/booking-reminders.ts) claims due rows with
// row locks and turns each into an outbox message in the same transaction that
// sets sent_at, so a reminder is written once, whatever the number of nodes or
// restarts.
//
// A moved booking keeps its old rows (sent ones are history; unsent ones are
// deleted by planReminders), and a row is only ever sent while its
// booking_starts_at equals the booking's starts_at, so a stale reminder cannot go
// out even if nobody re-planned.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { reminderTimes } from '../../domain/scheduling/notice.ts';
import type { Db } from '../database.ts';
import { bookingReminders, bookingRules, bookings, clinics, patients, users } from '../schema.ts';
import { calendarBookingColumns, toDomainBooking } from './calendar.ts';

/** When a clinic has no booking_rules row (the column's default is the same). */
export const DEFAULT_REMINDER_OFFSETS_HOURS: readonly number[] = [48, 2];

export interface PlanResult {
  /** Rows inserted now (rows that already existed are kept as they are). */
  planned: number;
  /** Unsent rows removed: planned for another start, an offset no longer configured, or a booking that is no longer active. */
  removed: number;
}

/**
 * (Re)plans the reminders of one booking: call it after creating, moving or
 * cancelling a booking, inside the same transaction if you have one (pass `tx`).
 *
 * - Unsent rows for another start (the booking moved), for offsets the clinic no
 *   longer uses, or of a booking that is cancelled or is not an appointment, are
 *   deleted. Sent rows stay, so the same (booking, offset, start) is never sent twice,
 *   even after a move there and back.
 * - For an active appointment, one row per offset whose time is still ahead
 *   (reminderTimes: none in the past) is inserted; existing rows are kept.
 *
 * Safe to call any number of times, concurrently with the reminder job: a row the
 * job is sending is locked, and the delete only touches rows still unsent once the
 * lock is released.
 */
export async function planReminders(db: Db, bookingId: string, now: Date = new Date()): Promise<PlanResult> {
  const [row] = await db
    .select({ booking: calendarBookingColumns, offsets: bookingRules.reminderOffsetsHours })
    .from(bookings)
    .leftJoin(bookingRules, eq(bookingRules.clinicId, bookings.clinicId))
    .where(eq(bookings.id, bookingId));
  if (row === undefined) return { planned: 0, removed: 0 };
  const { booking } = row;
  const offsets = row.offsets ?? DEFAULT_REMINDER_OFFSETS_HOURS;
  const live = booking.kind === 'appointment' && booking.status === 'active';

  // Compared in SQL with the booking's own starts_at (microsecond precision), not a JS Date.
  const currentStart = sql`(select ${bookings.startsAt} from ${bookings} where ${bookings.id} = ${bookingId})`;
  const stale = live
    ? or(
        sql`${bookingReminders.bookingStartsAt} <> ${currentStart}`,
        offsets.length === 0 ? sql`true` : sql`not (${inArray(bookingReminders.offsetHours, [...offsets])})`,
      )
    : sql`true`;
  const removed = await db
    .delete(bookingReminders)
    .where(and(eq(bookingReminders.bookingId, bookingId), isNull(bookingReminders.sentAt), stale))
    .returning({ id: bookingReminders.id });

  const times = live ? reminderTimes(toDomainBooking(booking), offsets, now.toISOString()) : [];
  let planned = 0;
  if (times.length > 0) {
    const inserted = await db
      .insert(bookingReminders)
      .values(
        times.map((time) => ({
          clinicId: booking.clinicId,
          bookingId,
          offsetHours: time.offsetHours,
          bookingStartsAt: currentStart,
          dueAt: new Date(time.at),
        })),
      )
      .onConflictDoNothing({
        target: [bookingReminders.bookingId, bookingReminders.offsetHours, bookingReminders.bookingStartsAt],
      })
      .returning({ id: bookingReminders.id });
    planned = inserted.length;
  }
  return { planned, removed: removed.length };
}

/**
 * The reminders of an appointment inserted in this same transaction: it has none
 * yet, so this only inserts (planReminders' look-up and clean-up are for changes).
 */
export async function planNewReminders(
  db: Db,
  booking: { id: string; clinicId: string; startsAt: Date },
  times: readonly { offsetHours: number; at: string }[],
): Promise<number> {
  if (times.length === 0) return 0;
  await db.insert(bookingReminders).values(
    times.map((time) => ({
      clinicId: booking.clinicId,
      bookingId: booking.id,
      offsetHours: time.offsetHours,
      bookingStartsAt: booking.startsAt,
      dueAt: new Date(time.at),
    })),
  );
  return times.length;
}

/**
 * Active appointments starting in (now, now + horizon] that have no reminder row for
 * their current start: the job's safety net, so reminders do not depend on every
 * writer of bookings calling planReminders. (A booking whose offsets all lie in the
 * past stays on this list and plans nothing; the horizon keeps that cheap.)
 */
export async function bookingsWithoutReminders(
  db: Db,
  now: Date,
  horizonHours: number,
  limit: number,
): Promise<string[]> {
  const until = new Date(now.getTime() + horizonHours * 3_600_000);
  const rows = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.kind, 'appointment'),
        eq(bookings.status, 'active'),
        sql`${bookings.startsAt} > ${now.toISOString()}::timestamptz`,
        sql`${bookings.startsAt} <= ${until.toISOString()}::timestamptz`,
        sql`not exists (select 1 from ${bookingReminders} r
              where r.booking_id = ${bookings.id} and r.booking_starts_at = ${bookings.startsAt})`,
      ),
    )
    .orderBy(bookings.startsAt)
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Marks as done, without a message, unsent reminders overtaken by a later one of
 * the same booking and start that is also due (the 48-hour one when the 2-hour one
 * is due too, after the job could not run for a while): the patient gets one
 * reminder, the closest. Only rows of active bookings planned for their current
 * start: the others are never sent anyway, and planReminders removes them. Returns how many.
 */
export async function supersedeOvertakenReminders(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const rows = await db
    .update(bookingReminders)
    .set({ sentAt: sql`now()` })
    .where(
      and(
        isNull(bookingReminders.sentAt),
        sql`${bookingReminders.dueAt} <= ${at}::timestamptz`,
        sql`exists (select 1 from ${bookings} b
              where b.id = ${bookingReminders.bookingId} and b.status = 'active'
                and b.starts_at = ${bookingReminders.bookingStartsAt})`,
        sql`exists (select 1 from ${bookingReminders} later
              where later.booking_id = ${bookingReminders.bookingId}
                and later.booking_starts_at = ${bookingReminders.bookingStartsAt}
                and later.offset_hours < ${bookingReminders.offsetHours}
                and later.due_at <= ${at}::timestamptz)`,
      ),
    )
    .returning({ id: bookingReminders.id });
  return rows.length;
}

export interface DueReminder {
  id: string;
  bookingId: string;
  offsetHours: number;
  startsAt: Date;
  clinic: { id: string; name: string; timeZone: string; addressLines: string[]; phone: string | null };
  patient: { givenName: string; email: string };
}

/**
 * Claims up to `limit` due reminders for sending, inside the caller's transaction:
 * unsent, due, of an active appointment that has not started, planned for the
 * booking's current start, of a patient with an email address. The reminder rows are locked
 * FOR UPDATE and their bookings FOR SHARE, both SKIP LOCKED: another worker's
 * reminders are skipped rather than waited for, and a booking being moved or
 * cancelled right now is left for the next run (by then its row says where it
 * stands); while we hold the share lock nobody can move it under us. On PGlite (one
 * connection, transactions one at a time) the clause is accepted and never skips.
 */
export async function claimDueReminders(tx: Db, now: Date, limit: number): Promise<DueReminder[]> {
  const at = now.toISOString();
  const result: unknown = await tx.execute(sql`
    select r.id
      from booking_reminders r
      join bookings b on b.id = r.booking_id
      join patients p on p.id = b.patient_id
      left join users u on u.id = p.user_id
     where r.sent_at is null
       and coalesce(p.email, u.email, '') <> ''
       and r.due_at <= ${at}::timestamptz
       and b.kind = 'appointment'
       and b.status = 'active'
       and b.starts_at = r.booking_starts_at
       and b.starts_at > ${at}::timestamptz
     order by r.due_at, r.id
     limit ${limit}
       for update of r skip locked
       for share of b skip locked`);
  // Both drivers answer raw SQL with { rows }.
  const ids = (result as { rows: { id: string }[] }).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      id: bookingReminders.id,
      bookingId: bookingReminders.bookingId,
      offsetHours: bookingReminders.offsetHours,
      startsAt: bookings.startsAt,
      clinic: {
        id: clinics.id,
        name: clinics.name,
        timeZone: clinics.timeZone,
        addressLines: clinics.addressLines,
        phone: clinics.phone,
      },
      givenName: patients.givenName,
      email: sql<string | null>`coalesce(${patients.email}, ${users.email})`,
    })
    .from(bookingReminders)
    .innerJoin(bookings, eq(bookings.id, bookingReminders.bookingId))
    .innerJoin(clinics, eq(clinics.id, bookings.clinicId))
    .innerJoin(patients, eq(patients.id, bookings.patientId))
    .leftJoin(users, eq(users.id, patients.userId))
    .where(inArray(bookingReminders.id, ids));
  // A patient without an address is not claimed: the row stays, and goes out if one is added in time.
  return rows.flatMap((row) =>
    row.email === null || row.email === ''
      ? []
      : [
          {
            id: row.id,
            bookingId: row.bookingId,
            offsetHours: row.offsetHours,
            startsAt: row.startsAt,
            clinic: row.clinic,
            patient: { givenName: row.givenName, email: row.email },
          },
        ],
  );
}

/** Records that the reminder became outbox message `outboxMessageId` (same transaction as the message). */
export async function markReminderSent(tx: Db, reminderId: string, outboxMessageId: string): Promise<void> {
  await tx
    .update(bookingReminders)
    .set({ sentAt: sql`now()`, outboxMessageId })
    .where(and(eq(bookingReminders.id, reminderId), isNull(bookingReminders.sentAt)));
}
