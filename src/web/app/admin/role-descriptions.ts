// What each staff role may do, in the words an admin chooses a role by.
import type { StaffRole } from '../api/identity-contract.ts';

export const roleDescriptions: Record<StaffRole, string> = {
  front_desk: 'Schedules and patients’ contact details. No clinical notes or photos.',
  practitioner: 'Everything clinical: assessments, treatment records, photos and notes.',
  clinic_admin: 'Everything a practitioner does, plus staff, settings and the audit log.',
};
