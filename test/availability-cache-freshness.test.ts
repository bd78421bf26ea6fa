// Availability is answered from a per-node copy of the clinic's calendar, checked
// against the database on every request (src/server/features/scheduling/calendar-cache.ts).
// Every kind of change, made straight in the database as another node or any code
// path would, shows on the very next search, which must equal a search computed
// from the database directly.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { availabilityResponseSchema } from '../src/domain/contracts/scheduling.ts';
import { findSlots, formatInstant, localDateOf, parseInstant } from '../src/domain/scheduling/index.ts';
import { insertBooking, isoUtc, loadCalendar, loadSchedulingSetup } from '../src/db/repositories/scheduling.ts';
import {
  bookingRules,
  bookings,
  calendarChanges,
  clinicHolidays,
  clinicMemberships,
  servicePractitioners,
  services,
  workingHours,
} from '../src/db/schema.ts';
import { pruneCalendarChanges } from '../src/db/repositories/calendar-changes.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { demoClinic, demoIds } from './support/factories.ts';
import { wallClockInstants, dayNumber } from '../src/domain/scheduling/zoned-time.ts';

const DAY_MS = 86_400_000;
let t: TestApp;
let clinicId: string;
let serviceId: string;
let patientId: string;
let fromMs: number;
let toMs: number;
let zone: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await demoClinic(t.database)).clinicId;
  const ids = await demoIds(t.database);
  patientId = ids.patientIdOf('patient1@demo.puncta.test');
  const [consultation] = await t.database.db
    .select()
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.kind, 'consultation')));
  serviceId = consultation!.id;
  const setup = await loadSchedulingSetup(t.database.db, clinicId, serviceId);
  zone = setup!.timeZone;
  // A week from local midnight the day after tomorrow: clear of the minimum notice.
  const firstDay = dayNumber(localDateOf(zone, Date.now())) + 2;
  fromMs = wallClockInstants(zone, firstDay, 0)[0]!;
  toMs = wallClockInstants(zone, firstDay + 7, 0)[0]!;
});
afterAll(async () => t?.close());

type Found = { start: string; end: string; practitionerId: string; roomId: string; deviceId: string | null };
const plain = (slots: readonly Found[]) =>
  slots.map(({ start, end, practitionerId, roomId, deviceId }) => ({ start, end, practitionerId, roomId, deviceId }));

async function served(): Promise<Found[]> {
  const query = new URLSearchParams({ serviceId, from: isoUtc(fromMs), to: isoUtc(toMs) });
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/availability?${query.toString()}` });
  expect(response.statusCode, response.body).toBe(200);
  return plain(availabilityResponseSchema.parse(response.json()).slots);
}

/** The same search straight from the database, no cache. */
async function truth(): Promise<Found[]> {
  const db = t.database.db;
  const nowMs = Date.now();
  const setup = await loadSchedulingSetup(db, clinicId, serviceId);
  if (setup === undefined) return [];
  const calendar = await loadCalendar(db, clinicId, null, fromMs - 2 * DAY_MS, toMs + 2 * DAY_MS, nowMs);
  return plain(
    findSlots({
      clinic: { timeZone: setup.timeZone, holidays: setup.holidays },
      service: setup.domainService,
      practitioners: setup.practitioners,
      rooms: setup.rooms,
      devices: setup.devices,
      bookings: calendar.bookings,
      blocks: calendar.blocks,
      rules: setup.rules,
      now: isoUtc(nowMs),
      from: isoUtc(fromMs),
      to: isoUtc(toMs),
    }),
  );
}

/** Serves the search twice (the second from a checked copy) and compares both with the database. */
async function expectCurrent(): Promise<Found[]> {
  const first = await served();
  expect(first).toEqual(await truth());
  expect(await served()).toEqual(first);
  return first;
}

const at = (slots: readonly Found[], slot: Found) =>
  slots.some((other) => other.start === slot.start && other.practitionerId === slot.practitionerId);

it('shows every change to the calendar and its set-up on the next search', async () => {
  const db = t.database.db;
  const initial = await expectCurrent();
  expect(initial.length).toBeGreaterThan(10);
  const target = initial[3]!;
  const startMs = parseInstant(target.start);
  const endMs = parseInstant(target.end);

  // An appointment written by "another node".
  const booked = await insertBooking(db, {
    clinicId,
    serviceId,
    patientId,
    practitionerId: target.practitionerId,
    roomId: target.roomId,
    deviceId: target.deviceId,
    startMs,
    endMs,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    priceCents: 0,
    currency: 'USD',
    createdBy: target.practitionerId,
  });
  expect(at(await expectCurrent(), target)).toBe(false);

  // Cancelled: the time is free again.
  await db.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.id, booked.id));
  expect(at(await expectCurrent(), target)).toBe(true);

  // A block on the practitioner, then removed.
  const range = sql`tstzrange(${isoUtc(startMs)}::timestamptz, ${isoUtc(endMs)}::timestamptz, '[)')`;
  const [block] = await db
    .insert(bookings)
    .values({
      clinicId,
      kind: 'block',
      practitionerId: target.practitionerId,
      startsAt: new Date(startMs),
      endsAt: new Date(endMs),
      occupied: range,
    })
    .returning({ id: bookings.id });
  expect(at(await expectCurrent(), target)).toBe(false);
  await db.delete(bookings).where(eq(bookings.id, block!.id));
  expect(at(await expectCurrent(), target)).toBe(true);

  // A hold counts until it lapses, and stops counting then with no write at all.
  await db.insert(bookings).values({
    clinicId,
    kind: 'hold',
    serviceId,
    patientId,
    practitionerId: target.practitionerId,
    roomId: target.roomId,
    startsAt: new Date(startMs),
    endsAt: new Date(endMs),
    occupied: range,
    holdExpiresAt: new Date(Date.now() + 1_500),
  });
  expect(at(await expectCurrent(), target)).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 1_600));
  expect(at(await expectCurrent(), target)).toBe(true);

  // The practitioner's hours on that weekday go.
  const weekday = ((new Date(`${target.start.slice(0, 10)}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const hours = await db
    .delete(workingHours)
    .where(
      and(
        eq(workingHours.clinicId, clinicId),
        eq(workingHours.userId, target.practitionerId),
        eq(workingHours.weekday, weekday),
      ),
    )
    .returning();
  expect(hours.length).toBeGreaterThan(0);
  expect(at(await expectCurrent(), target)).toBe(false);
  await db.insert(workingHours).values(hours.map(({ id: _id, ...row }) => row));
  expect(at(await expectCurrent(), target)).toBe(true);

  // A holiday closes the whole day.
  await db.insert(clinicHolidays).values({ clinicId, day: target.start.slice(0, 10), name: 'Closed' });
  expect((await expectCurrent()).some((slot) => slot.start.startsWith(target.start.slice(0, 10)))).toBe(false);
  await db.delete(clinicHolidays).where(eq(clinicHolidays.clinicId, clinicId));
  expect(at(await expectCurrent(), target)).toBe(true);

  // Booking rules: a coarser grid.
  await db
    .insert(bookingRules)
    .values({ clinicId, slotStepMinutes: 60 })
    .onConflictDoUpdate({ target: bookingRules.clinicId, set: { slotStepMinutes: 60 } });
  const hourly = await expectCurrent();
  expect(hourly.every((slot) => slot.start.slice(14, 16) === '00')).toBe(true);
  await db.update(bookingRules).set({ slotStepMinutes: 15 }).where(eq(bookingRules.clinicId, clinicId));
  await expectCurrent();

  // The service itself: a longer appointment.
  const [service] = await db.select().from(services).where(eq(services.id, serviceId));
  await db
    .update(services)
    .set({ durationMinutes: service!.durationMinutes + 15 })
    .where(eq(services.id, serviceId));
  const longer = await expectCurrent();
  expect(parseInstant(longer[0]!.end) - parseInstant(longer[0]!.start)).toBe((service!.durationMinutes + 15) * 60_000);
  await db.update(services).set({ durationMinutes: service!.durationMinutes }).where(eq(services.id, serviceId));

  // Who gives it: the practitioner stops giving the service, then leaves the clinic.
  const gives = await db
    .delete(servicePractitioners)
    .where(and(eq(servicePractitioners.serviceId, serviceId), eq(servicePractitioners.userId, target.practitionerId)))
    .returning();
  expect((await expectCurrent()).some((slot) => slot.practitionerId === target.practitionerId)).toBe(false);
  await db.insert(servicePractitioners).values(gives);
  expect(at(await expectCurrent(), target)).toBe(true);
  await db
    .update(clinicMemberships)
    .set({ deactivatedAt: new Date() })
    .where(and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.userId, target.practitionerId)));
  expect((await expectCurrent()).some((slot) => slot.practitionerId === target.practitionerId)).toBe(false);
  await db
    .update(clinicMemberships)
    .set({ deactivatedAt: null })
    .where(and(eq(clinicMemberships.clinicId, clinicId), eq(clinicMemberships.userId, target.practitionerId)));
  expect(at(await expectCurrent(), target)).toBe(true);
  expect(formatInstant(zone, startMs)).toBe(target.start);
});

it('answers many searches arriving at once alike, and each equal to the database', async () => {
  const answers = await Promise.all(Array.from({ length: 20 }, () => served()));
  const expected = await truth();
  for (const answer of answers) expect(answer).toEqual(expected);
});

it('prunes change notes of transactions that ended more than a day ago, and keeps newer ones', async () => {
  const db = t.database.db;
  await db.insert(calendarChanges).values({ clinicId, xid: 3, changedAt: new Date(Date.now() - 2 * DAY_MS) });
  const before = await db.select().from(calendarChanges).where(eq(calendarChanges.clinicId, clinicId));
  const recent = before.filter((row) => row.changedAt.getTime() > Date.now() - DAY_MS);
  expect(recent.length).toBeGreaterThan(0);
  expect(await pruneCalendarChanges(db, new Date())).toBeGreaterThanOrEqual(1);
  const after = await db.select().from(calendarChanges).where(eq(calendarChanges.clinicId, clinicId));
  expect(after.map((row) => row.xid).sort()).toEqual(recent.map((row) => row.xid).sort());
  // And the next search is still right.
  expect(await served()).toEqual(await truth());
});
