// Group commit for submitted assessments. Under load, many requests finish screening
// at about the same time; writing each in its own transaction costs one durable
// commit (an fsync on PGlite) apiece. The writer gathers whatever is waiting into
// one transaction: every assessment with its audit row, committed together before any
// of their requests is answered. Alone, a request waits only for the next turn of
// the event loop. A failed batch fails every request in it (nothing half-stored).
import type { Db } from '../../../db/database.ts';
import { recordAuditEvents, type AuditActor, type AuditEventInput } from '../../../db/repositories/audit.ts';
import { insertAssessments, type NewAssessment } from '../../../db/repositories/assessments.ts';

interface Pending {
  assessment: NewAssessment & { id: string };
  audit: { actor: AuditActor; event: AuditEventInput };
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Large enough to absorb a burst, small enough to keep one statement modest. */
const MAX_BATCH = 200;

class AssessmentWriter {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  write(assessment: NewAssessment & { id: string }, audit: Pending['audit']): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ assessment, audit, resolve, reject });
      if (!this.flushing && this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.db.transaction(async (tx) => {
            await insertAssessments(
              tx,
              batch.map((item) => item.assessment),
            );
            await recordAuditEvents(
              tx,
              batch.map((item) => item.audit),
            );
          });
          for (const item of batch) item.resolve();
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

const writers = new WeakMap<Db, AssessmentWriter>();

/** Stores one assessment and its audit row; resolves once both are committed. */
export function storeAssessment(db: Db, assessment: NewAssessment & { id: string }, audit: Pending['audit']) {
  let writer = writers.get(db);
  if (writer === undefined) {
    writer = new AssessmentWriter(db);
    writers.set(db, writer);
  }
  return writer.write(assessment, audit);
}
