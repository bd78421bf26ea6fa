// The identity API's shapes as docs/identity.md describes them, for the browser.
// They belong in src/domain/contracts/ next to the server's route schemas; until
// the server exports them there, they live here. Objects are not strict, so a
// field the server adds later does not break the app.
import { z } from 'zod';

export const ROLES = ['patient', 'front_desk', 'practitioner', 'clinic_admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const STAFF_ROLES = ['front_desk', 'practitioner', 'clinic_admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Roles that see clinical content: notes, photos, assessments. */
export const CLINICAL_ROLES = ['practitioner', 'clinic_admin'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = {
  patient: 'Patient',
  front_desk: 'Front desk',
  practitioner: 'Practitioner',
  clinic_admin: 'Clinic admin',
};

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** Answer of login, verify-email, sign-in-link/complete and invitations/accept. */
export const signedInSchema = z.object({ user: userSchema, csrfToken: z.string() });
export type SignedIn = z.infer<typeof signedInSchema>;

export const membershipSchema = z.object({ clinicId: z.string(), clinicName: z.string(), role: roleSchema });
export type Membership = z.infer<typeof membershipSchema>;

/** GET /auth/session and POST /auth/session/clinic. */
export const sessionViewSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
  clinic: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  role: roleSchema,
  memberships: z.array(membershipSchema),
  /** Whether this person has an authenticator set up. */
  mfaEnrolled: z.boolean(),
  /** This session may only set up the authenticator (staff in production without one). */
  mfaPending: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const signupStatusSchema = z.object({ status: z.literal('verification_sent') });

export const sessionSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionSummarySchema) });

export const totpEnrolmentSchema = z.object({ otpauthUrl: z.string(), qrSvg: z.string(), secret: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
/** The session id changes at confirmation: the new CSRF token comes with the codes. */
export const totpConfirmedSchema = z.object({ recoveryCodes: z.array(z.string()), csrfToken: z.string() });

export const API_TOKEN_SCOPES = ['read', 'write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const apiTokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenSummary = z.infer<typeof apiTokenSummarySchema>;
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSummarySchema) });
export const createdApiTokenSchema = z.object({ id: z.string(), token: z.string() });

export const staffMemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  title: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
  mfaEnrolled: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
export const staffListSchema = z.object({ staff: z.array(staffMemberSchema) });

export const patientSummarySchema = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;
export const patientListSchema = z.object({ patients: z.array(patientSummarySchema) });

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** The actions docs/identity.md lists; the server may record more, which show as they are. */
export const AUDIT_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'login',
  'login_failed',
  'logout',
  'mfa_failed',
  'mfa_enrolled',
  'password_changed',
  'password_reset',
  'access_denied',
  'session_revoked',
  'role_changed',
  'staff_invited',
  'staff_deactivated',
  'invitation_accepted',
  'review',
  'policy_changed',
  'policy_loosened',
  'publish',
  'schedule',
  'unpublish',
  'comment_approved',
  'comment_rejected',
  'comment_marked_spam',
  'comment_edited',
  'comment_replied',
  'comment_deleted',
  'comment_deleted_by_author',
  'comments_closed',
  'comments_opened',
  'commenter_blocked',
  'comment_block_added',
  'comment_block_removed',
  'comment_settings_changed',
] as const;

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  outcome: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditPageSchema = z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() });

export const accessLogEventSchema = z.object({
  occurredAt: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
});
export type AccessLogEvent = z.infer<typeof accessLogEventSchema>;
export const accessLogSchema = z.object({ events: z.array(accessLogEventSchema) });

/** Problem codes the identity routes answer with, that screens act on. */
export const problemCodes = {
  invalidCredentials: 'invalid_credentials',
  invalidCurrentPassword: 'invalid_current_password',
  invalidMfaCode: 'invalid_mfa_code',
  invalidToken: 'invalid_token',
  weakPassword: 'weak_password',
  mfaAlreadyEnrolled: 'mfa_already_enrolled',
  mfaRequired: 'mfa_required',
  mfaEnrolmentRequired: 'mfa_enrolment_required',
  emailNotVerified: 'email_not_verified',
  rateLimited: 'rate_limited',
  csrfFailed: 'csrf_failed',
  validationFailed: 'validation_failed',
  unauthorized: 'unauthorized',
} as const;
