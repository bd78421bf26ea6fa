// Waitlist offers (issue 6) through the real app: front desk offers a freed slot to a
// patient whose window contains it (else 409 outside_window); the offer is a hold for
// them, recorded on the entry and mailed; the patient accepts it (a booking, the entry
// fulfilled) or declines it (the hold released, the entry still waiting).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  myWaitlistOffersResponseSchema,
  waitlistOfferResponseSchema,
  type WaitlistOfferResponse,
} from '../src/domain/contracts/holds.ts';
import { waitlistEntrySchema, waitlistListResponseSchema } from '../src/domain/contracts/scheduling-admin.ts';
import { bookingSchema, type SlotView } from '../src/domain/contracts/scheduling.ts';
import { DEMO_EMAIL_DOMAIN } from '../src/db/seed/demo-clinic.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import type { Agent } from './support/auth.ts';
import { createClinic, createPatient } from './support/factories.ts';
import { availableSlots, signInDemoSchedulingCast } from './support/scheduling.ts';

const DAY_MS = 86_400_000;
const ZONE = 'America/New_York';
let t: TestApp;
let frontDesk: Agent;
let patient1: Agent;
let patient2: Agent;
let faceId: string;
let practitioner1: string;
let practitioner2: string;
let patient1Id: string;
let patient2Id: string;

const localDate = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

function slots(fromMs: number, toMs: number, practitionerId = practitioner1): Promise<SlotView[]> {
  return availableSlots(t, faceId, fromMs, toMs, practitionerId);
}

/** A waitlist entry whose window is the local dates of the week starting `daysAhead` days from now. */
async function entryFor(patientId: string, daysAhead: number, practitionerId?: string) {
  const from = Date.now() + daysAhead * DAY_MS;
  const response = await frontDesk.inject({
    method: 'POST',
    url: '/api/v1/waitlist',
    payload: {
      patientId,
      serviceId: faceId,
      windowStart: localDate(from),
      windowEnd: localDate(from + 6 * DAY_MS),
      ...(practitionerId === undefined ? {} : { practitionerId }),
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const entry = waitlistEntrySchema.parse(response.json());
  const free = await slots(from, from + 6 * DAY_MS);
  // A slot inside the window (not on its first local day, which may have started hours ago).
  const inside = free.find((slot) => localDate(Date.parse(slot.start)) > entry.windowStart)!;
  const after = (await slots(from + 8 * DAY_MS, from + 14 * DAY_MS))[0]!;
  return { entry, inside, after };
}

function offer(entryId: string, slot: SlotView, agent = frontDesk) {
  return agent.inject({
    method: 'POST',
    url: `/api/v1/waitlist/${entryId}/offers`,
    payload: { start: slot.start, practitionerId: slot.practitionerId },
  });
}

async function offered(entryId: string, slot: SlotView): Promise<WaitlistOfferResponse> {
  const response = await offer(entryId, slot);
  expect(response.statusCode, response.body).toBe(201);
  return waitlistOfferResponseSchema.parse(response.json());
}

async function myOffers(agent: Agent) {
  const response = await agent.inject({ url: '/api/v1/me/waitlist-offers' });
  expect(response.statusCode, response.body).toBe(200);
  return myWaitlistOffersResponseSchema.parse(response.json());
}

async function openEntries() {
  const response = await frontDesk.inject({ url: '/api/v1/waitlist' });
  expect(response.statusCode).toBe(200);
  return waitlistListResponseSchema.parse(response.json()).entries;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ frontDesk, patient1, patient2, practitioner1, practitioner2, patient1Id, patient2Id, faceId } =
    await signInDemoSchedulingCast(t));
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/waitlist/:id/offers', () => {
  it('refuses a slot outside the entry’s window (409 outside_window) and another practitioner (409)', async () => {
    const { entry, after } = await entryFor(patient2Id, 3, practitioner1);
    const outside = await offer(entry.id, after);
    expect(outside.statusCode).toBe(409);
    expect(outside.json()).toMatchObject({ code: 'outside_window' });
    const from = Date.now() + 4 * DAY_MS;
    const withOther = (await slots(from, from + 3 * DAY_MS, practitioner2))[0]!;
    const mismatch = await offer(entry.id, withOther);
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json()).toMatchObject({ code: 'practitioner_mismatch' });
    const { rows } = await t.database.executeSql("select count(*)::int as n from bookings where kind = 'hold'");
    expect(rows[0]?.n).toBe(0);
  });

  it('unknown and other clinics’ entries answer 404; patients may not offer (403)', async () => {
    const unknown = await offer(randomUUID(), (await slots(Date.now() + 3 * DAY_MS, Date.now() + 9 * DAY_MS))[0]!);
    expect(unknown.statusCode).toBe(404);
    const other = await createClinic(t.database);
    const stranger = await createPatient(t.database, { clinicId: other.clinicId });
    const { rows } = await t.database.executeSql(
      `insert into waitlist_entries (clinic_id, patient_id, service_id, window_start, window_end)
       select $1, $2, id, current_date, current_date + 30 from services limit 1 returning id`,
      [other.clinicId, stranger.patientId],
    );
    const foreign = String(rows[0]!.id);
    const slot = (await slots(Date.now() + 3 * DAY_MS, Date.now() + 9 * DAY_MS))[0]!;
    expect((await offer(foreign, slot)).statusCode).toBe(404);
    expect((await frontDesk.inject({ method: 'DELETE', url: `/api/v1/waitlist/${foreign}` })).statusCode).toBe(404);
    const { entry, inside } = await entryFor(patient2Id, 3);
    expect((await offer(entry.id, inside, patient1)).statusCode).toBe(403);
    expect((await offer(entry.id, { ...inside, start: '2030-01-07T09:00:00' })).statusCode).toBe(400);
    expect((await frontDesk.inject({ method: 'DELETE', url: `/api/v1/waitlist/${entry.id}` })).statusCode).toBe(204);
  });

  it('holds the slot for the patient, mails them, and the patient accepts: a booking, the entry fulfilled', async () => {
    const { entry, inside } = await entryFor(patient1Id, 10);
    const before = Date.now();
    const made = await offered(entry.id, inside);
    expect(made).toMatchObject({ entryId: entry.id, mailed: true });
    expect(made.hold).toMatchObject({ start: inside.start, practitionerId: practitioner1, serviceId: faceId });
    const heldFor = Date.parse(made.hold.expiresAt) - before;
    expect(heldFor).toBeGreaterThan(23 * 3_600_000);
    expect(heldFor).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);

    // Nobody else is offered it; a second offer on the entry waits for the answer.
    const startMs = Date.parse(inside.start);
    expect((await slots(startMs - DAY_MS, startMs + DAY_MS)).map((slot) => slot.start)).not.toContain(inside.start);
    expect((await offer(entry.id, inside)).json()).toMatchObject({ status: 409, code: 'offer_pending' });
    const listed = (await openEntries()).find((candidate) => candidate.id === entry.id);
    expect(listed?.offer).toMatchObject({ status: 'offered' });

    // The mail: the clinic, the time, the link; nothing about the treatment.
    const { rows: mails } = await t.database.executeSql(
      "select subject, text_body as text from outbox_messages where to_address = $1 and subject like 'A time has opened up%'",
      [`patient1@${DEMO_EMAIL_DOMAIN}`],
    );
    expect(mails).toHaveLength(1);
    const text = String(mails[0]!.text);
    expect(text).toContain('/app/appointments');
    expect(text).toContain('Hello Sam');
    expect(text).not.toMatch(/needling|face|Patel/i);

    expect((await myOffers(patient2)).offers).toEqual([]);
    const mine = (await myOffers(patient1)).offers;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entryId: entry.id, holdId: made.hold.id, start: inside.start });

    const accepted = await patient1.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': randomUUID() },
      payload: { serviceId: faceId, start: inside.start, practitionerId: practitioner1, holdId: made.hold.id },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const booking = bookingSchema.parse(accepted.json());
    expect(booking).toMatchObject({ id: made.hold.id, patientId: patient1Id, status: 'confirmed' });
    const { rows } = await t.database.executeSql(
      'select offer_status, booking_id, closed_at is not null as closed from waitlist_entries where id = $1',
      [entry.id],
    );
    expect(rows[0]).toEqual({ offer_status: 'accepted', booking_id: booking.id, closed: true });
    expect((await openEntries()).map((candidate) => candidate.id)).not.toContain(entry.id);
    expect((await myOffers(patient1)).offers).toEqual([]);
    const { rows: audit } = await t.database.executeSql(
      "select action from audit_events where resource_id = $1 and action like 'waitlist_offer%' order by occurred_at",
      [entry.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['waitlist_offer_made', 'waitlist_offer_accepted']);
  });

  it('the patient declines: the hold is released and the entry keeps waiting', async () => {
    const { entry, inside } = await entryFor(patient2Id, 17);
    const made = await offered(entry.id, inside);
    expect(
      (await patient1.inject({ method: 'DELETE', url: `/api/v1/holds/${made.hold.id}` })).statusCode,
      'someone else’s offer',
    ).toBe(404);
    const declined = await patient2.inject({ method: 'DELETE', url: `/api/v1/holds/${made.hold.id}` });
    expect(declined.statusCode).toBe(204);
    const startMs = Date.parse(inside.start);
    expect((await slots(startMs - DAY_MS, startMs + DAY_MS)).map((slot) => slot.start)).toContain(inside.start);
    const listed = (await openEntries()).find((candidate) => candidate.id === entry.id);
    expect(listed?.offer).toMatchObject({ status: 'declined' });
    expect((await myOffers(patient2)).offers).toEqual([]);
    // It can be offered again, and removing the entry releases the new hold.
    const again = await offered(entry.id, inside);
    expect((await frontDesk.inject({ method: 'DELETE', url: `/api/v1/waitlist/${entry.id}` })).statusCode).toBe(204);
    const { rows } = await t.database.executeSql('select count(*)::int as n from bookings where id = $1', [
      again.hold.id,
    ]);
    expect(rows[0]?.n).toBe(0);
    expect((await openEntries()).map((candidate) => candidate.id)).not.toContain(entry.id);
  });

  it('a lapsed offer reads expired and can be made again', async () => {
    const { entry, inside } = await entryFor(patient2Id, 24);
    const made = await offered(entry.id, inside);
    await t.database.executeSql("update bookings set hold_expires_at = now() - interval '1 minute' where id = $1", [
      made.hold.id,
    ]);
    await t.database.executeSql(
      "update waitlist_entries set offer_expires_at = now() - interval '1 minute' where id = $1",
      [entry.id],
    );
    expect((await openEntries()).find((candidate) => candidate.id === entry.id)?.offer).toMatchObject({
      status: 'expired',
    });
    expect((await myOffers(patient2)).offers).toEqual([]);
    const late = await patient2.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': randomUUID() },
      payload: { serviceId: faceId, start: inside.start, holdId: made.hold.id },
    });
    expect(late.json()).toMatchObject({ status: 409, code: 'hold_expired' });
    const again = await offered(entry.id, inside);
    expect(again.hold.id).not.toBe(made.hold.id);
  });
});
