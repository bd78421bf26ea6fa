// Reads of the audit log: the admin's filtered, paged view (and its CSV export)
// and a patient's "who touched my record". Writes live in audit.ts.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { auditEvents, users } from '../schema.ts';
import type { AuditOutcome } from './audit.ts';

export interface AuditFilters {
  clinicId: string;
  patientId?: string | undefined;
  userId?: string | undefined;
  action?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

/**
 * Where the previous page ended. The time is PostgreSQL's own text with
 * microseconds: a JavaScript Date keeps only milliseconds, and paging with it
 * would skip or repeat events that share a millisecond.
 */
export interface AuditCursor {
  occurredAt: string;
  id: string;
}

export interface AuditEventRow {
  id: string;
  occurredAt: Date;
  userId: string | null;
  /** Resolved from users; null for anonymous actors or deleted accounts. */
  actorName: string | null;
  role: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  patientId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: AuditOutcome;
  /** This row's position, to continue after it. */
  cursor: AuditCursor;
}

const preciseTime = sql<string>`to_char(${auditEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function filterConditions(filters: AuditFilters): SQL[] {
  const conditions = [eq(auditEvents.clinicId, filters.clinicId)];
  if (filters.patientId !== undefined) conditions.push(eq(auditEvents.patientId, filters.patientId));
  if (filters.userId !== undefined) conditions.push(eq(auditEvents.userId, filters.userId));
  if (filters.action !== undefined) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.from !== undefined) conditions.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.to !== undefined) conditions.push(lt(auditEvents.occurredAt, filters.to));
  return conditions;
}

/** One page of the clinic's events, newest first, after `cursor` when given. */
export async function listAuditEvents(
  db: Db,
  filters: AuditFilters,
  page: { after?: AuditCursor | undefined; limit: number },
): Promise<AuditEventRow[]> {
  const conditions = filterConditions(filters);
  if (page.after !== undefined) {
    conditions.push(
      sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${page.after.occurredAt}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      cursorTime: preciseTime,
      userId: auditEvents.userId,
      actorName: users.displayName,
      role: auditEvents.role,
      action: auditEvents.action,
      resourceType: auditEvents.resourceType,
      resourceId: auditEvents.resourceId,
      patientId: auditEvents.patientId,
      requestId: auditEvents.requestId,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(page.limit);
  return rows.map(({ cursorTime, ...row }) => ({ ...row, cursor: { occurredAt: cursorTime, id: row.id } }));
}

export interface AccessLogEntry {
  occurredAt: Date;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: AuditOutcome;
}

/** Everything the log files under this patient, newest first. */
export async function listPatientAccessLog(db: Db, patientId: string, limit: number): Promise<AccessLogEntry[]> {
  return db
    .select({
      occurredAt: auditEvents.occurredAt,
      actorName: users.displayName,
      actorRole: auditEvents.role,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.patientId, patientId))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
}
