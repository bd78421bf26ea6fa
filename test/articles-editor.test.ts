// The staff article editor (issue 5): drafts, saves with optimistic concurrency
// and revisions, scheduled and immediate publication, sanitized HTML, roles,
// another clinic's articles, author profiles, and images that come back
// re-encoded without their metadata.
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listArticles } from '../src/db/repositories/articles.ts';
import { articleRevisions, articles, auditEvents } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import { createClinic, createStaff, demoClinic, type ClinicIds } from './support/factories.ts';

let t: TestApp;
let demo: ClinicIds;
let practitioner: Agent;
let admin: Agent;
let frontDesk: Agent;

beforeAll(async () => {
  t = await createTestApp();
  demo = await demoClinic(t.database);
  [practitioner, admin, frontDesk] = await Promise.all([
    loginAs(t, 'practitioner1@demo.puncta.test'),
    loginAs(t, 'admin@demo.puncta.test'),
    loginAs(t, 'frontdesk@demo.puncta.test'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

interface ArticleAnswer {
  id: string;
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  bodyHtml: string;
  state: string;
  publishAt: string | null;
  version: number;
  author: { userId: string; displayName: string };
  toc: { id: string; text: string; level: number }[];
  readingMinutes: number;
  tags: string[];
  url: string;
}

let counter = 0;
async function newDraft(agent: Agent, fields: Record<string, unknown> = {}): Promise<ArticleAnswer> {
  counter += 1;
  const response = await agent.inject({
    method: 'POST',
    url: '/api/v1/articles',
    payload: {
      title: `How to prepare for your session ${counter}`,
      summary: 'What to do in the week before micro-needling.',
      bodyMarkdown: '## Before\n\nStop retinoids a few days before.\n\n- Clean skin\n- No tan',
      ...fields,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ArticleAnswer>();
}

/** The public article page when the public site has it; otherwise the editors' computed state. */
async function publiclyVisible(article: ArticleAnswer): Promise<boolean> {
  const publicRoute = t.app.registeredRoutes.some((route) => route.method === 'GET' && route.url === '/articles/:slug');
  if (publicRoute) {
    const page = await t.app.inject({
      method: 'GET',
      url: `/articles/${article.slug}`,
      headers: { accept: 'text/html' },
    });
    expect([200, 404]).toContain(page.statusCode);
    return page.statusCode === 200;
  }
  const published = await listArticles(t.database.db, demo.clinicId, { state: 'published', limit: 500 });
  return published.some((row) => row.id === article.id);
}

describe('writing and saving', () => {
  it('creates a draft by the caller, with rendered HTML, a table of contents and revision 1', async () => {
    const draft = await newDraft(practitioner, {
      tags: ['Prep', 'prep ', 'Aftercare'],
      relatedConcerns: ['acne_scars'],
    });
    expect(draft).toMatchObject({
      state: 'draft',
      version: 1,
      publishAt: null,
      author: { userId: practitioner.user.id },
      tags: ['Prep', 'Aftercare'],
      url: `/articles/${draft.slug}`,
    });
    expect(draft.slug).toMatch(/^how-to-prepare-for-your-session-\d+$/);
    expect(draft.bodyHtml).toContain('<h2 id="before">Before</h2>');
    expect(draft.bodyHtml).toContain('<li>Clean skin</li>');
    expect(draft.toc).toEqual([{ id: 'before', text: 'Before', level: 2 }]);
    const revisions = await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}/revisions` });
    expect(revisions.json()).toMatchObject({ revisions: [{ version: 1, title: draft.title }] });
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, draft.id), eq(auditEvents.action, 'create')));
    expect(audit).toHaveLength(1);
  });

  it('refuses a slug another article uses: 409 slug_taken', async () => {
    const first = await newDraft(practitioner);
    const response = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Another one', slug: first.slug },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'slug_taken' });
    const rename = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/articles/${(await newDraft(practitioner)).id}`,
      payload: { version: 1, slug: first.slug },
    });
    expect(rename.statusCode).toBe(409);
  });

  it('saves with If-Match, refuses a stale save with 412 and changes nothing, and restores a revision', async () => {
    const draft = await newDraft(practitioner);
    const read = await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}` });
    expect(read.headers.etag).toBe('"1"');

    const saved = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/articles/${draft.id}`,
      headers: { 'if-match': '"1"' },
      payload: { title: 'Preparing for micro-needling', bodyMarkdown: '## Week before\n\nSecond version.' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.json()).toMatchObject({ version: 2, title: 'Preparing for micro-needling', slug: draft.slug });

    // A colleague still on version 1 saves: refused, nothing written.
    const stale = await admin.inject({
      method: 'PUT',
      url: `/api/v1/articles/${draft.id}`,
      payload: { version: 1, title: 'Overwritten?', bodyMarkdown: 'Gone.' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'version_conflict', status: 412 });
    const after = (
      await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}` })
    ).json<ArticleAnswer>();
    expect(after).toMatchObject({ version: 2, title: 'Preparing for micro-needling' });
    expect(after.bodyMarkdown).toBe('## Week before\n\nSecond version.');
    const rows = await t.database.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, draft.id));
    expect(rows.map((row) => row.version).sort()).toEqual([1, 2]);

    // Without a version, no save at all.
    const blind = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/articles/${draft.id}`,
      payload: { title: 'Blind' },
    });
    expect(blind.statusCode).toBe(428);
    expect(blind.json()).toMatchObject({ code: 'version_required' });

    const list = (await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}/revisions` })).json<{
      revisions: { version: number; title: string; editedBy: { displayName: string } }[];
    }>();
    expect(list.revisions.map((revision) => revision.version)).toEqual([2, 1]);
    const first = await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}/revisions/1` });
    expect(first.statusCode).toBe(200);
    const old = first.json<{ title: string; summary: string; bodyMarkdown: string }>();
    expect(old.title).toBe(draft.title);
    expect(
      (await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}/revisions/9` })).statusCode,
    ).toBe(404);

    // Restoring is saving the old content as a new version.
    const restored = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/articles/${draft.id}`,
      headers: { 'if-match': '"2"' },
      payload: { title: old.title, summary: old.summary, bodyMarkdown: old.bodyMarkdown },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, title: draft.title, bodyMarkdown: draft.bodyMarkdown });
    const history = (await practitioner.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}/revisions` })).json<{
      revisions: { version: number }[];
    }>();
    expect(history.revisions.map((revision) => revision.version)).toEqual([3, 2, 1]);
  });

  it('stores sanitized HTML only: scripts, event handlers, javascript: links and foreign images are gone', async () => {
    const hostile = [
      '## Hello <script>alert(1)</script>',
      '',
      '<img src=x onerror=alert(2)>',
      '',
      '[click](javascript:alert(3)) and [site](https://example.com)',
      '',
      '![tracker](https://evil.example/pixel.gif)',
      '',
      '<svg onload=alert(4)></svg> <iframe src="https://evil.example"></iframe>',
    ].join('\n');
    const draft = await newDraft(practitioner, { bodyMarkdown: hostile });
    const [stored] = await t.database.db
      .select({ html: articles.bodyHtml })
      .from(articles)
      .where(eq(articles.id, draft.id));
    const html = stored!.html;
    // What was typed as HTML shows as text; the only tags are the renderer's own.
    const tags = html.match(/<[^>]+>/g) ?? [];
    expect(tags.filter((tag) => /^<\/?(script|img|svg|iframe)\b|\son\w+=|javascript:/i.test(tag))).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('pixel.gif');
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="nofollow noopener"');

    const preview = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles/preview',
      payload: { bodyMarkdown: hostile },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json<{ html: string }>().html).toBe(html);
  });

  it('enforces the field limits: long titles, too many tags and a body over 100 KB', async () => {
    const tooLong = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'x'.repeat(141) },
    });
    expect(tooLong.statusCode).toBe(400);
    const tags = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Tags', tags: Array.from({ length: 11 }, (_, index) => `tag${index}`) },
    });
    expect(tags.statusCode).toBe(400);
    const body = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Big', bodyMarkdown: 'é'.repeat(50_001) },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'bodyMarkdown' }] });
    // Beyond the server's request size, the body is not even read.
    const huge = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Huge', bodyMarkdown: 'a'.repeat(1_100_000) },
    });
    expect(huge.statusCode).toBe(413);
    const unknown = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Extra', clinicId: demo.clinicId },
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('publishing', () => {
  it('schedules for later: not public before publishAt; then publishes now: public', async () => {
    const draft = await newDraft(practitioner);
    const publishAt = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString();
    const scheduled = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/articles/${draft.id}/publish`,
      payload: { publishAt },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ state: 'scheduled', publishAt });
    expect(await publiclyVisible(draft)).toBe(false);
    const listed = (await practitioner.inject({ method: 'GET', url: '/api/v1/articles?state=scheduled' })).json<{
      articles: { id: string }[];
    }>();
    expect(listed.articles.map((article) => article.id)).toContain(draft.id);

    const now = await practitioner.inject({ method: 'POST', url: `/api/v1/articles/${draft.id}/publish`, payload: {} });
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({ state: 'published' });
    expect(await publiclyVisible(draft)).toBe(true);

    const unpublished = await practitioner.inject({ method: 'POST', url: `/api/v1/articles/${draft.id}/unpublish` });
    expect(unpublished.json()).toMatchObject({ state: 'draft', publishAt: null });
    expect(await publiclyVisible(draft)).toBe(false);
  });

  it('refuses a time in the past and an article without a summary', async () => {
    const draft = await newDraft(practitioner, { summary: '' });
    const past = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/articles/${draft.id}/publish`,
      payload: { publishAt: '2020-01-01T09:00:00Z' },
    });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: 'publish_at_in_past' });
    const empty = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/articles/${draft.id}/publish`,
      payload: {},
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'summary_required' });
  });

  it('deletes: off the site and out of the list, and no longer editable', async () => {
    const draft = await newDraft(practitioner);
    await practitioner.inject({ method: 'POST', url: `/api/v1/articles/${draft.id}/publish`, payload: {} });
    expect(await publiclyVisible(draft)).toBe(true);
    const deleted = await practitioner.inject({ method: 'DELETE', url: `/api/v1/articles/${draft.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(await publiclyVisible(draft)).toBe(false);
    const list = (await practitioner.inject({ method: 'GET', url: '/api/v1/articles' })).json<{
      articles: { id: string }[];
    }>();
    expect(list.articles.map((article) => article.id)).not.toContain(draft.id);
    const deletedList = (await practitioner.inject({ method: 'GET', url: '/api/v1/articles?state=deleted' })).json<{
      articles: { id: string; state: string }[];
    }>();
    expect(deletedList.articles).toContainEqual(expect.objectContaining({ id: draft.id, state: 'deleted' }));
    const edit = await practitioner.inject({
      method: 'PUT',
      url: `/api/v1/articles/${draft.id}`,
      payload: { version: 1, title: 'Back?' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'article_deleted' });
  });
});

describe('who may do what', () => {
  it('front desk gets 403 on every editor route', async () => {
    const draft = await newDraft(practitioner);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/articles', undefined],
      ['POST', '/api/v1/articles', { title: 'Front desk writes' }],
      ['GET', `/api/v1/articles/${draft.id}`, undefined],
      ['PUT', `/api/v1/articles/${draft.id}`, { version: 1, title: 'x' }],
      ['POST', `/api/v1/articles/${draft.id}/publish`, {}],
      ['DELETE', `/api/v1/articles/${draft.id}`, undefined],
      ['POST', '/api/v1/articles/preview', { bodyMarkdown: 'x' }],
      ['GET', '/api/v1/authors', undefined],
    ] as const) {
      const response = await frontDesk.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it("answers 404 for another clinic's article, audited, and leaves it alone", async () => {
    const other = await createClinic(t.database, { name: 'Elsewhere Skin' });
    const theirAuthor = await createStaff(t.database, { clinicId: other.clinicId, role: 'practitioner' });
    const theirs = await newDraft(await loginAs(t, theirAuthor.email));
    for (const [method, url, payload] of [
      ['GET', `/api/v1/articles/${theirs.id}`, undefined],
      ['PUT', `/api/v1/articles/${theirs.id}`, { version: 1, title: 'Taken over' }],
      ['POST', `/api/v1/articles/${theirs.id}/publish`, {}],
      ['POST', `/api/v1/articles/${theirs.id}/unpublish`, undefined],
      ['DELETE', `/api/v1/articles/${theirs.id}`, undefined],
      ['GET', `/api/v1/articles/${theirs.id}/revisions`, undefined],
      ['GET', `/api/v1/articles/${theirs.id}/revisions/1`, undefined],
    ] as const) {
      const response = await admin.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
    const [row] = await t.database.db.select().from(articles).where(eq(articles.id, theirs.id));
    expect(row).toMatchObject({ status: 'draft', title: theirs.title, version: 1 });
    const denied = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, theirs.id), eq(auditEvents.action, 'access_denied')));
    expect(denied).toHaveLength(7);
    const list = (await admin.inject({ method: 'GET', url: '/api/v1/articles' })).json<{
      articles: { id: string }[];
    }>();
    expect(list.articles.map((article) => article.id)).not.toContain(theirs.id);
  });

  it('lets an admin name a practitioner as author, but not a practitioner someone else', async () => {
    const authors = (await admin.inject({ method: 'GET', url: '/api/v1/authors' })).json<{
      authors: { userId: string; role: string }[];
    }>().authors;
    const other = authors.find((author) => author.role === 'practitioner' && author.userId !== practitioner.user.id)!;
    const byAdmin = await newDraft(admin, { authorId: other.userId });
    expect(byAdmin.author.userId).toBe(other.userId);
    const refused = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Ghost-written', authorId: other.userId },
    });
    expect(refused.statusCode).toBe(403);
    const stranger = await admin.inject({
      method: 'POST',
      url: '/api/v1/articles',
      payload: { title: 'Stranger', authorId: '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11' },
    });
    expect(stranger.statusCode).toBe(422);
  });

  it('keeps the author profile per person: write, read back, slug clash 409', async () => {
    const saved = await practitioner.inject({
      method: 'PUT',
      url: '/api/v1/authors/me',
      payload: { jobTitle: 'Aesthetic nurse practitioner', credentials: 'RN', bio: 'Ten years of skin care.' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const me = saved.json<{ userId: string; profile: { slug: string; jobTitle: string } }>();
    expect(me).toMatchObject({ userId: practitioner.user.id, profile: { jobTitle: 'Aesthetic nurse practitioner' } });
    const clash = await admin.inject({
      method: 'PUT',
      url: '/api/v1/authors/me',
      payload: { jobTitle: 'Owner', bio: 'Runs the clinic.', slug: me.profile.slug },
    });
    expect(clash.statusCode).toBe(409);
    const list = (await admin.inject({ method: 'GET', url: '/api/v1/authors' })).json<{
      authors: { userId: string; profile: { jobTitle: string } | null }[];
    }>();
    expect(list.authors.find((author) => author.userId === practitioner.user.id)?.profile?.jobTitle).toBe(
      'Aesthetic nurse practitioner',
    );
  });

  it('throttles previews per person', async () => {
    const someone = await createStaff(t.database, { clinicId: demo.clinicId, role: 'practitioner' });
    const agent = await loginAs(t, someone.email);
    let last = 0;
    for (let index = 0; index < 121; index += 1) {
      last = (await agent.inject({ method: 'POST', url: '/api/v1/articles/preview', payload: { bodyMarkdown: 'Hi' } }))
        .statusCode;
    }
    expect(last).toBe(429);
  });
});

describe('images', () => {
  async function imageCount(): Promise<number> {
    const { rows } = await t.database.executeSql('select count(*)::int as n from site_images');
    return Number(rows[0]?.n);
  }

  async function photoWithGps(): Promise<Buffer> {
    return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c8946a' } })
      .jpeg({ quality: 90 })
      .withExif({
        IFD0: { Make: 'PunctaTestCam', Model: 'Serial 12345' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '40/1 26/1 46/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '79/1 58/1 56/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
  }

  it('re-encodes an uploaded JPEG: upright, at most 1600 px wide, WebP, no EXIF or GPS; served publicly', async () => {
    const input = await photoWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain('PunctaTestCam');
    expect(before.orientation).toBe(6);

    const response = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images?alt=A%20treatment%20room',
      headers: { 'content-type': 'image/jpeg' },
      payload: input,
    });
    expect(response.statusCode, response.body).toBe(201);
    const image = response.json<{ id: string; url: string; width: number; height: number; markdown: string }>();
    // 3000×2000 turned a quarter (orientation 6) is 2000×3000; scaled to 1600 wide.
    expect(image).toMatchObject({ width: 1600, height: 2400, url: `/media/${image.id}.webp` });
    expect(image.markdown).toBe(`![A treatment room](/media/${image.id}.webp)`);

    const served = await t.app.inject({ method: 'GET', url: image.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toContain('immutable');
    const output = await sharp(served.rawPayload).metadata();
    expect(output).toMatchObject({ format: 'webp', width: 1600, height: 2400 });
    expect(output.exif).toBeUndefined();
    expect(output.xmp).toBeUndefined();
    expect(output.icc).toBeUndefined();
    expect(output.orientation).toBeUndefined();
    expect(served.rawPayload.toString('latin1')).not.toMatch(/PunctaTestCam|Serial 12345|GPS/);

    // Usable in an article: the renderer keeps /media images.
    const draft = await newDraft(practitioner, { bodyMarkdown: `Intro\n\n${image.markdown}` });
    expect(draft.bodyHtml).toContain(`<img src="/media/${image.id}.webp" alt="A treatment room" />`);
  });

  it('refuses a text file, an SVG, a renamed text file and a missing alt', async () => {
    const imagesBefore = await imageCount();
    const text = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images?alt=Notes',
      headers: { 'content-type': 'text/plain' },
      payload: 'just some words',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'unsupported_image' });
    const svg = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images?alt=Logo',
      headers: { 'content-type': 'image/svg+xml' },
      payload: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    });
    expect(svg.statusCode).toBe(415);
    const disguised = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images?alt=Photo',
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from('this is not a JPEG at all'),
    });
    expect(disguised.statusCode).toBe(415);
    const noAlt = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images',
      headers: { 'content-type': 'image/jpeg' },
      payload: await photoWithGps(),
    });
    expect(noAlt.statusCode).toBe(400);
    expect(await imageCount()).toBe(imagesBefore);
  });

  it('refuses a decompression bomb (too many pixels) and a file over 8 MB with 413', async () => {
    // About 250 KB on disk, 49 megapixels once decoded.
    const bomb = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1_000_000);
    const response = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images?alt=White',
      headers: { 'content-type': 'image/png' },
      payload: bomb,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'image_too_large' });
    const oversized = await practitioner.inject({
      method: 'POST',
      url: '/api/v1/images?alt=Big',
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.alloc(8 * 1024 * 1024 + 1),
    });
    expect(oversized.statusCode).toBe(413);
  });

  it('uploads are for editors only, and /media does not serve unknown ids', async () => {
    const refused = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/images?alt=x',
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from('x'),
    });
    expect(refused.statusCode).toBe(403);
    const missing = await t.app.inject({ method: 'GET', url: '/media/6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11.webp' });
    expect(missing.statusCode).toBe(404);
  });
});
