// Who is making a request. Resolved once per request (from the session cookie or
// a Bearer API token) before any handler runs; handlers take ids from here,
// never from the request body.

export const ROLES = ['patient', 'front_desk', 'practitioner', 'clinic_admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['front_desk', 'practitioner', 'clinic_admin'] as const satisfies readonly Role[];
/** Roles that may see clinical content (notes, photos, assessments). */
export const CLINICAL_ROLES = ['practitioner', 'clinic_admin'] as const satisfies readonly Role[];

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  /** The clinic this request acts in; every query is scoped to it. */
  clinicId: string;
  role: Role;
  /** The patient record of this user in this clinic, when role is patient. */
  patientId: string | null;
  via: 'session' | 'api_token';
  /** SHA-256 of the session token, when via session. */
  sessionIdHash: string | null;
  apiTokenId: string | null;
  /** API token scopes; null for sessions (full role rights). */
  scopes: string[] | null;
  mfaVerified: boolean;
}

export type Principal = AnonymousPrincipal | UserPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };

export function isStaff(principal: Principal): principal is UserPrincipal {
  return principal.kind === 'user' && principal.role !== 'patient';
}
