// The booking API (issue 6) through the real app: contract, bad input, idempotency,
// moves with If-Match, cancelling, series all-or-nothing, and the exclusion
// constraints underneath it all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingSchema,
  seriesProposalResponseSchema,
  seriesResponseSchema,
  servicesResponseSchema,
  type BookingView,
} from '../src/domain/contracts/scheduling.ts';
import { EXCLUSION_VIOLATION, sqlState } from '../src/db/repositories/scheduling.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import type { Agent } from './support/auth.ts';
import { createClinic, createPatient, demoClinic } from './support/factories.ts';
import { availableSlots, postBooking, signInDemoSchedulingCast } from './support/scheduling.ts';

const DAY_MS = 86_400_000;
let t: TestApp;
let frontDesk: Agent;
let patient1: Agent;
let patient2: Agent;
let clinicId: string;
let faceId: string;
let consultationId: string;
let practitioner1: string;
let practitioner2: string;
let patient1Id: string;

const iso = (ms: number) => new Date(ms).toISOString();

async function countBookings(where = 'true', values: unknown[] = []): Promise<number> {
  const { rows } = await t.database.executeSql(`select count(*)::int as n from bookings where ${where}`, values);
  return Number(rows[0]?.n);
}

async function countDenied(bookingId: string): Promise<number> {
  const { rows } = await t.database.executeSql(
    "select count(*)::int as n from audit_events where action = 'access_denied' and resource_id = $1",
    [bookingId],
  );
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  t = await createTestApp();
  ({ frontDesk, patient1, patient2, practitioner1, practitioner2, patient1Id, faceId } =
    await signInDemoSchedulingCast(t));
  ({ clinicId } = await demoClinic(t.database));
  const services = servicesResponseSchema.parse((await t.app.inject({ url: '/api/v1/services' })).json()).services;
  consultationId = services.find((service) => service.kind === 'consultation')!.id;
});

afterAll(async () => {
  await t.close();
});

describe('services and availability', () => {
  it('lists the bookable services with server prices', async () => {
    const response = await t.app.inject({ url: '/api/v1/services' });
    expect(response.statusCode).toBe(200);
    const { services } = servicesResponseSchema.parse(response.json());
    expect(services.map((service) => service.kind)).toContain('treatment');
    expect(services.find((service) => service.id === faceId)).toMatchObject({
      durationMinutes: 60,
      priceCents: 35_000,
    });
  });

  it('offers slots in the clinic zone, with offsets, inside working hours and buffers', async () => {
    const from = Date.now() + 3 * DAY_MS;
    const found = await availableSlots(t, faceId, from, from + 7 * DAY_MS);
    expect(found.length).toBeGreaterThan(0);
    for (const slot of found) {
      expect(slot.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/);
      const local = slot.start.slice(11, 16);
      expect(local >= '09:00' && local <= '15:50').toBe(true);
      expect(slot.deviceId).not.toBeNull();
      expect([practitioner1, practitioner2]).toContain(slot.practitionerId);
    }
    const response = await t.app.inject({
      url: `/api/v1/availability?serviceId=${faceId}&from=${iso(from)}&to=${iso(from + DAY_MS)}`,
    });
    expect(response.json()).toMatchObject({ timeZone: 'America/New_York' });
  });

  it('refuses bad ranges and naive timestamps with 400, another clinic’s service with 404', async () => {
    const from = Date.now() + 3 * DAY_MS;
    const ask = (query: string) => t.app.inject({ url: `/api/v1/availability?${query}` });
    expect((await ask(`serviceId=${faceId}&from=2030-01-07T09:00:00&to=2030-01-08T09:00:00`)).statusCode).toBe(400);
    expect((await ask(`serviceId=${faceId}&from=${iso(from)}&to=${iso(from)}`)).json()).toMatchObject({
      status: 400,
      code: 'invalid_range',
    });
    expect((await ask(`serviceId=${faceId}&from=${iso(from + DAY_MS)}&to=${iso(from)}`)).statusCode).toBe(400);
    expect((await ask(`serviceId=${faceId}&from=${iso(from)}&to=${iso(from + 63 * DAY_MS)}`)).json()).toMatchObject({
      code: 'range_too_long',
    });
    expect((await ask(`serviceId=${faceId}&from=2030-02-30T09:00:00Z&to=2030-03-02T09:00:00Z`)).statusCode).toBe(400);
    const other = await createClinic(t.database);
    const [service] = (
      await t.database.executeSql(
        `insert into services (clinic_id, code, name, kind, description, duration_minutes, price_cents)
         values ($1, 'x', 'Other', 'treatment', 'x', 60, 100) returning id`,
        [other.clinicId],
      )
    ).rows;
    const response = await ask(`serviceId=${String(service!.id)}&from=${iso(from)}&to=${iso(from + DAY_MS)}`);
    expect(response.statusCode).toBe(404);
  });
});

describe('POST /bookings', () => {
  it('books a slot for the patient, with price and duration from the server, and audits it', async () => {
    const [slot] = await availableSlots(t, faceId, Date.now() + 4 * DAY_MS, Date.now() + 12 * DAY_MS, practitioner1);
    const response = await postBooking(patient1, {
      serviceId: faceId,
      start: slot!.start,
      practitionerId: practitioner1,
    });
    expect(response.statusCode, response.body).toBe(201);
    const booking = bookingSchema.parse(response.json());
    expect(booking).toMatchObject({
      serviceId: faceId,
      patientId: patient1Id,
      practitionerId: practitioner1,
      start: slot!.start,
      end: slot!.end,
      status: 'confirmed',
      priceCents: 35_000,
      currency: 'USD',
      version: 1,
      seriesId: null,
    });
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from audit_events where action = 'booking_created' and resource_id = $1",
      [booking.id],
    );
    expect(rows[0]?.n).toBe(1);
    // Its reminders (48 h and 2 h before, the default rules) exist with it.
    const reminders = await t.database.executeSql(
      'select offset_hours from booking_reminders where booking_id = $1 and sent_at is null order by offset_hours',
      [booking.id],
    );
    expect(reminders.rows.map((row) => row.offset_hours)).toEqual([2, 48]);
    // The slot is gone from availability, and the buffer after it too.
    const after = await availableSlots(t, faceId, Date.now() + 4 * DAY_MS, Date.now() + 12 * DAY_MS, practitioner1);
    expect(after.some((candidate) => candidate.start === slot!.start)).toBe(false);
    const own = await patient1.inject({ url: `/api/v1/bookings/${booking.id}` });
    expect(own.statusCode).toBe(200);
    expect(own.headers.etag).toBe('"1"');
    expect((await patient2.inject({ url: `/api/v1/bookings/${booking.id}` })).statusCode).toBe(404);
    expect((await frontDesk.inject({ url: `/api/v1/bookings/${booking.id}` })).statusCode).toBe(200);
  });

  it('replays the same key and body, refuses the same key with another body (422)', async () => {
    const found = await availableSlots(
      t,
      consultationId,
      Date.now() + 5 * DAY_MS,
      Date.now() + 12 * DAY_MS,
      practitioner2,
    );
    const key = randomUUID();
    const body = { serviceId: consultationId, start: found[0]!.start, practitionerId: practitioner2 };
    const first = await postBooking(patient1, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await countBookings();
    const again = await postBooking(patient1, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await countBookings()).toBe(before);
    const reused = await postBooking(patient1, { ...body, start: found[3]!.start }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await countBookings()).toBe(before);
    // Keys are per caller: another person's identical key books separately (and finds the slot taken).
    const other = await postBooking(patient2, body, key);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'slot_unavailable' });
  });

  it('refuses bad input: unknown fields, naive or past starts, beyond the horizon, off-grid times', async () => {
    const [slot] = await availableSlots(t, faceId, Date.now() + 6 * DAY_MS, Date.now() + 12 * DAY_MS);
    const tampered = await postBooking(patient1, { serviceId: faceId, start: slot!.start, priceCents: 1 });
    expect(tampered.statusCode).toBe(400);
    const naive = await postBooking(patient1, { serviceId: faceId, start: slot!.start.slice(0, 19) });
    expect(naive.statusCode).toBe(400);
    const noKey = await patient1.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { serviceId: faceId, start: slot!.start },
    });
    expect(noKey.statusCode).toBe(400);
    const past = await postBooking(patient1, { serviceId: faceId, start: iso(Date.now() - DAY_MS) });
    expect(past.json()).toMatchObject({ status: 422, code: 'start_in_past' });
    const far = await postBooking(patient1, { serviceId: faceId, start: iso(Date.now() + 400 * DAY_MS) });
    expect(far.json()).toMatchObject({ status: 422, code: 'beyond_horizon' });
    const offGrid = await postBooking(patient1, {
      serviceId: faceId,
      start: slot!.start.replace(/:\d\d:00/, ':07:00'),
    });
    expect(offGrid.json()).toMatchObject({ status: 409, code: 'slot_unavailable' });
    const forOther = await postBooking(patient1, {
      serviceId: faceId,
      start: slot!.start,
      patientId: (await createPatient(t.database, { clinicId })).patientId,
    });
    expect(forOther.statusCode).toBe(403);
    const staffWithout = await postBooking(frontDesk, { serviceId: faceId, start: slot!.start });
    expect(staffWithout.json()).toMatchObject({ status: 422, code: 'patient_required' });
    const other = await createClinic(t.database);
    const foreign = await createPatient(t.database, { clinicId: other.clinicId });
    const staffForeign = await postBooking(frontDesk, {
      serviceId: faceId,
      start: slot!.start,
      patientId: foreign.patientId,
    });
    expect(staffForeign.statusCode).toBe(404);
  });
});

describe('moving and cancelling', () => {
  async function bookedFor(patientId: string): Promise<BookingView> {
    const found = await availableSlots(t, faceId, Date.now() + 8 * DAY_MS, Date.now() + 14 * DAY_MS, practitioner2);
    const response = await postBooking(frontDesk, {
      serviceId: faceId,
      start: found[0]!.start,
      practitionerId: practitioner2,
      patientId,
    });
    expect(response.statusCode, response.body).toBe(201);
    return bookingSchema.parse(response.json());
  }

  it('moves with If-Match; a stale version is 412 and changes nothing; none is 428', async () => {
    const booking = await bookedFor(patient1Id);
    const target = (
      await availableSlots(t, faceId, Date.now() + 15 * DAY_MS, Date.now() + 20 * DAY_MS, practitioner2)
    )[0]!;
    const url = `/api/v1/bookings/${booking.id}`;
    const missing = await patient1.inject({ method: 'PATCH', url, payload: { start: target.start } });
    expect(missing.statusCode).toBe(428);
    const moved = await patient1.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { start: target.start },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: target.start, version: 2, practitionerId: practitioner2 });
    const stale = await frontDesk.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { start: booking.start },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    const now = await frontDesk.inject({ url });
    expect(now.json()).toMatchObject({ start: target.start, version: 2 });
    // Only reminders for the new start remain to be sent.
    const reminderStarts = await t.database.executeSql(
      'select distinct booking_starts_at from booking_reminders where booking_id = $1 and sent_at is null',
      [booking.id],
    );
    expect(reminderStarts.rows.map((row) => new Date(row.booking_starts_at as string).getTime())).toEqual([
      Date.parse(target.start),
    ]);
    const audit = await t.database.executeSql(
      "select count(*)::int as n from audit_events where action = 'booking_moved' and resource_id = $1",
      [booking.id],
    );
    expect(audit.rows[0]?.n).toBe(1);
    // Another patient cannot read, move or cancel it: 404 like an unknown id, each try audited.
    const deniedBefore = await countDenied(booking.id);
    const foreignMove = await patient2.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"2"' },
      payload: { start: booking.start },
    });
    const foreignCancel = await patient2.inject({ method: 'POST', url: `${url}/cancel` });
    const foreignRead = await patient2.inject({ url });
    const unknown = await patient2.inject({ url: `/api/v1/bookings/${randomUUID()}` });
    for (const response of [foreignMove, foreignCancel, foreignRead]) {
      expect(response.statusCode).toBe(404);
      expect(response.json<{ detail: string }>().detail).toBe(unknown.json<{ detail: string }>().detail);
    }
    expect((await countDenied(booking.id)) - deniedBefore).toBe(3);
    expect((await frontDesk.inject({ url })).json()).toMatchObject({ status: 'confirmed', version: 2 });
  });

  it('cancelling frees the slot: booking it again succeeds', async () => {
    const booking = await bookedFor(patient1Id);
    const again = await postBooking(patient2, {
      serviceId: faceId,
      start: booking.start,
      practitionerId: practitioner2,
    });
    expect(again.statusCode).toBe(409);
    const cancelled = await patient1.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', version: 2 });
    const twice = await patient1.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel` });
    expect(twice.statusCode).toBe(409);
    const rebooked = await postBooking(patient2, {
      serviceId: faceId,
      start: booking.start,
      practitionerId: practitioner2,
    });
    expect(rebooked.statusCode, rebooked.body).toBe(201);
  });

  it('lists the clinic’s bookings for staff and only their own for a patient', async () => {
    const from = iso(Date.now());
    const to = iso(Date.now() + 40 * DAY_MS);
    const staff = await frontDesk.inject({ url: `/api/v1/bookings?from=${from}&to=${to}` });
    const own = await patient1.inject({ url: `/api/v1/bookings?from=${from}&to=${to}` });
    expect(staff.statusCode).toBe(200);
    const staffList = staff.json<{ bookings: BookingView[] }>().bookings;
    const ownList = own.json<{ bookings: BookingView[] }>().bookings;
    expect(staffList.length).toBeGreaterThan(ownList.length);
    expect(ownList.every((booking) => booking.patientId === patient1Id)).toBe(true);
  });
});

describe('series', () => {
  it('proposes a series and books it atomically; a taken session books nothing', async () => {
    const proposalResponse = await patient1.inject({
      method: 'POST',
      url: '/api/v1/series/proposals',
      payload: {
        serviceId: faceId,
        sessions: 3,
        minGapDays: 7,
        maxGapDays: 10,
        earliestStart: iso(Date.now() + 21 * DAY_MS),
        practitionerId: practitioner1,
      },
    });
    expect(proposalResponse.statusCode, proposalResponse.body).toBe(200);
    const proposal = seriesProposalResponseSchema.parse(proposalResponse.json());
    expect(proposal.sessions).toHaveLength(3);
    const sessions = proposal.sessions.map((session) => ({
      start: session.start,
      practitionerId: session.practitionerId,
    }));

    // Someone takes session 2 first.
    const taken = await postBooking(frontDesk, { ...sessions[1]!, serviceId: faceId, patientId: patient1Id });
    expect(taken.statusCode, taken.body).toBe(201);
    const before = await countBookings();
    const refused = await patient1.inject({
      method: 'POST',
      url: '/api/v1/series',
      headers: { 'idempotency-key': randomUUID() },
      payload: { serviceId: faceId, sessions, minGapDays: 7, maxGapDays: 10 },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'slot_unavailable', errors: [{ path: 'sessions.2' }] });
    expect(await countBookings()).toBe(before);
    expect(await countBookings('starts_at = $1::timestamptz', [sessions[0]!.start])).toBe(0);
    expect(Number((await t.database.executeSql('select count(*)::int as n from booking_series')).rows[0]?.n)).toBe(0);

    // Freed again, the whole series books.
    await frontDesk.inject({ method: 'POST', url: `/api/v1/bookings/${bookingSchema.parse(taken.json()).id}/cancel` });
    const booked = await patient1.inject({
      method: 'POST',
      url: '/api/v1/series',
      headers: { 'idempotency-key': randomUUID() },
      payload: { serviceId: faceId, sessions, minGapDays: 7, maxGapDays: 10 },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const series = seriesResponseSchema.parse(booked.json());
    expect(series.bookings.map((booking) => booking.seriesIndex)).toEqual([1, 2, 3]);
    expect(series.bookings.every((booking) => booking.seriesId === series.id)).toBe(true);
  });

  it('re-checks the gaps on the server', async () => {
    const found = await availableSlots(t, faceId, Date.now() + 30 * DAY_MS, Date.now() + 40 * DAY_MS, practitioner2);
    const response = await patient1.inject({
      method: 'POST',
      url: '/api/v1/series',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        serviceId: faceId,
        sessions: [
          { start: found[0]!.start, practitionerId: practitioner2 },
          { start: found[found.length - 1]!.start, practitionerId: practitioner2 },
        ],
        minGapDays: 28,
        maxGapDays: 42,
      },
    });
    expect(response.json()).toMatchObject({ status: 422, code: 'series_gap' });
  });
});

describe('the database as the last line', () => {
  async function insertRaw(practitionerId: string, range: string, status = 'active') {
    const { rows } = await t.database.executeSql(
      `insert into bookings (clinic_id, kind, status, service_id, patient_id, practitioner_id, starts_at, ends_at, occupied)
       values ($1, 'appointment', $2, $3, $4, $5, lower($6::tstzrange), upper($6::tstzrange), $6::tstzrange) returning id`,
      [clinicId, status, faceId, patient1Id, practitionerId, range],
    );
    return String(rows[0]!.id);
  }

  it('refuses two overlapping active bookings of one practitioner (23P01); a cancelled one does not block', async () => {
    await insertRaw(practitioner1, '[2031-01-06 14:00+00,2031-01-06 15:00+00)');
    const error = await insertRaw(practitioner1, '[2031-01-06 14:30+00,2031-01-06 15:30+00)').catch(
      (caught: unknown) => caught,
    );
    expect(sqlState(error)).toBe(EXCLUSION_VIOLATION);
    // Touching ranges are fine ([) ends), and so is a cancelled overlap.
    await insertRaw(practitioner1, '[2031-01-06 15:00+00,2031-01-06 16:00+00)');
    await insertRaw(practitioner1, '[2031-01-06 14:15+00,2031-01-06 14:45+00)', 'cancelled');
  });
});
