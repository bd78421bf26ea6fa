// The hourly housekeeping removes what has ended and keeps what is live.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuthCleanup, AUTH_CLEANUP_TASK } from '../src/jobs/maintenance.ts';
import { authTokens, maintenanceRuns, rateLimitBuckets, sessions, users } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('auth cleanup', () => {
  it('deletes sessions and tokens that ended over a day ago and spent throttling windows, nothing else', async () => {
    const db = t.database.db;
    const [user] = await db.select({ id: users.id }).from(users).limit(1);
    const now = new Date('2026-11-25T12:00:00Z');
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const session = (idHash: string, expiresAt: Date, revokedAt: Date | null) => ({
      idHash,
      userId: user!.id,
      csrfToken: 'x',
      expiresAt,
      revokedAt,
      idleTimeoutSeconds: 900,
    });
    await db
      .insert(sessions)
      .values([
        session('expired-long-ago', hoursAgo(30), null),
        session('revoked-long-ago', hoursAgo(-5), hoursAgo(48)),
        session('expired-an-hour-ago', hoursAgo(1), null),
        session('live', hoursAgo(-5), null),
      ]);
    await db.insert(authTokens).values([
      { tokenHash: 'used-long-ago', purpose: 'password_reset', expiresAt: hoursAgo(-1), usedAt: hoursAgo(30) },
      { tokenHash: 'expired-long-ago', purpose: 'sign_in_link', expiresAt: hoursAgo(40) },
      { tokenHash: 'still-valid', purpose: 'email_verification', expiresAt: hoursAgo(-24) },
    ]);
    await db.insert(rateLimitBuckets).values([
      { key: 'spent', count: 3, windowEndsAt: sql`now() - interval '1 minute'` },
      { key: 'running', count: 3, windowEndsAt: sql`now() + interval '10 minutes'` },
    ]);

    const result = await runAuthCleanup(db, now);

    expect(result).toEqual({ sessionsDeleted: 2, tokensDeleted: 2, bucketsDeleted: 1 });
    const left = (await db.select({ id: sessions.idHash }).from(sessions)).map((row) => row.id).sort();
    expect(left).toEqual(['expired-an-hour-ago', 'live']);
    expect((await db.select({ h: authTokens.tokenHash }).from(authTokens)).map((row) => row.h)).toEqual([
      'still-valid',
    ]);
    expect((await db.select({ k: rateLimitBuckets.key }).from(rateLimitBuckets)).map((row) => row.k)).toEqual([
      'running',
    ]);
    const [run] = await db.select().from(maintenanceRuns).where(eq(maintenanceRuns.task, AUTH_CLEANUP_TASK));
    expect(run?.details).toEqual({ sessionsDeleted: 2, tokensDeleted: 2, bucketsDeleted: 1 });
  });
});
