// The staff side of the clinic's articles: drafts, saves with their revisions,
// publication, categories and author profiles. Every function is scoped to one
// clinic. The public site reads through articles-public.ts; this module is what
// the editor writes with.
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import {
  articleCategories,
  articleRevisions,
  articles,
  authorProfiles,
  clinicMemberships,
  services,
  users,
} from '../schema.ts';

export type ArticleStatus = (typeof articles.status.enumValues)[number];
export type ArticleState = 'draft' | 'scheduled' | 'published' | 'deleted';

export interface ArticleListRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  state: ArticleState;
  publishAt: Date | null;
  version: number;
  authorId: string;
  authorName: string;
  categoryId: string | null;
  categoryName: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleRecord extends ArticleListRow {
  bodyMarkdown: string;
  bodyHtml: string;
  toc: unknown;
  readingMinutes: number;
  relatedConcerns: string[];
  relatedServices: string[];
  commentsClosed: boolean;
}

/** The state people see, computed by the database's clock so every node agrees. */
const stateColumn = sql<ArticleState>`case
  when ${articles.status} = 'deleted' then 'deleted'
  when ${articles.status} = 'draft' then 'draft'
  when ${articles.publishAt} > now() then 'scheduled'
  else 'published' end`;

const listColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  status: articles.status,
  state: stateColumn,
  publishAt: articles.publishAt,
  version: articles.version,
  authorId: articles.authorId,
  authorName: users.displayName,
  categoryId: articles.categoryId,
  categoryName: articleCategories.name,
  tags: articles.tags,
  createdAt: articles.createdAt,
  updatedAt: articles.updatedAt,
};

function stateCondition(state: ArticleState): SQL | undefined {
  switch (state) {
    case 'draft':
      return eq(articles.status, 'draft');
    case 'deleted':
      return eq(articles.status, 'deleted');
    case 'scheduled':
      return and(eq(articles.status, 'published'), gt(articles.publishAt, sql`now()`));
    case 'published':
      return and(eq(articles.status, 'published'), lte(articles.publishAt, sql`now()`));
  }
}

/** The clinic's articles, most recently changed first; deleted ones only when asked for. */
export async function listArticles(
  db: Db,
  clinicId: string,
  options: { state?: ArticleState | undefined; limit: number },
): Promise<ArticleListRow[]> {
  const filter = options.state === undefined ? ne(articles.status, 'deleted') : stateCondition(options.state);
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(and(eq(articles.clinicId, clinicId), filter))
    .orderBy(desc(articles.updatedAt), asc(articles.id))
    .limit(options.limit);
}

/** One article of the clinic, whatever its state; `lock` holds the row until the transaction ends. */
export async function findArticle(
  db: Db,
  clinicId: string,
  articleId: string,
  options: { lock?: boolean } = {},
): Promise<ArticleRecord | undefined> {
  const query = db
    .select({
      ...listColumns,
      bodyMarkdown: articles.bodyMarkdown,
      bodyHtml: articles.bodyHtml,
      toc: articles.toc,
      readingMinutes: articles.readingMinutes,
      relatedConcerns: articles.relatedConcerns,
      relatedServices: articles.relatedServices,
      commentsClosed: articles.commentsClosed,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(and(eq(articles.clinicId, clinicId), eq(articles.id, articleId)));
  const [row] = await (options.lock === true ? query.for('update', { of: articles }) : query);
  return row;
}

/** Whether another article of the clinic (deleted ones included) already uses the slug. */
export async function articleSlugInUse(db: Db, clinicId: string, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        eq(articles.clinicId, clinicId),
        eq(articles.slug, slug),
        exceptId === undefined ? undefined : ne(articles.id, exceptId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** What a save writes: the editable fields and what was rendered from the body. */
export interface ArticleContent {
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  bodyHtml: string;
  toc: unknown;
  readingMinutes: number;
  authorId: string;
  categoryId: string | null;
  tags: string[];
  relatedConcerns: string[];
  relatedServices: string[];
}

/** A new draft at version 1; undefined when the slug is taken (by a concurrent insert too). */
export async function insertArticle(
  db: Db,
  clinicId: string,
  content: ArticleContent,
): Promise<{ id: string; version: number } | undefined> {
  const [row] = await db
    .insert(articles)
    .values({ clinicId, ...content, status: 'draft', version: 1 })
    .onConflictDoNothing({ target: [articles.clinicId, articles.slug] })
    .returning({ id: articles.id, version: articles.version });
  return row;
}

export type ContentUpdate =
  | { kind: 'updated'; version: number }
  /** The article changed since `expectedVersion` was read (or it is gone or deleted). */
  | { kind: 'stale' }
  | { kind: 'slug_taken' };

/**
 * Compare-and-set: writes only while the stored version is still `expectedVersion`,
 * and bumps it. Two editors saving from the same version: one wins, the other
 * learns it is stale; nothing is overwritten silently.
 */
export async function updateArticleContent(
  db: Db,
  clinicId: string,
  articleId: string,
  expectedVersion: number,
  content: ArticleContent,
): Promise<ContentUpdate> {
  try {
    const [row] = await db
      .update(articles)
      .set({ ...content, version: sql`${articles.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(
          eq(articles.clinicId, clinicId),
          eq(articles.id, articleId),
          eq(articles.version, expectedVersion),
          ne(articles.status, 'deleted'),
        ),
      )
      .returning({ version: articles.version });
    return row === undefined ? { kind: 'stale' } : { kind: 'updated', version: row.version };
  } catch (error) {
    if (isUniqueViolation(error, 'articles_clinic_slug_key')) return { kind: 'slug_taken' };
    throw error;
  }
}

export async function insertRevision(
  db: Db,
  revision: {
    clinicId: string;
    articleId: string;
    version: number;
    title: string;
    summary: string;
    bodyMarkdown: string;
    editedBy: string;
  },
): Promise<void> {
  await db.insert(articleRevisions).values(revision);
}

/** Publishes (at `publishAt`), or takes back to draft with `publishAt` null. */
export async function setArticlePublication(
  db: Db,
  clinicId: string,
  articleId: string,
  publication: { status: 'draft' | 'published'; publishAt: Date | null },
): Promise<boolean> {
  const rows = await db
    .update(articles)
    .set({ ...publication, updatedAt: sql`now()` })
    .where(and(eq(articles.clinicId, clinicId), eq(articles.id, articleId), ne(articles.status, 'deleted')))
    .returning({ id: articles.id });
  return rows.length > 0;
}

/** Marks it deleted: gone from the public site, its comments with it. Rows stay for the record. */
export async function markArticleDeleted(db: Db, clinicId: string, articleId: string): Promise<boolean> {
  const rows = await db
    .update(articles)
    .set({ status: 'deleted', updatedAt: sql`now()` })
    .where(and(eq(articles.clinicId, clinicId), eq(articles.id, articleId), ne(articles.status, 'deleted')))
    .returning({ id: articles.id });
  return rows.length > 0;
}

export interface RevisionRow {
  version: number;
  title: string;
  summary: string;
  bodyMarkdown: string;
  editedBy: string;
  editorName: string;
  createdAt: Date;
}

const revisionColumns = {
  version: articleRevisions.version,
  title: articleRevisions.title,
  editedBy: articleRevisions.editedBy,
  editorName: users.displayName,
  createdAt: articleRevisions.createdAt,
};

/** Every saved version, newest first (without the bodies). */
export async function listRevisions(
  db: Db,
  clinicId: string,
  articleId: string,
): Promise<Omit<RevisionRow, 'summary' | 'bodyMarkdown'>[]> {
  return db
    .select(revisionColumns)
    .from(articleRevisions)
    .innerJoin(users, eq(users.id, articleRevisions.editedBy))
    .where(and(eq(articleRevisions.clinicId, clinicId), eq(articleRevisions.articleId, articleId)))
    .orderBy(desc(articleRevisions.version));
}

export async function findRevision(
  db: Db,
  clinicId: string,
  articleId: string,
  version: number,
): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select({ ...revisionColumns, summary: articleRevisions.summary, bodyMarkdown: articleRevisions.bodyMarkdown })
    .from(articleRevisions)
    .innerJoin(users, eq(users.id, articleRevisions.editedBy))
    .where(
      and(
        eq(articleRevisions.clinicId, clinicId),
        eq(articleRevisions.articleId, articleId),
        eq(articleRevisions.version, version),
      ),
    );
  return row;
}

export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  description: string;
}

export async function listCategories(db: Db, clinicId: string): Promise<CategoryRow[]> {
  return db
    .select({
      id: articleCategories.id,
      slug: articleCategories.slug,
      name: articleCategories.name,
      description: articleCategories.description,
    })
    .from(articleCategories)
    .where(eq(articleCategories.clinicId, clinicId))
    .orderBy(asc(articleCategories.name));
}

export async function categoryInClinic(db: Db, clinicId: string, categoryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: articleCategories.id })
    .from(articleCategories)
    .where(and(eq(articleCategories.clinicId, clinicId), eq(articleCategories.id, categoryId)));
  return row !== undefined;
}

/** The clinic's active services an article may point readers to. */
export async function listRelatedServices(db: Db, clinicId: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: services.code, name: services.name })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), eq(services.active, true)))
    .orderBy(asc(services.name));
}

/** Which of `codes` are not services of the clinic (inactive ones count as known: old articles keep them). */
export async function unknownServiceCodes(db: Db, clinicId: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ code: services.code })
    .from(services)
    .where(and(eq(services.clinicId, clinicId), inArray(services.code, [...codes])));
  const known = new Set(rows.map((row) => row.code));
  return codes.filter((code) => !known.has(code));
}

export interface AuthorRow {
  userId: string;
  displayName: string;
  role: 'practitioner' | 'clinic_admin';
  profile: { id: string; slug: string; jobTitle: string; credentials: string | null; bio: string } | null;
}

const CLINICAL = ['practitioner', 'clinic_admin'] as const;

/** Active practitioners and admins of the clinic (who may write), with their profile when they have one. */
export async function listAuthors(db: Db, clinicId: string, userId?: string): Promise<AuthorRow[]> {
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      role: clinicMemberships.role,
      profileId: authorProfiles.id,
      slug: authorProfiles.slug,
      jobTitle: authorProfiles.jobTitle,
      credentials: authorProfiles.credentials,
      bio: authorProfiles.bio,
    })
    .from(clinicMemberships)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .leftJoin(
      authorProfiles,
      and(eq(authorProfiles.clinicId, clinicMemberships.clinicId), eq(authorProfiles.userId, clinicMemberships.userId)),
    )
    .where(
      and(
        eq(clinicMemberships.clinicId, clinicId),
        inArray(clinicMemberships.role, [...CLINICAL]),
        isNull(clinicMemberships.deactivatedAt),
        userId === undefined ? undefined : eq(clinicMemberships.userId, userId),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.map((row) => ({
    userId: row.userId,
    displayName: row.displayName,
    role: row.role === 'clinic_admin' ? 'clinic_admin' : 'practitioner',
    profile:
      row.profileId === null || row.slug === null || row.jobTitle === null || row.bio === null
        ? null
        : { id: row.profileId, slug: row.slug, jobTitle: row.jobTitle, credentials: row.credentials, bio: row.bio },
  }));
}

/** The person's role when they are an active practitioner or admin of the clinic. */
export async function findAuthorRole(
  db: Db,
  clinicId: string,
  userId: string,
): Promise<'practitioner' | 'clinic_admin' | undefined> {
  const [row] = await db
    .select({ role: clinicMemberships.role })
    .from(clinicMemberships)
    .where(
      and(
        eq(clinicMemberships.clinicId, clinicId),
        eq(clinicMemberships.userId, userId),
        isNull(clinicMemberships.deactivatedAt),
      ),
    );
  if (row === undefined || row.role === 'front_desk') return undefined;
  return row.role;
}

export async function findDisplayName(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.displayName;
}

export async function authorSlugInUse(db: Db, clinicId: string, slug: string, exceptUserId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: authorProfiles.id })
    .from(authorProfiles)
    .where(
      and(
        eq(authorProfiles.clinicId, clinicId),
        eq(authorProfiles.slug, slug),
        ne(authorProfiles.userId, exceptUserId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Creates or replaces the person's profile in the clinic; false when the slug belongs to someone else. */
export async function upsertAuthorProfile(
  db: Db,
  clinicId: string,
  userId: string,
  profile: { slug: string; jobTitle: string; credentials: string | null; bio: string },
): Promise<boolean> {
  try {
    await db
      .insert(authorProfiles)
      .values({ clinicId, userId, ...profile })
      .onConflictDoUpdate({ target: [authorProfiles.clinicId, authorProfiles.userId], set: profile });
    return true;
  } catch (error) {
    if (isUniqueViolation(error, 'author_profiles_clinic_slug_key')) return false;
    throw error;
  }
}

/** PostgreSQL's unique_violation on the named index, through the driver's and Drizzle's wrappers. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, constraint: name, message } = current as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505') {
      return name === constraint || (typeof message === 'string' && message.includes(constraint));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
