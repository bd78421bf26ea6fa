// Holds (issue 6) through the real app: a hold blocks the slot for everyone else,
// lapses on its own, is confirmed in place by POST /bookings { holdId }, belongs to
// its patient only, is capped per patient, and 50 concurrent holds on one slot give
// exactly one 201 (on PGlite and, with PUNCTA_TEST_DATABASE_URL, on PostgreSQL).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdSchema, type HoldView } from '../src/domain/contracts/holds.ts';
import { bookingSchema, type SlotView } from '../src/domain/contracts/scheduling.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import type { Agent } from './support/auth.ts';
import { createClinic, createPatient, demoClinic } from './support/factories.ts';
import { availableSlots, postBooking, signInDemoSchedulingCast } from './support/scheduling.ts';

const DAY_MS = 86_400_000;
const RACERS = 50;
let t: TestApp;
let frontDesk: Agent;
let patient1: Agent;
let patient2: Agent;
let clinicId: string;
let faceId: string;
let practitioner1: string;
let patient1Id: string;
let patient2Id: string;

function slots(fromMs: number, toMs: number, practitionerId = practitioner1): Promise<SlotView[]> {
  return availableSlots(t, faceId, fromMs, toMs, practitionerId);
}

/** The first free slot of practitioner 1 on a weekday `daysAhead` days from now (each test its own day). */
async function freeSlot(daysAhead: number): Promise<SlotView> {
  const from = Date.now() + daysAhead * DAY_MS;
  const found = await slots(from, from + 7 * DAY_MS);
  expect(found.length).toBeGreaterThan(0);
  return found[0]!;
}

function hold(agent: Agent, body: Record<string, unknown>) {
  return agent.inject({ method: 'POST', url: '/api/v1/holds', payload: body });
}

function release(agent: Agent, holdId: string) {
  return agent.inject({ method: 'DELETE', url: `/api/v1/holds/${holdId}` });
}

async function held(agent: Agent, slot: SlotView): Promise<HoldView> {
  const response = await hold(agent, { serviceId: faceId, start: slot.start, practitionerId: slot.practitionerId });
  expect(response.statusCode, response.body).toBe(201);
  return holdSchema.parse(response.json());
}

async function auditCount(action: string, resourceId: string): Promise<number> {
  const { rows } = await t.database.executeSql(
    'select count(*)::int as n from audit_events where action = $1 and resource_id = $2',
    [action, resourceId],
  );
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  t = await createTestApp();
  ({ frontDesk, patient1, patient2, practitioner1, patient1Id, patient2Id, faceId } =
    await signInDemoSchedulingCast(t));
  ({ clinicId } = await demoClinic(t.database));
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/holds', () => {
  it('holds the slot for a few minutes: availability stops offering it and nobody else can book or hold it', async () => {
    const slot = await freeSlot(3);
    const before = Date.now();
    const mine = await held(patient1, slot);
    expect(mine).toMatchObject({ serviceId: faceId, practitionerId: practitioner1, start: slot.start, end: slot.end });
    expect(mine.expiresAt).toMatch(/[+-]\d\d:\d\d$/);
    const lapse = Date.parse(mine.expiresAt) - before;
    expect(lapse).toBeGreaterThan(60_000);
    expect(lapse).toBeLessThanOrEqual(60 * 60_000 + 5_000);

    const startMs = Date.parse(slot.start);
    expect((await slots(startMs - DAY_MS, startMs + DAY_MS)).map((s) => s.start)).not.toContain(slot.start);
    const other = await postBooking(patient2, { serviceId: faceId, start: slot.start, practitionerId: practitioner1 });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'slot_unavailable' });
    const otherHold = await hold(patient2, { serviceId: faceId, start: slot.start, practitionerId: practitioner1 });
    expect(otherHold.statusCode).toBe(409);
    expect(otherHold.json()).toMatchObject({ code: 'slot_unavailable' });
    expect(await auditCount('hold_created', mine.id)).toBe(1);
    await release(patient1, mine.id);
  });

  it('refuses bad input: naive times 400, a patientId from a patient 403, staff without one 422', async () => {
    const slot = await freeSlot(4);
    expect((await hold(patient1, { serviceId: faceId, start: '2030-01-07T09:00:00' })).statusCode).toBe(400);
    expect((await hold(patient1, { serviceId: faceId, start: slot.start, extra: 1 })).statusCode).toBe(400);
    expect(
      (await hold(patient1, { serviceId: faceId, start: slot.start, patientId: patient2Id })).json(),
    ).toMatchObject({ status: 403, code: 'patient_id_staff_only' });
    expect((await hold(frontDesk, { serviceId: faceId, start: slot.start })).json()).toMatchObject({
      status: 422,
      code: 'patient_required',
    });
    const unauthenticated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { serviceId: faceId, start: slot.start },
    });
    expect([401, 403]).toContain(unauthenticated.statusCode);
  });

  it('staff hold for a patient of their clinic; another clinic’s patient answers 404', async () => {
    const slot = await freeSlot(5);
    const other = await createClinic(t.database);
    const stranger = await createPatient(t.database, { clinicId: other.clinicId });
    const refused = await hold(frontDesk, {
      serviceId: faceId,
      start: slot.start,
      practitionerId: practitioner1,
      patientId: stranger.patientId,
    });
    expect(refused.statusCode).toBe(404);
    const response = await hold(frontDesk, {
      serviceId: faceId,
      start: slot.start,
      practitionerId: practitioner1,
      patientId: patient2Id,
    });
    expect(response.statusCode, response.body).toBe(201);
    // The patient books what staff held for them.
    const booked = await postBooking(patient2, {
      serviceId: faceId,
      start: slot.start,
      practitionerId: practitioner1,
      holdId: holdSchema.parse(response.json()).id,
    });
    expect(booked.statusCode, booked.body).toBe(201);
  });

  it('caps a patient at 3 unexpired holds (409 too_many_holds)', async () => {
    const from = Date.now() + 20 * DAY_MS;
    const free = await slots(from, from + 7 * DAY_MS);
    const starts = [...new Set(free.map((slot) => slot.start.slice(0, 10)))].map((day) =>
      free.find((slot) => slot.start.startsWith(day))!,
    );
    expect(starts.length).toBeGreaterThanOrEqual(4);
    const mine: HoldView[] = [];
    for (const slot of starts.slice(0, 3)) mine.push(await held(patient1, slot));
    const fourth = await hold(patient1, { serviceId: faceId, start: starts[3]!.start, practitionerId: practitioner1 });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json()).toMatchObject({ code: 'too_many_holds' });
    expect((await release(patient1, mine[0]!.id)).statusCode).toBe(204);
    const again = await hold(patient1, { serviceId: faceId, start: starts[3]!.start, practitionerId: practitioner1 });
    expect(again.statusCode, again.body).toBe(201);
    for (const id of [...mine.slice(1).map((entry) => entry.id), holdSchema.parse(again.json()).id]) {
      expect((await release(patient1, id)).statusCode).toBe(204);
    }
  });
});

describe('confirming a hold: POST /api/v1/bookings { holdId }', () => {
  it('turns the same row into the appointment, in place; a replay with the same key answers the same', async () => {
    const slot = await freeSlot(6);
    const mine = await held(patient1, slot);
    const key = randomUUID();
    const body = { serviceId: faceId, start: slot.start, practitionerId: practitioner1, holdId: mine.id };
    const response = await postBooking(patient1, body, key);
    expect(response.statusCode, response.body).toBe(201);
    const booking = bookingSchema.parse(response.json());
    expect(booking).toMatchObject({ id: mine.id, patientId: patient1Id, start: slot.start, status: 'confirmed' });
    expect(booking.priceCents).toBe(35_000);
    const { rows } = await t.database.executeSql(
      'select kind, hold_expires_at from bookings where id = $1 and status = $2',
      [mine.id, 'active'],
    );
    expect(rows).toEqual([{ kind: 'appointment', hold_expires_at: null }]);
    expect(await auditCount('hold_confirmed', mine.id)).toBe(1);
    expect(await auditCount('booking_created', mine.id)).toBe(1);

    const replayed = await postBooking(patient1, body, key);
    expect(replayed.statusCode).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(response.json());
    // The hold is gone: a new key cannot confirm it twice.
    expect((await postBooking(patient1, body)).statusCode).toBe(404);
  });

  it('someone else’s hold answers 404 like an unknown id, on the record; they cannot release it either', async () => {
    const slot = await freeSlot(7);
    const mine = await held(patient1, slot);
    const theirs = await postBooking(patient2, {
      serviceId: faceId,
      start: slot.start,
      practitionerId: practitioner1,
      holdId: mine.id,
    });
    expect(theirs.statusCode).toBe(404);
    const unknown = await postBooking(patient2, {
      serviceId: faceId,
      start: slot.start,
      practitionerId: practitioner1,
      holdId: randomUUID(),
    });
    expect(unknown.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: unknown.json<{ code: string }>().code });
    expect((await release(patient2, mine.id)).statusCode).toBe(404);
    expect((await release(patient2, randomUUID())).statusCode).toBe(404);
    expect(await auditCount('access_denied', mine.id)).toBe(2);
    // Staff booking it for another patient: 404 as well.
    const staff = await postBooking(frontDesk, {
      serviceId: faceId,
      start: slot.start,
      practitionerId: practitioner1,
      patientId: patient2Id,
      holdId: mine.id,
    });
    expect(staff.statusCode).toBe(404);
    expect((await release(patient1, mine.id)).statusCode).toBe(204);
  });

  it('a hold for another time is 409 hold_mismatch', async () => {
    const slot = await freeSlot(8);
    const mine = await held(patient1, slot);
    const later = new Date(Date.parse(slot.start) + 60 * 60_000).toISOString();
    const response = await postBooking(patient1, { serviceId: faceId, start: later, holdId: mine.id });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'hold_mismatch' });
    expect((await release(patient1, mine.id)).statusCode).toBe(204);
  });
});

describe('lapsed and released holds', () => {
  it('an expired hold blocks nobody, and its owner gets 409 hold_expired', async () => {
    const slot = await freeSlot(9);
    const mine = await held(patient1, slot);
    await t.database.executeSql("update bookings set hold_expires_at = now() - interval '1 minute' where id = $1", [
      mine.id,
    ]);
    const startMs = Date.parse(slot.start);
    expect((await slots(startMs - DAY_MS, startMs + DAY_MS)).map((s) => s.start)).toContain(slot.start);
    const late = await postBooking(patient1, { serviceId: faceId, start: slot.start, holdId: mine.id });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'hold_expired' });
    const other = await postBooking(patient2, { serviceId: faceId, start: slot.start, practitionerId: practitioner1 });
    expect(other.statusCode, other.body).toBe(201);
    const { rows } = await t.database.executeSql('select count(*)::int as n from bookings where id = $1', [mine.id]);
    expect(rows[0]?.n).toBe(0);
  });

  it('releasing frees the time at once', async () => {
    const slot = await freeSlot(10);
    const mine = await held(patient1, slot);
    expect((await release(patient1, mine.id)).statusCode).toBe(204);
    expect(await auditCount('hold_released', mine.id)).toBe(1);
    const startMs = Date.parse(slot.start);
    expect((await slots(startMs - DAY_MS, startMs + DAY_MS)).map((s) => s.start)).toContain(slot.start);
    expect((await release(patient1, mine.id)).statusCode).toBe(404);
  });
});

describe('API documentation', () => {
  it('documents the hold and waitlist offer routes with their schemas', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    expect(Object.keys(paths['/api/v1/holds'] ?? {})).toContain('post');
    expect(Object.keys(paths['/api/v1/holds/{holdId}'] ?? {})).toContain('delete');
    expect(Object.keys(paths['/api/v1/waitlist/{entryId}/offers'] ?? {})).toContain('post');
    expect(Object.keys(paths['/api/v1/waitlist/{entryId}'] ?? {})).toContain('delete');
    expect(Object.keys(paths['/api/v1/me/waitlist-offers'] ?? {})).toContain('get');
    expect(JSON.stringify(paths['/api/v1/bookings'])).toContain('holdId');
  });
});

describe('one slot, many callers', () => {
  it(`${RACERS} concurrent POST /holds for one slot: exactly one 201, the rest 409 slot_unavailable`, async () => {
    const patientIds: string[] = [];
    for (let index = 0; index < RACERS; index += 1) {
      patientIds.push((await createPatient(t.database, { clinicId, givenName: `Holder${index}` })).patientId);
    }
    const slot = await freeSlot(30);
    const responses = await Promise.all(
      patientIds.map((patientId) =>
        hold(frontDesk, { serviceId: faceId, start: slot.start, practitionerId: practitioner1, patientId }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(RACERS - 1);
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect(response.json()).toMatchObject({ code: 'slot_unavailable' });
    }
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from bookings where status = 'active' and practitioner_id = $1 and starts_at = $2::timestamptz",
      [practitioner1, slot.start],
    );
    expect(rows[0]?.n).toBe(1);
  });
});
