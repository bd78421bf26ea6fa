// Hostile and broken input gets one clear problem+json answer, nothing stored
// changes, and the server keeps serving.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { outboxMessages } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';

let t: TestApp;
/** The route is for staff: every request here is a signed-in front desk's, CSRF token and all. */
let staff: Agent;
const URL = '/api/v1/demo/mailbox/test-message';

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t, 'frontdesk@demo.puncta.test');
});
afterAll(async () => {
  await t.close();
});

async function storedMessages(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(outboxMessages);
  return row?.n ?? 0;
}

async function expectProblem(request: InjectOptions, status: number, code: string): Promise<Record<string, unknown>> {
  const before = await storedMessages();
  const response = await staff.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = response.json<Record<string, unknown>>();
  expect(problem).toMatchObject({ status, code, type: `urn:puncta:problem:${code}` });
  expect(typeof problem.detail).toBe('string');
  expect(await storedMessages()).toBe(before);
  return problem;
}

describe('POST /api/v1/demo/mailbox/test-message', () => {
  it('accepts a valid request and the message appears in the demo mailbox', async () => {
    const response = await staff.inject({ method: 'POST', url: URL, payload: { note: 'checking mail' } });
    expect(response.statusCode).toBe(201);
    const { id, mode } = response.json<{ id: string; mode: string }>();
    expect(mode).toBe('outbox');
    const message = (await staff.inject({ method: 'GET', url: `/api/v1/demo/mailbox/${id}` })).json<{
      to: string;
      text: string;
    }>();
    expect(message.to).toBe('hello@demo.puncta.test');
    expect(message.text).toContain('checking mail');
  });

  it('rejects malformed JSON', async () => {
    await expectProblem(
      { method: 'POST', url: URL, payload: '{"note": "unterminated', headers: { 'content-type': 'application/json' } },
      400,
      'malformed_json',
    );
  });

  it('rejects a body that is not JSON', async () => {
    await expectProblem(
      { method: 'POST', url: URL, payload: 'note=hello', headers: { 'content-type': 'text/plain' } },
      415,
      'unsupported_media_type',
    );
  });

  it('rejects a form post from another site before any handler runs', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: URL,
        payload: 'note=from+evil',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      },
      403,
      'csrf_failed',
    );
  });

  it('rejects a form-encoded body even from our own pages', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: URL,
        payload: 'note=hello',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      415,
      'unsupported_media_type',
    );
  });

  it('answers 401 before looking at the body when nobody is signed in', async () => {
    const before = await storedMessages();
    const response = await t.app.inject({ method: 'POST', url: URL, payload: '{"note": "unterminated' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'unauthorized' });
    expect(await storedMessages()).toBe(before);
  });

  it('rejects a 10 MB body without reading it into the database', async () => {
    const huge = JSON.stringify({ note: 'x'.repeat(10 * 1024 * 1024) });
    await expectProblem(
      { method: 'POST', url: URL, payload: huge, headers: { 'content-type': 'application/json' } },
      413,
      'payload_too_large',
    );
  });

  it('names the field with the wrong type', async () => {
    const problem = await expectProblem(
      { method: 'POST', url: URL, payload: { note: 12345 } },
      400,
      'validation_failed',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ location: 'body', path: 'note' })]);
  });

  it('rejects unknown fields instead of silently dropping them', async () => {
    const problem = await expectProblem(
      { method: 'POST', url: URL, payload: { note: 'hi', to: 'stranger@example.com' } },
      400,
      'validation_failed',
    );
    expect(JSON.stringify(problem.errors)).toContain('to');
  });

  it('rejects a JSON array or a bare string as the body', async () => {
    await expectProblem(
      { method: 'POST', url: URL, payload: '[1,2]', headers: { 'content-type': 'application/json' } },
      400,
      'validation_failed',
    );
    await expectProblem(
      { method: 'POST', url: URL, payload: '"hi"', headers: { 'content-type': 'application/json' } },
      400,
      'validation_failed',
    );
  });

  it('rejects a malformed id in the path', async () => {
    await expectProblem({ method: 'GET', url: '/api/v1/demo/mailbox/not-a-uuid' }, 400, 'validation_failed');
  });

  it('keeps serving after all of that', async () => {
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    expect((await t.app.inject('/api/v1/clinic')).statusCode).toBe(200);
  });
});

describe('server errors', () => {
  it('answer 500 with a request id and no internals, and are logged', async () => {
    const broken = await createTestApp();
    try {
      // The database going away under the app is the realistic internal failure.
      await broken.database.close();
      const response = await broken.app.inject('/api/v1/clinic');
      expect(response.statusCode).toBe(500);
      const problem = response.json<{ code: string; detail: string; requestId: string }>();
      expect(problem.code).toBe('internal_error');
      expect(problem.requestId).toBe(response.headers['x-request-id']);
      expect(response.body).not.toMatch(/PGlite|pg\b|closed|at .*\.ts|stack|select/i);
      expect(broken.logs.join('\n')).toContain(problem.requestId);

      // A person browsing the site gets a page, not JSON, with a reference to quote.
      const page = await broken.app.inject({ url: '/treatments', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(500);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Something went wrong on our side');
      expect(page.body).toContain(String(page.headers['x-request-id']));
      expect(page.body).not.toMatch(/PGlite|closed|stack/i);
    } finally {
      await broken.app.close();
    }
  });
});
