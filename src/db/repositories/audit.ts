// Writes to and reads of the append-only audit log. Callers pass the transaction
// of the change they record, so the change and its audit row commit together.
import type { Db } from '../database.ts';
import { auditEvents } from '../schema.ts';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditActor {
  userId: string | null;
  role: string | null;
  clinicId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEventInput {
  action: string;
  outcome: AuditOutcome;
  resourceType?: string;
  resourceId?: string;
  patientId?: string;
}

export async function recordAuditEvent(db: Db, actor: AuditActor, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    ...actor,
    // Clip what comes from outside so a hostile user agent cannot bloat the log.
    userAgent: actor.userAgent?.slice(0, 300) ?? null,
    action: event.action,
    outcome: event.outcome,
    resourceType: event.resourceType ?? null,
    resourceId: event.resourceId ?? null,
    patientId: event.patientId ?? null,
  });
}

/** Several rows in one statement, for batched writes (each row as recordAuditEvent writes it). */
export async function recordAuditEvents(
  db: Db,
  rows: ReadonlyArray<{ actor: AuditActor; event: AuditEventInput }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(auditEvents).values(
    rows.map(({ actor, event }) => ({
      ...actor,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
      action: event.action,
      outcome: event.outcome,
      resourceType: event.resourceType ?? null,
      resourceId: event.resourceId ?? null,
      patientId: event.patientId ?? null,
    })),
  );
}
