// Calendar files: one appointment as .ics for its patient and the clinic's staff
// (404 for anyone else, audited), and private feeds with a secret URL that can be
// revoked. Bookings are inserted directly (the booking API is another feature's).
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, bookings, calendarFeeds, rooms, services } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import { createClinic, createStaff, demoClinic, demoIds } from './support/factories.ts';

const DAY = 24 * 3_600_000;

let t: TestApp;
let clinicId: string;
let serviceId: string;
let serviceName: string;
let roomIds: string[];
let ids: Awaited<ReturnType<typeof demoIds>>;
let patient1: Agent;
let patient2: Agent;
let frontDesk: Agent;
let practitioner: Agent;

/** 14:00 UTC `days` from now: 09:00 or 10:00 in New York. */
function dayAhead(days: number): Date {
  const date = new Date(Date.now() + days * DAY);
  date.setUTCHours(14, 0, 0, 0);
  return date;
}

async function insertBooking(options: {
  patientEmail: string;
  start: Date;
  room?: number;
  status?: 'active' | 'cancelled';
}): Promise<string> {
  const end = new Date(options.start.getTime() + 60 * 60_000);
  const [row] = await t.database.db
    .insert(bookings)
    .values({
      clinicId,
      kind: 'appointment',
      status: options.status ?? 'active',
      serviceId,
      patientId: ids.patientIdOf(options.patientEmail),
      practitionerId: ids.userIdOf('practitioner1@demo.puncta.test'),
      roomId: roomIds[options.room ?? 0]!,
      startsAt: options.start,
      endsAt: end,
      occupied: sql`tstzrange(${options.start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
      note: 'Clinical: deeper on the left cheek',
    })
    .returning({ id: bookings.id });
  return row!.id;
}

async function deniedCount(userId: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), eq(auditEvents.action, 'access_denied')));
  return row?.n ?? 0;
}

/** The path of a feed URL, for inject(). */
function pathOf(url: string): string {
  const parsed = new URL(url);
  expect(parsed.origin).toBe(new URL(t.config.http.publicUrl).origin);
  return parsed.pathname;
}

/** Unfolds RFC 5545 content lines. */
function contentLines(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n');
}

beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await demoClinic(t.database));
  ids = await demoIds(t.database);
  const [service] = await t.database.db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.code, 'face-prp')));
  serviceId = service!.id;
  serviceName = service!.name;
  roomIds = (await t.database.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.clinicId, clinicId))).map(
    (row) => row.id,
  );
  patient1 = await loginAs(t, 'patient1@demo.puncta.test');
  patient2 = await loginAs(t, 'patient2@demo.puncta.test');
  frontDesk = await loginAs(t, 'frontdesk@demo.puncta.test');
  practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/bookings/:id.ics', () => {
  it('gives the patient their appointment as a calendar file with the clinic’s time zone, nothing clinical', async () => {
    const start = dayAhead(10);
    const id = await insertBooking({ patientEmail: 'patient1@demo.puncta.test', start });
    const response = await patient1.inject({ method: 'GET', url: `/api/v1/bookings/${id}.ics` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="appointment.ics"');
    const text = response.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = contentLines(text);
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('TZID:America/New_York');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    // 14:00 UTC is 09:00 (EST) or 10:00 (EDT) on the clinic's clocks.
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(start)
      .replace(/[-:]/g, '')
      .replace(', ', 'T');
    expect(lines).toContain(`DTSTART;TZID=America/New_York:${local}00`);
    expect(lines.some((line) => line.startsWith('DTEND;TZID=America/New_York:'))).toBe(true);
    expect(lines).toContain('SUMMARY:Appointment at Demo Dermatology');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.find((line) => line.startsWith('UID:'))).toContain(id);
    expect(text).not.toContain(serviceName);
    expect(text.toLowerCase()).not.toMatch(/needling|prp|cheek|clinical/);
  });

  it('gives staff of the clinic any appointment, recorded as a read of that patient', async () => {
    const id = await insertBooking({ patientEmail: 'patient2@demo.puncta.test', start: dayAhead(11) });
    const response = await frontDesk.inject({ method: 'GET', url: `/api/v1/bookings/${id}.ics` });
    expect(response.statusCode).toBe(200);
    const [read] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'read'), eq(auditEvents.resourceId, id)));
    expect(read).toMatchObject({ resourceType: 'booking', patientId: ids.patientIdOf('patient2@demo.puncta.test') });
  });

  it('marks a cancelled appointment as cancelled, so calendars drop it', async () => {
    const id = await insertBooking({
      patientEmail: 'patient1@demo.puncta.test',
      start: dayAhead(12),
      status: 'cancelled',
    });
    const response = await patient1.inject({ method: 'GET', url: `/api/v1/bookings/${id}.ics` });
    expect(response.statusCode).toBe(200);
    expect(contentLines(response.body)).toContain('STATUS:CANCELLED');
  });

  it('answers another patient, and staff of another clinic, exactly like an unknown id, and audits it', async () => {
    const id = await insertBooking({ patientEmail: 'patient2@demo.puncta.test', start: dayAhead(13) });
    const unknown = await patient1.inject({
      method: 'GET',
      url: '/api/v1/bookings/6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11.ics',
    });
    const patientId = ids.userIdOf('patient1@demo.puncta.test');
    const before = await deniedCount(patientId);
    const response = await patient1.inject({ method: 'GET', url: `/api/v1/bookings/${id}.ics` });
    expect(response.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const { requestId: _a, ...problem } = response.json<Record<string, unknown>>();
    const { requestId: _b, ...expected } = unknown.json<Record<string, unknown>>();
    expect(problem).toEqual(expected);
    expect(await deniedCount(patientId)).toBe(before + 1);

    const other = await createClinic(t.database, { name: 'Elsewhere Skin' });
    const stranger = await createStaff(t.database, { clinicId: other.clinicId, role: 'clinic_admin' });
    const strangerAgent = await loginAs(t, stranger.email);
    const foreign = await strangerAgent.inject({ method: 'GET', url: `/api/v1/bookings/${id}.ics` });
    expect(foreign.statusCode).toBe(404);
    expect(await deniedCount(stranger.userId)).toBe(1);

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/bookings/${id}.ics` })).statusCode).toBe(401);
  });
});

describe('private calendar feeds', () => {
  it('a practitioner’s feed: created with a secret URL shown once, served, listed without it, revoked', async () => {
    const mine = await insertBooking({ patientEmail: 'patient1@demo.puncta.test', start: dayAhead(20) });
    const theirs = await insertBooking({ patientEmail: 'patient2@demo.puncta.test', start: dayAhead(21) });
    const cancelled = await insertBooking({
      patientEmail: 'patient2@demo.puncta.test',
      start: dayAhead(22),
      status: 'cancelled',
    });
    const past = await insertBooking({ patientEmail: 'patient1@demo.puncta.test', start: dayAhead(-40) });
    const farAhead = await insertBooking({ patientEmail: 'patient1@demo.puncta.test', start: dayAhead(400) });
    const recent = await insertBooking({ patientEmail: 'patient1@demo.puncta.test', start: dayAhead(-5), room: 1 });

    const created = await practitioner.inject({ method: 'POST', url: '/api/v1/calendar-feeds' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, url } = created.json<{ id: string; url: string }>();
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)![1]!;
    // Only the hash is stored.
    const [stored] = await t.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, id));
    expect(stored!.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const feed = await t.app.inject({ method: 'GET', url: pathOf(url) });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, max-age=300');
    const lines = contentLines(feed.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('TZID:America/New_York');
    const uids = lines.filter((line) => line.startsWith('UID:')).join('\n');
    for (const included of [mine, theirs, recent]) expect(uids).toContain(included);
    for (const excluded of [cancelled, past, farAhead]) expect(uids).not.toContain(excluded);
    expect(feed.body).not.toContain(serviceName);
    expect(feed.body).not.toMatch(/Patel|Chen|Sam|Riley/);
    // The token never reaches the logs.
    expect(t.logs.join('\n')).not.toContain(token);

    const listed = await practitioner.inject({ method: 'GET', url: '/api/v1/calendar-feeds' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ feeds: { id: string }[] }>().feeds.map((f) => f.id)).toContain(id);
    expect(listed.body).not.toContain(token);
    expect(listed.body).not.toContain('/calendar/');

    const revoked = await practitioner.inject({ method: 'DELETE', url: `/api/v1/calendar-feeds/${id}` });
    expect(revoked.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: pathOf(url) })).statusCode).toBe(404);
    expect(
      (await practitioner.inject({ method: 'GET', url: '/api/v1/calendar-feeds' })).json<{ feeds: unknown[] }>().feeds,
    ).toEqual([]);
    // Revoking twice: nothing left to revoke.
    expect((await practitioner.inject({ method: 'DELETE', url: `/api/v1/calendar-feeds/${id}` })).statusCode).toBe(404);
  });

  it('a patient’s feed holds only their own appointments, and nobody else can revoke it', async () => {
    const own = await insertBooking({ patientEmail: 'patient1@demo.puncta.test', start: dayAhead(30) });
    const other = await insertBooking({ patientEmail: 'patient2@demo.puncta.test', start: dayAhead(31) });
    const created = await patient1.inject({ method: 'POST', url: '/api/v1/calendar-feeds' });
    expect(created.statusCode).toBe(201);
    const { id, url } = created.json<{ id: string; url: string }>();

    const feed = await t.app.inject({ method: 'GET', url: pathOf(url) });
    expect(feed.statusCode).toBe(200);
    const unfolded = contentLines(feed.body).join('\n');
    expect(unfolded).toContain(own);
    expect(unfolded).not.toContain(other);

    // Another patient and the practitioner cannot see or revoke it.
    expect((await patient2.inject({ method: 'DELETE', url: `/api/v1/calendar-feeds/${id}` })).statusCode).toBe(404);
    expect((await practitioner.inject({ method: 'DELETE', url: `/api/v1/calendar-feeds/${id}` })).statusCode).toBe(404);
    expect((await patient2.inject({ method: 'GET', url: '/api/v1/calendar-feeds' })).body).not.toContain(id);
    expect((await t.app.inject({ method: 'GET', url: pathOf(url) })).statusCode).toBe(200);
  });

  it('answers unknown and malformed tokens with 404, and refuses feeds to front desk', async () => {
    for (const path of [
      '/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
      '/calendar/short.ics',
      '/calendar/x',
    ]) {
      expect((await t.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(404);
    }
    expect((await frontDesk.inject({ method: 'POST', url: '/api/v1/calendar-feeds' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar-feeds' })).statusCode).toBe(401);
  });
});
