// The clinic's articles as the public reaches them over HTTP: the article page
// with its author, dates, contents and search-engine metadata; lists, tags,
// authors and search; the feeds, the sitemap and robots.txt. Only published
// articles whose time has come are ever visible, and nobody's email shows.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleCategories, articles } from '../src/db/schema.ts';
import { renderArticleMarkdown } from '../src/domain/articles/render.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { createClinic, createStaff, demoClinic, demoIds } from './support/factories.ts';

let t: TestApp;
let clinicId: string;
let okaforId: string;

const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await demoClinic(t.database)).clinicId;
  okaforId = (await demoIds(t.database)).userIdOf('practitioner1@demo.puncta.test');
});
afterAll(async () => {
  await t?.close();
});

let counter = 0;

interface ArticleInput {
  title?: string;
  slug?: string;
  summary?: string;
  body?: string;
  status?: 'draft' | 'published' | 'deleted';
  publishAt?: Date | null;
  updatedAt?: Date;
  category?: string | null;
  tags?: string[];
  concerns?: string[];
  services?: string[];
}

/** An article straight into the database, rendered as the editor would save it. */
async function createArticle(input: ArticleInput = {}): Promise<{ id: string; slug: string; title: string }> {
  counter += 1;
  const title = input.title ?? `Test article ${counter}`;
  const slug = input.slug ?? `test-article-${counter}`;
  const body =
    input.body ??
    '## First part\n\nSome words about skin.\n\n## Second part\n\nMore words.\n\n## Sources\n\n- A study\n';
  const rendered = renderArticleMarkdown(body);
  const [category] =
    input.category === null
      ? []
      : await t.database.db
          .select({ id: articleCategories.id })
          .from(articleCategories)
          .where(
            sql`${articleCategories.clinicId} = ${clinicId} and ${articleCategories.slug} = ${input.category ?? 'basics'}`,
          );
  const publishAt = input.publishAt === undefined ? new Date(Date.now() - DAY) : input.publishAt;
  const [row] = await t.database.db
    .insert(articles)
    .values({
      clinicId,
      slug,
      status: input.status ?? 'published',
      title,
      summary: input.summary ?? `A summary of ${title}.`,
      bodyMarkdown: body,
      bodyHtml: rendered.html,
      toc: rendered.toc,
      readingMinutes: rendered.readingMinutes,
      authorId: okaforId,
      categoryId: category?.id ?? null,
      tags: input.tags ?? [],
      relatedConcerns: input.concerns ?? [],
      relatedServices: input.services ?? [],
      publishAt,
      updatedAt: input.updatedAt ?? publishAt ?? new Date(),
    })
    .returning({ id: articles.id });
  return { id: row!.id, slug, title };
}

function get(url: string) {
  return t.app.inject({ url, headers: { accept: 'text/html' } });
}

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(match, 'a JSON-LD script element').not.toBeNull();
  return JSON.parse(match![1]!) as Record<string, unknown>;
}

function metaContent(html: string, property: string): string | undefined {
  return new RegExp(`<meta property="${property.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1];
}

/**
 * A small XML well-formedness check: every element closes in order, attribute
 * values are quoted, and "&" only starts an entity.
 */
function expectWellFormedXml(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1);
  const open: string[] = [];
  for (const match of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (closing === '/') expect(open.pop(), `closing </${name}>`).toBe(name);
    else if (selfClosing !== '/') open.push(name!);
  }
  expect(open).toEqual([]);
  // Nothing that looks like markup is left outside the tags the pattern accepted.
  const text = body.replace(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g, '');
  expect(text).not.toMatch(/[<>]/);
  expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
}

describe('an article page', () => {
  it('shows the article with its author, date in the clinic’s time zone, contents and body', async () => {
    const { slug } = await createArticle({
      title: 'Preparing your skin',
      // 03:00 UTC is still the evening before in New York.
      publishAt: new Date('2025-03-04T03:00:00Z'),
      updatedAt: new Date('2025-03-04T03:00:00Z'),
      body: '## Before\n\nStop retinoids.\n\n### A week before\n\nNo peels.\n\n## On the day\n\nCome clean.\n\n## Sources\n\n- Someone 2020\n',
      tags: ['preparation', 'skin care'],
      category: 'recovery',
    });
    const response = await get(`/articles/${slug}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html).toContain('<h1 id="article-title">Preparing your skin</h1>');
    expect(html).toContain('<a href="/authors/maya-okafor">Dr. Maya Okafor, MD</a>');
    expect(html).toContain('Board-certified dermatologist');
    expect(html).toContain('<time dateTime="2025-03-04T03:00:00.000Z">March 3, 2025</time>');
    expect(html).toContain('1 min read');
    expect(html).toContain('<a href="/articles/category/recovery">Recovery and aftercare</a>');
    expect(html).toContain('href="/articles/tag/skin%20care"');
    // Four headings: a table of contents, with the level-3 one indented.
    expect(html).toContain('On this page');
    expect(html).toContain('<a href="#before">Before</a>');
    expect(html).toContain('<li class="toc-sub"><a href="#a-week-before">A week before</a></li>');
    expect(html).toContain('<h2 id="on-the-day">On the day</h2>');
    expect(html).toContain('About the author');
    // The next step.
    expect(html).toContain('href="/plan"');
    expect(html).toContain('href="/app/book"');
    // No script runs on the page; the only script element is the inert JSON-LD.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]* src=/);
  });

  it('has a canonical URL, Open Graph article tags and schema.org JSON-LD that parses', async () => {
    const publishAt = new Date('2025-05-01T14:00:00Z');
    const updatedAt = new Date('2025-06-02T09:30:00Z');
    const { slug } = await createArticle({
      title: 'Acne scars explained',
      summary: 'What needling does for rolling and boxcar scars.',
      publishAt,
      updatedAt,
      tags: ['acne scars'],
      concerns: ['acne_scars'],
      services: ['face'],
    });
    const html = (await get(`/articles/${slug}`)).body;
    const url = `${t.config.http.publicUrl}/articles/${slug}`;
    expect(html).toContain(`<link rel="canonical" href="${url}"/>`);
    expect(metaContent(html, 'og:type')).toBe('article');
    expect(metaContent(html, 'og:url')).toBe(url);
    expect(metaContent(html, 'og:title')).toBe('Acne scars explained · Demo Dermatology');
    expect(metaContent(html, 'og:description')).toBe('What needling does for rolling and boxcar scars.');
    expect(metaContent(html, 'article:published_time')).toBe(publishAt.toISOString());
    expect(metaContent(html, 'article:modified_time')).toBe(updatedAt.toISOString());
    expect(metaContent(html, 'article:author')).toBe(`${t.config.http.publicUrl}/authors/maya-okafor`);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');

    const data = jsonLdOf(html);
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@type']).toBe('MedicalWebPage');
    expect(data.url).toBe(url);
    expect(data.about).toContainEqual({ '@type': 'MedicalCondition', name: 'Acne scars' });
    const article = data.mainEntity as Record<string, unknown>;
    expect(article).toMatchObject({
      '@type': 'Article',
      headline: 'Acne scars explained',
      datePublished: publishAt.toISOString(),
      dateModified: updatedAt.toISOString(),
      author: {
        '@type': 'Physician',
        name: 'Dr. Maya Okafor, MD',
        jobTitle: 'Board-certified dermatologist',
        url: `${t.config.http.publicUrl}/authors/maya-okafor`,
      },
      publisher: { '@type': 'MedicalClinic', name: 'Demo Dermatology' },
    });
  });

  it('links the related treatments and shows the prices of the related services', async () => {
    const { slug } = await createArticle({ concerns: ['acne_scars', 'wrinkles'], services: ['face', 'face-prp'] });
    const html = (await get(`/articles/${slug}`)).body;
    expect(html).toContain('Related treatments');
    expect(html).toContain('href="/treatments/acne-scars"');
    expect(html).toContain('href="/treatments/fine-lines"');
    expect(html).toContain('Micro-needling: face');
    expect(html).toContain('$350');
    expect(html).toContain('$650');
    expect(html).not.toContain('Micro-needling: scalp');
  });

  it('leaves the table of contents out of short articles', async () => {
    const { slug } = await createArticle({ body: '## Only one\n\nShort.\n\n## Sources\n\n- x\n' });
    const html = (await get(`/articles/${slug}`)).body;
    expect(html).not.toContain('On this page');
  });

  it('embeds a title that tries to close the script element safely', async () => {
    const title = 'Risks </script><script>alert(1)</script> & <b>more</b>';
    const { slug } = await createArticle({ title });
    const html = (await get(`/articles/${slug}`)).body;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>more</b>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect((jsonLdOf(html).mainEntity as { headline: string }).headline).toBe(title);
  });

  it('is a 404 while a draft, while scheduled and once deleted', async () => {
    const draft = await createArticle({ status: 'draft', publishAt: null });
    const scheduled = await createArticle({ publishAt: new Date(Date.now() + DAY) });
    const deleted = await createArticle({ status: 'deleted' });
    for (const { slug } of [draft, scheduled, deleted, { slug: 'never-written' }]) {
      const response = await get(`/articles/${slug}`);
      expect(response.statusCode, slug).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('We could not find that page');
    }
  });

  it('belongs to one clinic: another clinic’s article is not found on this site', async () => {
    const other = await createClinic(t.database);
    const writer = await createStaff(t.database, { clinicId: other.clinicId, role: 'practitioner' });
    const rendered = renderArticleMarkdown('Elsewhere.');
    await t.database.db.insert(articles).values({
      clinicId: other.clinicId,
      slug: 'only-in-the-other-clinic',
      status: 'published',
      title: 'Only in the other clinic',
      summary: 'Not ours.',
      bodyMarkdown: 'Elsewhere.',
      bodyHtml: rendered.html,
      readingMinutes: rendered.readingMinutes,
      authorId: writer.userId,
      publishAt: new Date(Date.now() - DAY),
    });
    expect((await get('/articles/only-in-the-other-clinic')).statusCode).toBe(404);
    expect((await get('/search?q=elsewhere')).body).not.toContain('Only in the other clinic');
  });
});

describe('article lists', () => {
  it('lists published articles newest first, and never drafts or scheduled ones', async () => {
    const older = await createArticle({ title: 'Older one', publishAt: new Date(Date.now() - 3 * DAY) });
    const newer = await createArticle({ title: 'Newer one', publishAt: new Date(Date.now() - 2 * 60 * 1000) });
    const draft = await createArticle({ title: 'Secret draft', status: 'draft', publishAt: null });
    const scheduled = await createArticle({ title: 'Not yet', publishAt: new Date(Date.now() + DAY) });
    const html = (await get('/articles')).body;
    expect(html).toContain('<h1>Articles about micro-needling</h1>');
    expect(html.indexOf(newer.title)).toBeGreaterThan(-1);
    expect(html.indexOf(newer.title)).toBeLessThan(
      html.indexOf(older.title) === -1 ? Infinity : html.indexOf(older.title),
    );
    expect(html).not.toContain(draft.title);
    expect(html).not.toContain(scheduled.title);
    expect(html).toContain('aria-current="page">Articles</a>');
  });

  it('pages through a long list, and answers 404 past the end or for a page that is not a number', async () => {
    for (let index = 0; index < 13; index += 1) await createArticle({ category: 'treatments' });
    const first = await get('/articles');
    expect(first.body).toMatch(/Page 1 of \d+/);
    expect(first.body).toContain('href="/articles?page=2" rel="next"');
    const second = await get('/articles?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(`<link rel="canonical" href="${t.config.http.publicUrl}/articles?page=2"/>`);
    expect(second.body).toContain('href="/articles" rel="prev"');
    for (const page of ['99', '0', '-1', 'abc', '1.5', '100000']) {
      expect((await get(`/articles?page=${page}`)).statusCode, page).toBe(404);
    }
  });

  it('has a page per category, per tag and per author', async () => {
    const { title } = await createArticle({ title: 'Tagged and filed', category: 'treatments', tags: ['PRP'] });
    const category = await get('/articles/category/treatments');
    expect(category.statusCode).toBe(200);
    expect(category.body).toContain('<h1>Treatments</h1>');
    expect(category.body).toContain(title);
    expect(category.body).toContain('href="/articles/category/treatments" aria-current="page"');

    const tag = await get('/articles/tag/PRP');
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain('Articles about “PRP”');
    expect(tag.body).toContain(title);

    const author = await get('/authors/maya-okafor');
    expect(author.statusCode).toBe(200);
    expect(author.body).toContain('<h1>Dr. Maya Okafor, MD</h1>');
    expect(author.body).toContain(title);
    expect(metaContent(author.body, 'og:type')).toBe('profile');
    const data = jsonLdOf(author.body);
    expect(data['@type']).toBe('ProfilePage');
    expect(data.mainEntity).toMatchObject({ '@type': 'Physician', jobTitle: 'Board-certified dermatologist' });

    const nurse = jsonLdOf((await get('/authors/daniel-reyes')).body);
    expect(nurse.mainEntity).toMatchObject({ '@type': 'Person', name: 'Daniel Reyes, RN' });

    for (const url of ['/articles/category/nope', '/articles/tag/no-such-tag', '/authors/nobody']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it('shows the latest articles on the home page', async () => {
    const { title } = await createArticle({ title: 'Fresh off the press', publishAt: new Date(Date.now() - 1000) });
    const html = (await get('/')).body;
    expect(html).toContain('Latest articles');
    expect(html).toContain(title);
    expect(html).toContain('<a href="/articles">Articles</a>');
  });
});

describe('search', () => {
  it('finds public articles by a word of the body, marks the match, and never finds drafts', async () => {
    await createArticle({
      title: 'Dermaroller history',
      body: '## Early days\n\nThe first rollers were used on zygomycete-free skin. Then came pens.\n',
    });
    await createArticle({
      title: 'Hidden zygomycete draft',
      status: 'draft',
      publishAt: null,
      body: 'zygomycete draft text\n',
    });
    const response = await get('/search?q=zygomycete');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('Dermaroller history');
    expect(html).not.toContain('Hidden zygomycete draft');
    expect(html).toMatch(/<mark>zygomycete<\/mark>/i);
    expect(html).toContain('1 article matches');
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it('stems words and accepts web-search syntax', async () => {
    await createArticle({ title: 'Numbing creams', body: 'We apply numbing cream before treating the skin.\n' });
    expect((await get('/search?q=applying')).body).toContain('Numbing creams');
    expect((await get('/search?q=%22numbing+cream%22+-laser')).body).toContain('Numbing creams');
    expect((await get('/search?q=numbing+-cream')).body).not.toContain('Numbing creams');
  });

  it('copes with empty, odd and overlong queries', async () => {
    for (const q of ['', '%20%20', 'the', '%22', '-', 'or', '!!!', "'%3B--", '%3Cscript%3E', 'a'.repeat(5000)]) {
      const response = await get(`/search?q=${q}`);
      expect(response.statusCode, q).toBe(200);
      expect(response.body).not.toContain('<script>');
    }
    const long = await get(`/search?q=${'b'.repeat(300)}`);
    expect(long.body).toContain(`value="${'b'.repeat(200)}"`);
    expect(long.body).not.toContain('b'.repeat(201));
    expect((await get('/search?q=a&q=b')).statusCode).toBe(200);
  });
});

describe('feeds', () => {
  it('RSS 2.0 lists the latest public articles with absolute links and escaped titles', async () => {
    const { id, slug } = await createArticle({ title: 'Peels <&> needling', publishAt: new Date(Date.now() - 1000) });
    await createArticle({ title: 'Draft <not in feed>', status: 'draft', publishAt: null });
    const response = await t.app.inject({ url: '/feed.xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const xml = response.body;
    expectWellFormedXml(xml);
    expect(xml).toContain('<rss version="2.0"');
    const items = xml.match(/<item>/g) ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(20);
    expect(xml).toContain('<title>Peels &lt;&amp;&gt; needling</title>');
    expect(xml).toContain(`<link>${t.config.http.publicUrl}/articles/${slug}</link>`);
    expect(xml).toContain(`<guid isPermaLink="false">urn:uuid:${id}</guid>`);
    expect(xml).toContain('<dc:creator>Dr. Maya Okafor</dc:creator>');
    expect(xml).not.toContain('not in feed');
  });

  it('Atom lists the same, newest first, with absolute links', async () => {
    const { id, slug } = await createArticle({ title: 'Atom <&> test', publishAt: new Date(Date.now() - 500) });
    const response = await t.app.inject({ url: '/atom.xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = response.body;
    expectWellFormedXml(xml);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const entries = xml.match(/<entry>/g) ?? [];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(20);
    const first = xml.slice(xml.indexOf('<entry>'), xml.indexOf('</entry>'));
    expect(first).toContain('<title type="text">Atom &lt;&amp;&gt; test</title>');
    expect(first).toContain(`<id>urn:uuid:${id}</id>`);
    expect(first).toContain(`href="${t.config.http.publicUrl}/articles/${slug}"`);
    expect(first).toContain(`<uri>${t.config.http.publicUrl}/authors/maya-okafor</uri>`);
  });
});

describe('sitemap and robots.txt', () => {
  it('the sitemap lists the public pages and articles with their last change, but no draft', async () => {
    const updatedAt = new Date('2025-07-01T12:00:00Z');
    const { slug } = await createArticle({ publishAt: new Date('2025-06-01T12:00:00Z'), updatedAt });
    const draft = await createArticle({ status: 'draft', publishAt: null });
    const response = await t.app.inject({ url: '/sitemap.xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const xml = response.body;
    expectWellFormedXml(xml);
    const base = t.config.http.publicUrl;
    expect(xml).toContain(`<url><loc>${base}/articles/${slug}</loc><lastmod>2025-07-01T12:00:00Z</lastmod></url>`);
    for (const path of ['/', '/treatments', '/treatments/acne-scars', '/about', '/plan', '/articles']) {
      expect(xml).toContain(`<loc>${base}${path}</loc>`);
    }
    expect(xml).toContain(`<loc>${base}/articles/category/basics</loc>`);
    expect(xml).toContain(`<loc>${base}/authors/maya-okafor</loc>`);
    expect(xml).not.toContain(draft.slug);
  });

  it('robots.txt points at the sitemap and keeps crawlers out of the app, the API and printouts', async () => {
    const response = await t.app.inject({ url: '/robots.txt' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('Disallow: /app/\n');
    expect(response.body).toContain('Disallow: /api/\n');
    expect(response.body).toContain('Disallow: /plan/print\n');
    expect(response.body).toContain(`Sitemap: ${t.config.http.publicUrl}/sitemap.xml`);
  });
});

describe('privacy', () => {
  it('shows nobody’s email address on any article page, list, feed or sitemap', async () => {
    const { slug } = await createArticle({ tags: ['privacy'] });
    const { rows } = await t.database.executeSql('select email from users');
    expect(rows.length).toBeGreaterThan(0);
    const urls = [
      '/',
      '/articles',
      `/articles/${slug}`,
      '/articles/category/basics',
      '/articles/tag/privacy',
      '/authors/maya-okafor',
      '/authors/daniel-reyes',
      '/search?q=skin',
      '/feed.xml',
      '/atom.xml',
      '/sitemap.xml',
    ];
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      for (const row of rows) {
        const email = String(row.email).toLowerCase();
        expect(response.body.toLowerCase(), `${email} on ${url}`).not.toContain(email);
      }
    }
  });
});

describe('the demo clinic', () => {
  it('ships its articles, categories and author profiles', async () => {
    const demo = await t.database.db
      .select({ slug: articles.slug })
      .from(articles)
      .where(eq(articles.clinicId, clinicId));
    expect(demo.length).toBeGreaterThan(0);
    const html = (await get('/articles')).body;
    expect(html).toContain('href="/articles/category/basics"');
  });
});
