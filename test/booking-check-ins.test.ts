// The pre-session health check-in (issue 6): POST /api/v1/bookings/:id/check-ins
// screens again on the latest stored assessment with the new answers, as of the
// session's date; a "not yet" flags the booking and suggests slots from the
// earliest valid date.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRequest } from '../src/domain/clinical/examples.ts';
import {
  availabilityResponseSchema,
  bookingSchema,
  checkInResponseSchema,
  servicesResponseSchema,
  type BookingView,
} from '../src/domain/contracts/scheduling.ts';
import { DEMO_EMAIL_DOMAIN } from '../src/db/seed/demo-clinic.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { FRONT_DESK_FLAG } from '../src/server/features/scheduling/routes.ts';
import { loginAs, type Agent } from './support/auth.ts';

const DAY_MS = 86_400_000;
let t: TestApp;
let patient1: Agent;
let patient2: Agent;
let frontDesk: Agent;
let practitioner: Agent;
let faceId: string;
let consultationId: string;

const iso = (ms: number) => new Date(ms).toISOString();

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Books the first free slot of the service from `daysAhead` days on, as `agent`. */
async function bookFirstFree(agent: Agent, serviceId: string, daysAhead: number): Promise<BookingView> {
  const from = Date.now() + daysAhead * DAY_MS;
  const query = new URLSearchParams({ serviceId, from: iso(from), to: iso(from + 7 * DAY_MS) });
  const found = availabilityResponseSchema.parse(
    (await t.app.inject({ url: `/api/v1/availability?${query.toString()}` })).json(),
  ).slots;
  expect(found.length).toBeGreaterThan(0);
  const response = await agent.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers: { 'idempotency-key': randomUUID() },
    payload: { serviceId, start: found[0]!.start },
  });
  expect(response.statusCode, response.body).toBe(201);
  return bookingSchema.parse(response.json());
}

function checkIn(agent: Agent, bookingId: string, payload: Record<string, unknown>) {
  return agent.inject({ method: 'POST', url: `/api/v1/bookings/${bookingId}/check-ins`, payload });
}

/** Read as a practitioner, who may see why a booking is flagged (front desk sees only that it is). */
async function readBooking(bookingId: string, agent: Agent = practitioner): Promise<BookingView> {
  const response = await agent.inject({ method: 'GET', url: `/api/v1/bookings/${bookingId}` });
  expect(response.statusCode, response.body).toBe(200);
  return bookingSchema.parse(response.json());
}

const CLEAN = {
  pregnant_or_breastfeeding: false,
  isotretinoin: { status: 'never' },
  active_infection_in_area: false,
  sunburn_in_area: false,
  toxin_in_area_date: null,
  filler_in_area_date: null,
  retinoid_last_used: null,
  new_medicines: 'none',
};

beforeAll(async () => {
  t = await createTestApp();
  patient1 = await loginAs(t, `patient1@${DEMO_EMAIL_DOMAIN}`);
  patient2 = await loginAs(t, `patient2@${DEMO_EMAIL_DOMAIN}`);
  frontDesk = await loginAs(t, `frontdesk@${DEMO_EMAIL_DOMAIN}`);
  practitioner = await loginAs(t, `practitioner1@${DEMO_EMAIL_DOMAIN}`);
  const services = servicesResponseSchema.parse((await t.app.inject({ url: '/api/v1/services' })).json()).services;
  faceId = services.find((service) => service.name === 'Micro-needling: face')!.id;
  consultationId = services.find((service) => service.kind === 'consultation')!.id;
  // patient1's stored self-assessment: a healthy adult, acne scars on the cheeks.
  const assessment = await patient1.inject({ method: 'POST', url: '/api/v1/assessments', payload: exampleRequest() });
  expect(assessment.statusCode, assessment.body).toBe(201);
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/bookings/:bookingId/check-ins', () => {
  it('a clear check-in says proceed and flags nothing, and stores the row', async () => {
    const booking = await bookFirstFree(patient1, faceId, 5);
    const response = await checkIn(patient1, booking.id, CLEAN);
    expect(response.statusCode, response.body).toBe(200);
    expect(checkInResponseSchema.parse(response.json())).toEqual({ decision: 'proceed', flagged: false });
    expect((await readBooking(booking.id)).flaggedReason ?? null).toBeNull();
    const { rows } = await t.database.executeSql(
      'select decision, answers from booking_check_ins where booking_id = $1',
      [booking.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decision: 'proceed', answers: { new_medicines: 'none' } });
    const audit = await t.database.executeSql(
      "select count(*)::int as n from audit_events where action = 'booking_check_in' and resource_id = $1",
      [booking.id],
    );
    expect(Number(audit.rows[0]?.n)).toBe(1);
  });

  it('filler 3 days before the session defers it, flags the booking and suggests slots after the wait', async () => {
    const booking = await bookFirstFree(patient1, faceId, 12);
    const sessionDate = booking.start.slice(0, 10);
    const fillerDate = addDays(sessionDate, -3);
    const response = await checkIn(patient1, booking.id, { ...CLEAN, filler_in_area_date: fillerDate });
    expect(response.statusCode, response.body).toBe(200);
    const result = checkInResponseSchema.parse(response.json());
    expect(result.decision).toBe('defer');
    expect(result.flagged).toBe(true);
    // The demo clinic keeps the default policy: 14 days after filler.
    expect(result.earliestDate).toBe(addDays(fillerDate, 14));
    expect(result.reasons?.map((reason) => reason.rule)).toContain('filler_in_area');
    expect(result.suggestedSlots?.length).toBe(3);
    for (const slot of result.suggestedSlots!) expect(slot.start.slice(0, 10) >= result.earliestDate!).toBe(true);
    expect((await readBooking(booking.id)).flaggedReason).toBe('check-in: not yet (filler in area)');
    // Front desk learns that the visit needs a look, not the clinical reason, in every view of it.
    expect((await readBooking(booking.id, frontDesk)).flaggedReason).toBe(FRONT_DESK_FLAG);
    const list = await frontDesk.inject({
      url: `/api/v1/bookings?from=${encodeURIComponent(booking.start)}&to=${encodeURIComponent(booking.end)}`,
    });
    expect(list.body).not.toContain('filler');
    expect(list.json()).toMatchObject({ bookings: [{ id: booking.id, flaggedReason: FRONT_DESK_FLAG }] });

    // A later clear check-in lifts the check-in's own flag.
    const again = await checkIn(patient1, booking.id, CLEAN);
    expect(again.json()).toEqual({ decision: 'proceed', flagged: false });
    expect((await readBooking(booking.id)).flaggedReason).toBeNull();
  });

  it('pregnancy: not proceed, flagged, no computable date so no slots', async () => {
    const booking = await bookFirstFree(patient1, faceId, 20);
    const response = await checkIn(patient1, booking.id, { ...CLEAN, pregnant_or_breastfeeding: true });
    expect(response.statusCode, response.body).toBe(200);
    const result = checkInResponseSchema.parse(response.json());
    expect(result.decision).not.toBe('proceed');
    expect(result.flagged).toBe(true);
    expect(result.earliestDate).toBeUndefined();
    expect(result.suggestedSlots).toEqual([]);
    expect((await readBooking(booking.id)).flaggedReason).toMatch(/^check-in: not yet \(pregnancy/);
  });

  it('another patient’s booking is 404 and audited; staff 403', async () => {
    const booking = await bookFirstFree(patient1, faceId, 27);
    const response = await checkIn(patient2, booking.id, CLEAN);
    expect(response.statusCode).toBe(404);
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from audit_events where action = 'access_denied' and resource_id = $1",
      [booking.id],
    );
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    expect((await checkIn(frontDesk, booking.id, CLEAN)).statusCode).toBe(403);
    expect((await readBooking(booking.id)).flaggedReason ?? null).toBeNull();
  });

  it('a consultation is 422 not_a_treatment; a cancelled booking 409; no assessment 422', async () => {
    const consultation = await bookFirstFree(patient1, consultationId, 33);
    const response = await checkIn(patient1, consultation.id, CLEAN);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'not_a_treatment' });

    const cancelled = await bookFirstFree(patient1, faceId, 40);
    const cancel = await patient1.inject({ method: 'POST', url: `/api/v1/bookings/${cancelled.id}/cancel` });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await checkIn(patient1, cancelled.id, CLEAN)).statusCode).toBe(409);

    const other = await bookFirstFree(patient2, faceId, 45);
    const none = await checkIn(patient2, other.id, CLEAN);
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'assessment_required' });
    expect(none.json<{ detail: string }>().detail).toContain('/plan');
  });

  it('refuses unknown fields and over-long new medicines with 400', async () => {
    const booking = await bookFirstFree(patient1, faceId, 50);
    expect((await checkIn(patient1, booking.id, { ...CLEAN, bleeding: true })).statusCode).toBe(400);
    expect((await checkIn(patient1, booking.id, { ...CLEAN, new_medicines: 'x'.repeat(501) })).statusCode).toBe(400);
  });
});
