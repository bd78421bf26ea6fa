// What the identity services need to know about a request, as plain data, so
// they never touch the request object itself.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database, Db } from '../../../db/database.ts';
import type { AuditActor } from '../../../db/repositories/audit.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';

export interface AuthContext {
  database: Database;
  mailer: Mailer;
  config: Config;
  ip: string;
  userAgent: string | null;
  /** Who is asking: anonymous for sign-in requests; audit rows for a user fill in the user. */
  actor: AuditActor;
}

export function authContext(app: FastifyInstance, config: Config, request: FastifyRequest): AuthContext {
  const actor = auditActor(request);
  return {
    database: app.services.database,
    mailer: app.services.mailer,
    config,
    ip: request.ip,
    userAgent: actor.userAgent,
    actor,
  };
}

/** The audit actor for an event about this user acting in this clinic. */
export function actorFor(
  context: AuthContext,
  who: { userId: string; role: string | null; clinicId: string | null },
): AuditActor {
  return { ...context.actor, userId: who.userId, role: who.role, clinicId: who.clinicId };
}

/** Runs work in one transaction; audit rows written with `tx` commit with the change. */
export async function inTransaction<T>(context: AuthContext, work: (tx: Db) => Promise<T>): Promise<T> {
  return context.database.db.transaction((tx) => work(tx as unknown as Db));
}
