// The demo clinic's calendar set-up (issue 6): both practitioners work Monday to
// Friday 09:00–17:00 (the clinic's zone), each gives every service, treatments need
// a mechanical pen and 10 minutes of cleaning after, and the booking rules are the
// defaults. Called from seedDemoClinic inside its transaction, after the services.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.ts';
import {
  bookingRules,
  bookingSeries,
  bookings,
  clinicMemberships,
  servicePractitioners,
  services,
  waitlistEntries,
  workingHours,
} from '../schema.ts';

const WORKDAYS = [1, 2, 3, 4, 5] as const;
const TREATMENT_CLEANING_MINUTES = 10;

export async function seedDemoScheduling(db: Db, clinicId: string): Promise<void> {
  const practitioners = await db
    .select({ userId: clinicMemberships.userId })
    .from(clinicMemberships)
    .where(and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.role, 'practitioner')));
  const serviceRows = await db.select({ id: services.id }).from(services).where(eq(services.clinicId, clinicId));

  await db
    .update(services)
    .set({ bufferAfterMinutes: TREATMENT_CLEANING_MINUTES, deviceClass: 'mechanical_pen' })
    .where(and(eq(services.clinicId, clinicId), eq(services.kind, 'treatment')));

  if (practitioners.length > 0) {
    await db
      .insert(workingHours)
      .values(
        practitioners.flatMap(({ userId }) =>
          WORKDAYS.map((weekday) => ({ clinicId, userId, weekday, startsAt: '09:00', endsAt: '17:00' })),
        ),
      );
    if (serviceRows.length > 0) {
      await db
        .insert(servicePractitioners)
        .values(
          serviceRows.flatMap((service) =>
            practitioners.map(({ userId }) => ({ clinicId, serviceId: service.id, userId })),
          ),
        )
        .onConflictDoNothing();
    }
  }
  await db.insert(bookingRules).values({ clinicId }).onConflictDoNothing();
}

/**
 * Removes the rows that keep the demo patients and accounts from being deleted
 * (bookings and series refer to patients and users with ON DELETE RESTRICT).
 */
export async function deleteDemoScheduling(db: Db, clinicIds: readonly string[]): Promise<void> {
  if (clinicIds.length === 0) return;
  await db.delete(waitlistEntries).where(inArray(waitlistEntries.clinicId, [...clinicIds]));
  await db.delete(bookings).where(inArray(bookings.clinicId, [...clinicIds]));
  await db.delete(bookingSeries).where(inArray(bookingSeries.clinicId, [...clinicIds]));
}
