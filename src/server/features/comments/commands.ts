// What happens to comments: a reader posts one (throttled, screened, stored,
// emails queued in the same transaction), confirms their address, stops reply
// emails or deletes their comment; a moderator approves, rejects, marks spam,
// edits, answers as the clinic, deletes, closes an article's comments, blocks
// a sender and keeps the blocklist and settings. Every moderation action is
// audited in the transaction of its change; another clinic's comment answers
// 404 like an unknown one, on the record.
import { randomToken, sha256Hex } from '../../../platform/secrets.ts';
import type { Config } from '../../../platform/config.ts';
import type { Database, Db } from '../../../db/database.ts';
import type { Mailer, OutgoingMail } from '../../../mail/mailer.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import { hitBucket } from '../../../db/repositories/rate-limits.ts';
import {
  addBlock,
  countByStatus,
  deleteBlock,
  editCommentBody,
  ensureCommenterEmail,
  eraseComment,
  findArticleById,
  findCommentInArticle,
  findCommenterEmail,
  findCommentSettings,
  findForModeration,
  findReplyNotice,
  insertComment,
  listBlocks,
  listForModeration,
  listRecentBodies,
  markCommenterTrustedIfVerified,
  markCommenterVerified,
  saveCommentSettings,
  setArticleCommentsClosed,
  setCommentStatus,
  setManageTokenHash,
  unsubscribeComment,
  type CommentArticle,
  type CommentBlockKind,
  type CommentBlockRow,
  type CommentSettingsChange,
  type ModerationRow,
} from '../../../db/repositories/comments.ts';
import { ConflictError, InvalidInputError, RateLimitedError } from '../../../domain/errors.ts';
import {
  cleanBody,
  cleanLine,
  COMMENT_LIMITS,
  readCommentForm,
  type CommentField,
  type CommentFormValues,
} from '../../../domain/comments/form.ts';
import { DEFAULT_COMMENT_SETTINGS, screenComment, type CommentSettings } from '../../../domain/comments/screening.ts';
import type { ModerationComment, ModerationStatus } from '../../../domain/comments/contracts.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { hashEmail, hashIp, secondsSinceForm, unsubscribeToken, verifyToken, type CommentKeys } from './tokens.ts';
import { commentReceivedEmail, replyNotificationEmail } from './emails.ts';
import { akismetService, checkWithAkismet, withAkismetAnswer, worthAsking } from './akismet.ts';

export interface CommentServices {
  database: Database;
  mailer: Mailer;
  config: Config;
  keys: CommentKeys;
}

const TEN_MINUTES = 10 * 60;
const ONE_DAY = 24 * 60 * 60;

/** Per address: 5 posts in 10 minutes. Per email: 10 a day. Verification emails: 3 a day per address. */
export const COMMENT_RATE_LIMITS = {
  perIp: { limit: 5, windowSeconds: TEN_MINUTES },
  perEmail: { limit: 10, windowSeconds: ONE_DAY },
  verifyMail: { limit: 3, windowSeconds: ONE_DAY },
} as const;

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}

async function deliver(mailer: Mailer, ids: readonly string[]): Promise<void> {
  for (const id of ids) await mailer.requestDelivery(id);
}

type LoadedCommentSettings = CommentSettings & {
  akismetEndpoint: string | null;
  akismetKey: string | null;
  updatedAt: Date | null;
};

export async function loadCommentSettings(db: Db, clinicId: string): Promise<LoadedCommentSettings> {
  const stored = await findCommentSettings(db, clinicId);
  return stored ?? { ...DEFAULT_COMMENT_SETTINGS, akismetEndpoint: null, akismetKey: null, updatedAt: null };
}

function links(config: Config) {
  const base = config.http.publicUrl;
  return {
    article: (slug: string, anchor = 'comments') => `${base}/articles/${encodeURIComponent(slug)}#${anchor}`,
    verify: (token: string) => `${base}/comments/verify/${token}`,
    manage: (token: string) => `${base}/comments/manage/${token}`,
    unsubscribe: (token: string) => `${base}/comments/unsubscribe/${token}`,
    booking: `${base}/app/book`,
  };
}

// ---------------------------------------------------------------------------
// Posting
// ---------------------------------------------------------------------------

export interface PostRequest {
  clinic: { id: string; name: string };
  article: CommentArticle;
  fields: Record<string, unknown>;
  ip: string;
  /** The browser's User-Agent, for the optional Akismet-compatible check. */
  userAgent?: string;
  now: Date;
}

export type PostOutcome =
  | { kind: 'invalid'; errors: Partial<Record<CommentField, string>>; values: CommentFormValues }
  /** held_health: held for personal health details; the author was written to privately. Spam reads as held. */
  | { kind: 'posted'; notice: 'held' | 'held_health' | 'published'; commentId: string };

async function throttle(db: Db, key: string, rule: { limit: number; windowSeconds: number }): Promise<void> {
  const state = await hitBucket(db, key, rule.windowSeconds);
  if (state.count > rule.limit) {
    throw new RateLimitedError(
      'You have posted several comments in a short time. Wait a while and try again.',
      state.retryAfterSeconds,
    );
  }
}

export async function postComment(services: CommentServices, request: PostRequest): Promise<PostOutcome> {
  const { database, keys, config, mailer } = services;
  const db = database.db;
  const { clinic, article, now } = request;
  const ipHash = hashIp(keys, request.ip);
  // Counted before anything else, invalid posts included: a flood costs one statement each.
  await throttle(db, `comment:ip:${ipHash}`, COMMENT_RATE_LIMITS.perIp);

  const form = readCommentForm(request.fields);
  if (!form.ok) return { kind: 'invalid', errors: form.errors, values: form.values };
  const { draft } = form;
  await throttle(db, `comment:email:${hashEmail(keys, draft.email)}`, COMMENT_RATE_LIMITS.perEmail);

  // Replies are two levels deep: an answer to a reply joins its top-level comment.
  let parentId: string | null = null;
  if (draft.parentId !== null) {
    const parent = await findCommentInArticle(db, clinic.id, article.id, draft.parentId);
    const top =
      parent?.parentId == null ? parent : await findCommentInArticle(db, clinic.id, article.id, parent.parentId);
    const answerable = parent?.status === 'approved' && (top?.status === 'approved' || top?.status === 'deleted');
    if (!answerable || top === undefined) {
      return {
        kind: 'invalid',
        errors: { parent: 'The comment you are replying to is not available any more. Post your comment on its own.' },
        values: { ...form.values, parent: '' },
      };
    }
    parentId = top.id;
  }

  const [settings, blocks, commenter, recentBodies] = await Promise.all([
    loadCommentSettings(db, clinic.id),
    listBlocks(db, clinic.id),
    findCommenterEmail(db, clinic.id, draft.email),
    listRecentBodies(db, clinic.id, { email: draft.email, ipHash }, 24),
  ]);
  const honeypot = typeof request.fields.company_url === 'string' ? request.fields.company_url : '';
  const renderedAt = typeof request.fields.rendered_at === 'string' ? request.fields.rendered_at : '';
  const local = screenComment(
    {
      name: draft.name,
      body: draft.body,
      website: draft.website,
      honeypot,
      secondsToSubmit: secondsSinceForm(keys, article.id, renderedAt, now),
    },
    {
      settings,
      blockedWords: blocks.filter((block) => block.kind === 'word').map((block) => block.value),
      blockedDomains: blocks.filter((block) => block.kind === 'domain').map((block) => block.value),
      senderBlocked: blocks.some(
        (block) =>
          (block.kind === 'email' && block.value === draft.email) || (block.kind === 'ip' && block.value === ipHash),
      ),
      recentBodies,
      commenter: { verified: commenter?.verifiedAt != null, trusted: commenter?.trustedAt != null },
      now,
    },
  );
  // The clinic's Akismet-compatible service, when set up, may sort apart or hold; never publish.
  const service = akismetService(settings);
  const verdict =
    service === undefined || !worthAsking(local)
      ? local
      : withAkismetAnswer(
          local,
          await checkWithAkismet(service, {
            blog: config.http.publicUrl,
            userIp: request.ip,
            userAgent: request.userAgent ?? '',
            author: draft.name,
            authorEmail: draft.email,
            authorUrl: draft.website,
            content: draft.body,
          }),
        );

  const heldForHealth = verdict.status === 'pending' && verdict.reasons.includes('personal_health_details');
  let sendVerification = false;
  if (verdict.status === 'pending' && commenter?.verifiedAt == null) {
    const state = await hitBucket(
      db,
      `comment:verify-mail:${hashEmail(keys, draft.email)}`,
      COMMENT_RATE_LIMITS.verifyMail.windowSeconds,
    );
    sendVerification = state.count <= COMMENT_RATE_LIMITS.verifyMail.limit;
  }
  const writeToAuthor = heldForHealth || sendVerification;
  const manageToken = writeToAuthor ? randomToken() : undefined;
  const link = links(config);

  const { commentId, mailIds } = await inTransaction(database.db, async (tx) => {
    if (verdict.status !== 'spam') await ensureCommenterEmail(tx, clinic.id, draft.email);
    const { id } = await insertComment(tx, {
      clinicId: clinic.id,
      articleId: article.id,
      parentId,
      status: verdict.status,
      authorName: draft.name,
      authorEmail: draft.email,
      authorWebsite: draft.website,
      staffUserId: null,
      body: draft.body,
      heldReasons: verdict.reasons,
      spamScore: verdict.spamScore,
      ipHash,
      notifyReplies: draft.notify,
      manageTokenHash: manageToken === undefined ? null : sha256Hex(manageToken),
    });
    const ids: string[] = [];
    if (manageToken !== undefined) {
      const message = commentReceivedEmail({
        clinicName: clinic.name,
        articleTitle: article.title,
        articleUrl: link.article(article.slug),
        bookingUrl: link.booking,
        healthDetails: heldForHealth,
        verifyUrl: sendVerification ? link.verify(verifyToken(keys, id, now)) : undefined,
        manageUrl: link.manage(manageToken),
      });
      ids.push((await mailer.enqueue(tx, { clinicId: clinic.id, to: draft.email, ...message })).id);
    }
    if (verdict.status === 'approved' && parentId !== null) {
      const notice = await replyNotification(tx, services, clinic, id);
      if (notice !== undefined) ids.push(notice);
    }
    return { commentId: id, mailIds: ids };
  });
  await deliver(mailer, mailIds);
  return {
    kind: 'posted',
    commentId,
    notice: verdict.status === 'approved' ? 'published' : heldForHealth ? 'held_health' : 'held',
  };
}

/**
 * Tells a parent comment's author that an approved reply is there, when they
 * asked for it and have not unsubscribed. Their delete link gets a new token
 * (only the newest emailed link works); the unsubscribe link is signed and lasts.
 * Returns the outbox id to deliver after commit.
 */
async function replyNotification(
  tx: Db,
  services: CommentServices,
  clinic: { id: string; name: string },
  replyId: string,
): Promise<string | undefined> {
  const notice = await findReplyNotice(tx, clinic.id, replyId);
  if (
    notice === undefined ||
    notice.parentStatus !== 'approved' ||
    !notice.parentNotify ||
    notice.parentUnsubscribedAt !== null ||
    notice.parentAuthorEmail === null ||
    notice.parentAuthorEmail === notice.replyAuthorEmail
  ) {
    return undefined;
  }
  const link = links(services.config);
  const manageToken = randomToken();
  await setManageTokenHash(tx, notice.parentId, sha256Hex(manageToken));
  const message = replyNotificationEmail({
    clinicName: clinic.name,
    articleTitle: notice.articleTitle,
    replierName: notice.replyAuthorName,
    fromClinic: notice.replyFromStaff,
    replyUrl: link.article(notice.articleSlug, `comment-${notice.replyId}`),
    unsubscribeUrl: link.unsubscribe(unsubscribeToken(services.keys, notice.parentId)),
    manageUrl: link.manage(manageToken),
  });
  const mail: OutgoingMail = { clinicId: clinic.id, to: notice.parentAuthorEmail, ...message };
  return (await services.mailer.enqueue(tx, mail)).id;
}

// ---------------------------------------------------------------------------
// The author's links
// ---------------------------------------------------------------------------

export async function verifyCommenter(db: Db, clinicId: string, email: string): Promise<void> {
  await markCommenterVerified(db, clinicId, email);
}

export async function unsubscribeFromReplies(db: Db, commentId: string): Promise<void> {
  await unsubscribeComment(db, commentId);
}

export async function deleteOwnComment(db: Db, comment: { id: string; clinicId: string }): Promise<void> {
  await inTransaction(db, async (tx) => {
    await eraseComment(tx, comment.clinicId, comment.id);
    await recordAuditEvent(
      tx,
      { userId: null, role: null, clinicId: comment.clinicId, requestId: null, ip: null, userAgent: null },
      { action: 'comment_deleted_by_author', outcome: 'allowed', resourceType: 'comment', resourceId: comment.id },
    );
  });
}

// ---------------------------------------------------------------------------
// Moderation
// ---------------------------------------------------------------------------

export interface ModeratorContext {
  clinicId: string;
  userId: string;
  actor: AuditActor;
}

export function presentModeration(row: ModerationRow): ModerationComment {
  return {
    id: row.id,
    status: row.status,
    article: {
      id: row.articleId,
      title: row.articleTitle,
      slug: row.articleSlug,
      commentsClosed: row.articleCommentsClosed,
    },
    parent:
      row.parentId === null
        ? null
        : { id: row.parentId, authorName: row.parentAuthorName ?? '', excerpt: row.parentBody ?? '' },
    authorName: row.authorName,
    authorEmail: row.authorEmail,
    authorWebsite: row.authorWebsite,
    body: row.body,
    heldReasons: row.heldReasons,
    spamScore: row.spamScore,
    notifyReplies: row.notifyReplies,
    fromClinic: row.staffUserId === null ? null : { userId: row.staffUserId, staffName: row.staffName ?? '' },
    createdAt: row.createdAt.toISOString(),
    moderatedAt: row.moderatedAt?.toISOString() ?? null,
    moderatedBy: row.moderatedByName,
    editedAt: row.editedAt?.toISOString() ?? null,
    editedBy: row.editedByName,
  };
}

async function commentOf(db: Db, context: ModeratorContext, id: string): Promise<ModerationRow> {
  const row = await findForModeration(db, context.clinicId, id);
  if (row !== undefined) return row;
  return denyAsNotFound(db, context.actor, { what: 'The comment', resourceType: 'comment', resourceId: id });
}

async function presentFresh(db: Db, context: ModeratorContext, id: string): Promise<ModerationComment> {
  return presentModeration(await commentOf(db, context, id));
}

export async function listModerationQueue(
  db: Db,
  context: ModeratorContext,
  filter: { status: ModerationStatus; articleId?: string | undefined; limit: number },
) {
  const [rows, counts] = await Promise.all([
    listForModeration(db, context.clinicId, filter),
    countByStatus(db, context.clinicId, filter.articleId),
  ]);
  await recordAuditEvent(db, context.actor, {
    action: 'read',
    outcome: 'allowed',
    resourceType: 'comment_queue',
    resourceId: filter.status,
  });
  return {
    comments: rows.map(presentModeration),
    counts: { pending: counts.pending, approved: counts.approved, spam: counts.spam, rejected: counts.rejected },
  };
}

const notDeleted = () =>
  new ConflictError('comment_deleted', 'This comment was deleted; there is nothing to moderate.');

export async function moderateComment(
  services: CommentServices,
  context: ModeratorContext,
  id: string,
  status: 'approved' | 'rejected' | 'spam',
  clinicName: string,
): Promise<ModerationComment> {
  const db = services.database.db;
  const row = await commentOf(db, context, id);
  if (row.status === 'deleted') throw notDeleted();
  const action = { approved: 'comment_approved', rejected: 'comment_rejected', spam: 'comment_marked_spam' }[status];
  const mailIds = await inTransaction(services.database.db, async (tx) => {
    await setCommentStatus(tx, context.clinicId, id, status, context.userId);
    await recordAuditEvent(tx, context.actor, { action, outcome: 'allowed', resourceType: 'comment', resourceId: id });
    if (status !== 'approved') return [];
    if (row.authorEmail !== null) await markCommenterTrustedIfVerified(tx, context.clinicId, row.authorEmail);
    if (row.status === 'approved' || row.parentId === null) return [];
    const notice = await replyNotification(tx, services, { id: context.clinicId, name: clinicName }, id);
    return notice === undefined ? [] : [notice];
  });
  await deliver(services.mailer, mailIds);
  return presentFresh(db, context, id);
}

function cleanModeratorBody(body: string): string {
  const cleaned = cleanBody(body);
  if (cleaned.length < COMMENT_LIMITS.bodyMin || cleaned.length > COMMENT_LIMITS.bodyMax) {
    throw new InvalidInputError(
      'invalid_body',
      `The text must be ${COMMENT_LIMITS.bodyMin} to ${COMMENT_LIMITS.bodyMax} characters long.`,
    );
  }
  return cleaned;
}

export async function editComment(
  db: Db,
  context: ModeratorContext,
  id: string,
  body: string,
): Promise<ModerationComment> {
  const row = await commentOf(db, context, id);
  if (row.status === 'deleted') throw notDeleted();
  const cleaned = cleanModeratorBody(body);
  await inTransaction(db, async (tx) => {
    await editCommentBody(tx, context.clinicId, id, cleaned, context.userId);
    await recordAuditEvent(tx, context.actor, {
      action: 'comment_edited',
      outcome: 'allowed',
      resourceType: 'comment',
      resourceId: id,
    });
  });
  return presentFresh(db, context, id);
}

/** An answer from the clinic under a comment; a pending comment is approved with it. */
export async function replyAsClinic(
  services: CommentServices,
  context: ModeratorContext,
  id: string,
  body: string,
  staff: { displayName: string; clinicName: string },
): Promise<ModerationComment> {
  const db = services.database.db;
  const row = await commentOf(db, context, id);
  if (row.status !== 'approved' && row.status !== 'pending') {
    throw new ConflictError('comment_not_answerable', 'Only comments that are published or waiting can be answered.');
  }
  const cleaned = cleanModeratorBody(body);
  const topId = row.parentId ?? row.id;
  const { replyId, mailIds } = await inTransaction(services.database.db, async (tx) => {
    const ids: string[] = [];
    if (row.status === 'pending') {
      await setCommentStatus(tx, context.clinicId, id, 'approved', context.userId);
      await recordAuditEvent(tx, context.actor, {
        action: 'comment_approved',
        outcome: 'allowed',
        resourceType: 'comment',
        resourceId: id,
      });
      if (row.authorEmail !== null) await markCommenterTrustedIfVerified(tx, context.clinicId, row.authorEmail);
      if (row.parentId !== null) {
        const notice = await replyNotification(tx, services, { id: context.clinicId, name: staff.clinicName }, id);
        if (notice !== undefined) ids.push(notice);
      }
    }
    const reply = await insertComment(tx, {
      clinicId: context.clinicId,
      articleId: row.articleId,
      parentId: topId,
      status: 'approved',
      authorName: staff.displayName,
      authorEmail: null,
      authorWebsite: null,
      staffUserId: context.userId,
      body: cleaned,
      heldReasons: [],
      spamScore: 0,
      ipHash: null,
      notifyReplies: false,
      manageTokenHash: null,
      moderatedBy: context.userId,
    });
    await recordAuditEvent(tx, context.actor, {
      action: 'comment_replied',
      outcome: 'allowed',
      resourceType: 'comment',
      resourceId: reply.id,
    });
    const notice = await replyNotification(tx, services, { id: context.clinicId, name: staff.clinicName }, reply.id);
    if (notice !== undefined) ids.push(notice);
    return { replyId: reply.id, mailIds: ids };
  });
  await deliver(services.mailer, mailIds);
  return presentFresh(db, context, replyId);
}

export async function deleteComment(db: Db, context: ModeratorContext, id: string): Promise<void> {
  const row = await commentOf(db, context, id);
  if (row.status === 'deleted') return;
  await inTransaction(db, async (tx) => {
    await eraseComment(tx, context.clinicId, id);
    await recordAuditEvent(tx, context.actor, {
      action: 'comment_deleted',
      outcome: 'allowed',
      resourceType: 'comment',
      resourceId: id,
    });
  });
}

export async function setCommentsClosed(
  db: Db,
  context: ModeratorContext,
  articleId: string,
  closed: boolean,
): Promise<{ articleId: string; commentsClosed: boolean }> {
  const article = await findArticleById(db, context.clinicId, articleId);
  if (article === undefined || article.deleted) {
    return denyAsNotFound(db, context.actor, { what: 'The article', resourceType: 'article', resourceId: articleId });
  }
  await inTransaction(db, async (tx) => {
    await setArticleCommentsClosed(tx, context.clinicId, articleId, closed);
    await recordAuditEvent(tx, context.actor, {
      action: closed ? 'comments_closed' : 'comments_opened',
      outcome: 'allowed',
      resourceType: 'article',
      resourceId: articleId,
    });
  });
  return { articleId, commentsClosed: closed };
}

export function presentBlock(row: CommentBlockRow) {
  return {
    id: row.id,
    kind: row.kind,
    value: row.kind === 'ip' ? `Network address (kept only as a code: ${row.value.slice(0, 10)}…)` : row.value,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Blocks the email or the network address a comment came from. */
export async function blockSender(
  db: Db,
  context: ModeratorContext,
  id: string,
  kind: 'email' | 'ip',
): Promise<{ block: ReturnType<typeof presentBlock>; created: boolean }> {
  const row = await commentOf(db, context, id);
  const value = kind === 'email' ? row.authorEmail : row.ipHash;
  if (value === null) {
    throw new ConflictError(
      'nothing_to_block',
      kind === 'email'
        ? 'This comment has no email address to block.'
        : 'This comment has no network address on record.',
    );
  }
  const block = await inTransaction(db, async (tx) => {
    const added = await addBlock(tx, { clinicId: context.clinicId, kind, value, createdBy: context.userId });
    await recordAuditEvent(tx, context.actor, {
      action: 'commenter_blocked',
      outcome: 'allowed',
      resourceType: 'comment',
      resourceId: id,
    });
    return added;
  });
  return { block: presentBlock(block), created: block.created };
}

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A word, phrase or link domain for the clinic's blocklist. */
export async function addBlocklistEntry(
  db: Db,
  context: ModeratorContext,
  entry: { kind: 'word' | 'domain'; value: string },
): Promise<{ block: ReturnType<typeof presentBlock>; created: boolean }> {
  let value = cleanLine(entry.value).toLowerCase();
  if (entry.kind === 'domain') {
    value =
      value
        .replace(/^https?:\/\//, '')
        .replace(/^\*?\./, '')
        .split('/')[0] ?? '';
    if (!DOMAIN.test(value)) throw new InvalidInputError('invalid_domain', 'Enter a domain like example.com.');
  } else if (value.length < 2 || value.length > 60) {
    throw new InvalidInputError('invalid_word', 'Enter a word or phrase of 2 to 60 characters.');
  }
  const kind: CommentBlockKind = entry.kind;
  const block = await inTransaction(db, async (tx) => {
    const added = await addBlock(tx, { clinicId: context.clinicId, kind, value, createdBy: context.userId });
    await recordAuditEvent(tx, context.actor, {
      action: 'comment_block_added',
      outcome: 'allowed',
      resourceType: 'comment_block',
      resourceId: added.id,
    });
    return added;
  });
  return { block: presentBlock(block), created: block.created };
}

export async function removeBlocklistEntry(db: Db, context: ModeratorContext, id: string): Promise<void> {
  const removed = await inTransaction(db, async (tx) => {
    const row = await deleteBlock(tx, context.clinicId, id);
    if (row !== undefined) {
      await recordAuditEvent(tx, context.actor, {
        action: 'comment_block_removed',
        outcome: 'allowed',
        resourceType: 'comment_block',
        resourceId: id,
      });
    }
    return row;
  });
  if (removed === undefined) {
    await denyAsNotFound(db, context.actor, {
      what: 'The blocklist entry',
      resourceType: 'comment_block',
      resourceId: id,
    });
  }
}

export async function listBlocklist(db: Db, context: ModeratorContext) {
  return { blocks: (await listBlocks(db, context.clinicId)).map(presentBlock) };
}

function presentSettings(settings: LoadedCommentSettings) {
  return {
    moderateAll: settings.moderateAll,
    maxLinks: settings.maxLinks,
    minSecondsToSubmit: settings.minSecondsToSubmit,
    akismetEndpoint: settings.akismetEndpoint,
    // The key is write-only: whether one is set, never what it is.
    akismetConfigured: akismetService(settings) !== undefined,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

export async function readCommentSettings(db: Db, context: ModeratorContext) {
  return presentSettings(await loadCommentSettings(db, context.clinicId));
}

export async function changeCommentSettings(db: Db, context: ModeratorContext, settings: CommentSettingsChange) {
  const saved = await inTransaction(db, async (tx) => {
    const row = await saveCommentSettings(tx, context.clinicId, settings, context.userId);
    await recordAuditEvent(tx, context.actor, {
      action: 'comment_settings_changed',
      outcome: 'allowed',
      resourceType: 'comment_settings',
      resourceId: context.clinicId,
    });
    return row;
  });
  return presentSettings(saved);
}
