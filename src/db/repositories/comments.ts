// "Leave a Reply" comments: the public thread, posting, the moderation queue,
// commenter emails, the blocklist and the clinic's comment settings. Every
// function is scoped to one clinic; the public reads never select an email or
// an address hash, so they cannot leak one.
import { and, asc, desc, eq, exists, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../database.ts';
import {
  articles,
  authorProfiles,
  clinicMemberships,
  commentBlocks,
  commenterEmails,
  comments,
  commentSettings,
  users,
} from '../schema.ts';

export type CommentStatus = (typeof comments.status.enumValues)[number];
export type CommentBlockKind = (typeof commentBlocks.kind.enumValues)[number];

// ---------------------------------------------------------------------------
// Articles, as far as comments need them
// ---------------------------------------------------------------------------

export interface CommentArticle {
  id: string;
  slug: string;
  title: string;
  commentsClosed: boolean;
  /** Published and its publication time has come. */
  isPublic: boolean;
  deleted: boolean;
}

const articleColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  commentsClosed: articles.commentsClosed,
  isPublic: sql<boolean>`(${articles.status} = 'published' and ${articles.publishAt} is not null and ${articles.publishAt} <= now())`,
  deleted: sql<boolean>`(${articles.status} = 'deleted')`,
};

export async function findArticleBySlug(db: Db, clinicId: string, slug: string): Promise<CommentArticle | undefined> {
  const [row] = await db
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.clinicId, clinicId), eq(articles.slug, slug)));
  return row;
}

export async function findArticleById(db: Db, clinicId: string, id: string): Promise<CommentArticle | undefined> {
  const [row] = await db
    .select(articleColumns)
    .from(articles)
    .where(and(eq(articles.clinicId, clinicId), eq(articles.id, id)));
  return row;
}

export async function setArticleCommentsClosed(
  db: Db,
  clinicId: string,
  articleId: string,
  closed: boolean,
): Promise<void> {
  await db
    .update(articles)
    .set({ commentsClosed: closed })
    .where(and(eq(articles.clinicId, clinicId), eq(articles.id, articleId)));
}

// ---------------------------------------------------------------------------
// The public thread
// ---------------------------------------------------------------------------

export interface ThreadRow {
  id: string;
  parentId: string | null;
  status: CommentStatus;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  staffUserId: string | null;
  /** For a staff answer: the staff member's name and job title (as listStaffAnswerers gives them). */
  staffName: string | null;
  staffJobTitle: string | null;
  edited: boolean;
  createdAt: Date;
}

/**
 * Approved comments of an article, oldest first, plus deleted top-level
 * comments that still have an approved reply (they stay as placeholders), with
 * the name and job title of the staff who answered. One query; no email or
 * address hash is selected.
 */
export async function listThreadRows(db: Db, clinicId: string, articleId: string): Promise<ThreadRow[]> {
  const reply = alias(comments, 'reply');
  return db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      status: comments.status,
      authorName: comments.authorName,
      authorWebsite: comments.authorWebsite,
      body: comments.body,
      staffUserId: comments.staffUserId,
      staffName: users.displayName,
      staffJobTitle: sql<string | null>`coalesce(${authorProfiles.jobTitle}, ${clinicMemberships.title})`,
      edited: sql<boolean>`(${comments.editedAt} is not null)`,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.staffUserId))
    .leftJoin(
      clinicMemberships,
      and(eq(clinicMemberships.userId, comments.staffUserId), eq(clinicMemberships.clinicId, comments.clinicId)),
    )
    .leftJoin(
      authorProfiles,
      and(eq(authorProfiles.userId, comments.staffUserId), eq(authorProfiles.clinicId, comments.clinicId)),
    )
    .where(
      and(
        eq(comments.clinicId, clinicId),
        eq(comments.articleId, articleId),
        or(
          eq(comments.status, 'approved'),
          and(
            eq(comments.status, 'deleted'),
            isNull(comments.parentId),
            exists(
              db
                .select({ one: sql`1` })
                .from(reply)
                .where(and(eq(reply.parentId, comments.id), eq(reply.status, 'approved'))),
            ),
          ),
        ),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

export interface StaffAnswerer {
  userId: string;
  displayName: string;
  jobTitle: string | null;
}

/** Names and job titles of the staff who answered, in one query. */
export async function listStaffAnswerers(db: Db, clinicId: string, userIds: string[]): Promise<StaffAnswerer[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      jobTitle: sql<string | null>`coalesce(${authorProfiles.jobTitle}, ${clinicMemberships.title})`,
    })
    .from(users)
    .leftJoin(clinicMemberships, and(eq(clinicMemberships.userId, users.id), eq(clinicMemberships.clinicId, clinicId)))
    .leftJoin(authorProfiles, and(eq(authorProfiles.userId, users.id), eq(authorProfiles.clinicId, clinicId)))
    .where(inArray(users.id, userIds));
}

// ---------------------------------------------------------------------------
// Posting
// ---------------------------------------------------------------------------

export interface ParentCandidate {
  id: string;
  parentId: string | null;
  status: CommentStatus;
}

export async function findCommentInArticle(
  db: Db,
  clinicId: string,
  articleId: string,
  id: string,
): Promise<ParentCandidate | undefined> {
  const [row] = await db
    .select({ id: comments.id, parentId: comments.parentId, status: comments.status })
    .from(comments)
    .where(and(eq(comments.clinicId, clinicId), eq(comments.articleId, articleId), eq(comments.id, id)));
  return row;
}

export interface CommenterEmail {
  verifiedAt: Date | null;
  trustedAt: Date | null;
}

export async function findCommenterEmail(db: Db, clinicId: string, email: string): Promise<CommenterEmail | undefined> {
  const [row] = await db
    .select({ verifiedAt: commenterEmails.verifiedAt, trustedAt: commenterEmails.trustedAt })
    .from(commenterEmails)
    .where(and(eq(commenterEmails.clinicId, clinicId), eq(commenterEmails.email, email)));
  return row;
}

export async function ensureCommenterEmail(db: Db, clinicId: string, email: string): Promise<void> {
  await db.insert(commenterEmails).values({ clinicId, email }).onConflictDoNothing();
}

/**
 * The owner of the address clicked our link. If a moderator already approved
 * one of their comments, the address is trusted from now on as well.
 */
export async function markCommenterVerified(db: Db, clinicId: string, email: string): Promise<void> {
  const approvedBefore = exists(
    db
      .select({ one: sql`1` })
      .from(comments)
      .where(
        and(
          eq(comments.clinicId, clinicId),
          eq(comments.authorEmail, email),
          eq(comments.status, 'approved'),
          sql`${comments.moderatedBy} is not null`,
        ),
      ),
  );
  await db
    .insert(commenterEmails)
    .values({ clinicId, email, verifiedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [commenterEmails.clinicId, commenterEmails.email],
      set: {
        verifiedAt: sql`coalesce(${commenterEmails.verifiedAt}, now())`,
        trustedAt: sql`coalesce(${commenterEmails.trustedAt}, case when ${approvedBefore} then now() end)`,
      },
    });
}

/** A moderator approved a comment: a verified address becomes trusted. */
export async function markCommenterTrustedIfVerified(db: Db, clinicId: string, email: string): Promise<void> {
  await db
    .update(commenterEmails)
    .set({ trustedAt: sql`coalesce(${commenterEmails.trustedAt}, now())` })
    .where(
      and(
        eq(commenterEmails.clinicId, clinicId),
        eq(commenterEmails.email, email),
        sql`${commenterEmails.verifiedAt} is not null`,
      ),
    );
}

/** Bodies posted lately by the same email or from the same address, for duplicate detection. */
export async function listRecentBodies(
  db: Db,
  clinicId: string,
  sender: { email: string; ipHash: string },
  sinceHours: number,
): Promise<string[]> {
  const rows = await db
    .select({ body: comments.body })
    .from(comments)
    .where(
      and(
        eq(comments.clinicId, clinicId),
        or(eq(comments.authorEmail, sender.email), eq(comments.ipHash, sender.ipHash)),
        sql`${comments.createdAt} > now() - make_interval(hours => ${sinceHours})`,
      ),
    )
    .orderBy(desc(comments.createdAt))
    .limit(50);
  return rows.map((row) => row.body);
}

export interface NewComment {
  clinicId: string;
  articleId: string;
  parentId: string | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  staffUserId: string | null;
  body: string;
  heldReasons: string[];
  spamScore: number;
  ipHash: string | null;
  notifyReplies: boolean;
  manageTokenHash: string | null;
  moderatedBy?: string | null;
}

export async function insertComment(db: Db, comment: NewComment): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db
    .insert(comments)
    .values({
      ...comment,
      moderatedBy: comment.moderatedBy ?? null,
      moderatedAt: comment.moderatedBy == null ? null : sql`now()`,
    })
    .returning({ id: comments.id, createdAt: comments.createdAt });
  if (row === undefined) throw new Error('insert into comments returned no row');
  return row;
}

// ---------------------------------------------------------------------------
// Blocklist and settings
// ---------------------------------------------------------------------------

export interface CommentBlockRow {
  id: string;
  kind: CommentBlockKind;
  value: string;
  createdAt: Date;
}

export async function listBlocks(db: Db, clinicId: string): Promise<CommentBlockRow[]> {
  return db
    .select({
      id: commentBlocks.id,
      kind: commentBlocks.kind,
      value: commentBlocks.value,
      createdAt: commentBlocks.createdAt,
    })
    .from(commentBlocks)
    .where(eq(commentBlocks.clinicId, clinicId))
    .orderBy(asc(commentBlocks.kind), asc(commentBlocks.value));
}

/** Adds a block; an existing identical one is kept. Returns the row either way. */
export async function addBlock(
  db: Db,
  block: { clinicId: string; kind: CommentBlockKind; value: string; createdBy: string | null },
): Promise<CommentBlockRow & { created: boolean }> {
  const [inserted] = await db.insert(commentBlocks).values(block).onConflictDoNothing().returning({
    id: commentBlocks.id,
    kind: commentBlocks.kind,
    value: commentBlocks.value,
    createdAt: commentBlocks.createdAt,
  });
  if (inserted !== undefined) return { ...inserted, created: true };
  const [existing] = await db
    .select({
      id: commentBlocks.id,
      kind: commentBlocks.kind,
      value: commentBlocks.value,
      createdAt: commentBlocks.createdAt,
    })
    .from(commentBlocks)
    .where(
      and(
        eq(commentBlocks.clinicId, block.clinicId),
        eq(commentBlocks.kind, block.kind),
        eq(commentBlocks.value, block.value),
      ),
    );
  if (existing === undefined) throw new Error('comment block vanished');
  return { ...existing, created: false };
}

export async function deleteBlock(db: Db, clinicId: string, id: string): Promise<CommentBlockRow | undefined> {
  const [row] = await db
    .delete(commentBlocks)
    .where(and(eq(commentBlocks.clinicId, clinicId), eq(commentBlocks.id, id)))
    .returning({
      id: commentBlocks.id,
      kind: commentBlocks.kind,
      value: commentBlocks.value,
      createdAt: commentBlocks.createdAt,
    });
  return row;
}

export interface StoredCommentSettings {
  moderateAll: boolean;
  maxLinks: number;
  minSecondsToSubmit: number;
  /** Akismet-compatible service; both set, or the check is off. The key never leaves the server. */
  akismetEndpoint: string | null;
  akismetKey: string | null;
  updatedAt: Date;
}

const settingsColumns = {
  moderateAll: commentSettings.moderateAll,
  maxLinks: commentSettings.maxLinks,
  minSecondsToSubmit: commentSettings.minSecondsToSubmit,
  akismetEndpoint: commentSettings.akismetEndpoint,
  akismetKey: commentSettings.akismetKey,
  updatedAt: commentSettings.updatedAt,
};

export async function findCommentSettings(db: Db, clinicId: string): Promise<StoredCommentSettings | undefined> {
  const [row] = await db.select(settingsColumns).from(commentSettings).where(eq(commentSettings.clinicId, clinicId));
  return row;
}

export interface CommentSettingsChange {
  moderateAll: boolean;
  maxLinks: number;
  minSecondsToSubmit: number;
  /** undefined: keep what is stored; null: remove. */
  akismetEndpoint?: string | null | undefined;
  akismetKey?: string | null | undefined;
}

export async function saveCommentSettings(
  db: Db,
  clinicId: string,
  change: CommentSettingsChange,
  updatedBy: string,
): Promise<StoredCommentSettings> {
  const settings = {
    moderateAll: change.moderateAll,
    maxLinks: change.maxLinks,
    minSecondsToSubmit: change.minSecondsToSubmit,
    ...(change.akismetEndpoint === undefined ? {} : { akismetEndpoint: change.akismetEndpoint }),
    ...(change.akismetKey === undefined ? {} : { akismetKey: change.akismetKey }),
  };
  const [row] = await db
    .insert(commentSettings)
    .values({ clinicId, ...settings, updatedBy })
    .onConflictDoUpdate({ target: commentSettings.clinicId, set: { ...settings, updatedBy, updatedAt: sql`now()` } })
    .returning(settingsColumns);
  if (row === undefined) throw new Error('comment settings upsert returned no row');
  return row;
}

// ---------------------------------------------------------------------------
// Moderation
// ---------------------------------------------------------------------------

export interface ModerationRow {
  id: string;
  status: CommentStatus;
  articleId: string;
  articleTitle: string;
  articleSlug: string;
  articleCommentsClosed: boolean;
  parentId: string | null;
  parentAuthorName: string | null;
  parentBody: string | null;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  body: string;
  heldReasons: string[];
  spamScore: number;
  notifyReplies: boolean;
  staffUserId: string | null;
  staffName: string | null;
  createdAt: Date;
  moderatedAt: Date | null;
  moderatedByName: string | null;
  editedAt: Date | null;
  editedByName: string | null;
  ipHash: string | null;
}

function moderationQuery(db: Db) {
  const parent = alias(comments, 'parent');
  const staff = alias(users, 'staff');
  const moderator = alias(users, 'moderator');
  const editor = alias(users, 'editor');
  return db
    .select({
      id: comments.id,
      status: comments.status,
      articleId: articles.id,
      articleTitle: articles.title,
      articleSlug: articles.slug,
      articleCommentsClosed: articles.commentsClosed,
      parentId: comments.parentId,
      parentAuthorName: parent.authorName,
      parentBody: sql<string | null>`left(${parent.body}, 200)`,
      authorName: comments.authorName,
      authorEmail: comments.authorEmail,
      authorWebsite: comments.authorWebsite,
      body: comments.body,
      heldReasons: comments.heldReasons,
      spamScore: comments.spamScore,
      notifyReplies: comments.notifyReplies,
      staffUserId: comments.staffUserId,
      staffName: staff.displayName,
      createdAt: comments.createdAt,
      moderatedAt: comments.moderatedAt,
      moderatedByName: moderator.displayName,
      editedAt: comments.editedAt,
      editedByName: editor.displayName,
      ipHash: comments.ipHash,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .leftJoin(parent, eq(parent.id, comments.parentId))
    .leftJoin(staff, eq(staff.id, comments.staffUserId))
    .leftJoin(moderator, eq(moderator.id, comments.moderatedBy))
    .leftJoin(editor, eq(editor.id, comments.editedBy));
}

/** The queue: one status, optionally one article; likely spam first in the spam tab, oldest first when waiting. */
export async function listForModeration(
  db: Db,
  clinicId: string,
  filter: { status: 'pending' | 'approved' | 'spam' | 'rejected'; articleId?: string | undefined; limit: number },
): Promise<ModerationRow[]> {
  const order =
    filter.status === 'spam'
      ? [desc(comments.spamScore), desc(comments.createdAt)]
      : filter.status === 'pending'
        ? [asc(comments.spamScore), asc(comments.createdAt)]
        : [desc(comments.createdAt)];
  return moderationQuery(db)
    .where(
      and(
        eq(comments.clinicId, clinicId),
        eq(comments.status, filter.status),
        sql`${articles.status} <> 'deleted'`,
        filter.articleId === undefined ? undefined : eq(comments.articleId, filter.articleId),
      ),
    )
    .orderBy(...order, asc(comments.id))
    .limit(filter.limit);
}

export async function countByStatus(
  db: Db,
  clinicId: string,
  articleId: string | undefined,
): Promise<Record<CommentStatus, number>> {
  const rows = await db
    .select({ status: comments.status, n: sql<number>`count(*)::int` })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(
      and(
        eq(comments.clinicId, clinicId),
        sql`${articles.status} <> 'deleted'`,
        articleId === undefined ? undefined : eq(comments.articleId, articleId),
      ),
    )
    .groupBy(comments.status);
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, rejected: 0, deleted: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** One comment of the clinic, on an article that is not deleted. */
export async function findForModeration(db: Db, clinicId: string, id: string): Promise<ModerationRow | undefined> {
  const [row] = await moderationQuery(db).where(
    and(eq(comments.clinicId, clinicId), eq(comments.id, id), sql`${articles.status} <> 'deleted'`),
  );
  return row;
}

export async function setCommentStatus(
  db: Db,
  clinicId: string,
  id: string,
  status: 'approved' | 'rejected' | 'spam',
  moderatorId: string,
): Promise<void> {
  await db
    .update(comments)
    .set({ status, moderatedBy: moderatorId, moderatedAt: sql`now()` })
    .where(and(eq(comments.clinicId, clinicId), eq(comments.id, id)));
}

export async function editCommentBody(db: Db, clinicId: string, id: string, body: string, editorId: string) {
  await db
    .update(comments)
    .set({ body, editedBy: editorId, editedAt: sql`now()` })
    .where(and(eq(comments.clinicId, clinicId), eq(comments.id, id)));
}

/**
 * Deletes a comment's content for good: text, name, email, website, address
 * hash and tokens are wiped; the row stays so its replies keep their place.
 */
export async function eraseComment(db: Db, clinicId: string, id: string): Promise<void> {
  await db
    .update(comments)
    .set({
      status: 'deleted',
      body: '',
      authorName: '',
      authorEmail: null,
      authorWebsite: null,
      ipHash: null,
      notifyReplies: false,
      manageTokenHash: null,
      heldReasons: [],
    })
    .where(and(eq(comments.clinicId, clinicId), eq(comments.id, id)));
}

// ---------------------------------------------------------------------------
// The author's emailed links and reply notifications
// ---------------------------------------------------------------------------

export interface AuthorComment {
  id: string;
  clinicId: string;
  status: CommentStatus;
  body: string;
  authorEmail: string | null;
  notifyReplies: boolean;
  unsubscribedAt: Date | null;
  articleSlug: string;
  articleTitle: string;
  articleIsPublic: boolean;
}

function authorQuery(db: Db) {
  return db
    .select({
      id: comments.id,
      clinicId: comments.clinicId,
      status: comments.status,
      body: comments.body,
      authorEmail: comments.authorEmail,
      notifyReplies: comments.notifyReplies,
      unsubscribedAt: comments.unsubscribedAt,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      articleIsPublic: articleColumns.isPublic,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId));
}

export async function findCommentByManageTokenHash(db: Db, hash: string): Promise<AuthorComment | undefined> {
  const [row] = await authorQuery(db).where(
    and(eq(comments.manageTokenHash, hash), sql`${comments.status} <> 'deleted'`, sql`${articles.status} <> 'deleted'`),
  );
  return row;
}

export async function findAuthorComment(db: Db, id: string): Promise<AuthorComment | undefined> {
  const [row] = await authorQuery(db).where(and(eq(comments.id, id), sql`${articles.status} <> 'deleted'`));
  return row;
}

export async function setManageTokenHash(db: Db, id: string, hash: string): Promise<void> {
  await db.update(comments).set({ manageTokenHash: hash }).where(eq(comments.id, id));
}

export async function unsubscribeComment(db: Db, id: string): Promise<void> {
  await db
    .update(comments)
    .set({ notifyReplies: false, unsubscribedAt: sql`coalesce(${comments.unsubscribedAt}, now())` })
    .where(eq(comments.id, id));
}

export interface ReplyNotice {
  replyId: string;
  replyAuthorName: string;
  replyAuthorEmail: string | null;
  replyFromStaff: boolean;
  parentId: string;
  parentStatus: CommentStatus;
  parentAuthorEmail: string | null;
  parentNotify: boolean;
  parentUnsubscribedAt: Date | null;
  articleSlug: string;
  articleTitle: string;
}

/** What telling a parent's author about an approved reply needs. */
export async function findReplyNotice(db: Db, clinicId: string, replyId: string): Promise<ReplyNotice | undefined> {
  const parent = alias(comments, 'parent');
  const [row] = await db
    .select({
      replyId: comments.id,
      replyAuthorName: comments.authorName,
      replyAuthorEmail: comments.authorEmail,
      replyFromStaff: sql<boolean>`(${comments.staffUserId} is not null)`,
      parentId: parent.id,
      parentStatus: parent.status,
      parentAuthorEmail: parent.authorEmail,
      parentNotify: parent.notifyReplies,
      parentUnsubscribedAt: parent.unsubscribedAt,
      articleSlug: articles.slug,
      articleTitle: articles.title,
    })
    .from(comments)
    .innerJoin(parent, eq(parent.id, comments.parentId))
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(and(eq(comments.clinicId, clinicId), eq(comments.id, replyId), eq(comments.status, 'approved')));
  return row;
}
