// Signing in from tests: loginAs() goes through the real POST /api/v1/auth/login
// and hands back an Agent whose inject() behaves like the browser app: session
// cookie, x-csrf-token and a same-origin Origin header on every request.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { TEST_DEMO_PASSWORD, type TestApp } from './app.ts';

export const SESSION_COOKIE = '__Host-puncta_session';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
}

export interface Agent {
  /** Like app.inject, with the session cookie, CSRF token and Origin added (caller's headers win). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  user: SignedInUser;
  csrfToken: string;
  /** `__Host-puncta_session=<token>`, ready for a Cookie header. */
  cookie: string;
}

export interface LoginOptions {
  password?: string;
  totp?: string;
  recoveryCode?: string;
}

/** The origin the app accepts state-changing browser requests from. */
export function sameOrigin(t: TestApp): string {
  return new URL(t.config.http.publicUrl).origin;
}

/** The session cookie a response set, as `name=value`; undefined when none (or it was cleared). */
export function sessionCookieFrom(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (cookie === undefined || cookie.value === '') return undefined;
  return `${SESSION_COOKIE}=${cookie.value}`;
}

/** An Agent for a session that already exists (after sign-up, a link, or a clinic switch). */
export function agentFor(t: TestApp, session: { cookie: string; csrfToken: string; user: SignedInUser }): Agent {
  const agent: Agent = {
    ...session,
    inject(options) {
      const headers = {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrfToken,
        origin: sameOrigin(t),
        ...(options.headers as Record<string, string> | undefined),
      };
      return t.app.inject({ ...options, headers });
    },
  };
  return agent;
}

/** Signs in through the API; throws with the problem body when sign-in does not succeed. */
export async function loginAs(t: TestApp, email: string, options: LoginOptions = {}): Promise<Agent> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: sameOrigin(t) },
    payload: {
      email,
      password: options.password ?? TEST_DEMO_PASSWORD,
      ...(options.totp === undefined ? {} : { totp: options.totp }),
      ...(options.recoveryCode === undefined ? {} : { recoveryCode: options.recoveryCode }),
    },
  });
  if (response.statusCode !== 200) {
    throw new Error(`loginAs(${email}) failed: ${response.statusCode} ${response.body}`);
  }
  const body = response.json<{ user: SignedInUser; csrfToken: string }>();
  const cookie = sessionCookieFrom(response);
  if (cookie === undefined) throw new Error(`loginAs(${email}): no session cookie was set`);
  return agentFor(t, { cookie, csrfToken: body.csrfToken, user: body.user });
}

/** The newest email to an address (from the outbox, where every message is written first). */
export async function latestMailTo(t: TestApp, to: string): Promise<{ subject: string; text: string } | undefined> {
  const { rows } = await t.database.executeSql(
    'select subject, text_body from outbox_messages where lower(to_address) = lower($1) order by created_at desc limit 1',
    [to],
  );
  const row = rows[0];
  return row === undefined ? undefined : { subject: String(row.subject), text: String(row.text_body) };
}

export async function mailCountTo(t: TestApp, to: string): Promise<number> {
  const { rows } = await t.database.executeSql(
    'select count(*)::int as n from outbox_messages where lower(to_address) = lower($1)',
    [to],
  );
  return Number(rows[0]?.n ?? 0);
}

/** The token of the /app/...?token= link in an email body. */
export function linkToken(text: string, page?: string): string {
  const match = new RegExp(`/app/${page ?? '[a-z-]+'}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (match?.[1] === undefined) throw new Error(`no ${page ?? ''} link in: ${text}`);
  return match[1];
}

export interface AuditRow {
  occurred_at: Date;
  user_id: string | null;
  role: string | null;
  clinic_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  patient_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  outcome: string;
}

/** Audit rows with this action, oldest first, optionally only those after a given row count mark. */
export async function auditRows(t: TestApp, action: string): Promise<AuditRow[]> {
  const { rows } = await t.database.executeSql(
    'select * from audit_events where action = $1 order by occurred_at, id',
    [action],
  );
  return rows as unknown as AuditRow[];
}
