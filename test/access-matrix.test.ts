// The route × role matrix. Every route the app registers must appear in the
// table below with the answer each kind of caller gets: anonymous, patient,
// front desk, practitioner, clinic admin. The test then calls every route as
// each of them and compares. A new route without a row fails; a row for a
// route that is gone fails; a loosened or tightened policy fails.
//
// Cells are status classes: '2xx', '3xx', or an exact code. For routes where a
// harmless request cannot succeed (changing a password, signing up) the sample
// is an invalid body, and '400' proves the caller got past the access check.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webBuildDir } from '../src/web/app-plugin.ts';
import type { RegisteredRoute } from '../src/server/plugins/route-contracts.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, sameOrigin, type Agent } from './support/auth.ts';
import { createStaff, demoClinic, demoIds } from './support/factories.ts';

const CALLERS = ['anonymous', 'patient', 'front_desk', 'practitioner', 'clinic_admin'] as const;
type Caller = (typeof CALLERS)[number];
type Cell = '2xx' | '3xx' | '400' | '401' | '403' | '404' | '503';
type Cells = Record<Caller, Cell>;

function row(anonymous: Cell, patient: Cell, frontDesk: Cell, practitioner: Cell, clinicAdmin: Cell): Cells {
  return { anonymous, patient, front_desk: frontDesk, practitioner, clinic_admin: clinicAdmin };
}

// The usual shapes, named for reading; any row may spell out its own cells.
const EVERYONE = row('2xx', '2xx', '2xx', '2xx', '2xx');
const SIGNED_IN = row('401', '2xx', '2xx', '2xx', '2xx');
const PATIENT_ONLY = row('401', '2xx', '403', '403', '403');
const STAFF_ONLY = row('401', '403', '2xx', '2xx', '2xx');
const ADMIN_ONLY = row('401', '403', '403', '403', '2xx');
/** Public, sample body invalid: everyone reaches validation. */
const PUBLIC_INVALID_BODY = row('400', '400', '400', '400', '400');
/** Signed in, sample body invalid. */
const SIGNED_IN_INVALID_BODY = row('401', '400', '400', '400', '400');
const STAFF_INVALID_BODY = row('401', '403', '400', '400', '400');
const CLINICAL_ONLY = row('401', '403', '403', '2xx', '2xx');
const CLINICAL_INVALID_BODY = row('401', '403', '403', '400', '400');
const CLINICAL_UNKNOWN_ID = row('401', '403', '403', '404', '404');
/** Public, but the sample names nothing that exists: everyone gets the same 404. */
const NOWHERE = row('404', '404', '404', '404', '404');

interface Fixtures {
  patientId: string;
  messageId: string;
  clinicId: string;
  /** A staff member the admin may change, deactivate and sign out. */
  expendableStaffId: string;
}

interface Sample {
  url?: string;
  payload?: Record<string, unknown>;
}

interface Declared {
  cells: Cells;
  /** The request to make; without one, the route's own URL with no body. */
  sample?: (fixtures: Fixtures) => Sample;
}

const UNKNOWN_ID = '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11';
const appBuilt = existsSync(path.join(webBuildDir, 'index.html'));
/** Without a build, /app answers 503 with a page that says so. */
const APP_SHELL = appBuilt ? EVERYONE : row('503', '503', '503', '503', '503');

/** Every registered route, by "METHOD url". HEAD routes Fastify adds for GET routes follow their GET row. */
const MATRIX: Record<string, Declared> = {
  // Infrastructure
  'GET /healthz': { cells: EVERYONE },
  'GET /readyz': { cells: EVERYONE },
  'GET /metrics': { cells: EVERYONE },
  'GET /api/openapi.json': { cells: EVERYONE },
  'GET /api/docs': { cells: EVERYONE },
  'GET /api/docs/json': { cells: EVERYONE },
  'GET /api/docs/yaml': { cells: EVERYONE },
  'GET /api/docs/static/index.html': { cells: row('3xx', '3xx', '3xx', '3xx', '3xx') },
  'GET /api/docs/static/swagger-initializer.js': { cells: EVERYONE },
  'GET /api/docs/static/*': { cells: EVERYONE, sample: () => ({ url: '/api/docs/static/swagger-ui.css' }) },

  // Public site
  'GET /': { cells: EVERYONE },
  'GET /treatments': { cells: EVERYONE },
  'GET /treatments/:slug': { cells: EVERYONE, sample: () => ({ url: '/treatments/acne-scars' }) },
  'GET /about': { cells: EVERYONE },
  'GET /static/site.css': { cells: EVERYONE },
  'GET /favicon.svg': { cells: EVERYONE },
  'GET /app': { cells: APP_SHELL },
  'GET /app/*': { cells: APP_SHELL, sample: () => ({ url: '/app/staff' }) },
  'GET /api/v1/clinic': { cells: EVERYONE },

  // Articles on the public site, feeds and search-engine files
  'GET /articles': { cells: EVERYONE },
  'GET /articles/category/:slug': { cells: EVERYONE, sample: () => ({ url: '/articles/category/basics' }) },
  'GET /articles/tag/:tag': {
    cells: row('404', '404', '404', '404', '404'),
    sample: () => ({ url: '/articles/tag/no-such-tag' }),
  },
  'GET /articles/:slug': {
    cells: row('404', '404', '404', '404', '404'),
    sample: () => ({ url: '/articles/no-such-article' }),
  },
  'GET /authors/:slug': { cells: EVERYONE, sample: () => ({ url: '/authors/maya-okafor' }) },
  'GET /search': { cells: EVERYONE, sample: () => ({ url: '/search?q=collagen' }) },
  'GET /feed.xml': { cells: EVERYONE },
  'GET /atom.xml': { cells: EVERYONE },
  'GET /sitemap.xml': { cells: EVERYONE },
  'GET /robots.txt': { cells: EVERYONE },

  // Plan my treatment (public wizard) and the self-assessment API
  'GET /plan': { cells: EVERYONE },
  'POST /plan': { cells: EVERYONE },
  'GET /plan/print': { cells: row('3xx', '3xx', '3xx', '3xx', '3xx') },
  'POST /plan/print': { cells: row('3xx', '3xx', '3xx', '3xx', '3xx') },
  'POST /plan/pdf': { cells: row('3xx', '3xx', '3xx', '3xx', '3xx') },
  'GET /static/plan.js': { cells: EVERYONE },
  'GET /api/v1/assessment/questionnaire': {
    cells: EVERYONE,
    sample: () => ({ url: '/api/v1/assessment/questionnaire?concerns=acne_scars&areas=cheeks' }),
  },
  'GET /api/v1/assessments/questions': {
    cells: EVERYONE,
    sample: () => ({ url: '/api/v1/assessments/questions?concerns=acne_scars&areas=cheeks' }),
  },
  'POST /api/v1/assessments': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'GET /api/v1/assessments': { cells: row('401', '403', '403', '2xx', '2xx') },
  'GET /api/v1/assessments/:id': {
    cells: row('401', '404', '403', '404', '404'),
    sample: () => ({ url: `/api/v1/assessments/${UNKNOWN_ID}` }),
  },
  'POST /api/v1/assessments/:id/reviews': {
    cells: row('401', '403', '403', '400', '400'),
    sample: () => ({ url: `/api/v1/assessments/${UNKNOWN_ID}/reviews`, payload: {} }),
  },
  'GET /api/v1/clinic/policy': { cells: ADMIN_ONLY },
  'PUT /api/v1/clinic/policy': { cells: ADMIN_ONLY, sample: () => ({ payload: {} }) },

  // Demo mailbox (staff, while the demo runs)
  'GET /api/v1/demo/mailbox': { cells: STAFF_ONLY },
  'GET /api/v1/demo/mailbox/:id': {
    cells: STAFF_ONLY,
    sample: (f) => ({ url: `/api/v1/demo/mailbox/${f.messageId}` }),
  },
  'POST /api/v1/demo/mailbox/test-message': { cells: STAFF_ONLY, sample: () => ({ payload: {} }) },

  // Accounts and sessions
  'POST /api/v1/auth/login': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/signup': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/verify-email': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/password-reset/request': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/password-reset/complete': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/sign-in-link/request': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/sign-in-link/complete': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/invitations/accept': { cells: PUBLIC_INVALID_BODY, sample: () => ({ payload: {} }) },
  'GET /api/v1/auth/session': { cells: SIGNED_IN },
  'POST /api/v1/auth/logout': { cells: SIGNED_IN },
  'POST /api/v1/auth/logout-everywhere': { cells: SIGNED_IN },
  'POST /api/v1/auth/session/clinic': { cells: SIGNED_IN, sample: (f) => ({ payload: { clinicId: f.clinicId } }) },
  'GET /api/v1/auth/sessions': { cells: SIGNED_IN },
  'DELETE /api/v1/auth/sessions/:id': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/auth/sessions/${UNKNOWN_ID}` }),
  },
  'POST /api/v1/auth/password': { cells: SIGNED_IN_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/auth/mfa/totp/enrol': { cells: STAFF_ONLY },
  'POST /api/v1/auth/mfa/totp/confirm': { cells: STAFF_INVALID_BODY, sample: () => ({ payload: {} }) },
  'GET /api/v1/auth/api-tokens': { cells: SIGNED_IN },
  'POST /api/v1/auth/api-tokens': { cells: SIGNED_IN_INVALID_BODY, sample: () => ({ payload: {} }) },
  'DELETE /api/v1/auth/api-tokens/:id': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/auth/api-tokens/${UNKNOWN_ID}` }),
  },

  // Staff management
  'GET /api/v1/staff': { cells: ADMIN_ONLY },
  'POST /api/v1/staff/invitations': {
    cells: ADMIN_ONLY,
    sample: () => ({ payload: { email: 'matrix.invite@people.test', displayName: 'Matrix', role: 'front_desk' } }),
  },
  'PATCH /api/v1/staff/:userId': {
    cells: ADMIN_ONLY,
    sample: (f) => ({ url: `/api/v1/staff/${f.expendableStaffId}`, payload: { role: 'front_desk' } }),
  },
  'POST /api/v1/staff/:userId/deactivate': {
    cells: ADMIN_ONLY,
    sample: (f) => ({ url: `/api/v1/staff/${f.expendableStaffId}/deactivate` }),
  },
  'POST /api/v1/staff/:userId/sessions/revoke': {
    cells: ADMIN_ONLY,
    sample: (f) => ({ url: `/api/v1/staff/${f.expendableStaffId}/sessions/revoke` }),
  },

  // Patients
  'GET /api/v1/patients': { cells: STAFF_ONLY },
  'GET /api/v1/patients/:id': { cells: STAFF_ONLY, sample: (f) => ({ url: `/api/v1/patients/${f.patientId}` }) },
  'GET /api/v1/me/patient': { cells: PATIENT_ONLY },
  'GET /api/v1/me/access-log': { cells: PATIENT_ONLY },
  'GET /api/v1/me/assessments': { cells: PATIENT_ONLY },
  'POST /api/v1/me/assessments/claims': {
    cells: row('401', '400', '403', '403', '403'),
    sample: () => ({ payload: {} }),
  },

  // Audit log
  'GET /api/v1/audit-events': { cells: ADMIN_ONLY },
  'GET /api/v1/audit-events.csv': { cells: ADMIN_ONLY },

  // Article editor and images (practitioners and clinic admins)
  'GET /api/v1/articles': { cells: CLINICAL_ONLY },
  'POST /api/v1/articles': { cells: CLINICAL_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/articles/preview': { cells: CLINICAL_ONLY, sample: () => ({ payload: { bodyMarkdown: '## Hi' } }) },
  'GET /api/v1/articles/:articleId': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}` }),
  },
  'PUT /api/v1/articles/:articleId': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}`, payload: { version: 1 } }),
  },
  'DELETE /api/v1/articles/:articleId': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}` }),
  },
  'GET /api/v1/articles/:articleId/revisions': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}/revisions` }),
  },
  'GET /api/v1/articles/:articleId/revisions/:version': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}/revisions/1` }),
  },
  'POST /api/v1/articles/:articleId/publish': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}/publish`, payload: {} }),
  },
  'POST /api/v1/articles/:articleId/unpublish': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}/unpublish` }),
  },
  'GET /api/v1/article-categories': { cells: CLINICAL_ONLY },
  'GET /api/v1/article-services': { cells: CLINICAL_ONLY },
  'GET /api/v1/authors': { cells: CLINICAL_ONLY },
  'PUT /api/v1/authors/me': { cells: CLINICAL_INVALID_BODY, sample: () => ({ payload: {} }) },
  // Without a file (and without alt text) the upload is refused at validation.
  'POST /api/v1/images': { cells: CLINICAL_INVALID_BODY },
  'GET /media/:imageId.webp': {
    cells: row('404', '404', '404', '404', '404'),
    sample: () => ({ url: `/media/${UNKNOWN_ID}.webp` }),
  },

  // Comments: the public form and emailed links (HTML), the public thread, moderation
  'POST /articles/:slug/comments': { cells: NOWHERE, sample: () => ({ url: '/articles/no-such-article/comments' }) },
  'GET /comments/verify/:token': { cells: NOWHERE, sample: () => ({ url: '/comments/verify/not-a-token' }) },
  'POST /comments/verify/:token': { cells: NOWHERE, sample: () => ({ url: '/comments/verify/not-a-token' }) },
  'GET /comments/unsubscribe/:token': { cells: NOWHERE, sample: () => ({ url: '/comments/unsubscribe/not-a-token' }) },
  'POST /comments/unsubscribe/:token': { cells: NOWHERE, sample: () => ({ url: '/comments/unsubscribe/not-a-token' }) },
  'GET /comments/manage/:token': { cells: NOWHERE, sample: () => ({ url: '/comments/manage/not-a-token' }) },
  'POST /comments/manage/:token': { cells: NOWHERE, sample: () => ({ url: '/comments/manage/not-a-token' }) },
  'GET /api/v1/articles/:articleId/comments': {
    cells: NOWHERE,
    sample: () => ({ url: `/api/v1/articles/${UNKNOWN_ID}/comments` }),
  },
  'GET /api/v1/comments': { cells: CLINICAL_ONLY },
  'POST /api/v1/comments/:id/approve': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}/approve` }),
  },
  'POST /api/v1/comments/:id/reject': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}/reject` }),
  },
  'POST /api/v1/comments/:id/spam': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}/spam` }),
  },
  'PATCH /api/v1/comments/:id': {
    cells: CLINICAL_INVALID_BODY,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}`, payload: {} }),
  },
  'DELETE /api/v1/comments/:id': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}` }),
  },
  'POST /api/v1/comments/:id/replies': {
    cells: CLINICAL_INVALID_BODY,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}/replies`, payload: {} }),
  },
  'POST /api/v1/comments/:id/block': {
    cells: CLINICAL_INVALID_BODY,
    sample: () => ({ url: `/api/v1/comments/${UNKNOWN_ID}/block`, payload: {} }),
  },
  'PUT /api/v1/comments/articles/:articleId': {
    cells: CLINICAL_INVALID_BODY,
    sample: () => ({ url: `/api/v1/comments/articles/${UNKNOWN_ID}`, payload: {} }),
  },
  'GET /api/v1/comments/blocklist': { cells: CLINICAL_ONLY },

  // Scheduling set-up (src/server/features/scheduling-admin)
  'GET /api/v1/calendar/resources': { cells: STAFF_ONLY },
  'GET /api/v1/practitioners': { cells: STAFF_ONLY },
  'GET /api/v1/service-settings': { cells: STAFF_ONLY },
  'GET /api/v1/practitioners/:userId/working-hours': {
    cells: row('401', '403', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/practitioners/${UNKNOWN_ID}/working-hours` }),
  },
  'PUT /api/v1/practitioners/:userId/working-hours': {
    cells: CLINICAL_INVALID_BODY,
    sample: () => ({ url: `/api/v1/practitioners/${UNKNOWN_ID}/working-hours`, payload: {} }),
  },
  'GET /api/v1/time-blocks': {
    cells: STAFF_ONLY,
    sample: () => ({ url: '/api/v1/time-blocks?from=2026-03-09T00:00:00-04:00&to=2026-03-10T00:00:00-04:00' }),
  },
  'POST /api/v1/time-blocks': { cells: STAFF_INVALID_BODY, sample: () => ({ payload: {} }) },
  'DELETE /api/v1/time-blocks/:id': {
    cells: row('401', '403', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/time-blocks/${UNKNOWN_ID}` }),
  },
  'GET /api/v1/booking-rules': { cells: ADMIN_ONLY },
  'PUT /api/v1/booking-rules': { cells: row('401', '403', '403', '403', '400'), sample: () => ({ payload: {} }) },
  'PATCH /api/v1/services/:id': {
    cells: row('401', '403', '403', '403', '400'),
    sample: () => ({ url: `/api/v1/services/${UNKNOWN_ID}`, payload: {} }),
  },
  'GET /api/v1/services/:id/settings': {
    cells: row('401', '403', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/services/${UNKNOWN_ID}/settings` }),
  },
  'GET /api/v1/holidays': { cells: STAFF_ONLY },
  'POST /api/v1/holidays': { cells: row('401', '403', '403', '403', '400'), sample: () => ({ payload: {} }) },
  'DELETE /api/v1/holidays/:day': {
    cells: row('401', '403', '403', '403', '404'),
    sample: () => ({ url: '/api/v1/holidays/2031-01-01' }),
  },
  'GET /api/v1/waitlist': { cells: STAFF_ONLY },
  'POST /api/v1/waitlist': { cells: STAFF_INVALID_BODY, sample: () => ({ payload: {} }) },
  'GET /api/v1/waitlist/offers': {
    cells: row('401', '403', '404', '404', '404'),
    sample: () => ({
      url: `/api/v1/waitlist/offers?start=2026-03-09T09:00:00-04:00&practitionerId=${UNKNOWN_ID}&serviceId=${UNKNOWN_ID}`,
    }),
  },
  'POST /api/v1/waitlist/:entryId/offers': {
    cells: STAFF_INVALID_BODY,
    sample: () => ({ url: `/api/v1/waitlist/${UNKNOWN_ID}/offers`, payload: {} }),
  },
  'DELETE /api/v1/waitlist/:entryId': {
    cells: row('401', '403', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/waitlist/${UNKNOWN_ID}` }),
  },
  'GET /api/v1/me/waitlist-offers': { cells: PATIENT_ONLY },
  'POST /api/v1/holds': { cells: SIGNED_IN_INVALID_BODY, sample: () => ({ payload: {} }) },
  'DELETE /api/v1/holds/:holdId': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/holds/${UNKNOWN_ID}` }),
  },
  // Booking API (src/server/features/scheduling)
  'GET /api/v1/services': { cells: EVERYONE },
  'GET /api/v1/availability': {
    cells: NOWHERE,
    sample: () => ({
      url: `/api/v1/availability?serviceId=${UNKNOWN_ID}&from=2031-03-10T00:00:00-04:00&to=2031-03-11T00:00:00-04:00`,
    }),
  },
  'GET /api/v1/bookings': {
    cells: SIGNED_IN,
    sample: () => ({ url: '/api/v1/bookings?from=2031-03-10T00:00:00-04:00&to=2031-03-11T00:00:00-04:00' }),
  },
  'POST /api/v1/bookings': { cells: SIGNED_IN_INVALID_BODY, sample: () => ({ payload: {} }) },
  'GET /api/v1/bookings/:bookingId': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/bookings/${UNKNOWN_ID}` }),
  },
  'PATCH /api/v1/bookings/:bookingId': {
    cells: SIGNED_IN_INVALID_BODY,
    sample: () => ({ url: `/api/v1/bookings/${UNKNOWN_ID}`, payload: {} }),
  },
  'POST /api/v1/bookings/:bookingId/cancel': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/bookings/${UNKNOWN_ID}/cancel` }),
  },
  'POST /api/v1/bookings/:bookingId/check-ins': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/bookings/${UNKNOWN_ID}/check-ins`, payload: {} }),
  },
  'POST /api/v1/series/proposals': { cells: SIGNED_IN_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/series': { cells: SIGNED_IN_INVALID_BODY, sample: () => ({ payload: {} }) },
  'POST /api/v1/comments/blocklist': { cells: CLINICAL_INVALID_BODY, sample: () => ({ payload: {} }) },
  'DELETE /api/v1/comments/blocklist/:id': {
    cells: CLINICAL_UNKNOWN_ID,
    sample: () => ({ url: `/api/v1/comments/blocklist/${UNKNOWN_ID}` }),
  },
  // Calendar files and private feeds (src/server/features/calendar)
  'GET /api/v1/bookings/:id.ics': {
    cells: row('401', '404', '404', '404', '404'),
    sample: () => ({ url: `/api/v1/bookings/${UNKNOWN_ID}.ics` }),
  },
  'POST /api/v1/calendar-feeds': { cells: row('401', '2xx', '403', '2xx', '403') },
  'GET /api/v1/calendar-feeds': { cells: row('401', '2xx', '403', '2xx', '403') },
  'DELETE /api/v1/calendar-feeds/:id': {
    cells: row('401', '404', '403', '404', '403'),
    sample: () => ({ url: `/api/v1/calendar-feeds/${UNKNOWN_ID}` }),
  },
  'GET /calendar/:token.ics': { cells: NOWHERE, sample: () => ({ url: '/calendar/not-a-token.ics' }) },
  'GET /api/v1/comments/settings': { cells: ADMIN_ONLY },
  'PUT /api/v1/comments/settings': { cells: row('401', '403', '403', '403', '400'), sample: () => ({ payload: {} }) },
};

/**
 * Files of the browser-app build get one route each, named by a content hash
 * that changes with every build; they are declared as a group.
 */
function isBuiltAppFile(route: RegisteredRoute): boolean {
  return /^\/app\/.+\.[a-z0-9]+$/i.test(route.url) && !route.url.includes('*');
}

/** The row that covers a registered route, or undefined when none does. */
function declaredFor(route: RegisteredRoute, matrix: Record<string, Declared> = MATRIX): Declared | undefined {
  const own = matrix[`${route.method} ${route.url}`];
  if (own !== undefined) return own;
  if (route.method === 'HEAD') return declaredFor({ ...route, method: 'GET' }, matrix);
  if (isBuiltAppFile(route) && route.method === 'GET') return { cells: EVERYONE };
  return undefined;
}

function statusClass(status: number): string {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  return String(status);
}

let t: TestApp;
let fixtures: Fixtures;
const demoLogins: Record<Exclude<Caller, 'anonymous'>, string> = {
  patient: 'patient1@demo.puncta.test',
  front_desk: 'frontdesk@demo.puncta.test',
  practitioner: 'practitioner1@demo.puncta.test',
  clinic_admin: 'admin@demo.puncta.test',
};

beforeAll(async () => {
  t = await createTestApp();
  const { clinicId } = await demoClinic(t.database);
  const ids = await demoIds(t.database);
  const expendable = await createStaff(t.database, { clinicId, role: 'practitioner' });
  const { id: messageId } = await t.app.services.mailer.send({
    clinicId,
    to: 'patient1@demo.puncta.test',
    subject: 'Matrix',
    text: 'A message to read.',
  });
  fixtures = {
    patientId: ids.patientIdOf('patient1@demo.puncta.test'),
    messageId,
    clinicId,
    expendableStaffId: expendable.userId,
  };
});
afterAll(async () => {
  await t?.close();
});

describe('route × role matrix', () => {
  it('declares every registered route, and only those', () => {
    const routes = t.app.registeredRoutes;
    const undeclared = routes.filter((route) => declaredFor(route) === undefined);
    expect(undeclared, 'routes without a row in MATRIX').toEqual([]);
    const registered = new Set(routes.map((route) => `${route.method} ${route.url}`));
    expect(
      Object.keys(MATRIX).filter((key) => !registered.has(key)),
      'rows for routes that are not registered',
    ).toEqual([]);
  });

  it('notices a route nobody declared', () => {
    const invented: RegisteredRoute = { method: 'GET', url: '/api/v1/new-feature', access: 'signed_in' };
    expect(declaredFor(invented)).toBeUndefined();
    expect(declaredFor({ ...invented, method: 'HEAD' })).toBeUndefined();
  });

  it('answers each caller as declared, on every route', { timeout: 180_000 }, async () => {
    // One session per role for reads. A state-changing request gets a fresh one
    // and the role's next request signs in again: some of them (sign-out,
    // sign-out everywhere, clinic switch) end the sessions they touch.
    const sessions = new Map<Caller, Agent>();
    async function agentFor(caller: Exclude<Caller, 'anonymous'>, stateChanging: boolean): Promise<Agent> {
      const existing = sessions.get(caller);
      if (existing !== undefined && !stateChanging) return existing;
      const agent = await loginAs(t, demoLogins[caller]);
      if (stateChanging) sessions.delete(caller);
      else sessions.set(caller, agent);
      return agent;
    }

    const mismatches: string[] = [];
    for (const route of t.app.registeredRoutes) {
      const declared = declaredFor(route);
      if (declared === undefined) continue; // reported by the test above
      const sample = declared.sample?.(fixtures) ?? {};
      const request: InjectOptions = {
        method: route.method,
        url: sample.url ?? route.url,
        ...(sample.payload === undefined ? {} : { payload: sample.payload }),
      };
      const stateChanging = !['GET', 'HEAD'].includes(route.method);
      for (const caller of CALLERS) {
        const response =
          caller === 'anonymous'
            ? await t.app.inject({ ...request, headers: { origin: sameOrigin(t) } })
            : await (await agentFor(caller, stateChanging)).inject(request);
        const actual = statusClass(response.statusCode);
        const expected = declared.cells[caller];
        if (actual !== expected) {
          mismatches.push(`${route.method} ${route.url} as ${caller}: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
