// Reads of patient records. Every function that returns a record takes the
// clinic it must belong to, so a query can never reach across tenants by
// forgetting a filter.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { patients } from '../schema.ts';

/** What front desk may see: enough to greet, call and write to the patient. */
export interface PatientContact {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
}

export interface PatientRecord extends PatientContact {
  clinicId: string;
  userId: string | null;
  dateOfBirth: string | null;
  clinicalNotes: string | null;
}

const contactColumns = {
  id: patients.id,
  givenName: patients.givenName,
  familyName: patients.familyName,
  email: patients.email,
  phone: patients.phone,
};

const recordColumns = {
  ...contactColumns,
  clinicId: patients.clinicId,
  userId: patients.userId,
  dateOfBirth: patients.dateOfBirth,
  clinicalNotes: patients.clinicalNotes,
};

/** The clinic's patients by name; contact columns only, so notes never leave the database for a list. */
export async function listPatientContacts(db: Db, clinicId: string): Promise<PatientContact[]> {
  return db
    .select(contactColumns)
    .from(patients)
    .where(eq(patients.clinicId, clinicId))
    .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.id));
}

export async function findPatientInClinic(
  db: Db,
  clinicId: string,
  patientId: string,
): Promise<PatientRecord | undefined> {
  const [row] = await db
    .select(recordColumns)
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  return row;
}

/** The patient record that belongs to this user account in this clinic. */
export async function findPatientOfUser(db: Db, clinicId: string, userId: string): Promise<PatientRecord | undefined> {
  const [row] = await db
    .select(recordColumns)
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.userId, userId)));
  return row;
}
