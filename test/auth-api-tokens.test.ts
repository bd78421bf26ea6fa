// Personal API tokens: created from a session, used as Bearer tokens by
// scripts (no cookie, no CSRF), scoped, revocable, expiring, and kept away
// from account settings.
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import auth from '../src/server/auth/plugin.ts';
import { STAFF_ROLES } from '../src/server/auth/principal.ts';
import problems from '../src/server/plugins/problems.ts';
import routeContracts from '../src/server/plugins/route-contracts.ts';
import security from '../src/server/plugins/security.ts';
import services from '../src/server/plugins/services.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { auditRows, loginAs, type Agent } from './support/auth.ts';

let t: TestApp;
/** The real plugins in front of two staff-only routes, since the feature routes come from elsewhere. */
let probe: FastifyInstance;
let practitioner: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(problems);
  await app.register(routeContracts);
  await app.register(security, { config: t.config });
  await app.register(services, { database: t.database, mailer: t.app.services.mailer });
  await app.register(auth, { config: t.config });
  const answer = z.object({ userId: z.string(), role: z.string(), via: z.string() });
  app.get(
    '/api/v1/probe',
    { config: { access: { roles: STAFF_ROLES } }, schema: { response: { 200: answer } } },
    (request) => {
      const principal = request.principal;
      if (principal.kind !== 'user') throw new Error('policy let anonymous through');
      return { userId: principal.userId, role: principal.role, via: principal.via };
    },
  );
  app.post(
    '/api/v1/probe',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: { body: z.strictObject({ n: z.number() }), response: { 200: answer } },
    },
    (request) => {
      const principal = request.principal;
      if (principal.kind !== 'user') throw new Error('policy let anonymous through');
      return { userId: principal.userId, role: principal.role, via: principal.via };
    },
  );
  await app.ready();
  probe = app;
  practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');
});
afterAll(async () => {
  await probe.close();
  await t.close();
});

async function createToken(agent: Agent, body: object): Promise<{ id: string; token: string }> {
  const response = await agent.inject({ method: 'POST', url: '/api/v1/auth/api-tokens', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function bearer(token: string, method: 'GET' | 'POST' = 'GET') {
  return probe.inject({
    method,
    url: '/api/v1/probe',
    headers: { authorization: `Bearer ${token}` },
    ...(method === 'POST' ? { payload: { n: 1 } } : {}),
  });
}

describe('API tokens', () => {
  it('are shown once, stored hashed, and act as their owner (no cookie, no CSRF token, no Origin)', async () => {
    const { id, token } = await createToken(practitioner, { name: 'nightly export', scopes: ['read', 'write'] });
    expect(token).toMatch(/^pnc_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify((await t.database.executeSql('select * from api_tokens')).rows);
    expect(stored).not.toContain(token);

    const read = await bearer(token);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ userId: practitioner.user.id, role: 'practitioner', via: 'api_token' });
    expect((await bearer(token, 'POST')).statusCode).toBe(200);
    const fromElsewhere = await probe.inject({
      method: 'POST',
      url: '/api/v1/probe',
      headers: { authorization: `Bearer ${token}`, origin: 'https://integration.example' },
      payload: { n: 2 },
    });
    expect(fromElsewhere.statusCode).toBe(200);

    const list = await practitioner.inject({ method: 'GET', url: '/api/v1/auth/api-tokens' });
    expect(list.json()).toMatchObject({ tokens: [{ id, name: 'nightly export', scopes: ['read', 'write'] }] });
    expect(list.body).not.toContain(token);
    expect((await auditRows(t, 'create')).at(-1)).toMatchObject({
      user_id: practitioner.user.id,
      resource_type: 'api_token',
      resource_id: id,
    });
  });

  it('with the read scope only, cannot write (403 insufficient_scope, audited)', async () => {
    const { token } = await createToken(practitioner, { name: 'read only', scopes: ['read'] });
    expect((await bearer(token)).statusCode).toBe(200);
    const write = await bearer(token, 'POST');
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ code: 'insufficient_scope' });
    expect((await auditRows(t, 'access_denied')).at(-1)).toMatchObject({
      user_id: practitioner.user.id,
      resource_id: 'POST /api/v1/probe',
      outcome: 'denied',
    });
  });

  it('stop working when revoked, and only their owner can revoke them', async () => {
    const { id, token } = await createToken(practitioner, { name: 'to revoke', scopes: ['read'] });
    const stranger = await loginAs(t, 'practitioner2@demo.puncta.test');
    expect((await stranger.inject({ method: 'DELETE', url: `/api/v1/auth/api-tokens/${id}` })).statusCode).toBe(404);
    expect((await bearer(token)).statusCode).toBe(200);
    const revoked = await practitioner.inject({ method: 'DELETE', url: `/api/v1/auth/api-tokens/${id}` });
    expect(revoked.statusCode).toBe(204);
    const after = await bearer(token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('stop working when they expire', async () => {
    const { id, token } = await createToken(practitioner, { name: 'short', scopes: ['read'], expiresInDays: 1 });
    expect((await bearer(token)).statusCode).toBe(200);
    await t.database.executeSql(`update api_tokens set expires_at = now() - interval '1 second' where id = $1`, [id]);
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('cannot be used for account settings', async () => {
    const { token } = await createToken(practitioner, { name: 'sneaky', scopes: ['read', 'write'] });
    for (const [method, url] of [
      ['GET', '/api/v1/auth/session'],
      ['GET', '/api/v1/auth/api-tokens'],
      ['POST', '/api/v1/auth/logout-everywhere'],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ code: 'api_token_not_allowed' });
    }
  });

  it('follow their owner: a deactivated membership or a disabled account stops the token', async () => {
    const frontDesk = await loginAs(t, 'frontdesk@demo.puncta.test');
    const { token } = await createToken(frontDesk, { name: 'desk', scopes: ['read'] });
    expect((await bearer(token)).json()).toMatchObject({ role: 'front_desk' });
    await t.database.executeSql('update clinic_memberships set deactivated_at = now() where user_id = $1', [
      frontDesk.user.id,
    ]);
    expect((await bearer(token)).statusCode).toBe(401);
    // The session ends for the same reason.
    expect((await frontDesk.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
  });

  it('refuses garbage and unknown tokens alike', async () => {
    for (const value of ['pnc_unknown', 'not-a-token', '']) {
      const response = await probe.inject({
        method: 'GET',
        url: '/api/v1/probe',
        headers: { authorization: `Bearer ${value}` },
      });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('the policy on a staff route', () => {
  it('answers 401 anonymous, 403 to a patient (audited), and lets staff through', async () => {
    expect((await probe.inject({ method: 'GET', url: '/api/v1/probe' })).statusCode).toBe(401);
    const patient = await loginAs(t, 'patient1@demo.puncta.test');
    const denied = await probe.inject({ method: 'GET', url: '/api/v1/probe', headers: { cookie: patient.cookie } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'forbidden' });
    expect((await auditRows(t, 'access_denied')).at(-1)).toMatchObject({
      user_id: patient.user.id,
      role: 'patient',
      resource_type: 'route',
      resource_id: 'GET /api/v1/probe',
    });
    const staff = await probe.inject({ method: 'GET', url: '/api/v1/probe', headers: { cookie: practitioner.cookie } });
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toMatchObject({ via: 'session' });
  });
});
