// Reads of the clinic's articles as the public sees them: only published ones
// whose publication time has come. Drafts, scheduled and deleted articles never
// leave this module, and neither does anybody's email address. Each page needs
// one query (the article page's includes its author, category, the prices of
// its related services and a fingerprint of its comments); staff writes live in
// articles.ts.
import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { TocEntry } from '../../domain/articles/render.ts';
import type { Database, Db } from '../database.ts';
import {
  articleCategories,
  articles,
  authorProfiles,
  clinicMemberships,
  comments,
  services,
  users,
} from '../schema.ts';
import type { PublicService } from './clinics.ts';

export interface ArticleCategoryRef {
  slug: string;
  name: string;
}

export interface ArticleAuthorRef {
  name: string;
  /** Null when the author has no public profile (then there is no page to link to). */
  slug: string | null;
  jobTitle: string | null;
  credentials: string | null;
}

export interface PublicArticleSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  publishAt: Date;
  updatedAt: Date;
  readingMinutes: number;
  tags: string[];
  category: ArticleCategoryRef | null;
  author: ArticleAuthorRef;
}

export interface PublicArticle extends PublicArticleSummary {
  bodyHtml: string;
  toc: TocEntry[];
  /** Concern ids (src/domain/clinical/vocabulary.ts). */
  relatedConcerns: string[];
  /** The clinic's active services among the article's related ones, cheapest first. */
  relatedServices: PublicService[];
  commentsClosed: boolean;
  version: number;
  authorBio: string | null;
  /**
   * A fingerprint of everything the comment thread under the article is made of:
   * each comment row of the article (any status) and the user, author profile and
   * membership rows of the staff who answered, each as its id and row version
   * (PostgreSQL's xmin, which every insert and update of a row changes). Equal
   * fingerprints mean the thread renders the same, so the page may be served
   * from a cache that this value is part of the key of; read with the article,
   * in the same query, on every request.
   */
  commentsVersion: string;
}

export interface PublicCategory {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Published articles in it. */
  articleCount: number;
  /** Latest change to one of its published articles; null when it has none. */
  lastModified: Date | null;
}

export interface PublicAuthor {
  userId: string;
  slug: string;
  name: string;
  jobTitle: string;
  credentials: string | null;
  bio: string;
  articleCount: number;
  lastModified: Date | null;
}

export interface ArticlePage<T> {
  items: T[];
  /** All matches, not just this page's. */
  total: number;
}

export interface SearchHit extends PublicArticleSummary {
  /**
   * Passages of the article around the words searched for, with each match between
   * HIGHLIGHT_START and HIGHLIGHT_END; empty when only the title or summary matched.
   */
  headline: string;
}

/** Markers ts_headline puts around matches: private-use characters no article contains. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

/** Longest search the site accepts; longer input is cut, not refused. */
export const SEARCH_MAX_LENGTH = 200;

function isPublic(clinicId: string, now: Date): SQL {
  return and(eq(articles.clinicId, clinicId), eq(articles.status, 'published'), lte(articles.publishAt, now))!;
}

const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  publishAt: articles.publishAt,
  updatedAt: articles.updatedAt,
  readingMinutes: articles.readingMinutes,
  tags: articles.tags,
  categorySlug: articleCategories.slug,
  categoryName: articleCategories.name,
  authorName: users.displayName,
  authorSlug: authorProfiles.slug,
  authorJobTitle: authorProfiles.jobTitle,
  authorCredentials: authorProfiles.credentials,
};

type SummaryRow = {
  [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data'] | null;
};

function toSummary(row: SummaryRow): PublicArticleSummary {
  return {
    id: row.id!,
    slug: row.slug!,
    title: row.title!,
    summary: row.summary!,
    // Public rows always have one: isPublic() requires publish_at <= now.
    publishAt: row.publishAt!,
    updatedAt: row.updatedAt!,
    readingMinutes: row.readingMinutes!,
    tags: row.tags ?? [],
    category: row.categorySlug === null ? null : { slug: row.categorySlug, name: row.categoryName ?? row.categorySlug },
    author: {
      name: row.authorName!,
      slug: row.authorSlug,
      jobTitle: row.authorJobTitle,
      credentials: row.authorCredentials,
    },
  };
}

/**
 * The article page's one query, prepared once per database handle: it is the
 * busiest read of the public site, and building its SQL anew each time would
 * cost as much as running it.
 */
function prepareFindPublicArticle(db: Db) {
  return db
    .select({
      ...summaryColumns,
      bodyHtml: articles.bodyHtml,
      toc: articles.toc,
      relatedConcerns: articles.relatedConcerns,
      commentsClosed: articles.commentsClosed,
      version: articles.version,
      authorBio: authorProfiles.bio,
      relatedServices: sql<PublicService[] | string>`coalesce((
        select json_agg(json_build_object(
          'id', s.id, 'code', s.code, 'name', s.name, 'kind', s.kind, 'description', s.description,
          'durationMinutes', s.duration_minutes, 'priceCents', s.price_cents, 'currency', s.currency
        ) order by s.price_cents, s.name)
        from ${services} s
        where s.clinic_id = ${articles.clinicId} and s.active and s.code = any(${articles.relatedServices})
      ), '[]'::json)`,
      commentsVersion: sql<string>`(
        select count(*) || '.' || coalesce(md5(string_agg(
          c.id::text || ':' || c.xmin::text || ':' || coalesce(u.xmin::text, '') || ':' ||
            coalesce(ap.xmin::text, '') || ':' || coalesce(cm.xmin::text, ''),
          ',' order by c.id
        )), '')
        from ${comments} c
        left join ${users} u on u.id = c.staff_user_id
        left join ${authorProfiles} ap on ap.user_id = c.staff_user_id and ap.clinic_id = c.clinic_id
        left join ${clinicMemberships} cm on cm.user_id = c.staff_user_id and cm.clinic_id = c.clinic_id
        where c.article_id = ${articles.id} and c.clinic_id = ${articles.clinicId}
      )`,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(
      authorProfiles,
      and(eq(authorProfiles.clinicId, articles.clinicId), eq(authorProfiles.userId, articles.authorId)),
    )
    .leftJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(
      and(
        eq(articles.clinicId, sql.placeholder('clinicId')),
        eq(articles.status, 'published'),
        lte(articles.publishAt, sql.placeholder('now')),
        eq(articles.slug, sql.placeholder('slug')),
      ),
    )
    .limit(1)
    .prepare('public_article_by_slug');
}

const findPublicArticleQueries = new WeakMap<Db, ReturnType<typeof prepareFindPublicArticle>>();

/** One public article by its slug, or undefined (missing, draft, scheduled or deleted alike). */
export async function findPublicArticle(
  db: Db,
  clinicId: string,
  slug: string,
  now: Date,
): Promise<PublicArticle | undefined> {
  let query = findPublicArticleQueries.get(db);
  if (query === undefined) {
    query = prepareFindPublicArticle(db);
    findPublicArticleQueries.set(db, query);
  }
  const [row] = await query.execute({ clinicId, slug, now });
  if (row === undefined) return undefined;
  return {
    ...toSummary(row),
    bodyHtml: row.bodyHtml,
    toc: readToc(row.toc),
    relatedConcerns: row.relatedConcerns,
    relatedServices:
      typeof row.relatedServices === 'string'
        ? (JSON.parse(row.relatedServices) as PublicService[])
        : row.relatedServices,
    commentsClosed: row.commentsClosed,
    version: row.version,
    authorBio: row.authorBio,
    commentsVersion: row.commentsVersion,
  };
}

/**
 * Which transactions the database has committed, as pg_current_snapshot() reports
 * it (xmin:xmax:in-progress ids). Every write takes a transaction id, so two
 * equal values, read one after the other, mean that nothing was written in
 * between, by this node or any other, and every query answers the same. That is
 * the article page cache's first, cheapest check: one statement that reads no
 * table. It is global, so any write makes it fail, and then the page's own
 * fingerprint (commentsVersion, with the article) decides.
 */
export async function readCommittedState(database: Pick<Database, 'executeSql'>): Promise<string> {
  // The simple protocol without parameters: the cheapest statement on both engines.
  const { rows } = await database.executeSql('select pg_current_snapshot()::text as snapshot');
  const snapshot = rows[0]?.snapshot;
  if (typeof snapshot !== 'string') throw new Error('pg_current_snapshot() returned no row');
  return snapshot;
}

export interface ArticleFilter {
  categoryId?: string;
  tag?: string;
  authorUserId?: string;
}

/** Public articles, newest first, a page at a time. */
export async function listPublicArticles(
  db: Db,
  clinicId: string,
  now: Date,
  options: ArticleFilter & { limit: number; offset?: number },
): Promise<ArticlePage<PublicArticleSummary>> {
  const conditions = [isPublic(clinicId, now)];
  if (options.categoryId !== undefined) conditions.push(eq(articles.categoryId, options.categoryId));
  if (options.tag !== undefined) conditions.push(sql`${options.tag} = any(${articles.tags})`);
  if (options.authorUserId !== undefined) conditions.push(eq(articles.authorId, options.authorUserId));
  const rows = await db
    .select({ ...summaryColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(
      authorProfiles,
      and(eq(authorProfiles.clinicId, articles.clinicId), eq(authorProfiles.userId, articles.authorId)),
    )
    .leftJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(and(...conditions))
    .orderBy(desc(articles.publishAt), desc(articles.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
  return { items: rows.map(toSummary), total: rows[0]?.total ?? 0 };
}

/**
 * Full-text search over the public articles (title, summary and body, weighted in
 * that order) with PostgreSQL's web-search syntax: words, "a phrase", -not, or.
 */
export async function searchPublicArticles(
  db: Db,
  clinicId: string,
  now: Date,
  options: { query: string; limit: number; offset?: number },
): Promise<ArticlePage<SearchHit>> {
  const query = sql`websearch_to_tsquery('english', ${options.query.slice(0, SEARCH_MAX_LENGTH)})`;
  const headlineOptions =
    `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, ` +
    'MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … "';
  const rows = await db
    .select({
      ...summaryColumns,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      headline: sql<string>`ts_headline('english', ${articles.bodyMarkdown}, ${query}, ${headlineOptions})`,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(
      authorProfiles,
      and(eq(authorProfiles.clinicId, articles.clinicId), eq(authorProfiles.userId, articles.authorId)),
    )
    .leftJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(and(isPublic(clinicId, now), sql`${articles.searchVector} @@ ${query}`))
    .orderBy(sql`ts_rank_cd(${articles.searchVector}, ${query}) desc`, desc(articles.publishAt), desc(articles.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
  return {
    items: rows.map((row) => ({
      ...toSummary(row),
      headline: row.headline.includes(HIGHLIGHT_START) ? plainHeadline(row.headline) : '',
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** The clinic's categories in name order, each with its public article count and last change. */
export async function listPublicCategories(db: Db, clinicId: string, now: Date): Promise<PublicCategory[]> {
  const rows = await db
    .select({
      id: articleCategories.id,
      slug: articleCategories.slug,
      name: articleCategories.name,
      description: articleCategories.description,
      articleCount: sql<number>`count(${articles.id})`.mapWith(Number),
      lastModified: sql<string | null>`max(${articles.updatedAt})`,
    })
    .from(articleCategories)
    .leftJoin(articles, and(eq(articles.categoryId, articleCategories.id), isPublic(clinicId, now)))
    .where(eq(articleCategories.clinicId, clinicId))
    .groupBy(articleCategories.id)
    .orderBy(asc(articleCategories.name));
  return rows.map((row) => ({ ...row, lastModified: toDate(row.lastModified) }));
}

/** An author's public profile by its slug. */
export async function findPublicAuthor(
  db: Db,
  clinicId: string,
  slug: string,
  now: Date,
): Promise<PublicAuthor | undefined> {
  return (await listPublicAuthors(db, clinicId, now, slug))[0];
}

/** Every author profile of the clinic, by name, with their public article count and last change. */
export async function listPublicAuthors(
  db: Db,
  clinicId: string,
  now: Date,
  onlySlug?: string,
): Promise<PublicAuthor[]> {
  const rows = await db
    .select({
      userId: authorProfiles.userId,
      slug: authorProfiles.slug,
      name: users.displayName,
      jobTitle: authorProfiles.jobTitle,
      credentials: authorProfiles.credentials,
      bio: authorProfiles.bio,
      articleCount: sql<number>`count(${articles.id})`.mapWith(Number),
      lastModified: sql<string | null>`max(${articles.updatedAt})`,
    })
    .from(authorProfiles)
    .innerJoin(users, eq(users.id, authorProfiles.userId))
    .leftJoin(articles, and(eq(articles.authorId, authorProfiles.userId), isPublic(clinicId, now)))
    .where(
      and(
        eq(authorProfiles.clinicId, clinicId),
        onlySlug === undefined ? undefined : eq(authorProfiles.slug, onlySlug),
      ),
    )
    .groupBy(authorProfiles.id, users.id)
    .orderBy(asc(users.displayName));
  return rows.map((row) => ({ ...row, lastModified: toDate(row.lastModified) }));
}

/** Slug and last change of every public article, for the sitemap. */
export async function listPublicArticleUrls(
  db: Db,
  clinicId: string,
  now: Date,
): Promise<{ slug: string; updatedAt: Date }[]> {
  return db
    .select({ slug: articles.slug, updatedAt: articles.updatedAt })
    .from(articles)
    .where(isPublic(clinicId, now))
    .orderBy(desc(articles.publishAt), desc(articles.id));
}

function toDate(value: string | Date | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

function readToc(value: unknown): TocEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is TocEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as TocEntry).id === 'string' &&
      typeof (entry as TocEntry).text === 'string' &&
      ((entry as TocEntry).level === 2 || (entry as TocEntry).level === 3),
  );
}

/** ts_headline works on the Markdown source: drop its punctuation so the excerpt reads as text. */
function plainHeadline(headline: string): string {
  return headline
    .replace(/\]\([^)]*\)/g, '')
    .replace(/(^|\s)(#{1,6}|>|[-+*]|\d+\.)\s/g, '$1')
    .replace(/[*_`[\]|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
