// Patient records as each audience may see them. The response is built with the
// schema of the caller's role, so a field a role may not see is absent from the
// answer, not merely empty.
import { z } from 'zod';
import type { PatientRecord } from '../../../db/repositories/patients.ts';
import { CLINICAL_ROLES, type Role } from '../../auth/principal.ts';

/** A row of the patient list: how to greet, call and write to someone. */
export const patientSummarySchema = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'PatientSummary' });

/** What front desk and the patient see of a record: contact details and date of birth (to confirm identity). */
export const patientContactSchema = patientSummarySchema
  .extend({ dateOfBirth: z.string().nullable().describe('YYYY-MM-DD') })
  .meta({ id: 'PatientContact' });

/** What practitioners and clinic admins see: the contact view plus clinical fields. */
export const patientClinicalSchema = patientContactSchema
  .extend({ clinicalNotes: z.string().nullable() })
  .meta({ id: 'PatientClinical' });

export type PatientContactView = z.infer<typeof patientContactSchema>;
export type PatientClinicalView = z.infer<typeof patientClinicalSchema>;

function seesClinicalFields(role: Role): boolean {
  return (CLINICAL_ROLES as readonly Role[]).includes(role);
}

/**
 * Parsing through the role's schema drops every field it does not name, so a
 * column added to the record later stays out of front desk answers until
 * someone decides otherwise.
 */
export function presentPatient(record: PatientRecord, role: Role): PatientContactView | PatientClinicalView {
  return seesClinicalFields(role) ? patientClinicalSchema.parse(record) : patientContactSchema.parse(record);
}
