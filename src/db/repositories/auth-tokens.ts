// Single-use, expiring tokens sent by email (verification, reset, sign-in link,
// staff invitation). Only the SHA-256 is stored; using one is a single UPDATE,
// so two clicks racing each other cannot both succeed.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { authTokens } from '../schema.ts';

export type AuthTokenPurpose = (typeof authTokens.$inferSelect)['purpose'];

export interface NewAuthToken {
  tokenHash: string;
  purpose: AuthTokenPurpose;
  userId: string;
  clinicId: string | null;
  ttlSeconds: number;
  payload?: Record<string, string>;
}

export async function insertAuthToken(db: Db, token: NewAuthToken): Promise<void> {
  await db.insert(authTokens).values({
    tokenHash: token.tokenHash,
    purpose: token.purpose,
    userId: token.userId,
    clinicId: token.clinicId,
    payload: token.payload ?? {},
    expiresAt: sql`now() + make_interval(secs => ${token.ttlSeconds})`,
  });
}

export interface UsableAuthToken {
  id: string;
  userId: string;
  clinicId: string | null;
  payload: Record<string, string>;
}

const usable = (tokenHash: string, purpose: AuthTokenPurpose) =>
  and(
    eq(authTokens.tokenHash, tokenHash),
    eq(authTokens.purpose, purpose),
    isNull(authTokens.usedAt),
    sql`${authTokens.expiresAt} > now()`,
  );

const tokenColumns = {
  id: authTokens.id,
  userId: authTokens.userId,
  clinicId: authTokens.clinicId,
  payload: authTokens.payload,
};

function present(row: { id: string; userId: string | null; clinicId: string | null; payload: unknown }) {
  if (row.userId === null) return undefined;
  return { ...row, userId: row.userId, payload: (row.payload ?? {}) as Record<string, string> };
}

/** Looks without using it up (to ask for a second factor first). */
export async function findUsableAuthToken(
  db: Db,
  tokenHash: string,
  purpose: AuthTokenPurpose,
): Promise<UsableAuthToken | undefined> {
  const [row] = await db.select(tokenColumns).from(authTokens).where(usable(tokenHash, purpose)).limit(1);
  return row === undefined ? undefined : present(row);
}

/** Marks the token used and returns it; undefined when unknown, expired, used or for another purpose. */
export async function consumeAuthToken(
  db: Db,
  tokenHash: string,
  purpose: AuthTokenPurpose,
): Promise<UsableAuthToken | undefined> {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(usable(tokenHash, purpose))
    .returning(tokenColumns);
  return row === undefined ? undefined : present(row);
}

/** A newer link replaces older ones of the same kind (only the latest email works). */
export async function retireAuthTokens(db: Db, userId: string, purpose: AuthTokenPurpose): Promise<void> {
  await db
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
}

/** Drops tokens used or expired before `before`; for the maintenance job. */
export async function deleteSpentAuthTokens(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(authTokens)
    .where(or(lt(authTokens.expiresAt, before), lt(authTokens.usedAt, before)))
    .returning({ id: authTokens.id });
  return rows.length;
}
