// The identity endpoints (docs/identity.md), one function each.
import { requestJson } from './fetch-json.ts';
import {
  accessLogSchema,
  apiTokenListSchema,
  auditPageSchema,
  createdApiTokenSchema,
  patientListSchema,
  sessionListSchema,
  sessionViewSchema,
  signedInSchema,
  signupStatusSchema,
  staffListSchema,
  staffMemberSchema,
  totpConfirmedSchema,
  totpEnrolmentSchema,
  type ApiTokenScope,
  type StaffRole,
} from './identity-contract.ts';

const AUTH = '/api/v1/auth';

// Public forms: a 401 there is an answer about the form, not a lost session.
const publicForm = { method: 'POST', quietUnauthorized: true } as const;

export const identityApi = {
  session: (signal?: AbortSignal) =>
    requestJson(`${AUTH}/session`, sessionViewSchema, { signal, quietUnauthorized: true }),

  signup: (body: { email: string; password: string; displayName: string }) =>
    requestJson(`${AUTH}/signup`, signupStatusSchema, { ...publicForm, body }),

  verifyEmail: (token: string) =>
    requestJson(`${AUTH}/verify-email`, signedInSchema, { ...publicForm, body: { token } }),

  login: (body: { email: string; password: string; totp?: string; recoveryCode?: string }) =>
    requestJson(`${AUTH}/login`, signedInSchema, { ...publicForm, body }),

  logout: () => requestJson(`${AUTH}/logout`, undefined, { method: 'POST', quietUnauthorized: true }),

  logoutEverywhere: () => requestJson(`${AUTH}/logout-everywhere`, undefined, { method: 'POST' }),

  switchClinic: (clinicId: string) =>
    requestJson(`${AUTH}/session/clinic`, sessionViewSchema, { method: 'POST', body: { clinicId } }),

  requestPasswordReset: (email: string) =>
    requestJson(`${AUTH}/password-reset/request`, undefined, { ...publicForm, body: { email } }),

  completePasswordReset: (token: string, password: string) =>
    requestJson(`${AUTH}/password-reset/complete`, undefined, { ...publicForm, body: { token, password } }),

  requestSignInLink: (email: string) =>
    requestJson(`${AUTH}/sign-in-link/request`, undefined, { ...publicForm, body: { email } }),

  completeSignInLink: (body: { token: string; totp?: string; recoveryCode?: string }) =>
    requestJson(`${AUTH}/sign-in-link/complete`, signedInSchema, { ...publicForm, body }),

  acceptInvitation: (body: { token: string; password: string; displayName: string }) =>
    requestJson(`${AUTH}/invitations/accept`, signedInSchema, { ...publicForm, body }),

  changePassword: (currentPassword: string, newPassword: string) =>
    requestJson(`${AUTH}/password`, undefined, { method: 'POST', body: { currentPassword, newPassword } }),

  sessions: (signal?: AbortSignal) => requestJson(`${AUTH}/sessions`, sessionListSchema, { signal }),

  endSession: (id: string) =>
    requestJson(`${AUTH}/sessions/${encodeURIComponent(id)}`, undefined, { method: 'DELETE' }),

  enrolTotp: () => requestJson(`${AUTH}/mfa/totp/enrol`, totpEnrolmentSchema, { method: 'POST' }),

  confirmTotp: (code: string) =>
    requestJson(`${AUTH}/mfa/totp/confirm`, totpConfirmedSchema, { method: 'POST', body: { code } }),

  apiTokens: (signal?: AbortSignal) => requestJson(`${AUTH}/api-tokens`, apiTokenListSchema, { signal }),

  createApiToken: (body: { name: string; scopes: ApiTokenScope[]; expiresInDays?: number }) =>
    requestJson(`${AUTH}/api-tokens`, createdApiTokenSchema, { method: 'POST', body }),

  revokeApiToken: (id: string) =>
    requestJson(`${AUTH}/api-tokens/${encodeURIComponent(id)}`, undefined, { method: 'DELETE' }),
};

export const STAFF_URL = '/api/v1/staff';
export const PATIENTS_URL = '/api/v1/patients';
export const ACCESS_LOG_URL = '/api/v1/me/access-log';
export const AUDIT_EVENTS_URL = '/api/v1/audit-events';
export const AUDIT_EVENTS_CSV_URL = '/api/v1/audit-events.csv';

export const staffApi = {
  list: (signal?: AbortSignal) => requestJson(STAFF_URL, staffListSchema, { signal }),
  invite: (body: { email: string; displayName: string; role: StaffRole }) =>
    requestJson(`${STAFF_URL}/invitations`, undefined, { method: 'POST', body }),
  changeRole: (userId: string, role: StaffRole) =>
    requestJson(`${STAFF_URL}/${encodeURIComponent(userId)}`, staffMemberSchema, { method: 'PATCH', body: { role } }),
  deactivate: (userId: string) =>
    requestJson(`${STAFF_URL}/${encodeURIComponent(userId)}/deactivate`, staffMemberSchema, { method: 'POST' }),
  endSessions: (userId: string) =>
    requestJson(`${STAFF_URL}/${encodeURIComponent(userId)}/sessions/revoke`, undefined, { method: 'POST' }),
};

export const patientsApi = {
  list: (signal?: AbortSignal) => requestJson(PATIENTS_URL, patientListSchema, { signal }),
};

export const accessLogApi = {
  mine: (signal?: AbortSignal) => requestJson(ACCESS_LOG_URL, accessLogSchema, { signal }),
};

export interface AuditFilters {
  patientId?: string;
  userId?: string;
  action?: string;
  /** yyyy-mm-dd, the first day included */
  from?: string;
  /** yyyy-mm-dd, the last day included */
  to?: string;
}

/** Query string for the audit list and its CSV export; empty filters are left out. */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export const auditApi = {
  page: (filters: AuditFilters, cursor: string | undefined, limit: number, signal?: AbortSignal) =>
    requestJson(
      `${AUDIT_EVENTS_URL}${auditQuery(filters, { limit: String(limit), ...(cursor === undefined ? {} : { cursor }) })}`,
      auditPageSchema,
      { signal },
    ),
};
