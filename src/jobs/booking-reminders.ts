// Appointment reminders by email, every minute (issue 6, item 4).
//
// Each run: (1) plans reminders for active appointments in the next 3 days that
// have none for their current start (a safety net: the booking API calls
// planReminders itself after create and move); (2) marks reminders overtaken by a
// later due one of the same booking as done, so a patient never gets the 48-hour
// and the 2-hour reminder at once after an outage; (3) in batches, one transaction
// each: claims due reminders (row locks, SKIP LOCKED), writes one outbox message per
// reminder and sets sent_at + outbox_message_id in that same transaction. A crash
// before commit leaves nothing sent and nothing marked; after commit the message
// exists exactly once (and the unique index on booking, offset and start forbids a
// second row). With SMTP the mailer is asked to deliver after commit; the mail sweep
// would pick the messages up anyway.
//
// The email names the clinic, the local date and time with the zone's label, and
// links to /app/appointments: no service, practitioner or clinical detail, and the
// patient only by given name.
import type { Db } from '../db/database.ts';
import {
  bookingsWithoutReminders,
  claimDueReminders,
  markReminderSent,
  planReminders,
  supersedeOvertakenReminders,
  type DueReminder,
} from '../db/repositories/booking-reminders.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';

export const BOOKING_REMINDERS_QUEUE = 'booking-reminders';
export const BOOKING_REMINDERS_CRON = '* * * * *';

/** How far ahead the safety net looks for appointments without reminders (the longest default offset is 48 h). */
export const SAFETY_NET_HORIZON_HOURS = 72;
const SAFETY_NET_LIMIT = 500;
const DEFAULT_BATCH_SIZE = 50;
const DEFAULT_MAX_BATCHES = 20;

export interface BookingRemindersOptions {
  db: Db;
  mailer: Mailer;
  /** config.http.publicUrl, without a trailing slash. */
  publicUrl: string;
  now?: Date;
  batchSize?: number;
  /** A run stops after this many batches; the next run goes on. */
  maxBatches?: number;
}

export interface BookingRemindersResult {
  /** Bookings the safety net planned rows for. */
  planned: number;
  /** Reminders written to the outbox. */
  sent: number;
  /** Reminders closed without a message because a later one was due as well. */
  superseded: number;
}

/** "Tuesday, March 10, 2026 at 9:00 AM EDT": the clinic's wall clock with the zone's label. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

/** How an appointment email ends: what to do if the patient cannot come, then the clinic's signature. */
export function cannotComeAndSignature(clinic: { name: string; phone: string | null }): string[] {
  return [
    clinic.phone === null || clinic.phone === ''
      ? 'If you cannot come, please let us know as soon as you can.'
      : `If you cannot come, please let us know as soon as you can: ${clinic.phone}.`,
    '',
    '-- ',
    clinic.name,
    '',
  ];
}

/** The reminder email: the clinic, when, where, and a link; nothing about the treatment. */
export function reminderEmail(reminder: DueReminder, publicUrl: string): OutgoingMail {
  const clinic = reminder.clinic;
  const when = formatLocalDateTime(reminder.startsAt, clinic.timeZone);
  const address = clinic.addressLines.filter((line) => line !== '').join(', ');
  const lines = [
    `Hello ${reminder.patient.givenName},`,
    '',
    `This is a reminder of your appointment at ${clinic.name} on ${when}.`,
  ];
  if (address !== '') lines.push('', `Address: ${address}`);
  lines.push(
    '',
    `To see your appointment, or to move or cancel it, open:\n${publicUrl}/app/appointments`,
    '',
    ...cannotComeAndSignature(clinic),
  );
  return {
    clinicId: clinic.id,
    to: reminder.patient.email,
    subject: `Reminder: your appointment at ${clinic.name} on ${when}`,
    text: lines.join('\n'),
  };
}

export async function runBookingReminders(options: BookingRemindersOptions): Promise<BookingRemindersResult> {
  const { db, mailer, publicUrl } = options;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? DEFAULT_MAX_BATCHES;

  let planned = 0;
  for (const bookingId of await bookingsWithoutReminders(db, now, SAFETY_NET_HORIZON_HOURS, SAFETY_NET_LIMIT)) {
    const result = await db.transaction((tx) => planReminders(tx, bookingId, now));
    if (result.planned > 0) planned += 1;
  }

  const superseded = await supersedeOvertakenReminders(db, now);

  let sent = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const { claimed, messageIds } = await db.transaction(async (tx) => {
      const due = await claimDueReminders(tx, now, batchSize);
      const ids: string[] = [];
      for (const reminder of due) {
        const { id } = await mailer.enqueue(tx, reminderEmail(reminder, publicUrl));
        await markReminderSent(tx, reminder.id, id);
        ids.push(id);
      }
      return { claimed: due.length, messageIds: ids };
    });
    sent += messageIds.length;
    for (const id of messageIds) await mailer.requestDelivery(id);
    if (claimed < batchSize) break;
  }
  return { planned, sent, superseded };
}
