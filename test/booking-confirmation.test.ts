// "Books in two clicks, and gets a confirmation email with a calendar file" (issue 6):
// one message per booking or series, written in the booking's transaction, with the
// same calendar file GET /bookings/:id.ics serves, and nothing clinical in it.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  availabilityResponseSchema,
  bookingSchema,
  seriesProposalResponseSchema,
  seriesResponseSchema,
  servicesResponseSchema,
} from '../src/domain/contracts/scheduling.ts';
import { DEMO_EMAIL_DOMAIN } from '../src/db/seed/demo-clinic.ts';
import { outboxMessages } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';

const DAY_MS = 86_400_000;
const PATIENT_EMAIL = `patient1@${DEMO_EMAIL_DOMAIN}`;
let t: TestApp;
let patient: Agent;
let faceId: string;
let consultationId: string;

beforeAll(async () => {
  t = await createTestApp();
  patient = await loginAs(t, PATIENT_EMAIL);
  const services = servicesResponseSchema.parse((await t.app.inject({ url: '/api/v1/services' })).json()).services;
  faceId = services.find((service) => service.name === 'Micro-needling: face')!.id;
  consultationId = services.find((service) => service.kind === 'consultation')!.id;
});
afterAll(async () => t?.close());

async function mailTo(address: string) {
  return t.database.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address));
}

async function firstSlot(serviceId: string, fromMs: number) {
  const query = new URLSearchParams({
    serviceId,
    from: new Date(fromMs).toISOString(),
    to: new Date(fromMs + 7 * DAY_MS).toISOString(),
  });
  const response = await t.app.inject({ url: `/api/v1/availability?${query.toString()}` });
  return availabilityResponseSchema.parse(response.json()).slots[0]!;
}

it('sends one confirmation with the calendar file for a booking, none for a replay or a refusal', async () => {
  const before = (await mailTo(PATIENT_EMAIL)).length;
  const slot = await firstSlot(consultationId, Date.now() + 4 * DAY_MS);
  const key = randomUUID();
  const book = () =>
    patient.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': key },
      payload: { serviceId: consultationId, start: slot.start, practitionerId: slot.practitionerId },
    });
  const first = await book();
  expect(first.statusCode, first.body).toBe(201);
  const booking = bookingSchema.parse(first.json());
  expect((await book()).headers['idempotent-replayed']).toBe('true');
  // The same slot again under a new key: refused, and no mail for it.
  const taken = await patient.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers: { 'idempotency-key': randomUUID() },
    payload: { serviceId: consultationId, start: slot.start, practitionerId: slot.practitionerId },
  });
  expect(taken.statusCode).toBe(409);

  const mail = (await mailTo(PATIENT_EMAIL)).slice(before);
  expect(mail).toHaveLength(1);
  const [message] = mail;
  expect(message!.subject).toMatch(/^Booked: your appointment at Demo Dermatology on /);
  expect(message!.textBody).toContain('/app/appointments');
  // No service, practitioner or clinical detail.
  for (const text of [message!.subject, message!.textBody, message!.attachments![0]!.content]) {
    expect(text).not.toMatch(/consultation|micro-needling|practitioner/i);
  }
  const [attachment] = message!.attachments!;
  expect(attachment!.filename).toBe('appointment.ics');
  expect(attachment!.contentType).toMatch(/^text\/calendar/);
  // The very file the .ics route serves for this booking.
  const served = await patient.inject({ url: `/api/v1/bookings/${booking.id}.ics` });
  expect(served.statusCode).toBe(200);
  const withoutStamp = (text: string) => text.replace(/DTSTAMP:[^\r\n]*/g, '');
  expect(withoutStamp(attachment!.content)).toBe(withoutStamp(served.body));
  expect(attachment!.content).toMatch(/BEGIN:VTIMEZONE[\s\S]*TZID:America\/New_York/);
});

it('sends one confirmation listing every session of a series, with all of them in the file', async () => {
  const before = (await mailTo(PATIENT_EMAIL)).length;
  const proposal = await patient.inject({
    method: 'POST',
    url: '/api/v1/series/proposals',
    payload: {
      serviceId: faceId,
      sessions: 3,
      minGapDays: 28,
      maxGapDays: 42,
      earliestStart: new Date(Date.now() + 10 * DAY_MS).toISOString(),
    },
  });
  expect(proposal.statusCode, proposal.body).toBe(200);
  const { sessions } = seriesProposalResponseSchema.parse(proposal.json());
  const created = await patient.inject({
    method: 'POST',
    url: '/api/v1/series',
    headers: { 'idempotency-key': randomUUID() },
    payload: {
      serviceId: faceId,
      minGapDays: 28,
      maxGapDays: 42,
      sessions: sessions.map((session) => ({
        start: session.start,
        practitionerId: session.practitionerId,
      })),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const series = seriesResponseSchema.parse(created.json());
  const mail = (await mailTo(PATIENT_EMAIL)).slice(before);
  expect(mail).toHaveLength(1);
  expect(mail[0]!.subject).toMatch(/^Booked: your 3 appointments at Demo Dermatology, from /);
  // Long lines are folded (RFC 5545): unfold before looking for the UIDs.
  const file = mail[0]!.attachments![0]!.content.replace(/\r\n[ \t]/g, '');
  expect(file.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  for (const booking of series.bookings) expect(file).toContain(booking.id);
});
