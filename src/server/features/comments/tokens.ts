// The secrets of "Leave a Reply", each with a key of its own derived from the
// session secret (HKDF), so that no value made for one purpose works for another:
// - the commenter's address is kept only as an HMAC (enough to throttle and block);
// - the form carries the moment it was shown, signed, so the minimum time to
//   submit cannot be forged by a script that posts directly;
// - the unsubscribe and verification links are signed, stateless and
//   single-purpose; the delete link is a random token whose SHA-256 is stored.
import { createHmac, hkdfSync } from 'node:crypto';
import type { Db } from '../../../db/database.ts';
import { keyedHash, safeEqual } from '../../../platform/secrets.ts';

type Purpose = 'comment-ip' | 'comment-email' | 'comment-form' | 'comment-unsubscribe' | 'comment-verify';

export interface CommentKeys {
  ip: Buffer;
  email: Buffer;
  form: Buffer;
  unsubscribe: Buffer;
  verify: Buffer;
}

function derive(sessionSecret: string, purpose: Purpose): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'puncta', `puncta ${purpose} v1`, 32));
}

export function commentKeys(sessionSecret: string): CommentKeys {
  return {
    ip: derive(sessionSecret, 'comment-ip'),
    email: derive(sessionSecret, 'comment-email'),
    form: derive(sessionSecret, 'comment-form'),
    unsubscribe: derive(sessionSecret, 'comment-unsubscribe'),
    verify: derive(sessionSecret, 'comment-verify'),
  };
}

export function hashIp(keys: CommentKeys, ip: string): string {
  return keyedHash(keys.ip, ip);
}

/** For rate-limit bucket keys: the table never holds an address. */
export function hashEmail(keys: CommentKeys, email: string): string {
  return keyedHash(keys.email, email.toLowerCase());
}

function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

/** `<milliseconds>.<signature>`, bound to the article the form belongs to. */
export function signFormTimestamp(keys: CommentKeys, articleId: string, now: Date): string {
  const at = String(now.getTime());
  return `${at}.${sign(keys.form, `${articleId}:${at}`)}`;
}

/** A form older than this is refused as "too fast" (it cannot be told from a replayed one). */
const FORM_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Seconds since the form was shown, or null when the value is missing, forged, from the future or too old. */
export function secondsSinceForm(keys: CommentKeys, articleId: string, value: string, now: Date): number | null {
  const [at, signature, extra] = value.split('.');
  if (at === undefined || signature === undefined || extra !== undefined || !/^\d{1,15}$/.test(at)) return null;
  if (!safeEqual(signature, sign(keys.form, `${articleId}:${at}`))) return null;
  const elapsed = now.getTime() - Number(at);
  if (elapsed < -5000 || elapsed > FORM_MAX_AGE_MS) return null;
  return Math.max(0, elapsed / 1000);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The unsubscribe link's token: the comment id and a signature; it can do nothing else. */
export function unsubscribeToken(keys: CommentKeys, commentId: string): string {
  return `${commentId}.${sign(keys.unsubscribe, commentId)}`;
}

export function readUnsubscribeToken(keys: CommentKeys, token: string): string | undefined {
  const [commentId, signature, extra] = token.split('.');
  if (commentId === undefined || signature === undefined || extra !== undefined || !UUID.test(commentId)) {
    return undefined;
  }
  return safeEqual(signature, sign(keys.unsubscribe, commentId)) ? commentId : undefined;
}

const VERIFY_DAYS = 14;

/**
 * The verification link's token: the comment it came with, an expiry and a
 * signature (the address is the comment's). Short enough for a URL path segment.
 */
export function verifyToken(keys: CommentKeys, commentId: string, now: Date): string {
  const expires = (Math.floor(now.getTime() / 1000) + VERIFY_DAYS * 24 * 60 * 60).toString(36);
  return `${commentId}.${expires}.${sign(keys.verify, `${commentId}.${expires}`)}`;
}

/** The comment id of a valid, unexpired verification token. */
export function readVerifyToken(keys: CommentKeys, token: string, now: Date): string | undefined {
  const [commentId, expires, signature, extra] = token.split('.');
  if (commentId === undefined || expires === undefined || signature === undefined || extra !== undefined) {
    return undefined;
  }
  if (!UUID.test(commentId) || !/^[0-9a-z]{1,10}$/.test(expires)) return undefined;
  if (!safeEqual(signature, sign(keys.verify, `${commentId}.${expires}`))) return undefined;
  return parseInt(expires, 36) * 1000 < now.getTime() ? undefined : commentId;
}

/**
 * The article page renders the form through loadCommentThread(db, ...), which
 * has no config: the comments plugin registers the keys for the app's database
 * handle, so each app (and each test app) signs with its own secret.
 */
const keysByDatabase = new WeakMap<object, CommentKeys>();

export function registerCommentKeys(db: Db, keys: CommentKeys): void {
  keysByDatabase.set(db, keys);
}

export function registeredCommentKeys(db: Db): CommentKeys | undefined {
  return keysByDatabase.get(db);
}
