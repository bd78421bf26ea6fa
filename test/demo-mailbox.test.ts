// The demo mailbox API as the page (and a curious visitor) sees it: what
// Puncta wrote, newest first; one message by id; staff only; and nothing at
// all once the demo is switched off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../src/db/schema.ts';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp, type App } from '../src/server/app.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import { createClinic } from './support/factories.ts';
import type { TestDatabase } from './support/test-database.ts';

interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

let t: TestApp;
let database: TestDatabase;
let mailer: Mailer;
let app: App;
/** The mailbox is for staff: front desk reads it here. */
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  ({ app, database } = t);
  mailer = createMailer(t.config.mail, database);
  staff = await loginAs(t, 'frontdesk@demo.puncta.test');
});

afterAll(async () => {
  await mailer?.close();
  await t?.close();
});

function get(url: string) {
  return staff.inject({ method: 'GET', url });
}

describe('GET /api/v1/demo/mailbox', () => {
  it('shows the messages Puncta wrote, newest first, as staff need to read them', async () => {
    const first = await mailer.send({
      to: 'patient1@demo.puncta.test',
      subject: 'Welcome to Demo Dermatology',
      text: 'Your account is ready.',
      html: '<p>Your account is ready.</p>',
    });
    const second = await mailer.send({
      to: 'patient2@demo.puncta.test',
      subject: 'Your consultation',
      text: 'Friday, 10:00.',
    });

    const response = await get('/api/v1/demo/mailbox');
    expect(response.statusCode).toBe(200);
    const { messages } = response.json<{ messages: MailboxMessage[] }>();
    expect(messages.map((message) => message.id)).toEqual([second.id, first.id]);
    const { createdAt, ...rest } = messages[1] ?? { createdAt: '' };
    expect(rest).toEqual({
      id: first.id,
      to: 'patient1@demo.puncta.test',
      subject: 'Welcome to Demo Dermatology',
      text: 'Your account is ready.',
      html: '<p>Your account is ready.</p>',
      attachments: [],
      status: 'kept',
      sentAt: null,
    });
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(messages[0]).toMatchObject({ html: null, status: 'kept' });
  });

  it('shows at most the latest 100', async () => {
    const base = Date.now() - 3_600_000;
    await database.db.insert(outboxMessages).values(
      Array.from({ length: 105 }, (_, index) => ({
        toAddress: `bulk${index}@example.test`,
        subject: `Bulk ${index}`,
        textBody: 'Hello.',
        status: 'kept' as const,
        createdAt: new Date(base - index * 1000),
      })),
    );
    const { messages } = (await get('/api/v1/demo/mailbox')).json<{ messages: MailboxMessage[] }>();
    expect(messages).toHaveLength(100);
    // Two recent ones from the test above, then bulk0 (newest) .. bulk97; the 7 oldest are left out.
    expect(messages.at(2)?.subject).toBe('Bulk 0');
    expect(messages.at(-1)?.subject).toBe('Bulk 97');
  });
});

describe('GET /api/v1/demo/mailbox/:id', () => {
  it('shows one message', async () => {
    const { id } = await mailer.send({
      to: 'patient1@demo.puncta.test',
      subject: 'Aftercare, day 3',
      text: 'Moisturize.',
    });
    const response = await get(`/api/v1/demo/mailbox/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, subject: 'Aftercare, day 3', text: 'Moisturize.', status: 'kept' });
  });

  it('shows when a delivered message was sent', async () => {
    const sentAt = new Date('2025-03-04T15:00:00.000Z');
    const [row] = await database.db
      .insert(outboxMessages)
      .values({ toAddress: 'patient1@demo.puncta.test', subject: 'Receipt', textBody: 'Paid.', status: 'sent', sentAt })
      .returning({ id: outboxMessages.id });
    const response = await get(`/api/v1/demo/mailbox/${row?.id}`);
    expect(response.json()).toMatchObject({ status: 'sent', sentAt: '2025-03-04T15:00:00.000Z' });
  });

  it('answers 404 problem+json for a message that does not exist', async () => {
    const response = await get('/api/v1/demo/mailbox/6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 400 for an id that is not a uuid', async () => {
    const response = await get('/api/v1/demo/mailbox/not-a-uuid');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ location: 'params', path: 'id' }] });
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/demo/mailbox', '/api/v1/demo/mailbox/{id}']),
    );
  });

  it('is declared as a staff-only route', () => {
    const routes = app.registeredRoutes.filter((route) => route.url.startsWith('/api/v1/demo/mailbox'));
    expect(routes.map((route) => route.access)).toEqual(
      routes.map(() => ({ roles: ['front_desk', 'practitioner', 'clinic_admin'] })),
    );
  });
});

describe('who may read the mailbox', () => {
  it('turns away anonymous visitors (401) and patients (403)', async () => {
    const { id } = await mailer.send({ to: 'patient2@demo.puncta.test', subject: 'Reset link', text: 'Secret link.' });
    const patient = await loginAs(t, 'patient1@demo.puncta.test');
    for (const url of ['/api/v1/demo/mailbox', `/api/v1/demo/mailbox/${id}`]) {
      const anonymous = await app.inject(url);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).not.toContain('Secret link');
      const refused = await patient.inject({ method: 'GET', url });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain('Secret link');
    }
  });

  it("does not show another clinic's mail", async () => {
    const other = await createClinic(database);
    const { id } = await mailer.send({ clinicId: other.clinicId, to: 'x@other.test', subject: 'Theirs', text: '.' });
    expect((await get(`/api/v1/demo/mailbox/${id}`)).statusCode).toBe(404);
    expect((await get('/api/v1/demo/mailbox')).body).not.toContain(id);
  });
});

describe('with the demo switched off', () => {
  it('answers both routes like unknown ones and shows no mail', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PUNCTA_DATA_DIR: '/nonexistent',
      PUNCTA_DEMO: 'false',
    });
    const { id } = await mailer.send({ to: 'patient2@demo.puncta.test', subject: 'Private', text: 'Private.' });
    const production = await buildApp(config, { database, mailer });
    try {
      for (const url of ['/api/v1/demo/mailbox', `/api/v1/demo/mailbox/${id}`, '/api/v1/demo/mailbox/not-a-uuid']) {
        // Signed in or not: the routes do not exist, so not even a 401 hints at them.
        for (const headers of [{}, { cookie: staff.cookie }]) {
          const response = await production.inject({ url, headers });
          expect(response.statusCode).toBe(404);
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(response.json()).toMatchObject({ status: 404, code: 'route_not_found' });
          expect(response.body).not.toContain('patient2@');
        }
      }
    } finally {
      await production.close();
    }
  });
});
