// Sessions as a browser sees them: sign-in and sign-out, the cookie, fixation,
// idle and absolute expiry, the session list, clinic switch, policy
// enforcement and CSRF.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from './support/app.ts';
import {
  agentFor,
  auditRows,
  loginAs,
  sameOrigin,
  SESSION_COOKIE,
  sessionCookieFrom,
  type Agent,
} from './support/auth.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ADMIN = 'admin@demo.puncta.test';
const FRONT_DESK = 'frontdesk@demo.puncta.test';
const PATIENT = 'patient1@demo.puncta.test';
const OTHER_PATIENT = 'patient2@demo.puncta.test';

async function sessionStatus(agent: Agent): Promise<number> {
  return (await agent.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode;
}

async function sql(text: string, values: unknown[] = []) {
  return (await t.database.executeSql(text, values)).rows;
}

/** Sets columns of the session behind an agent's cookie, to travel in time without sleeping. */
async function ageSession(agent: Agent, assignments: string): Promise<void> {
  await sql(`update sessions set ${assignments} where id_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [
    agent.cookie.slice(SESSION_COOKIE.length + 1),
  ]);
}

describe('sign-in and sign-out', () => {
  it('signs in with email and password and answers the user, the CSRF token and a hardened cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t), 'user-agent': 'vitest-browser' },
      payload: { email: 'Admin@Demo.Puncta.Test', password: TEST_DEMO_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ user: Record<string, unknown>; csrfToken: string }>();
    expect(body.user).toEqual({
      id: String(body.user.id),
      email: ADMIN,
      displayName: 'Alex Morgan',
      emailVerified: true,
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Domain=');

    // The database keeps only the SHA-256 of the cookie value.
    const token = sessionCookieFrom(response)!.split('=')[1]!;
    const stored = await sql('select id_hash, idle_timeout_seconds, user_agent from sessions where id_hash = $1', [
      token,
    ]);
    expect(stored).toEqual([]);
    const hashed = await sql(
      `select idle_timeout_seconds, user_agent from sessions where id_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [token],
    );
    expect(hashed).toEqual([{ idle_timeout_seconds: 15 * 60, user_agent: 'vitest-browser' }]);
  });

  it('describes the session: user, clinic, role and memberships', async () => {
    const agent = await loginAs(t, FRONT_DESK);
    const response = await agent.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(response.statusCode).toBe(200);
    const clinicId = String((await sql('select id from clinics'))[0]!.id);
    expect(response.json()).toEqual({
      user: { id: agent.user.id, email: FRONT_DESK, displayName: 'Jordan Lee', emailVerified: true },
      csrfToken: agent.csrfToken,
      clinic: { id: clinicId, name: 'Demo Dermatology', timeZone: 'America/New_York' },
      role: 'front_desk',
      memberships: [{ clinicId, clinicName: 'Demo Dermatology', role: 'front_desk' }],
      mfaEnrolled: false,
      mfaPending: false,
    });
  });

  it('signs out: the cookie is cleared, the session is dead, and a logout row is written', async () => {
    const agent = await loginAs(t, PATIENT);
    const before = (await auditRows(t, 'logout')).length;
    const response = await agent.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { 'user-agent': 'ua' },
    });
    expect(response.statusCode).toBe(204);
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(await sessionStatus(agent)).toBe(401);
    const rows = await auditRows(t, 'logout');
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      user_id: agent.user.id,
      role: 'patient',
      outcome: 'allowed',
      user_agent: 'ua',
    });
  });

  it('signs out everywhere: every session of the account ends, others are untouched', async () => {
    const first = await loginAs(t, OTHER_PATIENT);
    const second = await loginAs(t, OTHER_PATIENT);
    const bystander = await loginAs(t, PATIENT);
    const response = await first.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere' });
    expect(response.statusCode).toBe(204);
    expect(await sessionStatus(first)).toBe(401);
    expect(await sessionStatus(second)).toBe(401);
    expect(await sessionStatus(bystander)).toBe(200);
    expect((await auditRows(t, 'session_revoked')).at(-1)).toMatchObject({
      user_id: first.user.id,
      resource_type: 'user',
      resource_id: first.user.id,
    });
  });

  it('answers 401 unauthorized without a session, and for a made-up cookie', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'unauthorized' });
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `${SESSION_COOKIE}=${randomBytes(32).toString('base64url')}` },
    });
    expect(forged.statusCode).toBe(401);
  });
});

describe('session fixation', () => {
  it('never keeps a session id from before sign-in, and ends the planted session', async () => {
    // An attacker signs in to their own account and plants that cookie in the victim's browser.
    const attacker = await loginAs(t, OTHER_PATIENT);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t), cookie: attacker.cookie },
      payload: { email: PATIENT, password: TEST_DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const victimCookie = sessionCookieFrom(response);
    expect(victimCookie).toBeDefined();
    expect(victimCookie).not.toBe(attacker.cookie);
    // The planted session is gone, so the attacker cannot ride along on it.
    expect(await sessionStatus(attacker)).toBe(401);
  });

  it('ignores an unknown cookie chosen by an attacker', async () => {
    const planted = `${SESSION_COOKIE}=${'A'.repeat(43)}`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t), cookie: planted },
      payload: { email: PATIENT, password: TEST_DEMO_PASSWORD },
    });
    expect(sessionCookieFrom(response)).not.toBe(planted);
  });
});

describe('expiry', () => {
  it('ends a staff session after 15 idle minutes and a patient session after 30', async () => {
    const staff = await loginAs(t, FRONT_DESK);
    await ageSession(staff, `last_seen_at = now() - interval '14 minutes'`);
    expect(await sessionStatus(staff)).toBe(200);
    await ageSession(staff, `last_seen_at = now() - interval '16 minutes'`);
    expect(await sessionStatus(staff)).toBe(401);

    const patient = await loginAs(t, PATIENT);
    await ageSession(patient, `last_seen_at = now() - interval '16 minutes'`);
    expect(await sessionStatus(patient)).toBe(200);
    await ageSession(patient, `last_seen_at = now() - interval '31 minutes'`);
    expect(await sessionStatus(patient)).toBe(401);
  });

  it('ends a session at its absolute lifetime (12 hours), however active', async () => {
    const agent = await loginAs(t, PATIENT);
    const [row] = await sql(
      `select extract(epoch from expires_at - created_at)::int as seconds from sessions
       where id_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [agent.cookie.slice(SESSION_COOKIE.length + 1)],
    );
    expect(row?.seconds).toBe(12 * 3600);
    await ageSession(agent, `expires_at = now() - interval '1 second'`);
    expect(await sessionStatus(agent)).toBe(401);
  });

  it('records activity at most once a minute', async () => {
    const agent = await loginAs(t, PATIENT);
    const lastSeen = async () =>
      (
        await sql(
          `select extract(epoch from now() - last_seen_at)::int as age from sessions
           where id_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
          [agent.cookie.slice(SESSION_COOKIE.length + 1)],
        )
      )[0]?.age;
    await ageSession(agent, `last_seen_at = now() - interval '20 seconds'`);
    await sessionStatus(agent);
    expect(await lastSeen()).toBeGreaterThanOrEqual(19);
    await ageSession(agent, `last_seen_at = now() - interval '5 minutes'`);
    await sessionStatus(agent);
    expect(await lastSeen()).toBeLessThan(5);
  });
});

describe('the session list', () => {
  it('lists my sessions, marks the current one, and ends another one of mine', async () => {
    const phone = await loginAs(t, 'practitioner2@demo.puncta.test');
    const laptop = await loginAs(t, 'practitioner2@demo.puncta.test');
    const response = await laptop.inject({ method: 'GET', url: '/api/v1/auth/sessions' });
    expect(response.statusCode).toBe(200);
    const { sessions } = response.json<{ sessions: { id: string; current: boolean; createdAt: string }[] }>();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    // Ids are not the stored hashes.
    const hashes = (await sql('select id_hash from sessions')).map((row) => row.id_hash);
    for (const session of sessions) expect(hashes).not.toContain(session.id);

    const other = sessions.find((session) => !session.current)!;
    const ended = await laptop.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}` });
    expect(ended.statusCode).toBe(204);
    expect(await sessionStatus(phone)).toBe(401);
    expect(await sessionStatus(laptop)).toBe(200);
    expect((await auditRows(t, 'session_revoked')).at(-1)).toMatchObject({
      user_id: laptop.user.id,
      resource_type: 'session',
      resource_id: other.id,
    });
  });

  it("answers 404 for someone else's session", async () => {
    const mine = await loginAs(t, PATIENT);
    const theirs = await loginAs(t, OTHER_PATIENT);
    const { sessions } = (await theirs.inject({ method: 'GET', url: '/api/v1/auth/sessions' })).json<{
      sessions: { id: string }[];
    }>();
    const response = await mine.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${sessions[0]!.id}` });
    expect(response.statusCode).toBe(404);
    expect(await sessionStatus(theirs)).toBe(200);
  });
});

describe('clinic switch', () => {
  it('moves a person who works in two clinics to the other one, with a new session id', async () => {
    const [org] = await sql('select organization_id from clinics');
    const [second] = await sql(
      `insert into clinics (organization_id, name, slug, time_zone) values ($1, 'Demo Brooklyn', 'brooklyn', 'America/New_York') returning id`,
      [org!.organization_id],
    );
    const admin = await loginAs(t, ADMIN);
    await sql(`insert into clinic_memberships (clinic_id, user_id, role) values ($1, $2, 'practitioner')`, [
      second!.id,
      admin.user.id,
    ]);
    try {
      const response = await admin.inject({
        method: 'POST',
        url: '/api/v1/auth/session/clinic',
        payload: { clinicId: second!.id },
      });
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json<{
        csrfToken: string;
        role: string;
        clinic: { name: string };
        memberships: unknown[];
      }>();
      expect(view).toMatchObject({ role: 'practitioner', clinic: { name: 'Demo Brooklyn' } });
      expect(view.memberships).toHaveLength(2);
      const cookie = sessionCookieFrom(response)!;
      expect(cookie).not.toBe(admin.cookie);
      expect(view.csrfToken).not.toBe(admin.csrfToken);
      expect(await sessionStatus(admin)).toBe(401);
      const moved = agentFor(t, { cookie, csrfToken: view.csrfToken, user: admin.user });
      expect((await moved.inject({ method: 'GET', url: '/api/v1/auth/session' })).json()).toMatchObject({
        role: 'practitioner',
      });

      const elsewhere = await moved.inject({
        method: 'POST',
        url: '/api/v1/auth/session/clinic',
        payload: { clinicId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(elsewhere.statusCode).toBe(404);
    } finally {
      await sql('delete from clinics where id = $1', [second!.id]);
    }
  });
});

describe('access policies', () => {
  it('answers 403 forbidden to a signed-in person without the role, and audits access_denied', async () => {
    const patient = await loginAs(t, PATIENT);
    const response = await patient.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/totp/enrol',
      headers: { 'x-request-id': 'deny-test-12345678', 'user-agent': 'denied-agent' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden' });
    const patientId = String((await sql('select id from patients where user_id = $1', [patient.user.id]))[0]!.id);
    void patientId;
    const [row] = (await auditRows(t, 'access_denied')).filter((r) => r.request_id === 'deny-test-12345678');
    expect(row).toMatchObject({
      user_id: patient.user.id,
      role: 'patient',
      outcome: 'denied',
      resource_type: 'route',
      resource_id: 'POST /api/v1/auth/mfa/totp/enrol',
      user_agent: 'denied-agent',
      ip: '127.0.0.1',
    });
  });

  it('answers 401 before looking at the body, so anonymous callers learn nothing about a route', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { 'content-type': 'text/plain' },
      payload: 'not json',
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cross-site form post that carries the session cookie', async () => {
    const agent = await loginAs(t, PATIENT);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: {
        cookie: agent.cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'x=1',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
    expect(await sessionStatus(agent)).toBe(200);
  });

  it('refuses a same-origin request without the x-csrf-token header, or with a wrong one', async () => {
    const agent = await loginAs(t, PATIENT);
    for (const token of [undefined, 'wrong-token', (await loginAs(t, OTHER_PATIENT)).csrfToken]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: {
          cookie: agent.cookie,
          origin: sameOrigin(t),
          ...(token === undefined ? {} : { 'x-csrf-token': token }),
        },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'csrf_failed' });
    }
    expect(await sessionStatus(agent)).toBe(200);
  });

  it('refuses a request with the token but neither Origin nor Referer', async () => {
    const agent = await loginAs(t, PATIENT);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts the token with a same-origin Origin, or a same-origin Referer', async () => {
    const agent = await loginAs(t, PATIENT);
    const viaReferer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, referer: `${sameOrigin(t)}/app/account` },
    });
    expect(viaReferer.statusCode).toBe(204);
    const other = await loginAs(t, PATIENT);
    expect((await other.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: PATIENT, password: TEST_DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('does not need the token for reads', async () => {
    const agent = await loginAs(t, PATIENT);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: agent.cookie },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('audit of sign-in', () => {
  it('writes a login row with who, where and which clinic, and login_failed rows without the email', async () => {
    const beforeLogin = (await auditRows(t, 'login')).length;
    const agent = await loginAs(t, FRONT_DESK);
    const logins = await auditRows(t, 'login');
    expect(logins).toHaveLength(beforeLogin + 1);
    const clinicId = String((await sql('select id from clinics'))[0]!.id);
    expect(logins.at(-1)).toMatchObject({
      user_id: agent.user.id,
      role: 'front_desk',
      clinic_id: clinicId,
      outcome: 'allowed',
      ip: '127.0.0.1',
    });
    expect(logins.at(-1)?.request_id).toMatch(/\S+/);

    const beforeFailed = (await auditRows(t, 'login_failed')).length;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t) },
      payload: { email: FRONT_DESK, password: 'not-the-password-at-all' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t) },
      payload: { email: 'nobody-here@example.com', password: 'not-the-password-at-all' },
    });
    const failed = await auditRows(t, 'login_failed');
    expect(failed).toHaveLength(beforeFailed + 2);
    expect(failed.at(-2)).toMatchObject({ user_id: agent.user.id, outcome: 'failed' });
    expect(failed.at(-1)).toMatchObject({ user_id: null, outcome: 'failed' });
    const everything = JSON.stringify(await sql('select * from audit_events'));
    expect(everything).not.toContain('nobody-here');
    expect(everything).not.toContain('not-the-password');
    expect(everything).not.toContain('@demo.puncta.test');
    expect(everything).not.toContain(agent.csrfToken);
    expect(everything).not.toContain(agent.cookie.split('=')[1]);
  });
});
