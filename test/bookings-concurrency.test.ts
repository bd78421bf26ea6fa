// Issue 6: 100 concurrent requests for one slot give exactly one 201 and 99 409s,
// on PGlite (one connection, transactions in turn) and on PostgreSQL (a pool, where
// the exclusion constraint decides between transactions that both saw the slot free).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availabilityResponseSchema, servicesResponseSchema } from '../src/domain/contracts/scheduling.ts';
import { DEMO_EMAIL_DOMAIN } from '../src/db/seed/demo-clinic.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import { createPatient, demoClinic, demoIds } from './support/factories.ts';

const DAY_MS = 86_400_000;
const REQUESTS = 100;
let t: TestApp;
let frontDesk: Agent;
let patientIds: string[];
let faceId: string;
let practitionerId: string;

beforeAll(async () => {
  t = await createTestApp();
  const { clinicId } = await demoClinic(t.database);
  practitionerId = (await demoIds(t.database)).userIdOf(`practitioner1@${DEMO_EMAIL_DOMAIN}`);
  frontDesk = await loginAs(t, `frontdesk@${DEMO_EMAIL_DOMAIN}`);
  patientIds = [];
  for (let index = 0; index < REQUESTS; index += 1) {
    patientIds.push((await createPatient(t.database, { clinicId, givenName: `Racer${index}` })).patientId);
  }
  const services = servicesResponseSchema.parse((await t.app.inject({ url: '/api/v1/services' })).json()).services;
  faceId = services.find((service) => service.name === 'Micro-needling: face')!.id;
});

afterAll(async () => {
  await t.close();
});

async function firstSlot(daysAhead: number): Promise<string> {
  const from = new Date(Date.now() + daysAhead * DAY_MS).toISOString();
  const to = new Date(Date.now() + (daysAhead + 7) * DAY_MS).toISOString();
  const response = await t.app.inject({
    url: `/api/v1/availability?serviceId=${faceId}&from=${from}&to=${to}&practitionerId=${practitionerId}`,
  });
  return availabilityResponseSchema.parse(response.json()).slots[0]!.start;
}

describe('one slot, many callers', () => {
  it(`${REQUESTS} concurrent POST /bookings for one slot: exactly one 201, the rest 409 slot_unavailable`, async () => {
    const start = await firstSlot(5);
    const responses = await Promise.all(
      patientIds.map((patientId) =>
        frontDesk.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: { 'idempotency-key': randomUUID() },
          payload: { serviceId: faceId, start, practitionerId, patientId },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(REQUESTS - 1);
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect(response.json()).toMatchObject({ code: 'slot_unavailable' });
    }
    const { rows } = await t.database.executeSql(
      "select count(*)::int as n from bookings where status = 'active' and practitioner_id = $1 and starts_at = $2::timestamptz",
      [practitionerId, start],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('the same key sent concurrently books once and replays the same answer', async () => {
    const start = await firstSlot(12);
    const key = randomUUID();
    const payload = { serviceId: faceId, start, practitionerId, patientId: patientIds[0] };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        frontDesk.inject({ method: 'POST', url: '/api/v1/bookings', headers: { 'idempotency-key': key }, payload }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(new Set(responses.map((response) => response.json<{ id: string }>().id)).size).toBe(1);
  });
});
