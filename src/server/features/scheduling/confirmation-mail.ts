// The booking confirmation (issue 6: "books in two clicks, and gets a confirmation
// email with a calendar file"). Written to the outbox inside the booking's own
// transaction, so it exists exactly when the booking does. Like the reminders it
// names the clinic, the local date and time with the zone's label, the address and a
// link: no service, practitioner or clinical detail, the patient by given name only.
// The attached calendar file is the one GET /api/v1/bookings/:id.ics serves.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { calendarBookingColumns, toDomainBooking, toIcsClinic } from '../../../db/repositories/calendar.ts';
import { bookings, clinics, patients } from '../../../db/schema.ts';
import { bookingToIcs, bookingsToIcsFeed } from '../../../domain/scheduling/index.ts';
import { cannotComeAndSignature, formatLocalDateTime } from '../../../jobs/booking-reminders.ts';
import type { Mailer, OutgoingMail } from '../../../mail/mailer.ts';

export interface ConfirmationMailer {
  mailer: Mailer;
  /** config.http.publicUrl, without a trailing slash. */
  publicUrl: string;
}

/**
 * Queues one confirmation for these appointments of one patient (a single booking or
 * a whole series) in `tx`. Nothing is sent when the patient has no email address.
 * Returns the outbox message id, for the caller to ask for delivery after commit.
 */
export async function enqueueBookingConfirmation(
  tx: Db,
  confirm: ConfirmationMailer,
  bookingIds: readonly string[],
): Promise<string | undefined> {
  if (bookingIds.length === 0) return undefined;
  const rows = await tx
    .select({
      booking: calendarBookingColumns,
      clinic: {
        id: clinics.id,
        name: clinics.name,
        timeZone: clinics.timeZone,
        addressLines: clinics.addressLines,
        phone: clinics.phone,
      },
      patient: { givenName: patients.givenName, email: patients.email },
    })
    .from(bookings)
    .innerJoin(clinics, eq(clinics.id, bookings.clinicId))
    .innerJoin(patients, eq(patients.id, bookings.patientId))
    .where(and(inArray(bookings.id, [...bookingIds]), eq(bookings.kind, 'appointment')))
    .orderBy(asc(bookings.startsAt));
  const first = rows[0];
  if (first === undefined || first.patient.email === null || first.patient.email === '') return undefined;
  const { id } = await confirm.mailer.enqueue(tx, confirmationEmail(rows, confirm.publicUrl));
  return id;
}

type ConfirmationRow = {
  booking: Parameters<typeof toDomainBooking>[0];
  clinic: { id: string; name: string; timeZone: string; addressLines: string[]; phone: string | null };
  patient: { givenName: string; email: string | null };
};

export function confirmationEmail(rows: readonly ConfirmationRow[], publicUrl: string): OutgoingMail {
  const { clinic, patient } = rows[0]!;
  const calendarDomain = new URL(publicUrl).hostname;
  const icsClinic = toIcsClinic(clinic, calendarDomain);
  const whens = rows.map((row) => formatLocalDateTime(row.booking.startsAt, clinic.timeZone));
  const address = clinic.addressLines.filter((line) => line !== '').join(', ');
  const single = rows.length === 1;
  const lines = [`Hello ${patient.givenName},`, ''];
  if (single) lines.push(`Your appointment at ${clinic.name} is booked for ${whens[0]!}.`);
  else
    lines.push(`Your ${rows.length} appointments at ${clinic.name} are booked:`, ...whens.map((when) => `- ${when}`));
  if (address !== '') lines.push('', `Address: ${address}`);
  lines.push(
    '',
    `The attached calendar file adds ${single ? 'it' : 'them'} to your calendar.`,
    `To see, move or cancel ${single ? 'it' : 'them'}, open:\n${publicUrl}/app/appointments`,
    '',
    ...cannotComeAndSignature(clinic),
  );
  const domainBookings = rows.map((row) => toDomainBooking(row.booking));
  const calendarFile = single
    ? bookingToIcs(domainBookings[0]!, icsClinic)
    : bookingsToIcsFeed(domainBookings, icsClinic, { name: clinic.name });
  return {
    clinicId: clinic.id,
    to: patient.email!,
    subject: single
      ? `Booked: your appointment at ${clinic.name} on ${whens[0]!}`
      : `Booked: your ${rows.length} appointments at ${clinic.name}, from ${whens[0]!}`,
    text: lines.join('\n'),
    attachments: [
      {
        filename: single ? 'appointment.ics' : 'appointments.ics',
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: calendarFile,
      },
    ],
  };
}
