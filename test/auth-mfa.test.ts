// Staff two-factor sign-in (TOTP) in production mode: enrolment, codes, replay,
// recovery codes, sign-in links, and the demo exemption.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base32Decode, timeStep, totpCode } from '../src/server/auth/totp.ts';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from './support/app.ts';
import {
  agentFor,
  auditRows,
  latestMailTo,
  linkToken,
  loginAs,
  sameOrigin,
  sessionCookieFrom,
  type Agent,
} from './support/auth.ts';

const PRODUCTION = { NODE_ENV: 'production', PUNCTA_SESSION_SECRET: 'mfa-test-secret-'.padEnd(48, 'x') };
const ADMIN = 'admin@demo.puncta.test';

describe('TOTP (RFC 6238 test vectors, SHA-1)', () => {
  it('computes the published codes, truncated to 6 digits', () => {
    const secret = Buffer.from('12345678901234567890', 'ascii');
    expect(totpCode(secret, timeStep(59_000))).toBe('287082');
    expect(totpCode(secret, timeStep(1_111_111_109_000))).toBe('081804');
    expect(totpCode(secret, timeStep(2_000_000_000_000))).toBe('279037');
  });
});

describe('staff MFA in production mode', () => {
  let t: TestApp;
  let secret: Buffer;
  let recoveryCodes: string[];

  beforeAll(async () => {
    // With the demo off, the demo staff are ordinary staff: MFA applies to them.
    t = await createTestApp({ env: { ...PRODUCTION, PUNCTA_DEMO: '0' } });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.database.executeSql('delete from rate_limit_buckets');
  });

  function login(payload: Record<string, string>, cookie?: string) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t), ...(cookie === undefined ? {} : { cookie }) },
      payload: { email: ADMIN, password: TEST_DEMO_PASSWORD, ...payload },
    });
  }

  async function pendingAgent(): Promise<Agent> {
    const response = await login({});
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'mfa_enrolment_required' });
    const cookie = sessionCookieFrom(response)!;
    const view = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(view.statusCode).toBe(200);
    // The app reads this to send the person straight to the authenticator set-up.
    expect(view.json()).toMatchObject({ mfaPending: true, mfaEnrolled: false });
    const { csrfToken, user } = view.json<{ csrfToken: string; user: Agent['user'] }>();
    return agentFor(t, { cookie, csrfToken, user });
  }

  it('lets patients sign in with a password only', async () => {
    await loginAs(t, 'patient1@demo.puncta.test');
  });

  it('does not sign staff in without an authenticator: the session may only enrol', async () => {
    const pending = await pendingAgent();
    expect((await pending.inject({ method: 'GET', url: '/api/v1/auth/sessions' })).json()).toMatchObject({
      code: 'mfa_enrolment_required',
    });
    expect((await pending.inject({ method: 'GET', url: '/api/v1/auth/api-tokens' })).statusCode).toBe(401);
    expect((await auditRows(t, 'login')).filter((row) => row.user_id === pending.user.id)).toHaveLength(0);
  });

  it('enrols: secret and QR code, a wrong first code is refused, the right one gives recovery codes', async () => {
    const pending = await pendingAgent();
    const enrol = await pending.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp/enrol' });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const enrolment = enrol.json<{ otpauthUrl: string; qrSvg: string; secret: string }>();
    expect(enrolment.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Puncta:admin%40demo\.puncta\.test\?secret=[A-Z2-7]{32}&/);
    expect(enrolment.otpauthUrl).toContain('issuer=Puncta');
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    secret = base32Decode(enrolment.secret);
    expect(secret).toHaveLength(20);

    // Encrypted at rest: neither the base32 nor the raw secret is in the row.
    const { rows } = await t.database.executeSql('select secret_ciphertext from totp_credentials');
    const stored = String(rows[0]?.secret_ciphertext);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(enrolment.secret);
    expect(stored).not.toContain(secret.toString('base64url'));

    const wrong = await pending.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/totp/confirm',
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'invalid_mfa_code' });
    expect((await auditRows(t, 'mfa_failed')).at(-1)).toMatchObject({ user_id: pending.user.id, outcome: 'failed' });

    const confirm = await pending.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/totp/confirm',
      payload: { code: totpCode(secret, timeStep()) },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const confirmed = confirm.json<{ recoveryCodes: string[]; csrfToken: string }>();
    recoveryCodes = confirmed.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const stored2 = JSON.stringify((await t.database.executeSql('select code_hash from recovery_codes')).rows);
    for (const code of recoveryCodes) expect(stored2).not.toContain(code);

    // MFA completion starts a new session: the pending one is over.
    const cookie = sessionCookieFrom(confirm)!;
    expect(cookie).not.toBe(pending.cookie);
    expect((await pending.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    const full = agentFor(t, { cookie, csrfToken: confirmed.csrfToken, user: pending.user });
    expect((await full.inject({ method: 'GET', url: '/api/v1/auth/sessions' })).statusCode).toBe(200);
    expect((await auditRows(t, 'mfa_enrolled')).at(-1)).toMatchObject({
      user_id: pending.user.id,
      role: 'clinic_admin',
      outcome: 'allowed',
    });
    const again = await full.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp/enrol' });
    expect(again.statusCode).toBe(409);
  });

  it('asks for the code, refuses a wrong one, accepts the right one once (no replay)', async () => {
    const missing = await login({});
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'mfa_required' });
    expect(sessionCookieFrom(missing)).toBeUndefined();

    const failedBefore = (await auditRows(t, 'mfa_failed')).length;
    const wrong = await login({ totp: '123456' === totpCode(secret, timeStep()) ? '654321' : '123456' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_mfa_code' });
    expect(await auditRows(t, 'mfa_failed')).toHaveLength(failedBefore + 1);

    // The enrolment used the current step; the next one is still inside the accepted window.
    const code = totpCode(secret, timeStep() + 1);
    const ok = await login({ totp: code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await auditRows(t, 'login')).at(-1)).toMatchObject({ role: 'clinic_admin', outcome: 'allowed' });

    const replay = await login({ totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'invalid_mfa_code' });
  });

  it('accepts each recovery code once', async () => {
    const code = recoveryCodes[0]!;
    const first = await login({ recoveryCode: code.toUpperCase() });
    expect(first.statusCode, first.body).toBe(200);
    const second = await login({ recoveryCode: code });
    expect(second.statusCode).toBe(401);
    expect(second.json()).toMatchObject({ code: 'invalid_mfa_code' });
  });

  it('asks staff for the code after a sign-in link too, without using the link up', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link/request',
      headers: { origin: sameOrigin(t) },
      payload: { email: ADMIN },
    });
    const token = linkToken((await latestMailTo(t, ADMIN))!.text, 'sign-in-link');
    const complete = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in-link/complete',
        headers: { origin: sameOrigin(t) },
        payload: { token, ...payload },
      });
    const withoutCode = await complete({});
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json()).toMatchObject({ code: 'mfa_required' });
    const withCode = await complete({ recoveryCode: recoveryCodes[1]! });
    expect(withCode.statusCode, withCode.body).toBe(200);
    expect((await complete({ recoveryCode: recoveryCodes[2]! })).statusCode).toBe(422);
  });

  it('keeps secrets, codes and addresses out of the audit log', async () => {
    const everything = JSON.stringify((await t.database.executeSql('select * from audit_events')).rows);
    for (const code of recoveryCodes) expect(everything).not.toContain(code);
    expect(everything).not.toContain(secret.toString('base64url'));
    expect(everything).not.toContain('@demo.puncta.test');
    expect(everything).not.toContain(TEST_DEMO_PASSWORD);
  });
});

describe('the demo exemption', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: PRODUCTION });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets demo staff skip MFA while the demo clinic is the only clinic, and not once another exists', async () => {
    await loginAs(t, ADMIN);
    const { rows } = await t.database.executeSql(
      `insert into organizations (name, slug) values ('Real Skin Co', 'real-skin') returning id`,
    );
    await t.database.executeSql(
      `insert into clinics (organization_id, name, slug, time_zone) values ($1, 'Real Skin', 'main', 'Europe/Berlin')`,
      [rows[0]!.id],
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: sameOrigin(t) },
      payload: { email: ADMIN, password: TEST_DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'mfa_enrolment_required' });
  });
});
