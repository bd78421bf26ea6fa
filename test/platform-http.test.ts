// The HTTP platform as a client sees it: health, the clinic profile, the error
// shape, security headers, request ids, OpenAPI and metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('health', () => {
  it('answers liveness and readiness, naming the database engine', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('reports not ready while draining, so a load balancer stops sending traffic', async () => {
    t.app.readiness.draining = true;
    try {
      const response = await t.app.inject('/readyz');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'draining', status: 503 });
    } finally {
      t.app.readiness.draining = false;
    }
  });
});

describe('GET /api/v1/clinic', () => {
  it('shows the demo clinic, its service menu with prices and its practitioners', async () => {
    const response = await t.app.inject('/api/v1/clinic');
    expect(response.statusCode).toBe(200);
    const clinic = response.json<{
      name: string;
      timeZone: string;
      services: { code: string; kind: string; priceCents: number }[];
      practitioners: { displayName: string }[];
    }>();
    expect(clinic.name).toBe('Demo Dermatology');
    expect(clinic.timeZone).toBe('America/New_York');
    expect(clinic.services.map((service) => service.code).sort()).toEqual(
      ['body-stretch-marks', 'consultation', 'face', 'face-prp', 'scalp'].sort(),
    );
    expect(clinic.services.find((service) => service.code === 'consultation')).toMatchObject({
      kind: 'consultation',
      priceCents: 5000,
    });
    expect(clinic.practitioners.map((p) => p.displayName)).toEqual(['Daniel Reyes, RN', 'Dr. Maya Okafor']);
  });

  it('never exposes staff emails or password hashes', async () => {
    const body = (await t.app.inject('/api/v1/clinic')).body;
    expect(body).not.toContain('practitioner1@');
    expect(body).not.toContain('argon2');
  });
});

describe('errors are problem+json', () => {
  it('answers an unknown API route with a stable code', async () => {
    const response = await t.app.inject('/api/v1/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: 'urn:puncta:problem:route_not_found',
      status: 404,
      code: 'route_not_found',
      requestId: response.headers['x-request-id'],
    });
  });

  it('keeps a caller-supplied request id and makes one up otherwise', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-trace-12345678' } });
    expect(given.headers['x-request-id']).toBe('lb-trace-12345678');
    const hostile = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a wrong method on a known path', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/clinic' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and friends', async () => {
    const response = await t.app.inject('/api/v1/clinic');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('compresses large responses for clients that accept it', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
  });
});

describe('OpenAPI', () => {
  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await t.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>();
    expect(document.openapi).toBe('3.1.0');
    const clinic = document.paths['/api/v1/clinic']?.get as { responses: Record<string, unknown> } | undefined;
    expect(JSON.stringify(clinic?.responses['200'])).toContain('#/components/schemas/PublicClinic');
    expect(JSON.stringify(clinic?.responses['404'])).toContain('#/components/schemas/Problem');
    expect(document.components.schemas.PublicClinic?.properties).toHaveProperty('timeZone');
    expect(document.components.schemas.Problem?.properties).toHaveProperty('code');
  });

  it('serves a browsable documentation page', async () => {
    const response = await t.app.inject({ url: '/api/docs/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

describe('metrics', () => {
  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await t.app.inject('/api/v1/clinic');
    const response = await t.app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(
      'puncta_http_request_duration_seconds_count{method="GET",route="/api/v1/clinic",status="200"}',
    );
    expect(response.body).toContain('puncta_process_resident_memory_bytes');
  });
});

describe('logs', () => {
  it('record the route and request id but never the query string or cookies', async () => {
    t.logs.length = 0;
    await t.app.inject({
      url: '/api/v1/clinic?email=sam.patel%40example.com&dob=1991-04-12',
      headers: { cookie: '__Host-session=secret-session-value', authorization: 'Bearer secret-token' },
    });
    await t.app.inject('/api/v1/no-such-route?phone=2125550142');
    const logged = t.logs.join('\n');
    expect(logged).toContain('/api/v1/clinic');
    expect(logged).toContain('requestId');
    for (const secret of ['sam.patel', '1991-04-12', 'secret-session-value', 'secret-token', '2125550142']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('routes', () => {
  it('every registered route declares who may call it', () => {
    expect(t.app.registeredRoutes.length).toBeGreaterThan(5);
    for (const route of t.app.registeredRoutes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });
});
