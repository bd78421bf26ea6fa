// Personal API tokens for scripts and integrations. Stored as SHA-256; a token
// acts as its owner in the token's clinic, with the owner's current role there.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { apiTokens, clinicMemberships, patients, users } from '../schema.ts';
import type { StaffRoleName } from './users.ts';

export async function insertApiToken(
  db: Db,
  token: {
    userId: string;
    clinicId: string;
    name: string;
    tokenHash: string;
    scopes: string[];
    expiresInDays: number | undefined;
  },
): Promise<string> {
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: token.userId,
      clinicId: token.clinicId,
      name: token.name,
      tokenHash: token.tokenHash,
      scopes: token.scopes,
      expiresAt: token.expiresInDays === undefined ? null : sql`now() + make_interval(days => ${token.expiresInDays})`,
    })
    .returning({ id: apiTokens.id });
  if (row === undefined) throw new Error('api token insert returned no row');
  return row.id;
}

export interface ApiTokenListing {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/** The user's tokens that still work, newest first. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenListing[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`,
      ),
    )
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export interface ActiveApiToken {
  id: string;
  userId: string;
  clinicId: string;
  scopes: string[];
  needsTouch: boolean;
  staffRole: StaffRoleName | null;
  patientId: string | null;
}

/** The working token with this hash, with its owner's current standing in the token's clinic. */
export async function findActiveApiToken(db: Db, tokenHash: string): Promise<ActiveApiToken | undefined> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      clinicId: apiTokens.clinicId,
      scopes: apiTokens.scopes,
      needsTouch: sql<boolean>`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
      staffRole: clinicMemberships.role,
      patientId: patients.id,
    })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), isNull(users.disabledAt)))
    .leftJoin(
      clinicMemberships,
      and(
        eq(clinicMemberships.clinicId, apiTokens.clinicId),
        eq(clinicMemberships.userId, apiTokens.userId),
        isNull(clinicMemberships.deactivatedAt),
      ),
    )
    .leftJoin(patients, and(eq(patients.clinicId, apiTokens.clinicId), eq(patients.userId, apiTokens.userId)))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`,
      ),
    )
    .limit(1);
  return row;
}

export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiTokens.id, id));
}
