// Throttling for sign-in and for requests that send email. Counters live in
// the database so every node sees the same numbers. Emails are keyed by a
// keyed hash, so the table never holds an address.
import { RateLimitedError } from '../../../domain/errors.ts';
import { hitBucket } from '../../../db/repositories/rate-limits.ts';
import { deriveKey, keyedHash } from '../../../platform/secrets.ts';
import type { AuthContext } from './context.ts';

export interface BucketRule {
  key: string;
  limit: number;
  windowSeconds: number;
}

const FIFTEEN_MINUTES = 15 * 60;
const ONE_HOUR = 60 * 60;

export type MailPurpose = 'signup' | 'password_reset' | 'sign_in_link' | 'verification';

function emailKey(context: AuthContext, email: string): string {
  return keyedHash(deriveKey(context.config.sessionSecret, 'rate-limit-key'), email.toLowerCase());
}

export const rules = {
  /** 5 sign-in attempts per account in 15 minutes (a success clears it). */
  loginAccount: (context: AuthContext, email: string): BucketRule => ({
    key: `login:account:${emailKey(context, email)}`,
    limit: 5,
    windowSeconds: FIFTEEN_MINUTES,
  }),
  /** 20 failed sign-ins per address in 15 minutes. */
  loginIp: (context: AuthContext): BucketRule => ({
    key: `login:ip:${context.ip}`,
    limit: 20,
    windowSeconds: FIFTEEN_MINUTES,
  }),
  /** 3 emails of one kind to one address per hour. */
  mailAccount: (context: AuthContext, purpose: MailPurpose, email: string): BucketRule => ({
    key: `mail:${purpose}:account:${emailKey(context, email)}`,
    limit: 3,
    windowSeconds: ONE_HOUR,
  }),
  /** 10 email-sending requests of one kind per address per hour. */
  mailIp: (context: AuthContext, purpose: MailPurpose): BucketRule => ({
    key: `mail:${purpose}:ip:${context.ip}`,
    limit: 10,
    windowSeconds: ONE_HOUR,
  }),
};

/**
 * Counts one attempt in each bucket and refuses (429) when any is over its
 * limit. Counting before the work, in one SQL statement per bucket, means
 * parallel attempts cannot all slip through.
 */
export async function throttle(context: AuthContext, buckets: BucketRule[]): Promise<void> {
  let retryAfter = 0;
  for (const bucket of buckets) {
    const state = await hitBucket(context.database.db, bucket.key, bucket.windowSeconds);
    if (state.count > bucket.limit) retryAfter = Math.max(retryAfter, state.retryAfterSeconds);
  }
  if (retryAfter > 0) {
    throw new RateLimitedError('Too many attempts. Wait a while and try again.', retryAfter);
  }
}
