// Accounts: sign-up with email verification, password rules, password reset,
// sign-in links, password change, and no account enumeration on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from './support/app.ts';
import {
  agentFor,
  auditRows,
  latestMailTo,
  linkToken,
  loginAs,
  mailCountTo,
  sameOrigin,
  sessionCookieFrom,
} from './support/auth.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const GOOD_PASSWORD = 'violet-lantern-harbour-42';

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { origin: sameOrigin(t), ...headers },
    payload: payload as object,
  });
}

async function sql(text: string, values: unknown[] = []) {
  return (await t.database.executeSql(text, values)).rows;
}

/** A problem body without its request id, to compare two answers. */
function comparable(body: string): unknown {
  const { requestId: _ignored, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
}

describe('sign-up and email verification', () => {
  it('creates an unverified patient account, emails a link, and the link verifies and signs in once', async () => {
    const email = 'new.patient@example.com';
    const response = await post('/api/v1/auth/signup', { email, password: GOOD_PASSWORD, displayName: 'Ana Lima' });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ status: 'verification_sent' });

    const [user] = await sql('select id, email_verified_at, password_hash from users where email = $1', [email]);
    expect(user?.email_verified_at).toBeNull();
    expect(String(user?.password_hash)).toMatch(/^\$argon2id\$/);
    expect(await sql('select given_name, family_name from patients where user_id = $1', [user!.id])).toEqual([
      { given_name: 'Ana', family_name: 'Lima' },
    ]);

    const refused = await post('/api/v1/auth/login', { email, password: GOOD_PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'email_not_verified' });

    const mail = await latestMailTo(t, email);
    expect(mail?.subject).toBe('Confirm your email address');
    expect(mail?.text).toContain(`${t.config.http.publicUrl}/app/verify-email?token=`);
    const token = linkToken(mail!.text, 'verify-email');
    // Only the hash is stored.
    expect(JSON.stringify(await sql('select * from auth_tokens'))).not.toContain(token);

    const verified = await post('/api/v1/auth/verify-email', { token });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ user: { email, emailVerified: true } });
    expect(verified.json<{ csrfToken: string }>().csrfToken).toMatch(/^[\w-]{43}$/);
    const agent = agentFor(t, {
      cookie: sessionCookieFrom(verified)!,
      csrfToken: verified.json<{ csrfToken: string }>().csrfToken,
      user: verified.json<{ user: never }>().user,
    });
    expect((await agent.inject({ method: 'GET', url: '/api/v1/auth/session' })).json()).toMatchObject({
      role: 'patient',
    });

    const again = await post('/api/v1/auth/verify-email', { token });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: 'invalid_token' });
    expect((await post('/api/v1/auth/login', { email, password: GOOD_PASSWORD })).statusCode).toBe(200);
  });

  it('answers a sign-up for an existing address exactly like a new one, and emails the owner instead', async () => {
    const owner = 'patient2@demo.puncta.test';
    const mailsBefore = await mailCountTo(t, owner);
    const existing = await post('/api/v1/auth/signup', {
      email: owner,
      password: GOOD_PASSWORD,
      displayName: 'Impostor',
    });
    const fresh = await post('/api/v1/auth/signup', {
      email: 'someone.else@example.com',
      password: GOOD_PASSWORD,
      displayName: 'Someone Else',
    });
    expect(existing.statusCode).toBe(202);
    expect(existing.body).toBe(fresh.body);
    expect(await mailCountTo(t, owner)).toBe(mailsBefore + 1);
    expect((await latestMailTo(t, owner))?.subject).toBe('Someone tried to sign up with your email address');
    // Nothing about the account changed.
    expect((await sql('select display_name from users where email = $1', [owner]))[0]?.display_name).toBe('Riley Chen');
    expect((await post('/api/v1/auth/login', { email: owner, password: TEST_DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('says clearly why a password is refused: too short, or too common', async () => {
    const short = await post('/api/v1/auth/signup', {
      email: 'short@example.com',
      password: 'Sh0rt!pass',
      displayName: 'Short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ location: 'body', path: 'password', message: 'Use at least 12 characters.' }],
    });
    for (const common of ['password1234', 'Qwertyuiop123', '123456789012', 'iloveyou2024!']) {
      const response = await post('/api/v1/auth/signup', {
        email: 'common@example.com',
        password: common,
        displayName: 'Common',
      });
      expect(response.statusCode, common).toBe(400);
      expect(response.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(/common passwords/);
    }
    expect(await sql(`select id from users where email in ('short@example.com', 'common@example.com')`)).toEqual([]);
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown addresses', async () => {
    const known = await post('/api/v1/auth/password-reset/request', { email: 'practitioner1@demo.puncta.test' });
    const unknown = await post('/api/v1/auth/password-reset/request', { email: 'ghost@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(await mailCountTo(t, 'ghost@example.com')).toBe(0);
  });

  it('resets with the emailed token once, ends every session, and audits it', async () => {
    const email = 'practitioner2@demo.puncta.test';
    const existingSession = await loginAs(t, email);
    await post('/api/v1/auth/password-reset/request', { email });
    const mail = await latestMailTo(t, email);
    expect(mail?.subject).toBe('Reset your password');
    const token = linkToken(mail!.text, 'reset-password');

    const weak = await post('/api/v1/auth/password-reset/complete', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);

    const done = await post('/api/v1/auth/password-reset/complete', { token, password: GOOD_PASSWORD });
    expect(done.statusCode, done.body).toBe(204);
    expect((await existingSession.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email, password: TEST_DEMO_PASSWORD })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email, password: GOOD_PASSWORD })).statusCode).toBe(200);

    const reused = await post('/api/v1/auth/password-reset/complete', { token, password: 'another-fine-password-9' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'invalid_token' });

    expect((await auditRows(t, 'password_reset')).at(-1)).toMatchObject({
      user_id: existingSession.user.id,
      resource_type: 'user',
      resource_id: existingSession.user.id,
      outcome: 'allowed',
    });
  });

  it('refuses an expired reset token, and an older token once a newer one was sent', async () => {
    const email = 'frontdesk@demo.puncta.test';
    await post('/api/v1/auth/password-reset/request', { email });
    const first = linkToken((await latestMailTo(t, email))!.text);
    await post('/api/v1/auth/password-reset/request', { email });
    const second = linkToken((await latestMailTo(t, email))!.text);
    expect(second).not.toBe(first);
    expect(
      (await post('/api/v1/auth/password-reset/complete', { token: first, password: GOOD_PASSWORD })).statusCode,
    ).toBe(422);
    const [lifetime] = await sql(
      `select extract(epoch from expires_at - created_at)::int as seconds from auth_tokens
       where purpose = 'password_reset' and used_at is null`,
    );
    expect(lifetime?.seconds).toBe(30 * 60);
    await sql(`update auth_tokens set expires_at = now() - interval '1 second' where purpose = 'password_reset'`);
    const expired = await post('/api/v1/auth/password-reset/complete', { token: second, password: GOOD_PASSWORD });
    expect(expired.statusCode).toBe(422);
    expect((await post('/api/v1/auth/login', { email, password: TEST_DEMO_PASSWORD })).statusCode).toBe(200);
  });
});

describe('sign-in links', () => {
  it('signs a patient in once with the emailed link', async () => {
    const email = 'patient1@demo.puncta.test';
    const unknown = await post('/api/v1/auth/sign-in-link/request', { email: 'nobody@example.com' });
    const known = await post('/api/v1/auth/sign-in-link/request', { email });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mail = await latestMailTo(t, email);
    expect(mail?.subject).toBe('Your sign-in link');
    const token = linkToken(mail!.text, 'sign-in-link');
    const [lifetime] = await sql(
      `select extract(epoch from expires_at - created_at)::int as seconds from auth_tokens
       where purpose = 'sign_in_link' and used_at is null`,
    );
    expect(lifetime?.seconds).toBe(15 * 60);

    const first = await post('/api/v1/auth/sign-in-link/complete', { token });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ user: { email } });
    expect(sessionCookieFrom(first)).toBeDefined();
    const second = await post('/api/v1/auth/sign-in-link/complete', { token });
    expect(second.statusCode).toBe(422);
    expect(second.json()).toMatchObject({ code: 'invalid_token' });
  });

  it('refuses an expired sign-in link', async () => {
    const email = 'patient1@demo.puncta.test';
    await sql(`delete from rate_limit_buckets`);
    await post('/api/v1/auth/sign-in-link/request', { email });
    const token = linkToken((await latestMailTo(t, email))!.text);
    await sql(`update auth_tokens set expires_at = now() - interval '1 second' where purpose = 'sign_in_link'`);
    expect((await post('/api/v1/auth/sign-in-link/complete', { token })).statusCode).toBe(422);
  });
});

describe('no enumeration at sign-in', () => {
  it('answers an unknown email and a wrong password alike, in similar time', async () => {
    await sql(`delete from rate_limit_buckets`);
    const attempt = async (email: string) => {
      const started = performance.now();
      const response = await post('/api/v1/auth/login', { email, password: 'wrong-password-123' });
      return { response, ms: performance.now() - started };
    };
    const known = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      known.push(await attempt('practitioner1@demo.puncta.test'));
      unknown.push(await attempt(`nobody-${i}@example.com`));
    }
    for (const { response } of [...known, ...unknown]) {
      expect(response.statusCode).toBe(401);
      expect(comparable(response.body)).toEqual(comparable(known[0]!.response.body));
    }
    expect(known[0]!.response.json()).toMatchObject({ code: 'invalid_credentials' });
    // Both paths run argon2 (a dummy hash for unknown addresses): neither is several times faster.
    const median = (runs: { ms: number }[]) => runs.map((run) => run.ms).sort((a, b) => a - b)[1]!;
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
    await sql(`delete from rate_limit_buckets`);
  });
});

describe('password change', () => {
  it('needs the current password, applies the rules, ends other sessions and audits it', async () => {
    const email = 'patient2@demo.puncta.test';
    const here = await loginAs(t, email);
    const elsewhere = await loginAs(t, email);
    const wrong = await here.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not-my-password', newPassword: GOOD_PASSWORD },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'invalid_current_password' });
    const common = await here.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: 'passwordpassword' },
    });
    expect(common.statusCode).toBe(400);

    const changed = await here.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: GOOD_PASSWORD },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await here.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);
    expect((await elsewhere.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    expect((await auditRows(t, 'password_changed')).at(-1)).toMatchObject({
      user_id: here.user.id,
      role: 'patient',
      outcome: 'allowed',
    });
    expect((await post('/api/v1/auth/login', { email, password: GOOD_PASSWORD })).statusCode).toBe(200);
  });
});

describe('staff invitations', () => {
  it('lets an invited person set a password, join in the invited role, and sign in', async () => {
    const { issueStaffInvitation } = await import('../src/server/features/auth/account.ts');
    const [clinic] = await sql('select id, name from clinics');
    const [user] = await sql(
      `insert into users (email, display_name) values ('new.nurse@example.com', 'New Nurse') returning id`,
    );
    const { messageId } = await t.database.db.transaction((tx) =>
      issueStaffInvitation(
        tx as never,
        { mailer: t.app.services.mailer, config: t.config },
        {
          userId: String(user!.id),
          email: 'new.nurse@example.com',
          clinicId: String(clinic!.id),
          clinicName: String(clinic!.name),
          role: 'practitioner',
        },
      ),
    );
    expect(messageId).toEqual(expect.any(String));
    const mail = await latestMailTo(t, 'new.nurse@example.com');
    expect(mail?.subject).toBe('You are invited to join Demo Dermatology on Puncta');
    const token = linkToken(mail!.text, 'accept-invitation');
    const [lifetime] = await sql(
      `select extract(epoch from expires_at - created_at)::int as seconds from auth_tokens where purpose = 'staff_invite'`,
    );
    expect(lifetime?.seconds).toBe(7 * 24 * 3600);

    const weak = await post('/api/v1/auth/invitations/accept', { token, password: 'password1234', displayName: 'N' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({ code: 'weak_password' });

    const accepted = await post('/api/v1/auth/invitations/accept', {
      token,
      password: GOOD_PASSWORD,
      displayName: 'Nora Nurse, RN',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { displayName: 'Nora Nurse, RN', emailVerified: true } });
    const again = await post('/api/v1/auth/invitations/accept', {
      token,
      password: GOOD_PASSWORD,
      displayName: 'Nora Nurse, RN',
    });
    expect(again.statusCode).toBe(422);
    const nurse = await loginAs(t, 'new.nurse@example.com', { password: GOOD_PASSWORD });
    expect((await nurse.inject({ method: 'GET', url: '/api/v1/auth/session' })).json()).toMatchObject({
      role: 'practitioner',
    });
  });
});
