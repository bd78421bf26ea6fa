// Patient records through the API: staff of the clinic see its patients, front
// desk without clinical fields (absent, not empty), a patient sees their own
// record and who touched it, and every read is on the record.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import {
  createClinic,
  createPatient,
  createStaff,
  demoClinic,
  demoIds,
  type TestPatient,
} from './support/factories.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let frontDesk: Agent;
let practitioner: Agent;
let admin: Agent;
let patient1: Agent;
let withNotes: TestPatient;
let sameOrganizationPatient: TestPatient;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  const demo = await demoClinic(t.database);
  withNotes = await createPatient(t.database, {
    clinicId: demo.clinicId,
    givenName: 'Noor',
    clinicalNotes: 'Isotretinoin stopped 2023-01; keloid history: none.',
  });
  const sister = await createClinic(t.database, { organizationId: demo.organizationId, name: 'Demo Brooklyn' });
  sameOrganizationPatient = await createPatient(t.database, { clinicId: sister.clinicId, givenName: 'Brook' });
  [frontDesk, practitioner, admin, patient1] = await Promise.all([
    loginAs(t, 'frontdesk@demo.puncta.test'),
    loginAs(t, 'practitioner1@demo.puncta.test'),
    loginAs(t, 'admin@demo.puncta.test'),
    loginAs(t, 'patient1@demo.puncta.test'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

interface PatientRow {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
}

describe('GET /api/v1/patients', () => {
  it("lists the clinic's patients with contact fields only, for every staff role", async () => {
    for (const agent of [frontDesk, practitioner, admin]) {
      const response = await agent.inject({ method: 'GET', url: '/api/v1/patients' });
      expect(response.statusCode).toBe(200);
      const { patients } = response.json<{ patients: PatientRow[] }>();
      expect(patients.map((patient) => patient.givenName).sort()).toEqual(['Noor', 'Riley', 'Sam']);
      for (const patient of patients) {
        expect(Object.keys(patient).sort()).toEqual(['email', 'familyName', 'givenName', 'id', 'phone']);
      }
    }
  });

  it("never includes a sister clinic's patients", async () => {
    const response = await admin.inject({ method: 'GET', url: '/api/v1/patients' });
    expect(response.body).not.toContain(sameOrganizationPatient.patientId);
    expect(response.body).not.toContain('Brook');
  });
});

describe('GET /api/v1/patients/:id', () => {
  it('shows clinical notes to practitioners and clinic admins', async () => {
    for (const agent of [practitioner, admin]) {
      const response = await agent.inject({ method: 'GET', url: `/api/v1/patients/${withNotes.patientId}` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        id: withNotes.patientId,
        givenName: 'Noor',
        familyName: 'Example',
        email: null,
        phone: '+1 555 0100',
        dateOfBirth: '1990-01-01',
        clinicalNotes: 'Isotretinoin stopped 2023-01; keloid history: none.',
      });
    }
  });

  it('leaves the clinical fields out entirely for front desk', async () => {
    const response = await frontDesk.inject({ method: 'GET', url: `/api/v1/patients/${withNotes.patientId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body).not.toHaveProperty('clinicalNotes');
    expect(body).toMatchObject({ id: withNotes.patientId, givenName: 'Noor', dateOfBirth: '1990-01-01' });
    expect(response.body).not.toContain('Isotretinoin');
  });

  it('keeps clinical notes null, not absent, for clinical roles when none are written', async () => {
    const id = ids.patientIdOf('patient2@demo.puncta.test');
    const response = await practitioner.inject({ method: 'GET', url: `/api/v1/patients/${id}` });
    expect(response.json()).toHaveProperty('clinicalNotes', null);
  });

  it('follows a role change at once: a practitioner moved to front desk stops seeing notes', async () => {
    const userId = ids.userIdOf('practitioner2@demo.puncta.test');
    const practitioner2 = await loginAs(t, 'practitioner2@demo.puncta.test');
    const url = `/api/v1/patients/${withNotes.patientId}`;
    expect((await practitioner2.inject({ method: 'GET', url })).json()).toHaveProperty('clinicalNotes');
    const demoted = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${userId}`,
      payload: { role: 'front_desk' },
    });
    expect(demoted.statusCode).toBe(200);
    try {
      const after = await practitioner2.inject({ method: 'GET', url });
      expect(after.statusCode).toBe(200);
      expect(after.json()).not.toHaveProperty('clinicalNotes');
    } finally {
      await admin.inject({ method: 'PATCH', url: `/api/v1/staff/${userId}`, payload: { role: 'practitioner' } });
    }
  });

  it("answers 404 for a sister clinic's patient and for an unknown id alike", async () => {
    const foreign = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/patients/${sameOrganizationPatient.patientId}`,
    });
    const unknown = await practitioner.inject({
      method: 'GET',
      url: '/api/v1/patients/6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11',
    });
    expect(foreign.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const { requestId: _a, ...foreignProblem } = foreign.json<Record<string, unknown>>();
    const { requestId: _b, ...unknownProblem } = unknown.json<Record<string, unknown>>();
    expect(foreignProblem).toEqual(unknownProblem);
  });

  it('rejects an id that is not a uuid', async () => {
    const response = await practitioner.inject({ method: 'GET', url: '/api/v1/patients/1%20or%201=1' });
    expect(response.statusCode).toBe(400);
  });
});

describe('GET /api/v1/me/patient', () => {
  it('shows the patient their own record, without clinical fields', async () => {
    const response = await patient1.inject({ method: 'GET', url: '/api/v1/me/patient' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: ids.patientIdOf('patient1@demo.puncta.test'),
      givenName: 'Sam',
      familyName: 'Patel',
      email: 'patient1@demo.puncta.test',
      phone: null,
      dateOfBirth: '1991-04-12',
    });
  });

  it('ignores any id a caller slips into the request', async () => {
    const other = ids.patientIdOf('patient2@demo.puncta.test');
    const response = await patient1.inject({ method: 'GET', url: `/api/v1/me/patient?id=${other}&patientId=${other}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ givenName: 'Sam' });
  });
});

interface AccessLog {
  events: { occurredAt: string; actorName: string | null; actorRole: string | null; action: string; outcome: string }[];
}

describe('GET /api/v1/me/access-log', () => {
  it('shows the patient who read their record, newest first, and nothing about others', async () => {
    const patient1Id = ids.patientIdOf('patient1@demo.puncta.test');
    const patient2Id = ids.patientIdOf('patient2@demo.puncta.test');
    await practitioner.inject({ method: 'GET', url: `/api/v1/patients/${patient1Id}` });
    await frontDesk.inject({ method: 'GET', url: `/api/v1/patients/${patient1Id}` });
    await admin.inject({ method: 'GET', url: `/api/v1/patients/${patient2Id}` });

    const response = await patient1.inject({ method: 'GET', url: '/api/v1/me/access-log' });
    expect(response.statusCode).toBe(200);
    const { events } = response.json<AccessLog>();
    const others = events.filter((event) => event.actorRole !== 'patient');
    expect(others.slice(0, 2).map(({ occurredAt: _at, ...event }) => event)).toEqual([
      {
        actorName: 'Jordan Lee',
        actorRole: 'front_desk',
        action: 'read',
        outcome: 'allowed',
      },
      {
        actorName: 'Dr. Maya Okafor',
        actorRole: 'practitioner',
        action: 'read',
        outcome: 'allowed',
      },
    ]);
    expect(events.some((event) => event.actorName === 'Alex Morgan')).toBe(false);
    const times = events.map((event) => Date.parse(event.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('includes refused attempts from outside the clinic', async () => {
    const outsider = await createClinic(t.database);
    const stranger = await createStaff(t.database, {
      clinicId: outsider.clinicId,
      role: 'practitioner',
      displayName: 'Outside Practitioner',
    });
    const agent = await loginAs(t, stranger.email);
    const patient1Id = ids.patientIdOf('patient1@demo.puncta.test');
    expect((await agent.inject({ method: 'GET', url: `/api/v1/patients/${patient1Id}` })).statusCode).toBe(404);
    const { events } = (await patient1.inject({ method: 'GET', url: '/api/v1/me/access-log' })).json<AccessLog>();
    expect(events[0]).toMatchObject({
      actorName: 'Outside Practitioner',
      actorRole: 'practitioner',
      action: 'access_denied',
      outcome: 'denied',
    });
  });
});

describe('every read of a patient record is audited', () => {
  it('writes a read row per record read, in the reader’s clinic', async () => {
    const count = async () =>
      (
        await t.database.db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(and(eq(auditEvents.patientId, withNotes.patientId), eq(auditEvents.action, 'read')))
      ).length;
    const before = await count();
    await frontDesk.inject({ method: 'GET', url: `/api/v1/patients/${withNotes.patientId}` });
    await practitioner.inject({ method: 'GET', url: `/api/v1/patients/${withNotes.patientId}` });
    await practitioner.inject({ method: 'HEAD', url: `/api/v1/patients/${withNotes.patientId}` });
    expect(await count()).toBe(before + 3);
  });
});
