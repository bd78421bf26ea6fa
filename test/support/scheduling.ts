// What the scheduling tests share: the demo clinic's front desk and patients signed in,
// availability as the API answers it, and booking requests with an Idempotency-Key.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_EMAIL_DOMAIN } from '../../src/db/seed/demo-clinic.ts';
import {
  availabilityResponseSchema,
  servicesResponseSchema,
  type SlotView,
} from '../../src/domain/contracts/scheduling.ts';
import type { TestApp } from './app.ts';
import { loginAs, type Agent } from './auth.ts';
import { demoIds } from './factories.ts';

export interface DemoSchedulingCast {
  frontDesk: Agent;
  patient1: Agent;
  patient2: Agent;
  practitioner1: string;
  practitioner2: string;
  patient1Id: string;
  patient2Id: string;
  /** The demo "Micro-needling: face" treatment. */
  faceId: string;
}

/** The demo clinic's front desk and two patients, signed in, with the ids the scheduling tests book with. */
export async function signInDemoSchedulingCast(t: TestApp): Promise<DemoSchedulingCast> {
  const ids = await demoIds(t.database);
  const services = servicesResponseSchema.parse((await t.app.inject({ url: '/api/v1/services' })).json()).services;
  return {
    frontDesk: await loginAs(t, `frontdesk@${DEMO_EMAIL_DOMAIN}`),
    patient1: await loginAs(t, `patient1@${DEMO_EMAIL_DOMAIN}`),
    patient2: await loginAs(t, `patient2@${DEMO_EMAIL_DOMAIN}`),
    practitioner1: ids.userIdOf(`practitioner1@${DEMO_EMAIL_DOMAIN}`),
    practitioner2: ids.userIdOf(`practitioner2@${DEMO_EMAIL_DOMAIN}`),
    patient1Id: ids.patientIdOf(`patient1@${DEMO_EMAIL_DOMAIN}`),
    patient2Id: ids.patientIdOf(`patient2@${DEMO_EMAIL_DOMAIN}`),
    faceId: services.find((service) => service.name === 'Micro-needling: face')!.id,
  };
}

/** GET /api/v1/availability for a service between two instants: anonymously, or as `agent`. */
export async function availableSlots(
  t: TestApp,
  serviceId: string,
  fromMs: number,
  toMs: number,
  practitionerId?: string,
  agent?: Agent,
): Promise<SlotView[]> {
  const query = new URLSearchParams({
    serviceId,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
  });
  if (practitionerId !== undefined) query.set('practitionerId', practitionerId);
  const request = { method: 'GET' as const, url: `/api/v1/availability?${query.toString()}` };
  const response = agent === undefined ? await t.app.inject(request) : await agent.inject(request);
  expect(response.statusCode, response.body).toBe(200);
  return availabilityResponseSchema.parse(response.json()).slots;
}

/** POST /api/v1/bookings, with a fresh Idempotency-Key unless the test gives one. */
export function postBooking(agent: Agent, body: Record<string, unknown>, key: string = randomUUID()) {
  return agent.inject({ method: 'POST', url: '/api/v1/bookings', headers: { 'idempotency-key': key }, payload: body });
}
