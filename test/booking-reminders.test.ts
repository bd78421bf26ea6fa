// Appointment reminders: planned from the clinic's offsets, written to the outbox
// exactly once per (booking, offset, start) even when runs overlap, never for a
// cancelled booking or an old start, none in the past, and without clinical detail.
// Bookings are inserted directly (the booking API is another feature's).
//
// Each test works in its own window of days far from the others: a run at `now`
// only sends reminders of bookings that start after `now`, and the safety net only
// looks 3 days ahead, so windows do not see each other.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planReminders } from '../src/db/repositories/booking-reminders.ts';
import { bookingReminders, bookingRules, bookings, outboxMessages, rooms, services } from '../src/db/schema.ts';
import { runBookingReminders, type BookingRemindersOptions } from '../src/jobs/booking-reminders.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { demoClinic, demoIds } from './support/factories.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let clinicId: string;
let serviceId: string;
let serviceName: string;
let roomId: string;
let practitionerId: string;
let patientId: string;
const realNow = new Date();

/** 10:00 UTC (a daytime hour in New York) `days` from now, whole hour. */
function dayAhead(days: number): Date {
  const date = new Date(realNow.getTime() + days * DAY);
  date.setUTCHours(15, 0, 0, 0);
  return date;
}

async function insertBooking(start: Date, minutes = 60): Promise<string> {
  const end = new Date(start.getTime() + minutes * 60_000);
  const [row] = await t.database.db
    .insert(bookings)
    .values({
      clinicId,
      kind: 'appointment',
      serviceId,
      patientId,
      practitionerId,
      roomId,
      startsAt: start,
      endsAt: end,
      occupied: sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
      priceCents: 35_000,
      currency: 'USD',
    })
    .returning({ id: bookings.id });
  return row!.id;
}

async function moveBooking(bookingId: string, start: Date, minutes = 60): Promise<void> {
  const end = new Date(start.getTime() + minutes * 60_000);
  await t.database.db
    .update(bookings)
    .set({
      startsAt: start,
      endsAt: end,
      occupied: sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
      version: sql`${bookings.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(bookings.id, bookingId));
}

function run(now: Date, extra: Partial<BookingRemindersOptions> = {}) {
  return runBookingReminders({
    db: t.database.db,
    mailer: t.app.services.mailer,
    publicUrl: t.config.http.publicUrl,
    now,
    ...extra,
  });
}

async function remindersOf(bookingId: string) {
  return t.database.db
    .select()
    .from(bookingReminders)
    .where(eq(bookingReminders.bookingId, bookingId))
    .orderBy(bookingReminders.dueAt);
}

/** Outbox messages that reminders of these bookings became. */
async function messagesOf(bookingIds: string[]) {
  return t.database.db
    .select({
      bookingId: bookingReminders.bookingId,
      offsetHours: bookingReminders.offsetHours,
      bookingStartsAt: bookingReminders.bookingStartsAt,
      to: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      text: outboxMessages.textBody,
      clinicId: outboxMessages.clinicId,
    })
    .from(bookingReminders)
    .innerJoin(outboxMessages, eq(outboxMessages.id, bookingReminders.outboxMessageId))
    .where(inArray(bookingReminders.bookingId, bookingIds));
}

async function outboxCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
  return row!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await demoClinic(t.database));
  const ids = await demoIds(t.database);
  practitionerId = ids.userIdOf('practitioner1@demo.puncta.test');
  patientId = ids.patientIdOf('patient1@demo.puncta.test');
  const [service] = await t.database.db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.code, 'face')));
  serviceId = service!.id;
  serviceName = service!.name;
  const [room] = await t.database.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.clinicId, clinicId)).limit(1);
  roomId = room!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('planReminders', () => {
  it('plans the default 48 h and 2 h reminders, none in the past, and is idempotent', async () => {
    const far = await insertBooking(dayAhead(20));
    expect(await planReminders(t.database.db, far, realNow)).toEqual({ planned: 2, removed: 0 });
    expect(await planReminders(t.database.db, far, realNow)).toEqual({ planned: 0, removed: 0 });
    const rows = await remindersOf(far);
    expect(rows.map((row) => [row.offsetHours, row.dueAt.getTime()])).toEqual([
      [48, dayAhead(20).getTime() - 48 * HOUR],
      [2, dayAhead(20).getTime() - 2 * HOUR],
    ]);
    expect(rows.every((row) => row.bookingStartsAt.getTime() === dayAhead(20).getTime() && row.sentAt === null)).toBe(
      true,
    );

    // Booked 5 hours ahead: the 48-hour reminder would be in the past, so only the 2-hour one.
    const soon = await insertBooking(new Date(Math.ceil((realNow.getTime() + 5 * HOUR) / HOUR) * HOUR));
    await planReminders(t.database.db, soon, realNow);
    expect((await remindersOf(soon)).map((row) => row.offsetHours)).toEqual([2]);

    // Booked 70 minutes ahead: no reminder at all.
    const nextHour = await insertBooking(new Date(realNow.getTime() + 70 * 60_000), 15);
    expect(await planReminders(t.database.db, nextHour, realNow)).toEqual({ planned: 0, removed: 0 });
    expect(await remindersOf(nextHour)).toEqual([]);
  });

  it('follows the clinic’s own offsets', async () => {
    const [existing] = await t.database.db.select().from(bookingRules).where(eq(bookingRules.clinicId, clinicId));
    await t.database.db
      .insert(bookingRules)
      .values({ clinicId, reminderOffsetsHours: [24] })
      .onConflictDoUpdate({ target: bookingRules.clinicId, set: { reminderOffsetsHours: [24] } });
    try {
      const id = await insertBooking(dayAhead(25));
      await planReminders(t.database.db, id, realNow);
      expect((await remindersOf(id)).map((row) => row.offsetHours)).toEqual([24]);
    } finally {
      if (existing === undefined) await t.database.db.delete(bookingRules).where(eq(bookingRules.clinicId, clinicId));
      else await t.database.db.update(bookingRules).set(existing).where(eq(bookingRules.clinicId, clinicId));
    }
  });
});

describe('the reminder job', () => {
  it('writes exactly one outbox message per reminder, however many runs overlap', async () => {
    // Window: day 40, five appointments an hour apart.
    const starts = [0, 1, 2, 3, 4].map((hour) => new Date(dayAhead(40).getTime() + hour * HOUR));
    const ids: string[] = [];
    for (const start of starts) ids.push(await insertBooking(start));
    for (const id of ids) await planReminders(t.database.db, id, realNow);
    const before = await outboxCount();

    // 47 hours before the last one: every 48-hour reminder is due, no 2-hour one yet.
    const first = new Date(starts.at(-1)!.getTime() - 47 * HOUR);
    const results = await Promise.all([run(first), run(first), run(first, { batchSize: 2 })]);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(5);
    expect((await run(first)).sent).toBe(0);
    let messages = await messagesOf(ids);
    expect(messages.map((message) => message.offsetHours).sort()).toEqual([48, 48, 48, 48, 48]);
    expect(new Set(messages.map((message) => message.bookingId)).size).toBe(5);

    // The 2-hour ones, with overlapping runs an hour before each start.
    for (const start of starts) {
      const at = new Date(start.getTime() - HOUR);
      await Promise.all([run(at), run(at)]);
      await run(at);
    }
    messages = await messagesOf(ids);
    expect(messages).toHaveLength(10);
    expect(await outboxCount()).toBe(before + 10);
    for (const id of ids) {
      expect(
        messages
          .filter((message) => message.bookingId === id)
          .map((m) => m.offsetHours)
          .sort(),
      ).toEqual([2, 48]);
      expect((await remindersOf(id)).every((row) => row.sentAt !== null && row.outboxMessageId !== null)).toBe(true);
    }
  });

  it('says where and when, in the clinic’s zone with its label, and nothing clinical', async () => {
    // Window: day 50. 15:00 UTC is 10:00 or 11:00 in New York, depending on the season.
    const start = dayAhead(50);
    const id = await insertBooking(start);
    await planReminders(t.database.db, id, realNow);
    await run(new Date(start.getTime() - 47 * HOUR));
    const [message] = await messagesOf([id]);
    expect(message).toBeDefined();
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(start); // "10:00 AM EST"
    expect(message!.to).toBe('patient1@demo.puncta.test');
    expect(message!.clinicId).toBe(clinicId);
    expect(message!.subject).toMatch(/^Reminder: your appointment at Demo Dermatology on \w+day, \w+ \d{1,2}, \d{4}/);
    expect(message!.subject).toContain(local);
    expect(message!.subject).toMatch(/E[SD]T$/);
    expect(message!.text).toContain('Hello Sam,');
    expect(message!.text).toContain(`${t.config.http.publicUrl}/app/appointments`);
    expect(message!.text).toContain('245 Hudson Street');
    for (const secret of [serviceName, 'Micro-needling', 'needling', 'Patel', 'Fitzpatrick', 'treatment', 'face']) {
      expect(`${message!.subject}\n${message!.text}`.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it('never reminds of a cancelled booking', async () => {
    // Window: day 60.
    const start = dayAhead(60);
    const id = await insertBooking(start);
    await planReminders(t.database.db, id, realNow);
    await t.database.db
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: sql`now()` })
      .where(eq(bookings.id, id));
    // Even before anyone re-plans, the job skips it.
    await run(new Date(start.getTime() - 47 * HOUR));
    await run(new Date(start.getTime() - 1 * HOUR));
    expect(await messagesOf([id])).toEqual([]);
    // Re-planning a cancelled booking removes its unsent rows and plans none.
    expect(await planReminders(t.database.db, id, realNow)).toEqual({ planned: 0, removed: 2 });
    expect(await remindersOf(id)).toEqual([]);
  });

  it('sends a moved booking only the reminders of its new start', async () => {
    // Window: days 70-75.
    const oldStart = dayAhead(70);
    const newStart = dayAhead(73);
    const id = await insertBooking(oldStart);
    await planReminders(t.database.db, id, realNow);
    await moveBooking(id, newStart);
    expect(await planReminders(t.database.db, id, realNow)).toEqual({ planned: 2, removed: 2 });
    expect((await remindersOf(id)).every((row) => row.bookingStartsAt.getTime() === newStart.getTime())).toBe(true);

    await run(new Date(oldStart.getTime() - 47 * HOUR));
    await run(new Date(oldStart.getTime() - 1 * HOUR));
    expect(await messagesOf([id])).toEqual([]);

    await run(new Date(newStart.getTime() - 47 * HOUR));
    await run(new Date(newStart.getTime() - 1 * HOUR));
    const messages = await messagesOf([id]);
    expect(messages.map((message) => message.offsetHours).sort()).toEqual([2, 48]);
    expect(messages.every((message) => message.bookingStartsAt.getTime() === newStart.getTime())).toBe(true);
  });

  it('does not send an old start’s reminder even when nobody re-planned after the move, and plans the new start itself', async () => {
    // Window: days 80-81.
    const oldStart = dayAhead(80);
    const newStart = dayAhead(81);
    const id = await insertBooking(oldStart);
    await planReminders(t.database.db, id, realNow);
    await moveBooking(id, newStart); // no planReminders: a writer that forgot

    const atOldDue = new Date(oldStart.getTime() - 47 * HOUR);
    const result = await run(atOldDue);
    expect(await messagesOf([id])).toEqual([]);
    // The new start is 71 hours ahead, within the safety net's 3 days: it planned it, and the old unsent rows went.
    expect(result.planned).toBeGreaterThanOrEqual(1);
    const rows = await remindersOf(id);
    expect(rows.map((row) => [row.offsetHours, row.bookingStartsAt.getTime()])).toEqual([
      [48, newStart.getTime()],
      [2, newStart.getTime()],
    ]);

    await run(new Date(newStart.getTime() - 47 * HOUR));
    expect((await messagesOf([id])).map((message) => message.offsetHours)).toEqual([48]);
  });

  it('after an outage sends only the closest due reminder, never two at once', async () => {
    // Window: day 90. The job did not run from before the 48-hour mark until an hour before.
    const start = dayAhead(90);
    const id = await insertBooking(start);
    await planReminders(t.database.db, id, realNow);
    const result = await run(new Date(start.getTime() - HOUR));
    expect(result.superseded).toBeGreaterThanOrEqual(1);
    expect((await messagesOf([id])).map((message) => message.offsetHours)).toEqual([2]);
    const rows = await remindersOf(id);
    expect(rows.find((row) => row.offsetHours === 48)).toMatchObject({ outboxMessageId: null });
    expect(rows.find((row) => row.offsetHours === 48)?.sentAt).not.toBeNull();
  });

  it('plans appointments in the next 3 days that have no reminders', async () => {
    // Window: day 100. Nobody called planReminders; the run 47 hours before finds it.
    const start = dayAhead(100);
    const id = await insertBooking(start);
    const now = new Date(start.getTime() - 47 * HOUR - 30 * 60_000);
    await run(now);
    expect((await remindersOf(id)).map((row) => row.offsetHours)).toEqual([2]); // 48 h was already past
    await run(new Date(start.getTime() - 90 * 60_000));
    expect((await messagesOf([id])).map((message) => message.offsetHours)).toEqual([2]);
  });
});
