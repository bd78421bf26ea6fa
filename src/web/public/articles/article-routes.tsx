// Routes of the clinic's articles on the public site: the lists, one article with
// its comments, author pages and search, plus the feeds, the sitemap and
// robots.txt. Everything is server-rendered; only public articles (published,
// publication time reached) are ever found, anything else is the site's 404.
import { createHash } from 'node:crypto';
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  SEARCH_MAX_LENGTH,
  findPublicArticle,
  findPublicAuthor,
  readCommittedState,
  listPublicArticleUrls,
  listPublicArticles,
  listPublicAuthors,
  listPublicCategories,
  searchPublicArticles,
  type ArticlePage as ArticleResults,
  type PublicArticle,
  type PublicArticleSummary,
} from '../../../db/repositories/articles-public.ts';
import {
  commentFormToken,
  escapeHtml,
  type CommentNotice,
  loadCommentThread,
  readCommentNotice,
} from '../comments/comment-section.tsx';
import { concerns } from '../content/concerns.ts';
import { renderPage } from '../layout.tsx';
import { clinicName, type PageMeta, type SiteContext } from '../site-context.ts';
import { ArticlePage } from './article-page.tsx';
import { ArticleIndexPage, AuthorPage, SearchPage, TagPage, type Paging } from './article-list-pages.tsx';
import { atomFeed, robotsTxt, rssFeed, sitemapXml, type FeedEntry, type FeedInfo, type SitemapUrl } from './feeds.ts';
import { articleJsonLd, authorJsonLd } from './structured-data.ts';
import { tagPath } from './article-words.ts';

const publicRoute = { config: { access: 'public' as const }, schema: { hide: true } };

const ARTICLES_PER_PAGE = 12;
const RESULTS_PER_PAGE = 10;
const FEED_SIZE = 20;
/** No list is longer than this many pages; a bigger ?page= is a 404 without a query. */
const MAX_PAGE = 500;
/** Feeds and the sitemap may be a few minutes old; pages always revalidate. */
const FEED_CACHE_CONTROL = 'public, max-age=300';

export interface ArticleRouteHelpers {
  loadSite(): Promise<SiteContext>;
  /** The site's origin (config), for answers that need nothing from the database. */
  publicUrl: string;
}

/** ?page=: absent is page 1; anything but a whole number from 1 to MAX_PAGE is no page at all. */
export function readPage(value: unknown): number | undefined {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,3}$/.test(value)) return undefined;
  const page = Number(value);
  return page <= MAX_PAGE ? page : undefined;
}

/** ?q=: the first value, trimmed, inner whitespace collapsed, at most SEARCH_MAX_LENGTH characters. */
export function readQuery(value: unknown): string {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof first !== 'string') return '';
  return first
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
    .slice(0, SEARCH_MAX_LENGTH)
    .trim();
}

function pageCountOf(results: ArticleResults<unknown>, perPage: number): number {
  return Math.max(1, Math.ceil(results.total / perPage));
}

function withPage(path: string, page: number): string {
  if (page === 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}page=${page}`;
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
}

function sendXml(reply: FastifyReply, type: string, xml: string): FastifyReply {
  return reply.type(`${type}; charset=utf-8`).header('cache-control', FEED_CACHE_CONTROL).send(xml);
}

export function registerArticleRoutes(app: FastifyInstance, helpers: ArticleRouteHelpers): void {
  const { db } = app.services.database;

  /** The site with its clinic, or undefined on an install whose clinic is not set up yet. */
  async function loadClinicSite() {
    const site = await helpers.loadSite();
    return site.clinic === undefined ? undefined : { site, clinic: site.clinic };
  }

  function paging(path: string, page: number, pageCount: number): Paging {
    return { page, pageCount, hrefFor: (target) => withPage(path, target) };
  }

  function pageTitle(title: string, page: number): string {
    return page > 1 ? `${title} (page ${page})` : title;
  }

  app.get<{ Querystring: { page?: unknown } }>('/articles', publicRoute, async (request, reply) => {
    const page = readPage(request.query.page);
    const loaded = await loadClinicSite();
    if (page === undefined || loaded === undefined) return reply.callNotFound();
    const { site, clinic } = loaded;
    const now = new Date();
    const [results, categories] = await Promise.all([
      listPublicArticles(db, clinic.id, now, { limit: ARTICLES_PER_PAGE, offset: (page - 1) * ARTICLES_PER_PAGE }),
      listPublicCategories(db, clinic.id, now),
    ]);
    if (page > 1 && results.items.length === 0) return reply.callNotFound();
    const meta: PageMeta = {
      title: pageTitle('Articles about micro-needling', page),
      description: `Plain-language articles from the practitioners of ${clinicName(site)}: what micro-needling is, what it can do, how to prepare and how to recover.`,
      path: withPage('/articles', page),
    };
    const content = (
      <ArticleIndexPage
        articles={results.items}
        categories={categories}
        timeZone={clinic.timeZone}
        paging={paging('/articles', page, pageCountOf(results, ARTICLES_PER_PAGE))}
      />
    );
    return sendHtml(reply, renderPage(site, meta, content));
  });

  app.get<{ Params: { slug: string }; Querystring: { page?: unknown } }>(
    '/articles/category/:slug',
    publicRoute,
    async (request, reply) => {
      const page = readPage(request.query.page);
      const loaded = await loadClinicSite();
      if (page === undefined || loaded === undefined) return reply.callNotFound();
      const { site, clinic } = loaded;
      const now = new Date();
      const categories = await listPublicCategories(db, clinic.id, now);
      const category = categories.find((candidate) => candidate.slug === request.params.slug);
      if (category === undefined) return reply.callNotFound();
      const results = await listPublicArticles(db, clinic.id, now, {
        categoryId: category.id,
        limit: ARTICLES_PER_PAGE,
        offset: (page - 1) * ARTICLES_PER_PAGE,
      });
      if (page > 1 && results.items.length === 0) return reply.callNotFound();
      const path = `/articles/category/${category.slug}`;
      const meta: PageMeta = {
        title: pageTitle(`${category.name} · Articles`, page),
        description: category.description === '' ? `Articles in ${category.name}.` : category.description,
        path: withPage(path, page),
      };
      const content = (
        <ArticleIndexPage
          articles={results.items}
          categories={categories}
          category={category}
          timeZone={clinic.timeZone}
          paging={paging(path, page, pageCountOf(results, ARTICLES_PER_PAGE))}
        />
      );
      return sendHtml(reply, renderPage(site, meta, content));
    },
  );

  app.get<{ Params: { tag: string }; Querystring: { page?: unknown } }>(
    '/articles/tag/:tag',
    publicRoute,
    async (request, reply) => {
      const page = readPage(request.query.page);
      const tag = request.params.tag;
      const loaded = await loadClinicSite();
      if (page === undefined || loaded === undefined || tag.length === 0 || tag.length > 100) {
        return reply.callNotFound();
      }
      const { site, clinic } = loaded;
      const results = await listPublicArticles(db, clinic.id, new Date(), {
        tag,
        limit: ARTICLES_PER_PAGE,
        offset: (page - 1) * ARTICLES_PER_PAGE,
      });
      // A tag is only a page while it has public articles.
      if (results.items.length === 0) return reply.callNotFound();
      const path = tagPath(tag);
      const meta: PageMeta = {
        title: pageTitle(`Articles about “${tag}”`, page),
        description: `Articles from ${clinicName(site)} tagged “${tag}”.`,
        path: withPage(path, page),
      };
      const content = (
        <TagPage
          tag={tag}
          articles={results.items}
          timeZone={clinic.timeZone}
          paging={paging(path, page, pageCountOf(results, ARTICLES_PER_PAGE))}
        />
      );
      return sendHtml(reply, renderPage(site, meta, content));
    },
  );

  /** The article page as it is now, rendered fresh (with the real token) or for the cache (with the slot). */
  async function renderArticlePage(
    site: SiteContext,
    clinic: { id: string; timeZone: string },
    article: PublicArticle,
    options: { token: string; notice?: CommentNotice | undefined; replyTo?: string | undefined },
  ): Promise<string> {
    const thread = { ...(await loadCommentThread(db, clinic.id, article.id)), formToken: options.token };
    return renderPage(
      site,
      articleMeta(site, article),
      <ArticlePage
        site={site}
        article={article}
        timeZone={clinic.timeZone}
        thread={thread}
        notice={options.notice}
        replyTo={options.replyTo}
      />,
    );
  }

  /**
   * Step 2 of the cache (see below): the article and its comments fingerprint, read
   * after `committed`; the cached page when its key still matches, else a new one.
   * Undefined when there is no such public article.
   */
  async function currentArticlePage(slug: string, committed: string): Promise<CachedPage | undefined> {
    const loaded = await loadClinicSite();
    const article = loaded && (await findPublicArticle(db, loaded.clinic.id, slug, new Date()));
    if (loaded === undefined || article === undefined) {
      articlePages.delete(slug);
      return undefined;
    }
    const { site, clinic } = loaded;
    // The page is a function of the site, the article row with its joins and the
    // comments fingerprint, all just read: same digest, same page.
    const key = createHash('sha256')
      .update(JSON.stringify([site, article]))
      .digest('base64');
    const cached = articlePages.get(slug)?.page;
    const page =
      cached?.key === key
        ? cached
        : splitAtFormToken(key, article.id, await renderArticlePage(site, clinic, article, { token: FORM_TOKEN_SLOT }));
    // `committed` was read before the article and the thread: the page is at least as new as that state.
    articlePages.delete(slug);
    articlePages.set(slug, { page, committed });
    if (articlePages.size > ARTICLE_PAGES_LIMIT) articlePages.delete(articlePages.keys().next().value as string);
    return page;
  }

  app.get<{ Params: { slug: string }; Querystring: { comment?: unknown; replyto?: unknown } }>(
    '/articles/:slug',
    publicRoute,
    async (request, reply) => {
      const { slug } = request.params;
      if (slug.length > 200) return reply.callNotFound();
      const notice = readCommentNotice(request.query.comment);
      const replyTo = typeof request.query.replyto === 'string' ? request.query.replyto : undefined;

      // After a post (?comment=) or for a reply (?replyto=) the page differs: render it as it is.
      if (notice !== undefined || replyTo !== undefined) {
        const loaded = await loadClinicSite();
        const now = new Date();
        const article = loaded && (await findPublicArticle(db, loaded.clinic.id, slug, now));
        if (loaded === undefined || article === undefined) return reply.callNotFound();
        const token = commentFormToken(db, article.id, now) ?? '';
        return sendHtml(
          reply,
          await renderArticlePage(loaded.site, loaded.clinic, article, { token, notice, replyTo }),
        );
      }

      // 1. Nothing committed since the cached page was last found current: it still is.
      const committed = await readCommittedState(app.services.database);
      let page = articlePages.get(slug);
      if (page?.committed !== committed) {
        // 2. Ask about the article itself; requests that read the same state share one answer.
        const checkKey = `${slug}\n${committed}`;
        let checking = checkingPages.get(checkKey);
        if (checking === undefined) {
          checking = currentArticlePage(slug, committed).finally(() => checkingPages.delete(checkKey));
          checkingPages.set(checkKey, checking);
        }
        const current = await checking;
        if (current === undefined) return reply.callNotFound();
        page = { page: current, committed };
      }
      return sendCachedPage(request, reply, page.page, commentFormToken(db, page.page.articleId, new Date()));
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { page?: unknown } }>(
    '/authors/:slug',
    publicRoute,
    async (request, reply) => {
      const page = readPage(request.query.page);
      const loaded = await loadClinicSite();
      if (page === undefined || loaded === undefined) return reply.callNotFound();
      const { site, clinic } = loaded;
      const now = new Date();
      const author = await findPublicAuthor(db, clinic.id, request.params.slug, now);
      if (author === undefined) return reply.callNotFound();
      const results = await listPublicArticles(db, clinic.id, now, {
        authorUserId: author.userId,
        limit: ARTICLES_PER_PAGE,
        offset: (page - 1) * ARTICLES_PER_PAGE,
      });
      if (page > 1 && results.items.length === 0) return reply.callNotFound();
      const path = `/authors/${author.slug}`;
      const meta: PageMeta = {
        title: pageTitle(`${author.name}, ${author.jobTitle}`, page),
        description: author.bio,
        path: withPage(path, page),
        ogType: 'profile',
        jsonLd: authorJsonLd(site, author),
      };
      const content = (
        <AuthorPage
          author={author}
          articles={results.items}
          timeZone={clinic.timeZone}
          paging={paging(path, page, pageCountOf(results, ARTICLES_PER_PAGE))}
        />
      );
      return sendHtml(reply, renderPage(site, meta, content));
    },
  );

  app.get<{ Querystring: { q?: unknown; page?: unknown } }>('/search', publicRoute, async (request, reply) => {
    const page = readPage(request.query.page);
    const loaded = await loadClinicSite();
    if (page === undefined || loaded === undefined) return reply.callNotFound();
    const { site, clinic } = loaded;
    const query = readQuery(request.query.q);
    const now = new Date();
    const [results, categories] = await Promise.all([
      query === ''
        ? { items: [], total: 0 }
        : searchPublicArticles(db, clinic.id, now, {
            query,
            limit: RESULTS_PER_PAGE,
            offset: (page - 1) * RESULTS_PER_PAGE,
          }),
      listPublicCategories(db, clinic.id, now),
    ]);
    const path = query === '' ? '/search' : `/search?q=${encodeURIComponent(query)}`;
    const meta: PageMeta = {
      title: query === '' ? 'Search the articles' : `Search: ${query}`,
      description: `Search the articles of ${clinicName(site)}.`,
      path: withPage(path, page),
      // Result pages are for people, not for search engines.
      noindex: true,
    };
    const content = (
      <SearchPage
        query={query}
        hits={results.items}
        total={results.total}
        categories={categories}
        timeZone={clinic.timeZone}
        paging={paging(path, page, pageCountOf(results, RESULTS_PER_PAGE))}
      />
    );
    return sendHtml(reply, renderPage(site, meta, content));
  });

  async function feed(): Promise<{ info: Omit<FeedInfo, 'feedUrl'>; entries: FeedEntry[] } | undefined> {
    const loaded = await loadClinicSite();
    if (loaded === undefined) return undefined;
    const { site, clinic } = loaded;
    const latest = await listPublicArticles(db, clinic.id, new Date(), { limit: FEED_SIZE });
    const entries = latest.items.map((article) => feedEntry(site, article));
    const updated = entries.reduce((newest, entry) => (entry.updated > newest ? entry.updated : newest), new Date(0));
    return {
      info: {
        title: `${clinicName(site)}: articles`,
        description: `Articles about micro-needling from the practitioners of ${clinicName(site)}.`,
        siteUrl: site.publicUrl,
        updated: entries.length > 0 ? updated : new Date(),
      },
      entries,
    };
  }

  app.get('/feed.xml', publicRoute, async (_request, reply) => {
    const loaded = await feed();
    if (loaded === undefined) return reply.callNotFound();
    const feedUrl = `${loaded.info.siteUrl}/feed.xml`;
    return sendXml(reply, 'application/rss+xml', rssFeed({ ...loaded.info, feedUrl }, loaded.entries));
  });

  app.get('/atom.xml', publicRoute, async (_request, reply) => {
    const loaded = await feed();
    if (loaded === undefined) return reply.callNotFound();
    const feedUrl = `${loaded.info.siteUrl}/atom.xml`;
    return sendXml(reply, 'application/atom+xml', atomFeed({ ...loaded.info, feedUrl }, loaded.entries));
  });

  app.get('/sitemap.xml', publicRoute, async (_request, reply) => {
    const site = await helpers.loadSite();
    const base = site.publicUrl;
    const urls: SitemapUrl[] = [];
    if (site.clinic === undefined) {
      urls.push({ loc: `${base}/` }, { loc: `${base}/treatments` }, { loc: `${base}/about` });
      return sendXml(reply, 'application/xml', sitemapXml(urls));
    }
    const clinicId = site.clinic.id;
    const now = new Date();
    const [articleUrls, categories, authors] = await Promise.all([
      listPublicArticleUrls(db, clinicId, now),
      listPublicCategories(db, clinicId, now),
      listPublicAuthors(db, clinicId, now),
    ]);
    const newest = articleUrls.reduce<Date | null>(
      (latest, article) => (latest === null || article.updatedAt > latest ? article.updatedAt : latest),
      null,
    );
    urls.push(
      { loc: `${base}/`, lastmod: newest },
      { loc: `${base}/treatments` },
      ...concerns.map((concern) => ({ loc: `${base}/treatments/${concern.slug}` })),
      { loc: `${base}/about` },
      { loc: `${base}/plan` },
      { loc: `${base}/articles`, lastmod: newest },
      ...categories
        .filter((category) => category.articleCount > 0)
        .map((category) => ({ loc: `${base}/articles/category/${category.slug}`, lastmod: category.lastModified })),
      ...articleUrls.map((article) => ({ loc: `${base}/articles/${article.slug}`, lastmod: article.updatedAt })),
      ...authors.map((author) => ({ loc: `${base}/authors/${author.slug}`, lastmod: author.lastModified })),
    );
    return sendXml(reply, 'application/xml', sitemapXml(urls));
  });

  app.get('/robots.txt', publicRoute, async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(robotsTxt(helpers.publicUrl)),
  );
}

function articleMeta(site: SiteContext, article: PublicArticle): PageMeta {
  return {
    title: article.title,
    description: article.summary,
    path: `/articles/${article.slug}`,
    ogType: 'article',
    published: article.publishAt,
    modified: article.updatedAt,
    ...(article.author.slug !== null ? { authorUrl: `${site.publicUrl}/authors/${article.author.slug}` } : {}),
    jsonLd: articleJsonLd(site, article),
  };
}

// ---------------------------------------------------------------------------
// The article page cache
//
// An article with a few hundred comments is a 200 KB page; rendering and
// compressing it on every view costs far more than asking the database whether
// it changed. So each article's latest page is kept, as HTML and as gzip, and
// every request asks the database first, so that no change, made by this node,
// another node or a moderator, is ever served from an old copy:
//
// 1. readCommittedState(): the database's snapshot, one statement reading no
//    table. Equal to the one read before the cached page was last found
//    current, it means nothing was committed since: the page still is. Any
//    write anywhere changes it (every write takes a transaction id); then
// 2. the article query, which also returns the comments fingerprint. The
//    page's key is a digest of the site, that row and the fingerprint: an
//    equal key means the same page; a different one renders the new page.
// Nothing on the page depends on the time but the form token; a scheduled
// article that becomes public has no page in the cache yet.
//
// Only the form's signed timestamp differs between two views: the page is kept
// in two parts around it, and each answer puts a fresh one between them. In
// gzip, the parts are raw deflate streams ended on a byte boundary (sync
// flush), joined by a stored block holding the token, with the CRC and length
// of the whole (RFC 1951 and 1952): one ordinary gzip member.
// ---------------------------------------------------------------------------

/** Stands in for the form token while the page is rendered for the cache (real tokens contain a dot). */
const FORM_TOKEN_SLOT = 'form-token-slot';
const FORM_TOKEN_INPUT = `<input type="hidden" name="rendered_at" value="${FORM_TOKEN_SLOT}"/>`;
/** Pages kept, one per article, the least recently viewed first to go. */
const ARTICLE_PAGES_LIMIT = 64;

interface CachedPage {
  key: string;
  articleId: string;
  /** False when comments are closed: then there is no form and no token. */
  hasForm: boolean;
  /** The HTML up to and after the token. */
  before: string;
  after: string;
  /** gzip header and the raw deflate of `before`, ended by a sync flush (byte-aligned, not final). */
  gzipBefore: Buffer;
  /** The raw deflate of `after`, with the final block. */
  gzipAfter: Buffer;
  crcBefore: number;
  lengthBefore: number;
  afterBytes: Buffer;
}

/** By slug: the page, and the committed state read just before it was last found current. */
const articlePages = new Map<string, { page: CachedPage; committed: string }>();
/** Step 2 in progress, by slug and committed state. */
const checkingPages = new Map<string, Promise<CachedPage | undefined>>();

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);

function splitAtFormToken(key: string, articleId: string, html: string): CachedPage {
  const at = html.indexOf(FORM_TOKEN_INPUT);
  if (at !== -1 && html.indexOf(FORM_TOKEN_INPUT, at + 1) !== -1) {
    throw new Error('an article page has one comment form at most');
  }
  // Without a form (comments closed) the whole page comes before the (empty) token.
  const tokenAt = at === -1 ? html.length : at + FORM_TOKEN_INPUT.indexOf(FORM_TOKEN_SLOT);
  const before = html.slice(0, tokenAt);
  const after = at === -1 ? '' : html.slice(tokenAt + FORM_TOKEN_SLOT.length);
  const beforeBytes = Buffer.from(before, 'utf8');
  const afterBytes = Buffer.from(after, 'utf8');
  return {
    key,
    articleId,
    hasForm: at !== -1,
    before,
    after,
    gzipBefore: Buffer.concat([
      GZIP_HEADER,
      deflateRawSync(beforeBytes, { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH }),
    ]),
    gzipAfter: deflateRawSync(afterBytes, { level: 9 }),
    crcBefore: crcUpdate(beforeBytes, 0),
    lengthBefore: beforeBytes.length,
    afterBytes,
  };
}

/**
 * The CRC-32 of what came before followed by `bytes`. Empty input is skipped:
 * an empty buffer that went through deflateRawSync has no memory behind it, and
 * zlib's crc32() answers 0 (its initial value) for a null pointer, not `crc`.
 */
function crcUpdate(bytes: Buffer, crc: number): number {
  return bytes.length === 0 ? crc : crc32(bytes, crc);
}

/** The cached page with `token` in its place, as one gzip member. */
function gzipWithToken(page: CachedPage, token: string): Buffer {
  const tokenBytes = Buffer.from(token, 'utf8');
  // A stored block that is not the last: BFINAL 0, BTYPE 00, padded to the byte; LEN and its complement.
  const stored = Buffer.alloc(5);
  stored.writeUInt16LE(tokenBytes.length, 1);
  stored.writeUInt16LE(~tokenBytes.length & 0xffff, 3);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crcUpdate(page.afterBytes, crcUpdate(tokenBytes, page.crcBefore)), 0);
  trailer.writeUInt32LE((page.lengthBefore + tokenBytes.length + page.afterBytes.length) % 2 ** 32, 4);
  return Buffer.concat([page.gzipBefore, stored, tokenBytes, page.gzipAfter, trailer]);
}

/** Whether the client takes gzip (named, with a quality above zero). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (coding !== 'gzip') return false;
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  formToken: string | undefined,
): FastifyReply {
  // The token is digits, a dot and base64url: nothing to escape, but it goes through the same escaping as any value.
  const token = page.hasForm ? escapeHtml(formToken ?? '') : '';
  void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (request.headers['x-no-compression'] === undefined && acceptsGzip(request.headers['accept-encoding'])) {
    // Already compressed: the compression plugin passes a response with a content-encoding through.
    return reply.header('content-encoding', 'gzip').send(gzipWithToken(page, token));
  }
  return reply.send(page.before + token + page.after);
}

function feedEntry(site: SiteContext, article: PublicArticleSummary): FeedEntry {
  return {
    id: article.id,
    title: article.title,
    url: `${site.publicUrl}/articles/${article.slug}`,
    summary: article.summary,
    published: article.publishAt,
    updated: article.updatedAt,
    authorName: article.author.name,
    authorUrl: article.author.slug === null ? null : `${site.publicUrl}/authors/${article.author.slug}`,
    category: article.category?.name ?? null,
  };
}
