// Staff management by a clinic admin: the staff list, invitations by email,
// role changes, deactivation and ending someone's sessions, all scoped to the
// admin's clinic and never leaving a clinic without an active admin.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTokens, clinicMemberships, outboxMessages, sessions, users } from '../src/db/schema.ts';
import { sha256Hex } from '../src/platform/secrets.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { agentFor, loginAs, sameOrigin, sessionCookieFrom, type Agent } from './support/auth.ts';
import { addMembership, createClinic, createStaff, demoClinic, demoIds, type ClinicIds } from './support/factories.ts';

let t: TestApp;
let demo: ClinicIds;
let sister: ClinicIds;
let ids: Awaited<ReturnType<typeof demoIds>>;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  demo = await demoClinic(t.database);
  sister = await createClinic(t.database, { organizationId: demo.organizationId, name: 'Demo Brooklyn' });
  ids = await demoIds(t.database);
  admin = await loginAs(t, 'admin@demo.puncta.test');
});
afterAll(async () => {
  await t?.close();
});

interface StaffMember {
  userId: string;
  displayName: string;
  email: string;
  role: string;
  title: string | null;
  deactivatedAt: string | null;
  mfaEnrolled: boolean;
}

async function staffList(): Promise<StaffMember[]> {
  const response = await admin.inject({ method: 'GET', url: '/api/v1/staff' });
  expect(response.statusCode).toBe(200);
  return response.json<{ staff: StaffMember[] }>().staff;
}

/** The agent's session switched to act in this clinic (a new session id). */
async function actingIn(agent: Agent, clinicId: string): Promise<Agent> {
  const response = await agent.inject({ method: 'POST', url: '/api/v1/auth/session/clinic', payload: { clinicId } });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = sessionCookieFrom(response);
  if (cookie === undefined) throw new Error('the clinic switch set no session cookie');
  return agentFor(t, { cookie, csrfToken: response.json<{ csrfToken: string }>().csrfToken, user: agent.user });
}

async function liveSessions(userId: string, clinicId: string): Promise<number> {
  const rows = await t.database.db
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.clinicId, clinicId), isNull(sessions.revokedAt)));
  return rows.length;
}

describe('GET /api/v1/staff', () => {
  it("lists the clinic's staff with role, title and MFA state, and no secrets", async () => {
    const response = await admin.inject({ method: 'GET', url: '/api/v1/staff' });
    const staff = response.json<{ staff: StaffMember[] }>().staff;
    expect(staff.find((member) => member.email === 'practitioner1@demo.puncta.test')).toEqual({
      userId: ids.userIdOf('practitioner1@demo.puncta.test'),
      displayName: 'Dr. Maya Okafor',
      email: 'practitioner1@demo.puncta.test',
      role: 'practitioner',
      title: 'Board-certified dermatologist (MD)',
      deactivatedAt: null,
      mfaEnrolled: false,
    });
    expect(staff.map((member) => member.role).sort()).toEqual(
      ['clinic_admin', 'front_desk', 'practitioner', 'practitioner'].sort(),
    );
    expect(response.body).not.toMatch(/argon2|password|patient1@/);
  });

  it("does not show a sister clinic's staff", async () => {
    const elsewhere = await createStaff(t.database, { clinicId: sister.clinicId, role: 'front_desk' });
    expect((await staffList()).some((member) => member.userId === elsewhere.userId)).toBe(false);
  });
});

describe('POST /api/v1/staff/invitations', () => {
  it('stores only a hash of a random token and emails the link', async () => {
    const response = await admin.inject({
      method: 'POST',
      url: '/api/v1/staff/invitations',
      payload: { email: 'Casey.Nurse@People.test', displayName: 'Casey Nurse', role: 'practitioner' },
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'invitation_sent' });

    const [user] = await t.database.db.select().from(users).where(eq(users.email, 'Casey.Nurse@People.test'));
    expect(user).toMatchObject({ displayName: 'Casey Nurse', passwordHash: null, emailVerifiedAt: null });
    const [token] = await t.database.db.select().from(authTokens).where(eq(authTokens.userId, user!.id));
    expect(token).toMatchObject({ purpose: 'staff_invite', clinicId: demo.clinicId, usedAt: null });
    expect(token?.payload).toMatchObject({ role: 'practitioner' });
    expect(token!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const lifetimeDays = (token!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(6.9);
    expect(lifetimeDays).toBeLessThanOrEqual(7);

    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'Casey.Nurse@People.test'));
    expect(mail?.clinicId).toBe(demo.clinicId);
    const link = new RegExp(`${t.config.http.publicUrl}/app/accept-invitation\\?token=([A-Za-z0-9_-]{43})`).exec(
      mail!.textBody,
    );
    expect(link, mail!.textBody).not.toBeNull();
    expect(sha256Hex(decodeURIComponent(link![1]!))).toBe(token!.tokenHash);
    expect(mail!.textBody).toContain('Demo Dermatology');
  });

  it('lets the invited person accept, join with the role and sign in', async () => {
    await admin.inject({
      method: 'POST',
      url: '/api/v1/staff/invitations',
      payload: { email: 'robin@people.test', displayName: 'Robin', role: 'front_desk' },
    });
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'robin@people.test'));
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail!.textBody)![1]!);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      headers: { origin: sameOrigin(t) },
      payload: { token, password: 'a long and unusual passphrase 42', displayName: 'Robin Front' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await staffList()).find((member) => member.email === 'robin@people.test')).toMatchObject({
      role: 'front_desk',
      displayName: 'Robin Front',
      deactivatedAt: null,
    });
  });

  it('retires the earlier link when someone is invited again', async () => {
    const invite = () =>
      admin.inject({
        method: 'POST',
        url: '/api/v1/staff/invitations',
        payload: { email: 'twice@people.test', displayName: 'Twice', role: 'front_desk' },
      });
    expect((await invite()).statusCode).toBe(202);
    expect((await invite()).statusCode).toBe(202);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, 'twice@people.test'));
    const tokens = await t.database.db.select().from(authTokens).where(eq(authTokens.userId, user!.id));
    expect(tokens).toHaveLength(2);
    expect(tokens.filter((token) => token.usedAt === null)).toHaveLength(1);
  });

  it('refuses to invite someone who already works here (409), case-insensitively', async () => {
    const response = await admin.inject({
      method: 'POST',
      url: '/api/v1/staff/invitations',
      payload: { email: 'FRONTDESK@demo.puncta.test', displayName: 'Again', role: 'clinic_admin' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'already_staff' });
  });

  it('rejects a bad email, an unknown role, a patient role and extra fields', async () => {
    for (const payload of [
      { email: 'not-an-email', displayName: 'X', role: 'front_desk' },
      { email: 'x@people.test', displayName: 'X', role: 'owner' },
      { email: 'x@people.test', displayName: 'X', role: 'patient' },
      { email: 'x@people.test', displayName: ' ', role: 'front_desk' },
      { email: 'x@people.test', displayName: 'X', role: 'front_desk', clinicId: sister.clinicId },
    ]) {
      const response = await admin.inject({ method: 'POST', url: '/api/v1/staff/invitations', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe('PATCH /api/v1/staff/:userId', () => {
  it('changes the role in this clinic only', async () => {
    const member = await createStaff(t.database, { clinicId: demo.clinicId, role: 'front_desk' });
    await addMembership(t.database, { clinicId: sister.clinicId, userId: member.userId, role: 'front_desk' });
    const response = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${member.userId}`,
      payload: { role: 'practitioner' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ userId: member.userId, role: 'practitioner', deactivatedAt: null });
    const roles = await t.database.db
      .select({ clinicId: clinicMemberships.clinicId, role: clinicMemberships.role })
      .from(clinicMemberships)
      .where(eq(clinicMemberships.userId, member.userId));
    expect(roles).toEqual(
      expect.arrayContaining([
        { clinicId: demo.clinicId, role: 'practitioner' },
        { clinicId: sister.clinicId, role: 'front_desk' },
      ]),
    );
  });

  it('will not demote the last active admin (409), but will once there is another', async () => {
    const adminId = ids.userIdOf('admin@demo.puncta.test');
    const demote = () =>
      admin.inject({ method: 'PATCH', url: `/api/v1/staff/${adminId}`, payload: { role: 'practitioner' } });
    const refused = await demote();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'last_admin' });

    // A deactivated admin does not count.
    const former = await createStaff(t.database, { clinicId: demo.clinicId, role: 'clinic_admin' });
    await admin.inject({ method: 'POST', url: `/api/v1/staff/${former.userId}/deactivate` });
    expect((await demote()).statusCode).toBe(409);

    const second = await createStaff(t.database, { clinicId: demo.clinicId, role: 'clinic_admin' });
    const secondAdmin = await loginAs(t, second.email);
    expect((await demote()).statusCode).toBe(200);
    // Demoted: the first admin loses admin rights at once...
    expect((await admin.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(403);
    // ...and the second, now the last admin, cannot demote themself either.
    const self = await secondAdmin.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${second.userId}`,
      payload: { role: 'front_desk' },
    });
    expect(self.statusCode).toBe(409);
    const restored = await secondAdmin.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${adminId}`,
      payload: { role: 'clinic_admin' },
    });
    expect(restored.statusCode).toBe(200);
    expect((await admin.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(200);
    await admin.inject({ method: 'POST', url: `/api/v1/staff/${second.userId}/deactivate` });
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const clinic = await createClinic(t.database, { organizationId: demo.organizationId, name: 'Race Clinic' });
    const [first, second] = await Promise.all([
      createStaff(t.database, { clinicId: clinic.clinicId, role: 'clinic_admin' }),
      createStaff(t.database, { clinicId: clinic.clinicId, role: 'clinic_admin' }),
    ]);
    const [firstAgent, secondAgent] = await Promise.all([loginAs(t, first.email), loginAs(t, second.email)]);
    const demote = (agent: Agent, userId: string) =>
      agent.inject({ method: 'PATCH', url: `/api/v1/staff/${userId}`, payload: { role: 'practitioner' } });
    const answers = await Promise.all([demote(firstAgent, second.userId), demote(secondAgent, first.userId)]);
    const admins = await t.database.db
      .select({ userId: clinicMemberships.userId })
      .from(clinicMemberships)
      .where(and(eq(clinicMemberships.clinicId, clinic.clinicId), eq(clinicMemberships.role, 'clinic_admin')));
    expect(admins).toHaveLength(1);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
  });

  it('answers 404 for a sister clinic member, a patient and an unknown id', async () => {
    const elsewhere = await createStaff(t.database, { clinicId: sister.clinicId, role: 'practitioner' });
    for (const userId of [
      elsewhere.userId,
      ids.userIdOf('patient1@demo.puncta.test'),
      '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11',
    ]) {
      const response = await admin.inject({
        method: 'PATCH',
        url: `/api/v1/staff/${userId}`,
        payload: { role: 'clinic_admin' },
      });
      expect(response.statusCode).toBe(404);
    }
    const [membership] = await t.database.db
      .select({ role: clinicMemberships.role })
      .from(clinicMemberships)
      .where(eq(clinicMemberships.userId, elsewhere.userId));
    expect(membership?.role).toBe('practitioner');
  });
});

describe('POST /api/v1/staff/:userId/deactivate', () => {
  it('deactivates the membership here and ends their sessions here, not elsewhere', async () => {
    const member = await createStaff(t.database, { clinicId: demo.clinicId, role: 'practitioner' });
    await addMembership(t.database, { clinicId: sister.clinicId, userId: member.userId, role: 'practitioner' });
    // One session acting here, one in the sister clinic (as after a clinic switch).
    const here = await actingIn(await loginAs(t, member.email), demo.clinicId);
    await actingIn(await loginAs(t, member.email), sister.clinicId);
    expect((await here.inject({ method: 'GET', url: '/api/v1/patients' })).statusCode).toBe(200);
    expect(await liveSessions(member.userId, sister.clinicId)).toBe(1);

    const response = await admin.inject({ method: 'POST', url: `/api/v1/staff/${member.userId}/deactivate` });
    expect(response.statusCode).toBe(200);
    const body = response.json<StaffMember>();
    expect(Date.parse(body.deactivatedAt!)).toBeGreaterThan(Date.now() - 60_000);

    expect(await liveSessions(member.userId, demo.clinicId)).toBe(0);
    expect(await liveSessions(member.userId, sister.clinicId)).toBe(1);
    expect((await here.inject({ method: 'GET', url: '/api/v1/patients' })).statusCode).toBe(401);
    // Still listed, as deactivated; a second call keeps the first date.
    const again = await admin.inject({ method: 'POST', url: `/api/v1/staff/${member.userId}/deactivate` });
    expect(again.json<StaffMember>().deactivatedAt).toBe(body.deactivatedAt);
  });

  it('will not deactivate the last active admin', async () => {
    const adminId = ids.userIdOf('admin@demo.puncta.test');
    const response = await admin.inject({ method: 'POST', url: `/api/v1/staff/${adminId}/deactivate` });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'last_admin' });
    expect((await admin.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(200);
  });

  it("answers 404 for a sister clinic's member and leaves them alone", async () => {
    const elsewhere = await createStaff(t.database, { clinicId: sister.clinicId, role: 'front_desk' });
    const agent = await loginAs(t, elsewhere.email);
    const response = await admin.inject({ method: 'POST', url: `/api/v1/staff/${elsewhere.userId}/deactivate` });
    expect(response.statusCode).toBe(404);
    expect((await agent.inject({ method: 'GET', url: '/api/v1/patients' })).statusCode).toBe(200);
  });
});

describe('POST /api/v1/staff/:userId/sessions/revoke', () => {
  it('ends every session the person has in this clinic; they may sign in again', async () => {
    const member = await createStaff(t.database, { clinicId: demo.clinicId, role: 'front_desk' });
    const first = await loginAs(t, member.email);
    const second = await loginAs(t, member.email);
    expect(await liveSessions(member.userId, demo.clinicId)).toBe(2);

    const response = await admin.inject({ method: 'POST', url: `/api/v1/staff/${member.userId}/sessions/revoke` });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    for (const agent of [first, second]) {
      expect((await agent.inject({ method: 'GET', url: '/api/v1/patients' })).statusCode).toBe(401);
    }
    const again = await loginAs(t, member.email);
    expect((await again.inject({ method: 'GET', url: '/api/v1/patients' })).statusCode).toBe(200);
  });

  it("answers 404 for someone who is not this clinic's staff", async () => {
    const elsewhere = await createStaff(t.database, { clinicId: sister.clinicId, role: 'front_desk' });
    const agent = await loginAs(t, elsewhere.email);
    const response = await admin.inject({ method: 'POST', url: `/api/v1/staff/${elsewhere.userId}/sessions/revoke` });
    expect(response.statusCode).toBe(404);
    expect((await agent.inject({ method: 'GET', url: '/api/v1/patients' })).statusCode).toBe(200);
  });
});
