// Reads of patient records, each on the record: the audit row is written in the
// same transaction as the read, so no record leaves the database unlogged.
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import {
  findPatientInClinic,
  findPatientOfUser,
  listPatientContacts,
  type PatientContact,
  type PatientRecord,
} from '../../../db/repositories/patients.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { denyAsNotFound } from '../../audit/deny.ts';

export interface ReadContext {
  clinicId: string;
  actor: AuditActor;
}

/** The clinic's patient list: one `read` row for the list, not one per patient. */
export async function listPatients(db: Db, context: ReadContext): Promise<PatientContact[]> {
  return db.transaction(async (tx) => {
    const patients = await listPatientContacts(tx, context.clinicId);
    await recordAuditEvent(tx, context.actor, { action: 'read', outcome: 'allowed', resourceType: 'patient_list' });
    return patients;
  });
}

/** One patient of the acting clinic; anyone else's answers 404 and is audited as access_denied. */
export async function readPatient(db: Db, context: ReadContext, patientId: string): Promise<PatientRecord> {
  const patient = await db.transaction(async (tx) => {
    const found = await findPatientInClinic(tx, context.clinicId, patientId);
    if (found !== undefined) await recordPatientRead(tx, context.actor, found.id);
    return found;
  });
  return (
    patient ??
    denyAsNotFound(db, context.actor, {
      what: 'The patient',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    })
  );
}

/** The signed-in patient's own record. */
export async function readOwnRecord(db: Db, context: ReadContext & { userId: string }): Promise<PatientRecord> {
  const patient = await db.transaction(async (tx) => {
    const found = await findPatientOfUser(tx, context.clinicId, context.userId);
    if (found !== undefined) await recordPatientRead(tx, context.actor, found.id);
    return found;
  });
  if (patient === undefined) throw new NotFoundError('Your patient record');
  return patient;
}

async function recordPatientRead(tx: Db, actor: AuditActor, patientId: string): Promise<void> {
  await recordAuditEvent(tx, actor, {
    action: 'read',
    outcome: 'allowed',
    resourceType: 'patient',
    resourceId: patientId,
    patientId,
  });
}
