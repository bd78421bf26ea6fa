// The optional Akismet-compatible check, against a local HTTP peer that
// answers the way the service can: "true" (spam), "false" (not spam), a 500,
// or nothing within the two-second limit. Spam is sorted apart, "false" keeps
// the local verdict (a trusted commenter is published), and any failure holds
// the comment for a person: the service never makes a comment appear.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureCommenterEmail,
  markCommenterTrustedIfVerified,
  markCommenterVerified,
} from '../src/db/repositories/comments.ts';
import { articles, commentSettings, comments } from '../src/db/schema.ts';
import { commentKeys, signFormTimestamp } from '../src/server/features/comments/tokens.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, sameOrigin, type Agent } from './support/auth.ts';
import { demoClinic, demoIds } from './support/factories.ts';

type Mode = 'true' | 'false' | '500' | 'slow' | 'invalid';

interface PeerRequest {
  path: string;
  contentType: string | undefined;
  params: URLSearchParams;
}

let t: TestApp;
let clinicId: string;
let authorId: string;
let admin: Agent;
let practitioner: Agent;
let akismet: Server;
let endpoint: string;
let mode: Mode = 'false';
const seen: PeerRequest[] = [];
let ipCounter = 0;
const TRUSTED = 'trusted@readers.test';

beforeAll(async () => {
  akismet = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        params: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      if (mode === 'slow') {
        const timer = setTimeout(() => response.end('false'), 3500);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      if (mode === '500') {
        response.writeHead(500).end('oops');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end(mode);
    });
  });
  await new Promise<void>((resolve) => akismet.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(akismet.address() as AddressInfo).port}`;

  t = await createTestApp();
  ({ clinicId } = await demoClinic(t.database));
  authorId = (await demoIds(t.database)).userIdOf('practitioner1@demo.puncta.test');
  admin = await loginAs(t, 'admin@demo.puncta.test');
  practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');

  // A commenter whose address is verified and whose earlier comment was approved: trusted.
  const article = await createArticle();
  const db = t.database.db;
  await ensureCommenterEmail(db, clinicId, TRUSTED);
  await db.insert(comments).values({
    clinicId,
    articleId: article.id,
    status: 'approved',
    authorName: 'Tess',
    authorEmail: TRUSTED,
    body: 'An earlier, approved comment',
  });
  await markCommenterVerified(db, clinicId, TRUSTED);
  await markCommenterTrustedIfVerified(db, clinicId, TRUSTED);
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (akismet ? akismet.close(() => resolve()) : resolve()));
});

beforeEach(() => {
  seen.length = 0;
});

async function createArticle(): Promise<{ id: string; slug: string }> {
  const slug = `akismet-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const [row] = await t.database.db
    .insert(articles)
    .values({
      clinicId,
      slug,
      status: 'published',
      title: 'Needle depth explained',
      summary: 'How deep, and why.',
      bodyMarkdown: 'It depends.',
      bodyHtml: '<p>It depends.</p>',
      readingMinutes: 2,
      authorId,
      publishAt: new Date(Date.now() - 60_000),
    })
    .returning({ id: articles.id });
  return { id: row!.id, slug };
}

async function configure(settings: Record<string, unknown>) {
  const response = await admin.inject({
    method: 'PUT',
    url: '/api/v1/comments/settings',
    payload: { moderateAll: false, maxLinks: 2, minSecondsToSubmit: 3, ...settings },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Record<string, unknown>>();
}

async function post(article: { id: string; slug: string }, fields: Record<string, string>) {
  ipCounter += 1;
  const form = new URLSearchParams({
    name: 'Tess',
    email: TRUSTED,
    website: 'https://tess.example',
    body: 'How deep do the needles go?',
    company_url: '',
    rendered_at: signFormTimestamp(commentKeys(t.config.sessionSecret), article.id, new Date(Date.now() - 30_000)),
    ...fields,
  });
  const response = await t.app.inject({
    method: 'POST',
    url: `/articles/${article.slug}/comments`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: sameOrigin(t),
      'user-agent': 'Mozilla/5.0 (test)',
    },
    payload: form.toString(),
    remoteAddress: `203.0.113.${ipCounter}`,
  });
  expect(response.statusCode, response.body).toBe(303);
  const [row] = await t.database.db
    .select({ status: comments.status, heldReasons: comments.heldReasons })
    .from(comments)
    .where(eq(comments.body, fields.body ?? 'How deep do the needles go?'));
  return { location: response.headers.location, row: row! };
}

describe('comment settings: the Akismet-compatible service', () => {
  it('keeps the key write-only and off by default', async () => {
    const before = await admin.inject({ method: 'GET', url: '/api/v1/comments/settings' });
    expect(before.json()).toMatchObject({ akismetEndpoint: null, akismetConfigured: false });

    const saved = await configure({ akismetEndpoint: endpoint, akismetKey: 'secret-key-123' });
    expect(saved).toMatchObject({ akismetEndpoint: endpoint, akismetConfigured: true });
    expect(JSON.stringify(saved)).not.toContain('secret-key-123');
    const read = await admin.inject({ method: 'GET', url: '/api/v1/comments/settings' });
    expect(read.json()).toMatchObject({ akismetEndpoint: endpoint, akismetConfigured: true });
    expect(read.body).not.toContain('secret-key-123');

    // Saving without the key keeps it; the old form of the request still works.
    expect(await configure({})).toMatchObject({ akismetConfigured: true });
    const [row] = await t.database.db
      .select({ key: commentSettings.akismetKey })
      .from(commentSettings)
      .where(eq(commentSettings.clinicId, clinicId));
    expect(row?.key).toBe('secret-key-123');

    // Not a web address: refused.
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/v1/comments/settings',
      payload: { moderateAll: false, maxLinks: 2, minSecondsToSubmit: 3, akismetEndpoint: 'file:///etc/passwd' },
    });
    expect(bad.statusCode).toBe(400);

    // Only admins change settings.
    const refused = await practitioner.inject({
      method: 'PUT',
      url: '/api/v1/comments/settings',
      payload: { moderateAll: false, maxLinks: 2, minSecondsToSubmit: 3, akismetKey: 'x' },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('screening with the Akismet-compatible service', () => {
  it('publishes a trusted commenter’s comment when the service answers "false", having sent the documented fields', async () => {
    await configure({ akismetEndpoint: `${endpoint}/`, akismetKey: 'secret-key-123' });
    mode = 'false';
    const article = await createArticle();
    const { location, row } = await post(article, { body: 'Is 0.5 mm deep enough for scars?' });
    expect(location).toContain('?comment=published');
    expect(row).toMatchObject({ status: 'approved', heldReasons: [] });

    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect(call!.path).toBe('/1.1/comment-check');
    expect(call!.contentType).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(call!.params)).toEqual({
      api_key: 'secret-key-123',
      blog: t.config.http.publicUrl,
      user_ip: '203.0.113.' + String(ipCounter),
      user_agent: 'Mozilla/5.0 (test)',
      comment_type: 'comment',
      comment_author: 'Tess',
      comment_author_email: TRUSTED,
      comment_author_url: 'https://tess.example/',
      comment_content: 'Is 0.5 mm deep enough for scars?',
    });
  });

  it('sorts a comment apart as spam when the service answers "true", and says "held" to the sender', async () => {
    mode = 'true';
    const article = await createArticle();
    const { location, row } = await post(article, { body: 'Cheap serums at my shop' });
    expect(location).toContain('?comment=held');
    expect(row).toMatchObject({ status: 'spam', heldReasons: ['akismet'] });
    const queue = await practitioner.inject({ method: 'GET', url: '/api/v1/comments?status=spam' });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.body).toContain('Cheap serums at my shop');
  });

  it('holds instead of publishing when the service fails (500), answers nonsense, or is too slow', async () => {
    const article = await createArticle();
    mode = '500';
    expect((await post(article, { body: 'Answer while the service is down' })).row).toMatchObject({
      status: 'pending',
      heldReasons: ['akismet_unavailable'],
    });
    mode = 'invalid';
    expect((await post(article, { body: 'Answer while the key is wrong' })).row).toMatchObject({
      status: 'pending',
      heldReasons: ['akismet_unavailable'],
    });

    mode = 'slow';
    const started = Date.now();
    const slow = await post(article, { body: 'Answer while the service is slow' });
    const took = Date.now() - started;
    expect(slow.location).toContain('?comment=held');
    expect(slow.row).toMatchObject({ status: 'pending', heldReasons: ['akismet_unavailable'] });
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(3400);
  });

  it('keeps a local "hold" for a new commenter when the service answers "false"', async () => {
    mode = 'false';
    const article = await createArticle();
    const { row } = await post(article, { email: 'newcomer@readers.test', body: 'First time here, hello' });
    expect(row).toMatchObject({ status: 'pending', heldReasons: ['first_comment'] });
    expect(seen).toHaveLength(1);
  });

  it('does not ask about comments already spam, nor send personal health details out', async () => {
    mode = 'false';
    const article = await createArticle();
    const honeypot = await post(article, { body: 'I am a script', company_url: 'http://spam.example' });
    expect(honeypot.row.status).toBe('spam');
    const health = await post(article, { body: 'I was born on 14/03/1986 and take isotretinoin 20 mg daily' });
    expect(health.row.heldReasons).toContain('personal_health_details');
    expect(seen).toHaveLength(0);
  });

  it('asks nothing once the endpoint is removed', async () => {
    expect(await configure({ akismetEndpoint: null, akismetKey: null })).toMatchObject({
      akismetEndpoint: null,
      akismetConfigured: false,
    });
    mode = 'true';
    const article = await createArticle();
    const { row } = await post(article, { body: 'After switching the check off' });
    expect(row.status).toBe('approved');
    expect(seen).toHaveLength(0);
  });
});
