// Signed-in browsers. Only the SHA-256 of the cookie token is stored. Whether a
// session is still alive (not revoked, not past its absolute end, not idle for
// too long) is decided by the database clock, the one clock all nodes share.
import { and, desc, eq, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { clinicMemberships, patients, sessions, users } from '../schema.ts';

export interface NewSession {
  idHash: string;
  userId: string;
  clinicId: string;
  csrfToken: string;
  maxHours: number;
  idleTimeoutSeconds: number;
  /** Set when the session passed the MFA step, or none was required at sign-in. */
  mfaVerified: boolean;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db.insert(sessions).values({
    idHash: session.idHash,
    userId: session.userId,
    clinicId: session.clinicId,
    csrfToken: session.csrfToken,
    expiresAt: sql`now() + make_interval(hours => ${session.maxHours})`,
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    mfaVerifiedAt: session.mfaVerified ? sql`now()` : null,
    ip: session.ip,
    userAgent: session.userAgent?.slice(0, 300) ?? null,
  });
}

const alive: SQL = sql`${sessions.revokedAt} is null
  and ${sessions.expiresAt} > now()
  and ${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleTimeoutSeconds}) > now()`;

export interface ActiveSession {
  idHash: string;
  userId: string;
  clinicId: string;
  csrfToken: string;
  mfaVerified: boolean;
  /** last_seen_at is over a minute old: worth one write to record the activity. */
  needsTouch: boolean;
  /** The user's staff role in the session's clinic, when an active member. */
  staffRole: 'front_desk' | 'practitioner' | 'clinic_admin' | null;
  /** The user's patient record in the session's clinic, if any. */
  patientId: string | null;
}

/**
 * The live session with this hash, with the user's current standing in its
 * clinic (read on every request so that a role change or deactivation applies
 * at once). Disabled users have no live sessions.
 */
export async function findActiveSession(db: Db, idHash: string): Promise<ActiveSession | undefined> {
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      userId: sessions.userId,
      clinicId: sessions.clinicId,
      csrfToken: sessions.csrfToken,
      mfaVerified: sql<boolean>`${sessions.mfaVerifiedAt} is not null`,
      needsTouch: sql<boolean>`${sessions.lastSeenAt} < now() - interval '1 minute'`,
      staffRole: clinicMemberships.role,
      patientId: patients.id,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.disabledAt)))
    .leftJoin(
      clinicMemberships,
      and(
        eq(clinicMemberships.clinicId, sessions.clinicId),
        eq(clinicMemberships.userId, sessions.userId),
        isNull(clinicMemberships.deactivatedAt),
      ),
    )
    .leftJoin(patients, and(eq(patients.clinicId, sessions.clinicId), eq(patients.userId, sessions.userId)))
    .where(and(eq(sessions.idHash, idHash), alive))
    .limit(1);
  if (row === undefined || row.clinicId === null) return undefined;
  return { ...row, clinicId: row.clinicId };
}

/** Records activity; callers do this at most once a minute per session (see needsTouch). */
export async function touchSession(db: Db, idHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.idHash, idHash));
}

export async function revokeSession(db: Db, idHash: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))
    .returning({ idHash: sessions.idHash });
  return rows.length > 0;
}

/**
 * Ends a user's sessions: all of them, all but one (password change), or those
 * acting in one clinic (deactivation there). Returns how many were ended.
 */
export async function revokeUserSessions(
  db: Db,
  userId: string,
  options: { exceptIdHash?: string; clinicId?: string } = {},
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        options.exceptIdHash === undefined ? undefined : ne(sessions.idHash, options.exceptIdHash),
        options.clinicId === undefined ? undefined : eq(sessions.clinicId, options.clinicId),
      ),
    )
    .returning({ idHash: sessions.idHash });
  return rows.length;
}

export interface SessionListing {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function listActiveSessions(db: Db, userId: string): Promise<SessionListing[]> {
  return db
    .select({
      idHash: sessions.idHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), alive))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Drops sessions that ended (expired or revoked) before `before`; for the maintenance job. */
export async function deleteEndedSessions(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}
