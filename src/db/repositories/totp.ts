// Staff authenticators (TOTP) and their recovery codes. The TOTP secret arrives
// here already encrypted; recovery codes arrive hashed.
import { and, eq, inArray, isNotNull, isNull, or, lt, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { recoveryCodes, totpCredentials } from '../schema.ts';

export interface TotpCredential {
  secretCiphertext: string;
  confirmed: boolean;
}

export async function findTotpCredential(db: Db, userId: string): Promise<TotpCredential | undefined> {
  const [row] = await db
    .select({
      secretCiphertext: totpCredentials.secretCiphertext,
      confirmed: sql<boolean>`${totpCredentials.confirmedAt} is not null`,
    })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .limit(1);
  return row;
}

/**
 * Starts (or restarts) an enrolment with a new secret. Refused (false) once an
 * authenticator is confirmed: replacing it needs an admin reset, not a session.
 */
export async function savePendingTotp(db: Db, userId: string, secretCiphertext: string): Promise<boolean> {
  const rows = await db
    .insert(totpCredentials)
    .values({ userId, secretCiphertext })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secretCiphertext, lastUsedStep: null, createdAt: sql`now()` },
      setWhere: isNull(totpCredentials.confirmedAt),
    })
    .returning({ userId: totpCredentials.userId });
  return rows.length > 0;
}

/**
 * Records that the code of time step `step` was accepted, confirming the
 * enrolment if needed. False when this step (or a later one) was already used:
 * a code works once.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(totpCredentials)
    .set({ lastUsedStep: step, confirmedAt: sql`coalesce(${totpCredentials.confirmedAt}, now())` })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return rows.length > 0;
}

/** Which of these users have a confirmed authenticator (for staff lists). */
export async function usersWithConfirmedTotp(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(inArray(totpCredentials.userId, userIds), isNotNull(totpCredentials.confirmedAt)));
  return new Set(rows.map((row) => row.userId));
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses up a recovery code; false when it is not one of the user's unused codes. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}
