// Throttling of sign-in and of requests that send email: per account and per
// client address, counted in the database, answered 429 with Retry-After.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from './support/app.ts';
import { mailCountTo, sameOrigin } from './support/auth.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.database.executeSql('delete from rate_limit_buckets');
});

function login(email: string, password: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { origin: sameOrigin(t) },
    payload: { email, password },
  });
}

function post(url: string, payload: object, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url, remoteAddress, headers: { origin: sameOrigin(t) }, payload });
}

describe('sign-in throttling', () => {
  it('throttles 20 wrong passwords in a row with 429 and Retry-After, and then refuses even the right one', async () => {
    const email = 'practitioner1@demo.puncta.test';
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      // From different addresses, so only the per-account limit is in play.
      const response = await login(email, `wrong-password-${attempt}`, `10.0.1.${attempt}`);
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        retryAfter = String(response.headers['retry-after']);
        expect(response.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect((await login(email, TEST_DEMO_PASSWORD, '10.0.2.1')).statusCode).toBe(429);
  });

  it('answers a throttled unknown address exactly like a throttled known one', async () => {
    const lastOfSix = async (email: string) => {
      for (let attempt = 0; attempt < 5; attempt++) await login(email, 'wrong-password-x', `10.0.3.${attempt}`);
      return login(email, 'wrong-password-x', '10.0.3.5');
    };
    const known = await lastOfSix('frontdesk@demo.puncta.test');
    const unknown = await lastOfSix('nobody@example.com');
    expect([known.statusCode, unknown.statusCode]).toEqual([429, 429]);
    const withoutRequestId = (body: string) => ({ ...JSON.parse(body), requestId: undefined }) as unknown;
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(known.body));
  });

  it('throttles one client address after 20 failures, whatever the accounts, and not other addresses', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await login(`someone-${attempt}@example.com`, 'wrong-password-y', '203.0.113.7');
      expect(response.statusCode).toBe(401);
    }
    const blocked = await login('patient1@demo.puncta.test', TEST_DEMO_PASSWORD, '203.0.113.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await login('patient1@demo.puncta.test', TEST_DEMO_PASSWORD, '203.0.113.8')).statusCode).toBe(200);
  });

  it('forgets earlier failures of an account after a successful sign-in', async () => {
    const email = 'patient2@demo.puncta.test';
    for (let attempt = 0; attempt < 4; attempt++) await login(email, 'wrong-password-z');
    expect((await login(email, TEST_DEMO_PASSWORD)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await login(email, 'wrong-password-z')).statusCode).toBe(401);
    }
  });

  it('keeps counters in the database, keyed without the email address', async () => {
    await login('admin@demo.puncta.test', 'wrong-password-w');
    const { rows } = await t.database.executeSql('select key from rate_limit_buckets');
    const keys = rows.map((row) => String(row.key));
    expect(keys.some((key) => key.startsWith('login:account:'))).toBe(true);
    expect(keys.some((key) => key === 'login:ip:127.0.0.1')).toBe(true);
    expect(keys.join(' ')).not.toContain('admin@');
  });

  it('counts parallel attempts exactly (atomic upsert)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, attempt) =>
        login('practitioner2@demo.puncta.test', `wrong-${attempt}-password`, `10.0.4.${attempt}`),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});

describe('email request throttling', () => {
  it('sends at most 3 reset emails per address per hour, answering 429 after', async () => {
    const email = 'patient1@demo.puncta.test';
    const before = await mailCountTo(t, email);
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await post('/api/v1/auth/password-reset/request', { email }, `10.0.5.${attempt}`)).statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(await mailCountTo(t, email)).toBe(before + 3);
  });

  it('allows 10 sign-in link requests per client address per hour', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push(
        (await post('/api/v1/auth/sign-in-link/request', { email: `person-${attempt}@example.com` }, '198.51.100.4'))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
