// Scheduling set-up API (issue 6): working hours, time blocks (the exclusion
// constraints refuse overlaps), booking rules, service settings, holidays and the
// waitlist with its offers; each write audited, another clinic's ids 404.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, services } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { auditRows, loginAs, type Agent } from './support/auth.ts';
import { createClinic, createStaff, demoClinic, demoIds, type ClinicIds } from './support/factories.ts';

let t: TestApp;
let demo: ClinicIds;
let other: ClinicIds;
let ids: Awaited<ReturnType<typeof demoIds>>;
let admin: Agent;
let frontDesk: Agent;
let practitioner: Agent;
let patient: Agent;
let maya: string;
let second: string;
let otherPractitioner: string;
let serviceId: string;
let otherServiceId: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await demoClinic(t.database);
  other = await createClinic(t.database, { name: 'Elsewhere' });
  ids = await demoIds(t.database);
  admin = await loginAs(t, 'admin@demo.puncta.test');
  frontDesk = await loginAs(t, 'frontdesk@demo.puncta.test');
  practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');
  patient = await loginAs(t, 'patient1@demo.puncta.test');
  maya = ids.userIdOf('practitioner1@demo.puncta.test');
  second = ids.userIdOf('practitioner2@demo.puncta.test');
  otherPractitioner = (await createStaff(t.database, { clinicId: other.clinicId, role: 'practitioner' })).userId;
  const [service] = await t.database.db
    .select({ id: services.id })
    .from(services)
    .where(eq(services.clinicId, demo.clinicId))
    .limit(1);
  serviceId = service!.id;
  const [foreign] = await t.database.db
    .insert(services)
    .values({
      clinicId: other.clinicId,
      code: 'consult',
      name: 'Consultation',
      kind: 'consultation',
      description: 'Elsewhere',
      durationMinutes: 30,
      priceCents: 5000,
    })
    .returning({ id: services.id });
  otherServiceId = foreign!.id;
});
afterAll(async () => {
  await t?.close();
});

const week = [
  { weekday: 1, startsAt: '09:00', endsAt: '12:00' },
  { weekday: 1, startsAt: '13:00', endsAt: '17:00' },
  { weekday: 3, startsAt: '10:00', endsAt: '18:30' },
];

describe('working hours', () => {
  it('a practitioner replaces their own week; anyone on staff reads it; audited', async () => {
    const put = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/practitioners/${maya}/working-hours`,
      payload: { hours: week },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ userId: maya, timeZone: 'America/New_York', hours: week });
    const replaced = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/practitioners/${maya}/working-hours`,
      payload: { hours: [{ weekday: 5, startsAt: '08:00', endsAt: '24:00' }] },
    });
    expect(replaced.json<{ hours: unknown[] }>().hours).toEqual([{ weekday: 5, startsAt: '08:00', endsAt: '24:00' }]);
    const read = await frontDesk.inject({ method: 'GET', url: `/api/v1/practitioners/${maya}/working-hours` });
    expect(read.json<{ hours: unknown[] }>().hours).toHaveLength(1);
    const rows = await auditRows(t, 'working_hours_changed');
    expect(rows.filter((row) => row.resource_id === maya)).toHaveLength(2);
  });

  it("a practitioner may not change a colleague's hours (403, audited); an admin may", async () => {
    const refused = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/practitioners/${second}/working-hours`,
      payload: { hours: week },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('not_your_hours');
    const allowed = await admin.inject({
      method: 'PUT',
      url: `/api/v1/practitioners/${second}/working-hours`,
      payload: { hours: week },
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('refuses bad spans, overlaps and unknown fields', async () => {
    const bad = [
      { hours: [{ weekday: 0, startsAt: '09:00', endsAt: '10:00' }] },
      { hours: [{ weekday: 8, startsAt: '09:00', endsAt: '10:00' }] },
      { hours: [{ weekday: 1, startsAt: '9:00', endsAt: '10:00' }] },
      { hours: [{ weekday: 1, startsAt: '11:00', endsAt: '10:00' }] },
      { hours: [{ weekday: 1, startsAt: '24:30', endsAt: '25:00' }] },
      {
        hours: [
          { weekday: 2, startsAt: '09:00', endsAt: '12:00' },
          { weekday: 2, startsAt: '11:00', endsAt: '13:00' },
        ],
      },
      { hours: [{ weekday: 1, startsAt: '09:00', endsAt: '10:00', clinicId: demo.clinicId }] },
      { hours: [], extra: true },
    ];
    for (const payload of bad) {
      const response = await admin.inject({
        method: 'PUT',
        url: `/api/v1/practitioners/${maya}/working-hours`,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it("another clinic's practitioner is 404, audited", async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const response = await admin.inject({
        method,
        url: `/api/v1/practitioners/${otherPractitioner}/working-hours`,
        ...(method === 'PUT' ? { payload: { hours: week } } : {}),
      });
      expect(response.statusCode).toBe(404);
    }
    const denied = await auditRows(t, 'access_denied');
    expect(denied.filter((row) => row.resource_id === otherPractitioner).length).toBeGreaterThanOrEqual(2);
  });
});

describe('time blocks', () => {
  const start = '2030-03-04T09:00:00-05:00';
  const end = '2030-03-04T11:00:00-05:00';

  it('blocks a practitioner; an overlap is 409 slot_unavailable; touching is fine; removing frees it', async () => {
    const created = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: { practitionerId: maya, start, end, note: 'Training' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const block = created.json<{ id: string; start: string; end: string; practitionerId: string }>();
    expect(block).toMatchObject({ practitionerId: maya, start, end, roomId: null, deviceId: null, note: 'Training' });
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, block.id));
    expect(row).toMatchObject({ kind: 'block', status: 'active', clinicId: demo.clinicId });

    const overlap = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: { practitionerId: maya, start: '2030-03-04T10:59:00-05:00', end: '2030-03-04T12:00:00-05:00' },
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json<{ code: string }>().code).toBe('slot_unavailable');

    const touching = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: { practitionerId: maya, start: end, end: '2030-03-04T12:00:00-05:00' },
    });
    expect(touching.statusCode, touching.body).toBe(201);

    const listed = await frontDesk.inject({
      method: 'GET',
      url: '/api/v1/time-blocks?from=2030-03-04T00:00:00-05:00&to=2030-03-05T00:00:00-05:00',
    });
    expect(listed.json<{ blocks: { id: string }[] }>().blocks.map((b) => b.id)).toContain(block.id);

    const removed = await frontDesk.inject({ method: 'DELETE', url: `/api/v1/time-blocks/${block.id}` });
    expect(removed.statusCode).toBe(204);
    const again = await frontDesk.inject({ method: 'DELETE', url: `/api/v1/time-blocks/${block.id}` });
    expect(again.statusCode).toBe(404);
    const retry = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: { practitionerId: maya, start: '2030-03-04T10:00:00-05:00', end },
    });
    expect(retry.statusCode, retry.body).toBe(201);
    expect((await auditRows(t, 'time_block_created')).length).toBeGreaterThanOrEqual(3);
    expect((await auditRows(t, 'time_block_removed')).map((r) => r.resource_id)).toContain(block.id);
  });

  it('refuses naive times, end before start, no resource, and another clinic’s resources', async () => {
    const bad = [
      { practitionerId: maya, start: '2030-03-05T09:00:00', end: '2030-03-05T10:00:00' },
      { practitionerId: maya, start: end, end: start },
      { start, end },
      { practitionerId: maya, start, end, clinicId: other.clinicId },
    ];
    for (const payload of bad) {
      const response = await frontDesk.inject({ method: 'POST', url: '/api/v1/time-blocks', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const foreign = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: {
        practitionerId: otherPractitioner,
        start: '2030-04-01T09:00:00-04:00',
        end: '2030-04-01T10:00:00-04:00',
      },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it("another clinic's block cannot be removed (404, and it stays)", async () => {
    const [foreignBlock] = await t.database.db
      .insert(bookings)
      .values({
        clinicId: other.clinicId,
        kind: 'block',
        practitionerId: otherPractitioner,
        startsAt: new Date('2030-05-01T14:00:00Z'),
        endsAt: new Date('2030-05-01T15:00:00Z'),
        occupied: '[2030-05-01T14:00:00Z,2030-05-01T15:00:00Z)',
      })
      .returning({ id: bookings.id });
    const response = await admin.inject({ method: 'DELETE', url: `/api/v1/time-blocks/${foreignBlock!.id}` });
    expect(response.statusCode).toBe(404);
    const [row] = await t.database.db
      .select({ status: bookings.status })
      .from(bookings)
      .where(and(eq(bookings.id, foreignBlock!.id)));
    expect(row!.status).toBe('active');
  });
});

describe('booking rules', () => {
  const rules = {
    minNoticeMinutes: 60,
    maxDaysAhead: 120,
    cancelNoticeHours: 48,
    slotStepMinutes: 30,
    dailyCapPerPractitioner: 8,
    reminderOffsetsHours: [72, 4],
    holdMinutes: 10,
  };

  it('saves and reads the rules; audited; admin only', async () => {
    const before = await admin.inject({ method: 'GET', url: '/api/v1/booking-rules' });
    expect(before.statusCode).toBe(200);
    const put = await admin.inject({ method: 'PUT', url: '/api/v1/booking-rules', payload: rules });
    expect(put.statusCode, put.body).toBe(200);
    const after = await admin.inject({ method: 'GET', url: '/api/v1/booking-rules' });
    expect(after.json()).toMatchObject({ customised: true, rules });
    expect((await auditRows(t, 'booking_rules_changed')).length).toBe(1);
    expect((await frontDesk.inject({ method: 'PUT', url: '/api/v1/booking-rules', payload: rules })).statusCode).toBe(
      403,
    );
  });

  it('refuses out-of-range and unknown fields', async () => {
    for (const change of [
      { slotStepMinutes: 7 },
      { minNoticeMinutes: -1 },
      { maxDaysAhead: 0 },
      { reminderOffsetsHours: [2, 2] },
      { holdMinutes: 0 },
      { surprise: 1 },
    ]) {
      const response = await admin.inject({
        method: 'PUT',
        url: '/api/v1/booking-rules',
        payload: { ...rules, ...change },
      });
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
    }
  });
});

describe('service settings', () => {
  it('changes duration, buffers, price, active and practitioners; audited', async () => {
    const response = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: {
        durationMinutes: 75,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 15,
        priceCents: 42_000,
        practitionerIds: [maya, second],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: serviceId,
      durationMinutes: 75,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 15,
      priceCents: 42_000,
      active: true,
      practitionerIds: [maya, second].sort(),
    });
    const narrowed = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { practitionerIds: [maya] },
    });
    expect(narrowed.json()).toMatchObject({ durationMinutes: 75, practitionerIds: [maya] });
    const read = await frontDesk.inject({ method: 'GET', url: `/api/v1/services/${serviceId}/settings` });
    expect(read.json()).toMatchObject({ practitionerIds: [maya] });
    expect((await auditRows(t, 'service_changed')).length).toBe(2);
  });

  it("refuses an empty change, bad values, another clinic's service and practitioner", async () => {
    for (const payload of [
      {},
      { durationMinutes: 0 },
      { priceCents: -1 },
      { currency: 'EUR' },
      { practitionerIds: [maya, maya] },
    ]) {
      const response = await admin.inject({ method: 'PATCH', url: `/api/v1/services/${serviceId}`, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const foreign = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${otherServiceId}`,
      payload: { active: false },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignPerson = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { practitionerIds: [otherPractitioner] },
    });
    expect(foreignPerson.statusCode).toBe(404);
    const [row] = await t.database.db
      .select({ active: services.active })
      .from(services)
      .where(eq(services.id, otherServiceId));
    expect(row!.active).toBe(true);
  });
});

describe('holidays', () => {
  it('adds, lists, renames and removes; admin only to write', async () => {
    const added = await admin.inject({
      method: 'POST',
      url: '/api/v1/holidays',
      payload: { day: '2030-12-25', name: 'Christmas' },
    });
    expect(added.statusCode, added.body).toBe(201);
    await admin.inject({
      method: 'POST',
      url: '/api/v1/holidays',
      payload: { day: '2030-12-25', name: 'Christmas Day' },
    });
    const listed = await frontDesk.inject({ method: 'GET', url: '/api/v1/holidays' });
    expect(listed.json()).toEqual({ holidays: [{ day: '2030-12-25', name: 'Christmas Day' }] });
    expect(
      (await frontDesk.inject({ method: 'POST', url: '/api/v1/holidays', payload: { day: '2030-12-26', name: 'x' } }))
        .statusCode,
    ).toBe(403);
    for (const day of ['2030-02-30', '25/12/2030']) {
      const bad = await admin.inject({ method: 'POST', url: '/api/v1/holidays', payload: { day, name: 'Bad' } });
      expect(bad.statusCode).toBe(400);
    }
    expect((await admin.inject({ method: 'DELETE', url: '/api/v1/holidays/2030-12-25' })).statusCode).toBe(204);
    expect((await admin.inject({ method: 'DELETE', url: '/api/v1/holidays/2030-12-25' })).statusCode).toBe(404);
    expect((await auditRows(t, 'holiday_added')).length).toBe(2);
    expect((await auditRows(t, 'holiday_removed')).length).toBe(1);
  });
});

describe('waitlist', () => {
  it('staff add patients; offers go only to windows containing the slot, longest waiting first', async () => {
    const sam = ids.patientIdOf('patient1@demo.puncta.test');
    const riley = ids.patientIdOf('patient2@demo.puncta.test');
    const add = (payload: Record<string, unknown>) =>
      frontDesk.inject({ method: 'POST', url: '/api/v1/waitlist', payload });
    const first = await add({ patientId: sam, serviceId, windowStart: '2030-06-01', windowEnd: '2030-06-14' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ patientId: sam, patientName: 'Sam Patel', practitionerId: null });
    const secondEntry = await add({
      patientId: riley,
      serviceId,
      practitionerId: second,
      windowStart: '2030-06-10',
      windowEnd: '2030-06-20',
    });
    expect(secondEntry.statusCode, secondEntry.body).toBe(201);
    // 23:30 in New York on 14 June is already 15 June in UTC: the clinic's local date counts.
    const offers = async (start: string, practitionerId: string) =>
      (
        await frontDesk.inject({
          method: 'GET',
          url: `/api/v1/waitlist/offers?start=${encodeURIComponent(start)}&practitionerId=${practitionerId}&serviceId=${serviceId}`,
        })
      )
        .json<{ entries: { patientId: string }[] }>()
        .entries.map((entry) => entry.patientId);
    expect(await offers('2030-06-12T10:00:00-04:00', second)).toEqual([sam, riley]);
    expect(await offers('2030-06-12T10:00:00-04:00', maya)).toEqual([sam]);
    expect(await offers('2030-06-14T23:30:00-04:00', maya)).toEqual([sam]);
    expect(await offers('2030-06-18T10:00:00-04:00', maya)).toEqual([]);
    expect(await offers('2030-06-18T10:00:00-04:00', second)).toEqual([riley]);

    const listed = await frontDesk.inject({ method: 'GET', url: '/api/v1/waitlist' });
    expect(listed.json<{ entries: unknown[] }>().entries).toHaveLength(2);
    expect((await auditRows(t, 'waitlist_entry_added')).length).toBe(2);
  });

  it("refuses a window that ends first, another clinic's service, and patients", async () => {
    const sam = ids.patientIdOf('patient1@demo.puncta.test');
    const backwards = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/waitlist',
      payload: { patientId: sam, serviceId, windowStart: '2030-06-10', windowEnd: '2030-06-01' },
    });
    expect(backwards.statusCode).toBe(400);
    const foreign = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/waitlist',
      payload: { patientId: sam, serviceId: otherServiceId, windowStart: '2030-06-01', windowEnd: '2030-06-10' },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await patient.inject({ method: 'GET', url: '/api/v1/waitlist' })).statusCode).toBe(403);
  });
});

describe('calendar resources', () => {
  it('shows a clinic admin as a practitioner column only while they give a service', async () => {
    const adminId = ids.userIdOf('admin@demo.puncta.test');
    const columns = async () =>
      (await frontDesk.inject({ method: 'GET', url: '/api/v1/calendar/resources' }))
        .json<{ practitioners: { id: string }[] }>()
        .practitioners.map((p) => p.id);
    expect(await columns()).not.toContain(adminId);
    expect(await columns()).not.toContain(ids.userIdOf('frontdesk@demo.puncta.test'));
    const settings = (await admin.inject({ method: 'GET', url: `/api/v1/services/${serviceId}/settings` })).json<{
      practitionerIds: string[];
    }>();
    const givesIt = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { practitionerIds: [...settings.practitionerIds, adminId] },
    });
    expect(givesIt.statusCode, givesIt.body).toBe(200);
    expect(await columns()).toContain(adminId);
    await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { practitionerIds: settings.practitionerIds },
    });
    expect(await columns()).not.toContain(adminId);
  });

  it("lists the clinic's practitioners, rooms and devices with its zone", async () => {
    const response = await frontDesk.inject({ method: 'GET', url: '/api/v1/calendar/resources' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      timeZone: string;
      practitioners: { id: string }[];
      rooms: unknown[];
      devices: unknown[];
    }>();
    expect(body.timeZone).toBe('America/New_York');
    expect(body.practitioners.map((p) => p.id)).toEqual(expect.arrayContaining([maya, second]));
    expect(body.rooms).toHaveLength(2);
    expect(body.devices).toHaveLength(2);
  });
});

describe('practitioners', () => {
  it('lists practitioners and clinic admins with their role and whether they give services; staff only', async () => {
    const response = await frontDesk.inject({ method: 'GET', url: '/api/v1/practitioners' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      timeZone: string;
      practitioners: { id: string; name: string; role: string; givesServices: boolean }[];
    }>();
    expect(body.timeZone).toBe('America/New_York');
    const byId = new Map(body.practitioners.map((person) => [person.id, person]));
    expect(byId.get(maya)).toMatchObject({ role: 'practitioner' });
    expect(byId.get(ids.userIdOf('admin@demo.puncta.test'))).toMatchObject({
      role: 'clinic_admin',
      givesServices: false,
    });
    expect(byId.has(ids.userIdOf('frontdesk@demo.puncta.test'))).toBe(false);
    expect(byId.has(otherPractitioner)).toBe(false);
    expect((await patient.inject({ method: 'GET', url: '/api/v1/practitioners' })).statusCode).toBe(403);
  });
});

describe('service settings list and the fields of a service', () => {
  it("lists every service of the clinic, inactive ones too, and never another clinic's", async () => {
    await admin.inject({ method: 'PATCH', url: `/api/v1/services/${serviceId}`, payload: { active: false } });
    const response = await frontDesk.inject({ method: 'GET', url: '/api/v1/service-settings' });
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json<{ services: { id: string; active: boolean; needsRoom: boolean }[] }>().services;
    expect(list.length).toBeGreaterThan(1);
    expect(list.find((service) => service.id === serviceId)).toMatchObject({ active: false, needsRoom: true });
    expect(list.map((service) => service.id)).not.toContain(otherServiceId);
    expect(response.body).not.toMatch(/clinical|description/i);
    await admin.inject({ method: 'PATCH', url: `/api/v1/services/${serviceId}`, payload: { active: true } });
    expect((await patient.inject({ method: 'GET', url: '/api/v1/service-settings' })).statusCode).toBe(403);
  });

  it('renames a service and changes its kind, room and device needs; audited; refuses bad values', async () => {
    const before = (await admin.inject({ method: 'GET', url: `/api/v1/services/${serviceId}/settings` })).json<{
      name: string;
      kind: string;
      deviceClass: string | null;
    }>();
    const changed = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { name: '  Skin check  ', kind: 'consultation', needsRoom: false, deviceClass: 'roller' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Skin check',
      kind: 'consultation',
      needsRoom: false,
      deviceClass: 'roller',
    });
    const cleared = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { deviceClass: null, needsRoom: true },
    });
    expect(cleared.json()).toMatchObject({ name: 'Skin check', deviceClass: null, needsRoom: true });
    for (const payload of [{ name: '   ' }, { kind: 'surgery' }, { deviceClass: 'laser' }, { needsRoom: 'yes' }]) {
      const response = await admin.inject({ method: 'PATCH', url: `/api/v1/services/${serviceId}`, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(
      (
        await practitioner.inject({
          method: 'PATCH',
          url: `/api/v1/services/${serviceId}`,
          payload: { name: 'Mine now' },
        })
      ).statusCode,
    ).toBe(403);
    const restored = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      payload: { name: before.name, kind: before.kind, deviceClass: before.deviceClass },
    });
    expect(restored.statusCode, restored.body).toBe(200);
    const audited = await auditRows(t, 'service_changed');
    expect(audited.filter((row) => row.resource_id === serviceId).length).toBeGreaterThanOrEqual(3);
  });
});

describe("a practitioner's time off", () => {
  it('lists only the blocks of the practitioner asked for', async () => {
    const from = '2031-02-03T00:00:00-05:00';
    const to = '2031-02-06T00:00:00-05:00';
    const mine = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: { practitionerId: maya, start: from, end: '2031-02-05T00:00:00-05:00', note: 'Conference' },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/time-blocks',
      payload: { practitionerId: second, start: from, end: to, note: 'Leave' },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const query = new URLSearchParams({ from, to, practitionerId: maya }).toString();
    const listed = await practitioner.inject({ method: 'GET', url: `/api/v1/time-blocks?${query}` });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ blocks: { id: string; note: string }[] }>().blocks).toEqual([
      expect.objectContaining({ id: mine.json<{ id: string }>().id, note: 'Conference' }),
    ]);
    const all = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/time-blocks?${new URLSearchParams({ from, to }).toString()}`,
    });
    expect(all.json<{ blocks: unknown[] }>().blocks).toHaveLength(2);
    const bad = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/time-blocks?${new URLSearchParams({ from, to, practitionerId: 'nope' }).toString()}`,
    });
    expect(bad.statusCode).toBe(400);
  });
});
