// Answering "not found" for an object outside the caller's reach, on the record.
import { NotFoundError } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../db/repositories/audit.ts';

export interface DeniedResource {
  /** How the answer names it: "The patient was not found." */
  what: string;
  resourceType: string;
  resourceId: string;
  /** Set when the caller asked for a patient's record, so the attempt shows in that patient's access log. */
  patientId?: string | undefined;
}

/**
 * Records an `access_denied` event and throws a 404. Another clinic's object
 * and one that does not exist get the same answer and the same audit row, so
 * neither the status nor the log (which the caller's admin reads) tells what
 * exists elsewhere. Written on its own: there is no change to commit it with.
 */
export async function denyAsNotFound(db: Db, actor: AuditActor, resource: DeniedResource): Promise<never> {
  await recordAuditEvent(db, actor, {
    action: 'access_denied',
    outcome: 'denied',
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    ...(resource.patientId === undefined ? {} : { patientId: resource.patientId }),
  });
  throw new NotFoundError(resource.what);
}
