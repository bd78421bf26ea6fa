// The audit log as CSV for a clinic admin. The export is itself an audited
// act: its row is written in the transaction that read the events, after the
// read, so the file never lists its own export.
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import { listAuditEvents, type AuditCursor, type AuditFilters } from '../../../db/repositories/audit-queries.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import { csvLine } from './csv.ts';

/** Beyond this the file is too big to build in memory; the admin narrows the dates instead. */
export const EXPORT_MAX_ROWS = 50_000;
const BATCH = 1_000;

const HEADER = [
  'id',
  'occurred_at',
  'user_id',
  'actor_name',
  'role',
  'action',
  'resource_type',
  'resource_id',
  'patient_id',
  'request_id',
  'ip',
  'user_agent',
  'outcome',
];

export async function exportAuditEvents(db: Db, actor: AuditActor, filters: AuditFilters): Promise<string> {
  return db.transaction(async (tx) => {
    const lines = [csvLine(HEADER)];
    let after: AuditCursor | undefined;
    for (;;) {
      const batch = await listAuditEvents(tx, filters, { after, limit: BATCH });
      if (lines.length - 1 + batch.length > EXPORT_MAX_ROWS) {
        throw new InvalidInputError(
          'export_too_large',
          `The export would hold more than ${EXPORT_MAX_ROWS} events; choose a shorter date range.`,
        );
      }
      for (const event of batch) {
        lines.push(
          csvLine([
            event.id,
            event.occurredAt.toISOString(),
            event.userId,
            event.actorName,
            event.role,
            event.action,
            event.resourceType,
            event.resourceId,
            event.patientId,
            event.requestId,
            event.ip,
            event.userAgent,
            event.outcome,
          ]),
        );
      }
      const last = batch.at(-1);
      if (batch.length < BATCH || last === undefined) break;
      after = last.cursor;
    }
    await recordAuditEvent(tx, actor, {
      action: 'export',
      outcome: 'allowed',
      resourceType: 'audit_events',
      // Exporting one patient's trail is filed under them, so it shows in their access log.
      ...(filters.patientId === undefined ? {} : { patientId: filters.patientId }),
    });
    return lines.join('');
  });
}
