// One-click unsubscribe from reply emails (RFC 2369 List-Unsubscribe, RFC 8058
// List-Unsubscribe-Post): the notification carries both header fields through
// the outbox to a real SMTP server, and a mail provider's POST (no Origin, no
// Referer, no cookie, body "List-Unsubscribe=One-Click") stops the emails.
// A cross-site POST is still refused, on this route and the other comment routes.
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, comments, outboxMessages } from '../src/db/schema.ts';
import { startJobs, type JobRuntime } from '../src/jobs/start-jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { commentKeys, signFormTimestamp } from '../src/server/features/comments/tokens.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, sameOrigin, type Agent } from './support/auth.ts';
import { demoClinic, demoIds } from './support/factories.ts';
import { eventually } from './support/eventually.ts';
import { startSmtpPeer, type SmtpPeer } from './support/smtp-peer.ts';

let t: TestApp;
let peer: SmtpPeer;
let jobs: JobRuntime;
let clinicId: string;
let authorId: string;
let practitioner: Agent;
let ipCounter = 0;

beforeAll(async () => {
  peer = await startSmtpPeer();
  t = await createTestApp({ env: { SMTP_URL: peer.url, MAIL_FROM: 'Demo Dermatology <hello@clinic.example>' } });
  jobs = await startJobs({
    config: t.config,
    database: t.database,
    mailer: t.app.services.mailer,
    logger: createLogger('silent', new Writable({ write: (_chunk, _encoding, done) => done() })),
    tuning: { pollingIntervalSeconds: 0.5, cronCheckIntervalSeconds: 1, mailRetryDelaySeconds: 1 },
  });
  ({ clinicId } = await demoClinic(t.database));
  authorId = (await demoIds(t.database)).userIdOf('practitioner1@demo.puncta.test');
  practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');
});

afterAll(async () => {
  await jobs?.stop({ timeoutMs: 5000 });
  await t?.close();
  await peer?.close();
});

async function createArticle(): Promise<{ id: string; slug: string }> {
  const slug = `unsubscribe-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const [row] = await t.database.db
    .insert(articles)
    .values({
      clinicId,
      slug,
      status: 'published',
      title: 'Aftercare in the first week',
      summary: 'What to expect.',
      bodyMarkdown: 'Keep it clean.',
      bodyHtml: '<p>Keep it clean.</p>',
      readingMinutes: 2,
      authorId,
      publishAt: new Date(Date.now() - 60_000),
    })
    .returning({ id: articles.id });
  return { id: row!.id, slug };
}

function postForm(
  article: { id: string; slug: string },
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: sameOrigin(t) },
) {
  ipCounter += 1;
  const form = new URLSearchParams({
    name: 'Nora',
    email: 'nora@readers.test',
    website: '',
    body: 'Tell me when someone answers',
    company_url: '',
    rendered_at: signFormTimestamp(commentKeys(t.config.sessionSecret), article.id, new Date(Date.now() - 30_000)),
    ...fields,
  });
  return t.app.inject({
    method: 'POST',
    url: `/articles/${article.slug}/comments`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form.toString(),
    remoteAddress: `198.51.100.${ipCounter}`,
  });
}

/** A question by `email` that asked for replies, approved and answered by the clinic; the notification received. */
async function answeredQuestion(email: string) {
  const article = await createArticle();
  const body = `Question from ${email}`;
  expect((await postForm(article, { email, body, notify: 'on' })).statusCode).toBe(303);
  const [question] = await t.database.db.select().from(comments).where(eq(comments.articleId, article.id));
  const approved = await practitioner.inject({ method: 'POST', url: `/api/v1/comments/${question!.id}/approve` });
  expect(approved.statusCode, approved.body).toBe(200);
  const answer = await practitioner.inject({
    method: 'POST',
    url: `/api/v1/comments/${question!.id}/replies`,
    payload: { body: 'Redness settles in one to three days.' },
  });
  expect(answer.statusCode, answer.body).toBe(201);
  const mails = await eventually(
    // The subject is RFC 2047 encoded (it quotes the title); only notifications are list messages.
    async () => peer.receivedFor(email).filter((mail) => mail.headers.has('list-unsubscribe')),
    (received) => received.length >= 1,
  );
  return { article, questionId: question!.id, notice: mails[0]! };
}

async function notifyReplies(commentId: string): Promise<boolean> {
  const [row] = await t.database.db
    .select({ notifyReplies: comments.notifyReplies })
    .from(comments)
    .where(eq(comments.id, commentId));
  return row!.notifyReplies;
}

function unsubscribePathOf(listUnsubscribe: string | undefined): string {
  const match = /^<(https?:\/\/[^>]+)>$/.exec(listUnsubscribe ?? '');
  if (match?.[1] === undefined) throw new Error(`not a List-Unsubscribe value: ${listUnsubscribe}`);
  const url = new URL(match[1]);
  expect(url.origin).toBe(sameOrigin(t));
  expect(url.pathname).toMatch(/^\/comments\/unsubscribe\/[A-Za-z0-9_.-]+$/);
  return url.pathname;
}

describe('List-Unsubscribe on reply notifications', () => {
  it('stores both header fields with the outbox row and delivers them over SMTP', async () => {
    const { notice } = await answeredQuestion('headers@readers.test');
    const path = unsubscribePathOf(notice.headers.get('list-unsubscribe'));
    expect(notice.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const rows = await t.database.db
      .select({ subject: outboxMessages.subject, headers: outboxMessages.headers, status: outboxMessages.status })
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'headers@readers.test'));
    expect(peer.receivedFor('headers@readers.test')).toHaveLength(2);
    const stored = rows.find((row) => row.subject.startsWith('New reply'));
    expect(stored).toMatchObject({ status: 'sent' });
    expect(stored!.headers).toEqual({
      'List-Unsubscribe': `<${t.config.http.publicUrl}${path}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    // The email that acknowledges a comment is no list message.
    const other = rows.find((row) => !row.subject.startsWith('New reply'));
    expect(other?.headers ?? null).toBeNull();
  });

  it('unsubscribes on a mail provider’s one-click POST without Origin or Referer, answering without a redirect', async () => {
    const { questionId, notice } = await answeredQuestion('oneclick@readers.test');
    const path = unsubscribePathOf(notice.headers.get('list-unsubscribe'));
    expect(await notifyReplies(questionId)).toBe(true);

    const response = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(await notifyReplies(questionId)).toBe(false);
    // Again: nothing left to do, still fine.
    const again = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(again.statusCode).toBe(200);
  });

  it('takes the one-click POST as multipart/form-data too, on this route only', async () => {
    const { article, questionId, notice } = await answeredQuestion('multipart@readers.test');
    const path = unsubscribePathOf(notice.headers.get('list-unsubscribe'));
    const boundary = '----provider';
    const multipart = {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    };
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const response = await t.app.inject({ method: 'POST', url: path, headers: multipart, payload });
    expect(response.statusCode, response.body).toBe(200);
    expect(await notifyReplies(questionId)).toBe(false);

    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/articles/${article.slug}/comments`,
      headers: { ...multipart, origin: sameOrigin(t) },
      payload,
    });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('unsubscribes on a body-less POST without Origin', async () => {
    const { questionId, notice } = await answeredQuestion('bodyless@readers.test');
    const path = unsubscribePathOf(notice.headers.get('list-unsubscribe'));
    const response = await t.app.inject({ method: 'POST', url: path });
    expect([200, 303]).toContain(response.statusCode);
    expect(await notifyReplies(questionId)).toBe(false);
  });

  it('refuses a cross-site POST, on this route and on the other comment routes', async () => {
    const { article, questionId, notice } = await answeredQuestion('crosssite@readers.test');
    const path = unsubscribePathOf(notice.headers.get('list-unsubscribe'));
    const foreign = { origin: 'https://evil.example' };

    const forged = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { ...foreign, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'csrf_failed' });
    const viaReferer = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { referer: 'https://evil.example/page', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(viaReferer.statusCode).toBe(403);
    expect(await notifyReplies(questionId)).toBe(true);

    // The manage (delete) link from the same email.
    const manage = /\/comments\/manage\/[A-Za-z0-9_.-]+/.exec(
      notice.body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    )?.[0];
    expect(manage).toBeDefined();
    expect((await t.app.inject({ method: 'POST', url: manage!, headers: foreign })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: `/comments/verify/whatever`, headers: foreign })).statusCode,
    ).toBe(403);
    const comment = await postForm(article, { email: 'forger@readers.test', body: 'Forged' }, foreign);
    expect(comment.statusCode).toBe(403);
    const [question] = await t.database.db.select().from(comments).where(eq(comments.id, questionId));
    expect(question).toMatchObject({ status: 'approved', notifyReplies: true });
  });
});
