// What the clinic's editors do to articles: create a draft, save (a new revision
// each time, refused when someone saved in between), publish now or later, take
// back to draft, delete, and keep their author profile. Each change commits in
// one transaction with its revision and its audit row. The clinic always comes
// from the principal, never the request. Markdown is rendered and sanitized
// (renderArticleMarkdown) on every save: no HTML from the editor is ever stored.
import { renderArticleMarkdown, slugify } from '../../../domain/articles/render.ts';
import type { ConcernId } from '../../../domain/clinical/vocabulary.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import {
  articleSlugInUse,
  authorSlugInUse,
  categoryInClinic,
  findArticle,
  findAuthorRole,
  findDisplayName,
  findRevision,
  insertArticle,
  insertRevision,
  listAuthors,
  listRevisions,
  markArticleDeleted,
  setArticlePublication,
  unknownServiceCodes,
  updateArticleContent,
  upsertAuthorProfile,
  type ArticleContent,
  type ArticleRecord,
  type AuthorRow,
  type RevisionRow,
} from '../../../db/repositories/articles.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import type { Role } from '../../auth/principal.ts';
import { denyAsNotFound } from '../../audit/deny.ts';

/** Who edits: a practitioner or admin in their current clinic. */
export interface EditorContext {
  clinicId: string;
  userId: string;
  role: Role;
  actor: AuditActor;
}

export interface ArticleFields {
  title: string;
  summary: string;
  bodyMarkdown: string;
  slug?: string | undefined;
  categoryId?: string | null | undefined;
  tags: string[];
  relatedConcerns: ConcernId[];
  relatedServices: string[];
  authorId?: string | undefined;
}

export type ArticleChanges = Partial<ArticleFields>;

const slugTaken = () =>
  new ConflictError('slug_taken', 'Another article of the clinic already uses this address. Choose a different slug.');

const articleDeleted = () =>
  new ConflictError('article_deleted', 'This article was deleted; it can no longer be changed or published.');

function denyArticle(db: Db, context: EditorContext, articleId: string): Promise<never> {
  return denyAsNotFound(db, context.actor, { what: 'The article', resourceType: 'article', resourceId: articleId });
}

/** A slug from the title; "article" when the title has no letters or digits to make one from. */
export function defaultSlug(title: string): string {
  const made = slugify(title).slice(0, 80).replace(/-+$/, '');
  return made === '' ? 'article' : made;
}

/** Tags as typed, without repeats that differ only in case or spacing. */
function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const tag of tags) {
    const value = tag.trim().replace(/\s+/g, ' ');
    const key = value.toLowerCase();
    if (value === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(value);
  }
  return kept;
}

/**
 * The author an article gets. Anyone writes as themselves; a clinic admin may name
 * another of the clinic's active practitioners (or admins). A practitioner naming
 * someone else is refused (403); an admin naming a stranger gets 422.
 */
async function chooseAuthor(db: Db, context: EditorContext, requested: string | undefined, current: string) {
  if (requested === undefined || requested === current) return current;
  if (context.role !== 'clinic_admin') {
    throw new ForbiddenError('author_not_allowed', 'Only a clinic admin may name another author.');
  }
  if ((await findAuthorRole(db, context.clinicId, requested)) === undefined) {
    throw new InvalidInputError('unknown_author', "The author must be one of the clinic's practitioners.");
  }
  return requested;
}

async function checkReferences(db: Db, clinicId: string, fields: ArticleChanges): Promise<void> {
  if (fields.categoryId !== undefined && fields.categoryId !== null) {
    if (!(await categoryInClinic(db, clinicId, fields.categoryId))) {
      throw new InvalidInputError('unknown_category', 'Choose one of the clinic’s article categories.');
    }
  }
  if (fields.relatedServices !== undefined) {
    const unknown = await unknownServiceCodes(db, clinicId, fields.relatedServices);
    if (unknown.length > 0) {
      throw new InvalidInputError('unknown_service', `Not a service of the clinic: ${unknown.join(', ')}.`);
    }
  }
}

function rendered(content: Omit<ArticleContent, 'bodyHtml' | 'toc' | 'readingMinutes'>): ArticleContent {
  const { html, toc, readingMinutes } = renderArticleMarkdown(content.bodyMarkdown);
  return { ...content, bodyHtml: html, toc, readingMinutes: Math.max(1, Math.round(readingMinutes)) };
}

async function reread(db: Db, clinicId: string, articleId: string): Promise<ArticleRecord> {
  const article = await findArticle(db, clinicId, articleId);
  if (article === undefined) throw new Error('an article vanished inside its own transaction');
  return article;
}

export async function createArticle(db: Db, context: EditorContext, fields: ArticleFields): Promise<ArticleRecord> {
  const slug = fields.slug ?? defaultSlug(fields.title);
  return db.transaction(async (tx) => {
    const authorId = await chooseAuthor(tx, context, fields.authorId, context.userId);
    await checkReferences(tx, context.clinicId, fields);
    const content = rendered({
      slug,
      title: fields.title,
      summary: fields.summary,
      bodyMarkdown: fields.bodyMarkdown,
      authorId,
      categoryId: fields.categoryId ?? null,
      tags: cleanTags(fields.tags),
      relatedConcerns: [...new Set(fields.relatedConcerns)],
      relatedServices: [...new Set(fields.relatedServices)],
    });
    const inserted = await insertArticle(tx, context.clinicId, content);
    if (inserted === undefined) throw slugTaken();
    await insertRevision(tx, {
      clinicId: context.clinicId,
      articleId: inserted.id,
      version: inserted.version,
      title: content.title,
      summary: content.summary,
      bodyMarkdown: content.bodyMarkdown,
      editedBy: context.userId,
    });
    await recordAuditEvent(tx, context.actor, {
      action: 'create',
      outcome: 'allowed',
      resourceType: 'article',
      resourceId: inserted.id,
    });
    return reread(tx, context.clinicId, inserted.id);
  });
}

/** One article of the caller's clinic, in any state; another clinic's answers 404, audited. */
export async function readArticle(db: Db, context: EditorContext, articleId: string): Promise<ArticleRecord> {
  return (await findArticle(db, context.clinicId, articleId)) ?? denyArticle(db, context, articleId);
}

export type SaveOutcome = { kind: 'saved'; article: ArticleRecord } | { kind: 'stale'; currentVersion: number };

/**
 * Saves the changed fields over `expectedVersion`, as a new version with its revision.
 * When the article is no longer at that version (someone else saved), nothing is
 * written and the caller learns the current version instead.
 */
export async function saveArticle(
  db: Db,
  context: EditorContext,
  articleId: string,
  expectedVersion: number,
  changes: ArticleChanges,
): Promise<SaveOutcome> {
  const outcome = await db.transaction(async (tx): Promise<SaveOutcome | undefined> => {
    const current = await findArticle(tx, context.clinicId, articleId, { lock: true });
    if (current === undefined) return undefined;
    if (current.status === 'deleted') throw articleDeleted();
    if (current.version !== expectedVersion) return { kind: 'stale', currentVersion: current.version };
    const authorId = await chooseAuthor(tx, context, changes.authorId, current.authorId);
    await checkReferences(tx, context.clinicId, changes);
    const slug = changes.slug ?? current.slug;
    if (slug !== current.slug && (await articleSlugInUse(tx, context.clinicId, slug, articleId))) throw slugTaken();
    const content = rendered({
      slug,
      title: changes.title ?? current.title,
      summary: changes.summary ?? current.summary,
      bodyMarkdown: changes.bodyMarkdown ?? current.bodyMarkdown,
      authorId,
      categoryId: changes.categoryId === undefined ? current.categoryId : changes.categoryId,
      tags: cleanTags(changes.tags ?? current.tags),
      relatedConcerns: [...new Set(changes.relatedConcerns ?? current.relatedConcerns)],
      relatedServices: [...new Set(changes.relatedServices ?? current.relatedServices)],
    });
    const update = await updateArticleContent(tx, context.clinicId, articleId, expectedVersion, content);
    if (update.kind === 'slug_taken') throw slugTaken();
    if (update.kind === 'stale') return { kind: 'stale', currentVersion: current.version };
    await insertRevision(tx, {
      clinicId: context.clinicId,
      articleId,
      version: update.version,
      title: content.title,
      summary: content.summary,
      bodyMarkdown: content.bodyMarkdown,
      editedBy: context.userId,
    });
    await recordAuditEvent(tx, context.actor, {
      action: 'update',
      outcome: 'allowed',
      resourceType: 'article',
      resourceId: articleId,
    });
    return { kind: 'saved', article: await reread(tx, context.clinicId, articleId) };
  });
  return outcome ?? denyArticle(db, context, articleId);
}

/** How far in the past a requested publication time may lie (clock skew, a slow click) and still mean "now". */
const PUBLISH_GRACE_MS = 5 * 60 * 1000;

/**
 * Publishes now, or schedules for a future instant. The public site shows it from
 * publishAt on. Needs a summary and a body: they are what readers and search engines see.
 */
export async function publishArticle(
  db: Db,
  context: EditorContext,
  articleId: string,
  request: { publishAt?: Date | undefined; now: Date },
): Promise<ArticleRecord> {
  const { now } = request;
  if (request.publishAt !== undefined && request.publishAt.getTime() < now.getTime() - PUBLISH_GRACE_MS) {
    throw new InvalidInputError('publish_at_in_past', 'Choose a time in the future, or publish now.');
  }
  const publishAt =
    request.publishAt === undefined || request.publishAt.getTime() < now.getTime() ? now : request.publishAt;
  const published = await db.transaction(async (tx) => {
    const current = await findArticle(tx, context.clinicId, articleId, { lock: true });
    if (current === undefined) return undefined;
    if (current.status === 'deleted') throw articleDeleted();
    if (current.summary.trim() === '') {
      throw new InvalidInputError('summary_required', 'Write a short summary before publishing: readers see it first.');
    }
    if (current.bodyMarkdown.trim() === '') {
      throw new InvalidInputError('body_required', 'The article has no text yet.');
    }
    await setArticlePublication(tx, context.clinicId, articleId, { status: 'published', publishAt });
    await recordAuditEvent(tx, context.actor, {
      action: publishAt.getTime() > now.getTime() ? 'schedule' : 'publish',
      outcome: 'allowed',
      resourceType: 'article',
      resourceId: articleId,
    });
    return reread(tx, context.clinicId, articleId);
  });
  return published ?? denyArticle(db, context, articleId);
}

/** Takes a published or scheduled article back to draft: off the public site at once. */
export async function unpublishArticle(db: Db, context: EditorContext, articleId: string): Promise<ArticleRecord> {
  const unpublished = await db.transaction(async (tx) => {
    const current = await findArticle(tx, context.clinicId, articleId, { lock: true });
    if (current === undefined) return undefined;
    if (current.status === 'deleted') throw articleDeleted();
    await setArticlePublication(tx, context.clinicId, articleId, { status: 'draft', publishAt: null });
    await recordAuditEvent(tx, context.actor, {
      action: 'unpublish',
      outcome: 'allowed',
      resourceType: 'article',
      resourceId: articleId,
    });
    return reread(tx, context.clinicId, articleId);
  });
  return unpublished ?? denyArticle(db, context, articleId);
}

/**
 * Deletes: the article and its comments leave the public site for good; the rows
 * (and revisions) stay for the record. Deleting a deleted article changes nothing.
 */
export async function deleteArticle(db: Db, context: EditorContext, articleId: string): Promise<void> {
  const found = await db.transaction(async (tx) => {
    const current = await findArticle(tx, context.clinicId, articleId, { lock: true });
    if (current === undefined) return false;
    if (await markArticleDeleted(tx, context.clinicId, articleId)) {
      await recordAuditEvent(tx, context.actor, {
        action: 'delete',
        outcome: 'allowed',
        resourceType: 'article',
        resourceId: articleId,
      });
    }
    return true;
  });
  if (!found) await denyArticle(db, context, articleId);
}

export async function readRevisions(
  db: Db,
  context: EditorContext,
  articleId: string,
): Promise<Omit<RevisionRow, 'summary' | 'bodyMarkdown'>[]> {
  if ((await findArticle(db, context.clinicId, articleId)) === undefined) await denyArticle(db, context, articleId);
  return listRevisions(db, context.clinicId, articleId);
}

export async function readRevision(
  db: Db,
  context: EditorContext,
  articleId: string,
  version: number,
): Promise<RevisionRow> {
  if ((await findArticle(db, context.clinicId, articleId)) === undefined) await denyArticle(db, context, articleId);
  const revision = await findRevision(db, context.clinicId, articleId, version);
  if (revision === undefined) throw new NotFoundError('The revision');
  return revision;
}

export interface AuthorProfileFields {
  jobTitle: string;
  credentials?: string | null | undefined;
  bio: string;
  slug?: string | undefined;
}

/** The caller's own author profile in this clinic, created or replaced. */
export async function saveOwnAuthorProfile(
  db: Db,
  context: EditorContext,
  fields: AuthorProfileFields,
): Promise<AuthorRow> {
  return db.transaction(async (tx) => {
    const [me] = await listAuthors(tx, context.clinicId, context.userId);
    const displayName = me?.displayName ?? (await findDisplayName(tx, context.userId)) ?? 'author';
    const slug = fields.slug ?? me?.profile?.slug ?? defaultSlug(displayName);
    if (await authorSlugInUse(tx, context.clinicId, slug, context.userId)) {
      throw new ConflictError('slug_taken', 'Another author of the clinic already uses this address.');
    }
    const credentials = fields.credentials === undefined ? (me?.profile?.credentials ?? null) : fields.credentials;
    const saved = await upsertAuthorProfile(tx, context.clinicId, context.userId, {
      slug,
      jobTitle: fields.jobTitle,
      credentials: credentials === '' ? null : credentials,
      bio: fields.bio,
    });
    if (!saved) throw new ConflictError('slug_taken', 'Another author of the clinic already uses this address.');
    await recordAuditEvent(tx, context.actor, {
      action: 'update',
      outcome: 'allowed',
      resourceType: 'author_profile',
      resourceId: context.userId,
    });
    const [after] = await listAuthors(tx, context.clinicId, context.userId);
    if (after === undefined) throw new Error('the author vanished inside their own transaction');
    return after;
  });
}
