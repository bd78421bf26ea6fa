// Starting a session: a fresh random token for the cookie (never reused, so a
// token planted before sign-in is worthless after it), its hash for the
// database, and a CSRF token bound to it.
import type { Config } from '../../platform/config.ts';
import { randomToken, sha256Hex } from '../../platform/secrets.ts';
import type { Db } from '../../db/database.ts';
import { insertSession } from '../../db/repositories/sessions.ts';
import type { Role } from './principal.ts';

export interface StartedSession {
  /** Goes into the cookie and nowhere else. */
  token: string;
  idHash: string;
  csrfToken: string;
  maxAgeSeconds: number;
}

export interface SessionStart {
  userId: string;
  clinicId: string;
  role: Role;
  mfaVerified: boolean;
  ip: string | null;
  userAgent: string | null;
}

export function idleTimeoutSeconds(config: Config, role: Role): number {
  const minutes = role === 'patient' ? config.sessions.patientIdleMinutes : config.sessions.staffIdleMinutes;
  return minutes * 60;
}

export async function startSession(db: Db, config: Config, start: SessionStart): Promise<StartedSession> {
  const token = randomToken();
  const idHash = sha256Hex(token);
  const csrfToken = randomToken();
  await insertSession(db, {
    idHash,
    userId: start.userId,
    clinicId: start.clinicId,
    csrfToken,
    maxHours: config.sessions.maxHours,
    idleTimeoutSeconds: idleTimeoutSeconds(config, start.role),
    mfaVerified: start.mfaVerified,
    ip: start.ip,
    userAgent: start.userAgent,
  });
  return { token, idHash, csrfToken, maxAgeSeconds: config.sessions.maxHours * 3600 };
}

/**
 * The id a session is shown by in "your sessions". Derived from the stored
 * hash rather than the hash itself, so the list never shows what the
 * database is keyed by.
 */
export function publicSessionId(idHash: string): string {
  return sha256Hex(`session:${idHash}`).slice(0, 32);
}
