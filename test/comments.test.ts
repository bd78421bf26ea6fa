// "Leave a Reply" through the real app, the real database and a real SMTP
// server: readers post with a plain form (no JavaScript), moderators work the
// queue through the API, emails reach the commenter's inbox. Spam, floods,
// stored XSS and personal health details must never reach the public page;
// the commenter's email never appears in anything public.
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, auditEvents, comments } from '../src/db/schema.ts';
import { startJobs, type JobRuntime } from '../src/jobs/start-jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { commentKeys, signFormTimestamp } from '../src/server/features/comments/tokens.ts';
import { CommentSection, loadCommentThread } from '../src/web/public/comments/comment-section.tsx';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, sameOrigin, type Agent } from './support/auth.ts';
import { createClinic, createStaff, demoClinic, demoIds } from './support/factories.ts';
import { startSmtpPeer, type SmtpPeer } from './support/smtp-peer.ts';
import { eventually } from './support/eventually.ts';

let t: TestApp;
let peer: SmtpPeer;
let jobs: JobRuntime;
let clinicId: string;
let authorId: string;
let practitioner: Agent;
let admin: Agent;
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
  admin = await loginAs(t, 'admin@demo.puncta.test');
});

afterAll(async () => {
  await jobs?.stop({ timeoutMs: 5000 });
  await t?.close();
  await peer?.close();
});

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

interface TestArticle {
  id: string;
  slug: string;
}

let articleCounter = 0;

/** An article row written directly (the article editor is another feature). */
async function createArticle(
  options: { status?: 'draft' | 'published' | 'deleted'; commentsClosed?: boolean; clinic?: string } = {},
): Promise<TestArticle> {
  articleCounter += 1;
  const slug = `comments-test-${articleCounter}-${Date.now().toString(36)}`;
  const [row] = await t.database.db
    .insert(articles)
    .values({
      clinicId: options.clinic ?? clinicId,
      slug,
      status: options.status ?? 'published',
      title: `Recovery after micro-needling, part ${articleCounter}`,
      summary: 'What the first week looks like.',
      bodyMarkdown: 'Redness for a day or two.',
      bodyHtml: '<p>Redness for a day or two.</p>',
      readingMinutes: 3,
      authorId,
      publishAt: new Date(Date.now() - 60_000),
      commentsClosed: options.commentsClosed ?? false,
    })
    .returning({ id: articles.id });
  return { id: row!.id, slug };
}

/** A distinct client address per test, so one test's posts never throttle another's. */
function nextIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

function renderedAt(article: TestArticle, secondsAgo = 30): string {
  return signFormTimestamp(commentKeys(t.config.sessionSecret), article.id, new Date(Date.now() - secondsAgo * 1000));
}

interface PostFields {
  name?: string;
  email?: string;
  website?: string;
  body?: string;
  parent?: string;
  notify?: string;
  company_url?: string;
  rendered_at?: string;
}

/** Posts the form the way a browser without JavaScript does: urlencoded, same origin. */
async function post(article: TestArticle, fields: PostFields, ip: string, options: { origin?: string } = {}) {
  const form = new URLSearchParams({
    name: 'Robin Reader',
    email: 'robin@readers.test',
    website: '',
    body: 'How long does the redness last?',
    company_url: '',
    rendered_at: renderedAt(article),
    ...fields,
  });
  return t.app.inject({
    method: 'POST',
    url: `/articles/${article.slug}/comments`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: options.origin ?? sameOrigin(t) },
    payload: form.toString(),
    remoteAddress: ip,
  });
}

/** The comment section alone, as the article page renders it. */
async function commentSection(article: TestArticle, query = ''): Promise<{ status: number; html: string }> {
  const [row] = await t.database.db
    .select({ status: articles.status, closed: articles.commentsClosed })
    .from(articles)
    .where(eq(articles.id, article.id));
  if (row?.status !== 'published') return { status: 404, html: '' };
  const thread = await loadCommentThread(t.database.db, clinicId, article.id);
  const replyTo = new URLSearchParams(query.replace(/^\?/, '')).get('replyto') ?? undefined;
  const html = renderToStaticMarkup(
    createElement(CommentSection, { articleSlug: article.slug, commentsClosed: row.closed, thread, replyTo }),
  );
  return { status: 200, html };
}

function articlePageRegistered(): boolean {
  return t.app.registeredRoutes.some((route) => route.method === 'GET' && route.url === '/articles/:slug');
}

/**
 * The article page as readers get it. Until the article page exists, the same
 * comment section it renders, with the same loader.
 */
async function articlePage(article: TestArticle, query = ''): Promise<{ status: number; html: string }> {
  if (articlePageRegistered()) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/articles/${article.slug}${query}`,
      headers: { accept: 'text/html' },
    });
    return { status: response.statusCode, html: response.body };
  }
  return commentSection(article, query);
}

async function commentRows(article: TestArticle) {
  return t.database.db
    .select({
      id: comments.id,
      status: comments.status,
      body: comments.body,
      heldReasons: comments.heldReasons,
      parentId: comments.parentId,
      authorEmail: comments.authorEmail,
      notifyReplies: comments.notifyReplies,
    })
    .from(comments)
    .where(eq(comments.articleId, article.id));
}

async function commentByBody(article: TestArticle, body: string) {
  const row = (await commentRows(article)).find((comment) => comment.body === body);
  if (row === undefined) throw new Error(`no comment "${body}"`);
  return row;
}

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A header as people read it: RFC 2047 encoded words (=?UTF-8?Q?...?=) decoded. */
function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_match, text: string) =>
    Buffer.from(
      text
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
      'latin1',
    ).toString('utf8'),
  );
}

async function inboxOf(address: string, count = 1) {
  const mails = await eventually(
    async () => peer.receivedFor(address),
    (received) => received.length >= count,
  );
  return mails.map((mail) => ({
    subject: decodeHeader(mail.headers.get('subject') ?? ''),
    text: decodeQuotedPrintable(mail.body),
  }));
}

function linkIn(text: string, kind: 'verify' | 'manage' | 'unsubscribe'): string {
  const match = new RegExp(`https?://[^\\s]+/comments/${kind}/([A-Za-z0-9_.-]+)`).exec(text);
  if (match?.[1] === undefined) throw new Error(`no ${kind} link in: ${text}`);
  return `/comments/${kind}/${match[1]}`;
}

async function approve(agent: Agent, id: string) {
  const response = await agent.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve` });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

function publicPost(url: string) {
  return t.app.inject({ method: 'POST', url, headers: { origin: sameOrigin(t) } });
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('posting without JavaScript', () => {
  it('holds a reply posted as a plain form, and shows it nested after approval', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const first = await post(
      article,
      { name: 'Jamie', email: 'Jamie@Readers.TEST', body: 'Is one session enough?', notify: 'on' },
      ip,
    );
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/articles/${article.slug}?comment=held#comments`);
    const question = await commentByBody(article, 'Is one session enough?');
    expect(question).toMatchObject({
      status: 'pending',
      heldReasons: ['first_comment'],
      authorEmail: 'jamie@readers.test',
    });
    await approve(practitioner, question.id);

    // The reply link re-renders the form with the parent set.
    const withForm = await commentSection(article, `?replyto=${question.id}`);
    expect(withForm.html).toContain(`name="parent" value="${question.id}"`);
    expect(withForm.html).toContain('Reply to Jamie');

    const reply = await post(
      article,
      { name: 'Sky', email: 'sky@readers.test', body: 'Most people need three to six.', parent: question.id },
      ip,
    );
    expect(reply.statusCode).toBe(303);
    const answer = await commentByBody(article, 'Most people need three to six.');
    expect(answer).toMatchObject({ status: 'pending', parentId: question.id });
    expect((await articlePage(article)).html).not.toContain('Most people need three to six.');

    await approve(practitioner, answer.id);
    const page = await articlePage(article);
    expect(page.status).toBe(200);
    expect(page.html).toContain('2 comments');
    const nested = new RegExp(
      `id="comment-${question.id}"[\\s\\S]*class="comment-replies"[\\s\\S]*Most people need three to six\\.`,
    );
    expect(page.html).toMatch(nested);

    // A reply to the reply joins the top-level comment (two levels in all).
    await post(article, { name: 'Lee', email: 'lee@readers.test', body: 'Same here, three.', parent: answer.id }, ip);
    expect(await commentByBody(article, 'Same here, three.')).toMatchObject({ parentId: question.id });

    // Jamie asked to hear about replies: a short email with a link, not the reply itself.
    const [notice] = (await inboxOf('jamie@readers.test', 2)).filter((mail) => mail.subject.startsWith('New reply'));
    expect(notice?.text).toContain('Sky replied to your comment');
    expect(notice?.text).toContain(`/articles/${article.slug}#comment-${answer.id}`);
    expect(notice?.text).not.toContain('three to six');
  });

  it('shows the form again with a message per field, keeping what was typed', async () => {
    const article = await createArticle();
    const response = await post(
      article,
      { name: '', email: 'nope', website: 'javascript:alert(1)', body: 'Still typing' },
      nextIp(),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Your reply needs a fix');
    expect(response.body).toContain('Enter the name to show with your comment.');
    expect(response.body).toContain('Enter an email address like name@example.com.');
    expect(response.body).toContain('Use a web address that starts with http:// or https://.');
    expect(response.body).toContain('Still typing');
    expect(response.body).not.toMatch(/href="javascript:/i);
    expect(await commentRows(article)).toEqual([]);
  });

  it('refuses comments on a closed article (409) and on drafts (404)', async () => {
    const closed = await createArticle({ commentsClosed: true });
    const refused = await post(closed, { body: 'Anyone there?' }, nextIp());
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Comments are closed');
    expect((await articlePage(closed)).html).toContain('Comments are closed.');
    const draft = await createArticle({ status: 'draft' });
    expect((await post(draft, { body: 'Early bird' }, nextIp())).statusCode).toBe(404);
    expect((await post({ id: draft.id, slug: 'no-such-article' }, {}, nextIp())).statusCode).toBe(404);
    expect(await commentRows(closed)).toEqual([]);
  });

  it('refuses a form sent from another site', async () => {
    const article = await createArticle();
    const response = await post(article, { body: 'Forged' }, nextIp(), { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(await commentRows(article)).toEqual([]);
  });
});

describe('stored XSS', () => {
  it('renders script tags, event handlers, SVG, javascript: links and bidi tricks inert, on the page and in the API', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const hostile = {
      name: '<script>alert("name")</script>\u202Egnp.exe',
      email: 'mallory@readers.test',
      website: 'https://example.com/"><script>alert(1)</script>',
      body:
        '<img src=x onerror=alert(1)> and <svg onload=alert(2)></svg>\n\n' +
        'javascript:alert(3) and <a href="javascript:alert(4)">click</a> \u2066hidden\u2069 https://ok.example.com/page',
    };
    expect((await post(article, hostile, ip)).statusCode).toBe(303);
    const refused = await post(article, { ...hostile, website: 'javascript:alert(1)', body: 'second try' }, ip);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toMatch(/href="javascript:|<script>alert/);

    const [stored] = await commentRows(article);
    expect(stored!.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    await approve(practitioner, stored!.id);

    const { html } = await articlePage(article);
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;svg onload=alert(2)&gt;');
    expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload|href="javascript:/i);
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // The only links made are http(s), with rel="nofollow ugc noopener".
    expect(html).toContain('<a href="https://ok.example.com/page" rel="nofollow ugc noopener">');
    expect(html).toMatch(
      /<a href="https:\/\/example\.com\/%22%3E%3Cscript%3Ealert\(1\)%3C\/script%3E" rel="nofollow ugc noopener">/,
    );

    for (const response of [
      await practitioner.inject({ method: 'GET', url: `/api/v1/comments?status=approved&articleId=${article.id}` }),
      await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` }),
    ]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(JSON.stringify(response.json())).toContain('<img src=x onerror=alert(1)>');
    }
  });
});

describe('spam and abuse', () => {
  it('throttles 50 posts from one address, and none of them reaches the page', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const response = await post(
        article,
        { email: `bot${i}@spam.test`, body: `Great article ${i}! Visit https://pills.example.com` },
        ip,
      );
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(response.headers['retry-after']).toMatch(/^\d+$/);
        expect(response.body).toContain('Please wait a moment');
      }
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(45);
    expect((await commentRows(article)).length).toBeLessThanOrEqual(5);
    const page = await articlePage(article);
    expect(page.html).not.toContain('Great article');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` });
    expect(api.json()).toMatchObject({ count: 0, comments: [] });
  });

  it('sorts honeypot, too-fast and unsigned posts as spam that never appears, and says "held" to the bot', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const honeypot = await post(
      article,
      { email: 'a@spam.test', body: 'Honeypot filled', company_url: 'https://spam.example' },
      ip,
    );
    const tooFast = await post(
      article,
      { email: 'b@spam.test', body: 'Too fast', rendered_at: renderedAt(article, 0) },
      ip,
    );
    const forged = await post(
      article,
      { email: 'c@spam.test', body: 'Forged stamp', rendered_at: `${Date.now() - 60_000}.forged` },
      ip,
    );
    for (const response of [honeypot, tooFast, forged]) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toContain('?comment=held');
    }
    const rows = await commentRows(article);
    expect(rows.map((row) => [row.body, row.status, row.heldReasons[0]]).sort()).toEqual([
      ['Forged stamp', 'spam', 'too_fast'],
      ['Honeypot filled', 'spam', 'honeypot'],
      ['Too fast', 'spam', 'too_fast'],
    ]);
    const { html } = await articlePage(article);
    expect(html).not.toMatch(/Honeypot filled|Too fast|Forged stamp/);
    // Sorted apart from the queue, likeliest spam first.
    const pending = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/comments?status=pending&articleId=${article.id}`,
    });
    expect(pending.json<{ comments: unknown[] }>().comments).toEqual([]);
    const spam = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/comments?status=spam&articleId=${article.id}`,
    });
    const listed = spam.json<{ comments: { body: string; spamScore: number }[]; counts: { spam: number } }>();
    expect(listed.counts.spam).toBe(3);
    expect(listed.comments[0]!.body).toBe('Honeypot filled');
  });

  it('blocks an email, an address, words and domains', async () => {
    const article = await createArticle();
    const ip = nextIp();
    await post(article, { email: 'pest@readers.test', body: 'First annoying comment' }, ip);
    const first = await commentByBody(article, 'First annoying comment');
    const blockEmail = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/comments/${first.id}/block`,
      payload: { kind: 'email' },
    });
    expect(blockEmail.statusCode, blockEmail.body).toBe(201);
    const blockIp = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/comments/${first.id}/block`,
      payload: { kind: 'ip' },
    });
    expect(blockIp.statusCode).toBe(201);
    expect(blockIp.json<{ value: string }>().value).not.toContain('198.51.100');
    const word = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/comments/blocklist',
      payload: { kind: 'word', value: 'Casino Bonus' },
    });
    expect(word.statusCode).toBe(201);
    const domain = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/comments/blocklist',
      payload: { kind: 'domain', value: 'https://pills.example/' },
    });
    expect(domain.json()).toMatchObject({ kind: 'domain', value: 'pills.example' });

    await post(article, { email: 'pest@readers.test', body: 'From the blocked email' }, nextIp());
    await post(article, { email: 'new@readers.test', body: 'From the blocked address' }, ip);
    const other = nextIp();
    await post(article, { email: 'w@readers.test', body: 'Huge casino   bonus here' }, other);
    await post(article, { email: 'd@readers.test', body: 'See shop.pills.example/deal' }, other);
    const rows = await commentRows(article);
    for (const body of [
      'From the blocked email',
      'From the blocked address',
      'Huge casino   bonus here',
      'See shop.pills.example/deal',
    ]) {
      expect(rows.find((row) => row.body === body)?.status, body).toBe('spam');
    }
    const list = await practitioner.inject({ method: 'GET', url: '/api/v1/comments/blocklist' });
    expect(
      list
        .json<{ blocks: { kind: string }[] }>()
        .blocks.map((block) => block.kind)
        .sort(),
    ).toEqual(['domain', 'email', 'ip', 'word']);
  });
});

describe('personal health details', () => {
  it('holds a comment with a phone number and a date of birth, and writes to the author privately', async () => {
    const article = await createArticle();
    const body = 'I was born on 14/02/1988, call me on 212-555-0199 about my acne scars please';
    const response = await post(article, { name: 'Pat', email: 'pat.private@readers.test', body }, nextIp());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/articles/${article.slug}?comment=held_health#comments`);
    expect(await commentByBody(article, body)).toMatchObject({
      status: 'pending',
      heldReasons: ['personal_health_details', 'first_comment'],
    });

    const [mail] = await inboxOf('pat.private@readers.test');
    expect(mail!.subject).toBe('About your comment: we kept it private for now');
    expect(mail!.text).toContain('consultation');
    expect(mail!.text).toContain('/app/book');
    expect(mail!.text).not.toMatch(/1988|555-0199|acne scars/);

    const page = await articlePage(article, '');
    expect(page.html).not.toMatch(/1988|555-0199/);
    const queue = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/comments?status=pending&articleId=${article.id}`,
    });
    expect(queue.json<{ comments: { heldReasons: string[] }[] }>().comments[0]!.heldReasons).toContain(
      'personal_health_details',
    );
  });

  it('says so on the page without repeating the text', () => {
    const html = renderToStaticMarkup(
      createElement(CommentSection, {
        articleSlug: 'x',
        commentsClosed: false,
        thread: { comments: [], count: 0 },
        notice: 'held_health',
      }),
    );
    expect(html).toContain('We have kept your comment private for now');
    expect(html).toContain('Book a consultation');
  });
});

describe('trusted commenters', () => {
  it('publishes a verified and trusted email directly, unless the clinic moderates everything', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const email = 'regular@readers.test';
    await post(article, { name: 'Regular', email, body: 'My first question here' }, ip);
    const [welcome] = await inboxOf(email);
    const verify = linkIn(welcome!.text, 'verify');
    // GET only shows a page (mail scanners open links); POST confirms.
    const shown = await t.app.inject({ method: 'GET', url: verify });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Confirm my email address');
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect((await publicPost(verify)).statusCode).toBe(200);

    // Verified but not yet trusted: still held.
    await post(article, { name: 'Regular', email, body: 'Second question, still held' }, ip);
    expect((await commentByBody(article, 'Second question, still held')).status).toBe('pending');
    await approve(practitioner, (await commentByBody(article, 'My first question here')).id);

    const direct = await post(
      article,
      { name: 'Regular', email: 'REGULAR@readers.test', body: 'Third one goes straight up' },
      ip,
    );
    expect(direct.headers.location).toContain('?comment=published');
    expect((await articlePage(article)).html).toContain('Third one goes straight up');

    const on = await admin.inject({
      method: 'PUT',
      url: '/api/v1/comments/settings',
      payload: { moderateAll: true, maxLinks: 2, minSecondsToSubmit: 3 },
    });
    expect(on.statusCode, on.body).toBe(200);
    const held = await post(article, { name: 'Regular', email, body: 'Fourth one waits again' }, ip);
    expect(held.headers.location).toContain('?comment=held');
    expect(await commentByBody(article, 'Fourth one waits again')).toMatchObject({
      status: 'pending',
      heldReasons: ['moderate_all'],
    });
    await admin.inject({
      method: 'PUT',
      url: '/api/v1/comments/settings',
      payload: { moderateAll: false, maxLinks: 2, minSecondsToSubmit: 3 },
    });
  });

  it('does not trust an address that was never verified', async () => {
    const article = await createArticle();
    const ip = nextIp();
    await post(article, { email: 'unverified@readers.test', body: 'Hello there' }, ip);
    await approve(practitioner, (await commentByBody(article, 'Hello there')).id);
    await post(article, { email: 'unverified@readers.test', body: 'Hello again' }, ip);
    expect((await commentByBody(article, 'Hello again')).status).toBe('pending');
  });
});

describe('the links in the emails', () => {
  it('unsubscribes and deletes, each link doing only its own thing', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const email = 'notify.me@readers.test';
    await post(article, { name: 'Nora', email, body: 'Tell me when someone answers', notify: 'on' }, ip);
    const question = await commentByBody(article, 'Tell me when someone answers');
    await approve(practitioner, question.id);
    const answer = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/comments/${question.id}/replies`,
      payload: { body: 'Redness settles in one to three days.' },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ status: 'approved', fromClinic: { staffName: 'Dr. Maya Okafor' } });

    const mails = await inboxOf(email, 2);
    const notice = mails.find((mail) => mail.subject.startsWith('New reply'));
    expect(notice!.text).toContain('Dr. Maya Okafor from Demo Dermatology replied');
    const unsubscribe = linkIn(notice!.text, 'unsubscribe');
    const manage = linkIn(notice!.text, 'manage');

    // Opening either link changes nothing.
    expect((await t.app.inject({ method: 'GET', url: unsubscribe })).statusCode).toBe(200);
    const managePage = await t.app.inject({ method: 'GET', url: manage });
    expect(managePage.body).toContain('Delete my comment');
    expect(await commentByBody(article, 'Tell me when someone answers')).toMatchObject({
      status: 'approved',
      notifyReplies: true,
    });

    // Each token works on its own page only.
    const unsubscribeToken = unsubscribe.split('/').pop()!;
    const manageToken = manage.split('/').pop()!;
    expect((await publicPost(`/comments/manage/${unsubscribeToken}`)).statusCode).toBe(404);
    expect((await publicPost(`/comments/unsubscribe/${manageToken}`)).statusCode).toBe(404);
    expect((await publicPost(`/comments/verify/${manageToken}`)).statusCode).toBe(404);

    const unsubscribed = await publicPost(unsubscribe);
    expect(unsubscribed.statusCode).toBe(303);
    expect(unsubscribed.headers.location).toBe(`/articles/${article.slug}?comment=unsubscribed#comments`);
    expect(await commentByBody(article, 'Tell me when someone answers')).toMatchObject({
      status: 'approved',
      notifyReplies: false,
    });

    // No more reply emails.
    await practitioner.inject({
      method: 'POST',
      url: `/api/v1/comments/${question.id}/replies`,
      payload: { body: 'One more thing.' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      peer.receivedFor(email).filter((mail) => decodeHeader(mail.headers.get('subject') ?? '').startsWith('New reply')),
    ).toHaveLength(1);

    const deleted = await publicPost(manage);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`/articles/${article.slug}?comment=deleted#comments`);
    const [row] = await t.database.db.select().from(comments).where(eq(comments.id, question.id));
    expect(row).toMatchObject({
      status: 'deleted',
      body: '',
      authorEmail: null,
      authorName: '',
      manageTokenHash: null,
    });
    // The replies keep their place under a placeholder.
    const { html } = await articlePage(article);
    expect(html).toContain('This comment was deleted.');
    expect(html).toContain('Redness settles in one to three days.');
    expect(html).not.toContain('Tell me when someone answers');
    // Used once.
    expect((await publicPost(manage)).statusCode).toBe(404);
  });
});

describe('privacy', () => {
  it('never shows the commenter’s email in a public page or public API answer', async () => {
    const article = await createArticle();
    const email = 'secret.address@readers.test';
    await post(
      article,
      { name: 'Quiet', email, body: 'Please keep my address private', website: 'https://quiet.example.com' },
      nextIp(),
    );
    const row = await commentByBody(article, 'Please keep my address private');
    await approve(practitioner, row.id);
    await practitioner.inject({
      method: 'POST',
      url: `/api/v1/comments/${row.id}/replies`,
      payload: { body: 'It is.' },
    });

    const bodies = [
      (await articlePage(article)).html,
      (await commentSection(article, `?replyto=${row.id}`)).html,
      (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` })).body,
      (await t.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } })).body,
    ];
    for (const path of ['/articles', '/feed.xml', '/sitemap.xml', '/search?q=private']) {
      const response = await t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
      bodies.push(response.body);
    }
    expect(bodies[0]).toContain('Please keep my address private');
    for (const body of bodies) {
      expect(body).not.toContain(email);
      expect(body).not.toContain('secret.address');
    }
    // Moderators do see it.
    const queue = await practitioner.inject({
      method: 'GET',
      url: `/api/v1/comments?status=approved&articleId=${article.id}`,
    });
    expect(queue.body).toContain(email);
  });
});

describe('deleted articles', () => {
  it('makes their comments unreachable: page, API, posting and emailed links', async () => {
    const article = await createArticle();
    await post(article, { email: 'gone@readers.test', body: 'Soon gone' }, nextIp());
    const row = await commentByBody(article, 'Soon gone');
    await approve(practitioner, row.id);
    const [mail] = await inboxOf('gone@readers.test');
    const manage = linkIn(mail!.text, 'manage');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` })).statusCode).toBe(
      200,
    );

    await t.database.db.update(articles).set({ status: 'deleted' }).where(eq(articles.id, article.id));
    expect((await articlePage(article)).status).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments` });
    expect(api.statusCode).toBe(404);
    expect(api.body).not.toContain('Soon gone');
    expect((await post(article, { body: 'Too late' }, nextIp())).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: manage })).statusCode).toBe(404);
    const queue = await practitioner.inject({ method: 'GET', url: '/api/v1/comments?status=approved&limit=200' });
    expect(queue.body).not.toContain('Soon gone');
    expect((await practitioner.inject({ method: 'POST', url: `/api/v1/comments/${row.id}/reject` })).statusCode).toBe(
      404,
    );
  });
});

describe('moderation', () => {
  it('documents the comment API in OpenAPI', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/comments',
        '/api/v1/comments/{id}/approve',
        '/api/v1/comments/settings',
        '/api/v1/articles/{articleId}/comments',
      ]),
    );
    expect(paths.some((path) => path.startsWith('/comments/') || path.endsWith('/comments/verify'))).toBe(false);
  });

  it('audits every action, and refuses patients and front desk', async () => {
    const article = await createArticle();
    const ip = nextIp();
    const bodies = ['To approve', 'To reject', 'To mark as spam', 'To edit', 'To delete'];
    for (const body of bodies) await post(article, { email: 'queue@readers.test', body }, ip);
    const ids = new Map<string, string>();
    for (const body of bodies) ids.set(body, (await commentByBody(article, body)).id);
    const id = async (body: string) => ids.get(body)!;

    const calls = [
      practitioner.inject({ method: 'POST', url: `/api/v1/comments/${await id('To approve')}/approve` }),
      practitioner.inject({ method: 'POST', url: `/api/v1/comments/${await id('To reject')}/reject` }),
      practitioner.inject({ method: 'POST', url: `/api/v1/comments/${await id('To mark as spam')}/spam` }),
      practitioner.inject({
        method: 'PATCH',
        url: `/api/v1/comments/${await id('To edit')}`,
        payload: { body: 'Edited \u202Eby staff' },
      }),
      practitioner.inject({ method: 'DELETE', url: `/api/v1/comments/${await id('To delete')}` }),
      practitioner.inject({
        method: 'PUT',
        url: `/api/v1/comments/articles/${article.id}`,
        payload: { commentsClosed: true },
      }),
    ];
    const responses = await Promise.all(calls);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 204, 200]);
    expect(responses[3]!.json()).toMatchObject({ body: 'Edited by staff', editedBy: 'Dr. Maya Okafor' });

    const userId = practitioner.user.id;
    for (const action of [
      'comment_approved',
      'comment_rejected',
      'comment_marked_spam',
      'comment_edited',
      'comment_deleted',
      'comments_closed',
    ]) {
      const rows = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.userId, userId)));
      expect(rows.length, action).toBeGreaterThan(0);
      expect(rows[0]).toMatchObject({ clinicId, outcome: 'allowed' });
    }

    await approve(practitioner, await id('To edit'));
    const { html } = await articlePage(article);
    expect(html).toContain('Edited by staff');
    expect(html).toContain('Edited by the clinic.');
    expect(html).toContain('Comments are closed.');

    for (const login of ['patient1@demo.puncta.test', 'frontdesk@demo.puncta.test']) {
      const agent = await loginAs(t, login);
      const approveAttempt = await agent.inject({
        method: 'POST',
        url: `/api/v1/comments/${await id('To reject')}/approve`,
      });
      expect(approveAttempt.statusCode, login).toBe(403);
      expect((await agent.inject({ method: 'GET', url: '/api/v1/comments' })).statusCode, login).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/comments' })).statusCode).toBe(401);
    // Settings are for admins.
    expect((await practitioner.inject({ method: 'GET', url: '/api/v1/comments/settings' })).statusCode).toBe(403);
  });

  it('answers 404 for another clinic’s comments, like an unknown id, on the record', async () => {
    const elsewhere = await createClinic(t.database, { name: 'Elsewhere Skin' });
    const theirStaff = await createStaff(t.database, { clinicId: elsewhere.clinicId, role: 'practitioner' });
    const article = await createArticle();
    await post(article, { email: 'mine@readers.test', body: 'Only for the demo clinic' }, nextIp());
    const mine = await commentByBody(article, 'Only for the demo clinic');
    const intruder = await loginAs(t, theirStaff.email);
    const attempt = await intruder.inject({ method: 'POST', url: `/api/v1/comments/${mine.id}/approve` });
    const unknown = await intruder.inject({
      method: 'POST',
      url: '/api/v1/comments/6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11/approve',
    });
    expect(attempt.statusCode).toBe(404);
    expect({ ...attempt.json(), requestId: '' }).toEqual({ ...unknown.json(), requestId: '' });
    const queue = await intruder.inject({ method: 'GET', url: '/api/v1/comments?status=pending&limit=200' });
    expect(queue.body).not.toContain('Only for the demo clinic');
    const denied = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access_denied'), eq(auditEvents.resourceId, mine.id)));
    expect(denied).toHaveLength(1);
    expect((await commentByBody(article, 'Only for the demo clinic')).status).toBe('pending');
  });
});
