// Linking an assessment made before signing in to the patient's record (POST
// /api/v1/me/assessments/claims) and the patient's own list (GET /api/v1/me/assessments):
// the claim token is handed out once, only to anonymous submitters, stored only as a
// hash, and works once, for 30 days, in the clinic it was made in. Every way of
// getting it wrong is the same 404, changes nothing, and is audited.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAR_ANSWERS } from '../src/domain/clinical/examples.ts';
import type { AssessmentResponse } from '../src/domain/contracts/assessment.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { auditRows, loginAs, sameOrigin, type Agent } from './support/auth.ts';
import { createClinic, createPatient, createStaff, demoClinic, demoIds } from './support/factories.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let patient1: Agent;
let patient2: Agent;
let frontDesk: Agent;
let practitioner: Agent;
let admin: Agent;
let otherClinicStaff: Agent;

const CLAIMS = '/api/v1/me/assessments/claims';
const UNKNOWN_ID = '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11';

function body(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    birthDate: '1990-06-15',
    fitzpatrick: 2,
    concerns: ['acne_scars'],
    areas: ['cheeks'],
    answers: { ...CLEAR_ANSWERS },
    today: '2025-11-25',
    ...changes,
  };
}

async function submit(agent?: Agent, changes: Record<string, unknown> = {}): Promise<AssessmentResponse> {
  const options = {
    method: 'POST' as const,
    url: '/api/v1/assessments',
    headers: { origin: sameOrigin(t) },
    payload: body(changes),
  };
  const response = agent === undefined ? await t.app.inject(options) : await agent.inject(options);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<AssessmentResponse>();
}

function claim(agent: Agent, payload: Record<string, unknown>) {
  return agent.inject({ method: 'POST', url: CLAIMS, payload });
}

async function stored(id: string): Promise<{ patient_id: string | null; claim_token_hash: string | null }> {
  const { rows } = await t.database.executeSql('select patient_id, claim_token_hash from assessments where id = $1', [
    id,
  ]);
  return rows[0] as { patient_id: string | null; claim_token_hash: string | null };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  const other = await createClinic(t.database, { name: 'Elsewhere Skin' });
  const otherStaff = await createStaff(t.database, { clinicId: other.clinicId, role: 'practitioner' });
  [patient1, patient2, frontDesk, practitioner, admin, otherClinicStaff] = await Promise.all([
    loginAs(t, 'patient1@demo.puncta.test'),
    loginAs(t, 'patient2@demo.puncta.test'),
    loginAs(t, 'frontdesk@demo.puncta.test'),
    loginAs(t, 'practitioner1@demo.puncta.test'),
    loginAs(t, 'admin@demo.puncta.test'),
    loginAs(t, otherStaff.email),
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('the claim token', () => {
  it('is handed to an anonymous submitter once, and only its SHA-256 is stored', async () => {
    const result = await submit();
    expect(result.claimToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await stored(result.id);
    expect(row).toEqual({ patient_id: null, claim_token_hash: sha256(result.claimToken!) });
    // The token is nowhere in the logs.
    expect(t.logs.join('\n')).not.toContain(result.claimToken);
    // Two submissions, two different tokens.
    expect((await submit()).claimToken).not.toBe(result.claimToken);
  });

  it('is not given to a signed-in patient, whose assessment is theirs already', async () => {
    const result = await submit(patient1);
    expect(result).not.toHaveProperty('claimToken');
    expect(await stored(result.id)).toEqual({
      patient_id: ids.patientIdOf('patient1@demo.puncta.test'),
      claim_token_hash: null,
    });
  });
});

describe('POST /api/v1/me/assessments/claims', () => {
  it('links the assessment to the caller, forgets the token, and audits the change', async () => {
    const result = await submit();
    const response = await claim(patient1, { assessmentId: result.id, claimToken: result.claimToken });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ id: result.id, assessedOn: '2025-11-25', status: 'claimed' });
    const patientId = ids.patientIdOf('patient1@demo.puncta.test');
    expect(await stored(result.id)).toEqual({ patient_id: patientId, claim_token_hash: null });

    const updates = (await auditRows(t, 'update')).filter((row) => row.resource_id === result.id);
    expect(updates).toEqual([
      expect.objectContaining({
        resource_type: 'assessment',
        patient_id: patientId,
        user_id: ids.userIdOf('patient1@demo.puncta.test'),
        role: 'patient',
        outcome: 'allowed',
      }),
    ]);
    expect(JSON.stringify(updates)).not.toContain(result.claimToken);

    // Now it is in the patient's list, newest first, and theirs to open.
    const list = await patient1.inject({ method: 'GET', url: '/api/v1/me/assessments' });
    expect(list.statusCode).toBe(200);
    const { assessments } = list.json<{ assessments: Array<Record<string, unknown>> }>();
    expect(assessments[0]).toEqual({
      id: result.id,
      createdAt: expect.any(String) as unknown,
      assessedOn: '2025-11-25',
      overallDecision: 'proceed',
      concerns: ['acne_scars'],
      areas: ['cheeks'],
      reviewStatus: 'pending',
      latestReview: null,
    });
    const read = await patient1.inject({ method: 'GET', url: `/api/v1/assessments/${result.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: result.id, patientId });
    // Staff see it under the patient now.
    const staffList = (await practitioner.inject({ method: 'GET', url: '/api/v1/assessments' })).json<{
      assessments: Array<{ id: string; patient: { id: string } | null }>;
    }>();
    expect(staffList.assessments.find((item) => item.id === result.id)?.patient?.id).toBe(patientId);
  });

  it('answers a repeat by the same patient with 200, changing nothing', async () => {
    const result = await submit();
    const first = await claim(patient1, { assessmentId: result.id, claimToken: result.claimToken });
    expect(first.json()).toMatchObject({ status: 'claimed' });
    const updatesBefore = (await auditRows(t, 'update')).length;
    const again = await claim(patient1, { assessmentId: result.id, claimToken: result.claimToken });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: result.id, assessedOn: '2025-11-25', status: 'already_yours' });
    expect((await auditRows(t, 'update')).length).toBe(updatesBefore);
    expect((await stored(result.id)).patient_id).toBe(ids.patientIdOf('patient1@demo.puncta.test'));
  });

  it('answers one 404 for a wrong token, an unknown id, a replay by someone else, or another clinic, and changes nothing', async () => {
    const mine = await submit();
    const claimed = await submit();
    expect((await claim(patient1, { assessmentId: claimed.id, claimToken: claimed.claimToken })).statusCode).toBe(200);
    const signedIn = await submit(patient1);
    // Made in another clinic (through its staff; staff get no token, so give it one
    // as if a visitor of that clinic had made it).
    const madeElsewhere = (
      await otherClinicStaff.inject({ method: 'POST', url: '/api/v1/assessments', payload: body() })
    ).json<AssessmentResponse>();
    expect(madeElsewhere.claimToken).toBeUndefined();
    const elsewhere = { ...madeElsewhere, claimToken: 'B'.repeat(43) };
    await t.database.executeSql('update assessments set claim_token_hash = $1 where id = $2', [
      sha256(elsewhere.claimToken),
      elsewhere.id,
    ]);

    const wrongToken = 'A'.repeat(43);
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['a wrong token', { assessmentId: mine.id, claimToken: wrongToken }],
      ['another assessment’s token', { assessmentId: mine.id, claimToken: claimed.claimToken }],
      ['an unknown id', { assessmentId: UNKNOWN_ID, claimToken: mine.claimToken }],
      ['a replay of a claimed one by another patient', { assessmentId: claimed.id, claimToken: claimed.claimToken }],
      ['someone’s signed-in assessment', { assessmentId: signedIn.id, claimToken: wrongToken }],
      ['another clinic’s', { assessmentId: elsewhere.id, claimToken: elsewhere.claimToken }],
    ];
    const before = await Promise.all([mine, claimed, signedIn, elsewhere].map((item) => stored(item.id)));
    const bodies = new Set<string>();
    for (const [label, payload] of attempts) {
      const deniedBefore = (await auditRows(t, 'access_denied')).length;
      const response = await claim(patient2, payload);
      expect(response.statusCode, label).toBe(404);
      const { requestId: _requestId, ...problem } = response.json<Record<string, unknown>>();
      bodies.add(JSON.stringify(problem));
      const denied = await auditRows(t, 'access_denied');
      expect(denied.length, label).toBe(deniedBefore + 1);
      expect(denied.at(-1), label).toMatchObject({
        resource_type: 'assessment',
        resource_id: payload.assessmentId,
        user_id: ids.userIdOf('patient2@demo.puncta.test'),
        outcome: 'denied',
        patient_id: null,
      });
    }
    // The same answer every time: nothing tells which check failed.
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toMatch(/token|expired|claimed|clinic/i);
    const after = await Promise.all([mine, claimed, signedIn, elsewhere].map((item) => stored(item.id)));
    expect(after).toEqual(before);
    // And the rightful owner of the first one can still claim it.
    expect((await claim(patient1, { assessmentId: mine.id, claimToken: mine.claimToken })).statusCode).toBe(200);
  });

  it('works for 30 days after the assessment, not after', async () => {
    const fresh = await submit();
    const old = await submit();
    await t.database.executeSql("update assessments set created_at = now() - interval '29 days' where id = $1", [
      fresh.id,
    ]);
    await t.database.executeSql("update assessments set created_at = now() - interval '31 days' where id = $1", [
      old.id,
    ]);
    const expired = await claim(patient2, { assessmentId: old.id, claimToken: old.claimToken });
    expect(expired.statusCode).toBe(404);
    expect(await stored(old.id)).toEqual({ patient_id: null, claim_token_hash: sha256(old.claimToken!) });
    expect((await claim(patient2, { assessmentId: fresh.id, claimToken: fresh.claimToken })).statusCode).toBe(200);
  });

  it('is for patients: staff get 403, anonymous callers 401', async () => {
    const result = await submit();
    const payload = { assessmentId: result.id, claimToken: result.claimToken };
    for (const agent of [frontDesk, practitioner, admin]) {
      expect((await claim(agent, payload)).statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: CLAIMS,
      headers: { origin: sameOrigin(t) },
      payload,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await stored(result.id)).toEqual({ patient_id: null, claim_token_hash: sha256(result.claimToken!) });
  });

  it('answers 400 for a malformed body, naming the field, and changes nothing', async () => {
    const result = await submit();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ assessmentId: result.id }, 'claimToken'],
      [{ claimToken: result.claimToken }, 'assessmentId'],
      [{ assessmentId: 'not-a-uuid', claimToken: result.claimToken }, 'assessmentId'],
      [{ assessmentId: result.id, claimToken: 'x'.repeat(101) }, 'claimToken'],
      [{ assessmentId: result.id, claimToken: result.claimToken, patientId: UNKNOWN_ID }, ''],
    ];
    for (const [payload, path] of cases) {
      const response = await claim(patient1, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const problem = response.json<{ code: string; errors: Array<{ path: string }> }>();
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((error) => error.path)).toContain(path);
      expect(response.body).not.toContain(result.claimToken);
    }
    expect((await stored(result.id)).patient_id).toBeNull();
  });

  it('refuses a foreign origin and a form post', async () => {
    const result = await submit();
    const foreign = await patient1.inject({
      method: 'POST',
      url: CLAIMS,
      headers: { origin: 'https://evil.example' },
      payload: { assessmentId: result.id, claimToken: result.claimToken },
    });
    expect(foreign.statusCode).toBe(403);
    const form = await patient1.inject({
      method: 'POST',
      url: CLAIMS,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `assessmentId=${result.id}&claimToken=${result.claimToken}`,
    });
    expect(form.statusCode).toBe(415);
    expect((await stored(result.id)).patient_id).toBeNull();
  });

  it('stops guessing after 20 failed claims an hour; successes do not count', async () => {
    const { clinicId } = await demoClinic(t.database);
    const guesser = await createPatient(t.database, { clinicId, withAccount: true, givenName: 'Guesser' });
    const agent = await loginAs(t, guesser.user!.email);
    const good = await submit();
    const goodToo = await submit();
    // A success first: taken back from the count.
    expect((await claim(agent, { assessmentId: good.id, claimToken: good.claimToken })).statusCode).toBe(200);
    for (let attempt = 1; attempt <= 20; attempt++) {
      const response = await claim(agent, { assessmentId: UNKNOWN_ID, claimToken: `guess-${attempt}-xxxxxxxxxxxx` });
      expect(response.statusCode, `attempt ${attempt}`).toBe(404);
    }
    const blocked = await claim(agent, { assessmentId: goodToo.id, claimToken: goodToo.claimToken });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await stored(goodToo.id)).patient_id).toBeNull();
    // Another patient is not held up by it.
    expect((await claim(patient2, { assessmentId: goodToo.id, claimToken: goodToo.claimToken })).statusCode).toBe(200);
  });
});

describe('the /plan wizard', () => {
  const fields: Array<[string, string]> = [
    ['step', 'health'],
    ['go', 'next'],
    ['concerns', 'acne_scars'],
    ['areas', 'cheeks'],
    ['fitzpatrick', '2'],
    ['birthDate', '1990-06-15'],
    ['a_pregnant_or_breastfeeding', 'no'],
    ['a_isotretinoin', 'never'],
    ['a_bleeding_disorder', 'no'],
    ['a_anticoagulants', 'no'],
    ['asked_skin_cancer_in_area', '1'],
  ];
  const postPlan = (headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/plan',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sameOrigin(t), ...headers },
      payload: fields.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&'),
    });

  it('puts the claim token only in the fragment of the links, which no server sees', async () => {
    const response = await postPlan();
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const save = /href="\/app\/sign-up\?assessment=([0-9a-f-]{36})#claim=([A-Za-z0-9_-]{43})"/.exec(response.body);
    expect(save, 'the "save to my account" link').not.toBeNull();
    const [, id, token] = save!;
    expect(response.body).toContain(`href="/app/book?assessment=${id}#claim=${token}"`);
    // Nowhere else on the page: not in a query string, a form field or the print form.
    expect(response.body.split(token!).length - 1).toBe(4);
    expect(response.body).not.toMatch(new RegExp(`[?&]claim(Token)?=${token}`));
    expect(await stored(id!)).toEqual({ patient_id: null, claim_token_hash: sha256(token!) });
    // And it works.
    expect((await claim(patient2, { assessmentId: id, claimToken: token })).statusCode).toBe(200);
  });

  it('gives a signed-in patient no token, and a link to the plan in their account', async () => {
    const response = await postPlan({ cookie: patient1.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('#claim=');
    expect(response.body).not.toContain('/app/sign-up?assessment=');
    const id = /href="\/app\/plan\/([0-9a-f-]{36})"/.exec(response.body)?.[1];
    expect(id).toBeDefined();
    expect(await stored(id!)).toEqual({
      patient_id: ids.patientIdOf('patient1@demo.puncta.test'),
      claim_token_hash: null,
    });
  });
});

describe('GET /api/v1/me/assessments', () => {
  it("lists only the caller's own, newest first, with the latest review and no notes", async () => {
    const older = await submit(patient2, { concerns: ['wrinkles'], areas: ['forehead'] });
    const newer = await submit(patient2, { concerns: ['pigmentation'], areas: ['cheeks'] });
    const someoneElses = await submit(patient1);
    const note = 'Private clinical note: seen in clinic, skin settled.';
    const reviewed = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/assessments/${older.id}/reviews`,
      payload: { decision: 'proceed_with_precautions', note },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);

    const response = await patient2.inject({ method: 'GET', url: '/api/v1/me/assessments' });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(note);
    const { assessments } = response.json<{
      assessments: Array<{ id: string; reviewStatus: string; latestReview: Record<string, unknown> | null }>;
    }>();
    const listed = assessments.map((item) => item.id);
    expect(listed).not.toContain(someoneElses.id);
    expect(listed.indexOf(newer.id)).toBeLessThan(listed.indexOf(older.id));
    const olderItem = assessments.find((item) => item.id === older.id);
    expect(olderItem).toMatchObject({
      reviewStatus: 'signed_off',
      latestReview: { decision: 'proceed_with_precautions', reviewerName: expect.any(String) as unknown },
    });
    expect(Object.keys(olderItem!.latestReview!).sort()).toEqual(['decision', 'reviewedAt', 'reviewerName']);
    expect(assessments.find((item) => item.id === newer.id)).toMatchObject({
      reviewStatus: 'pending',
      latestReview: null,
    });
    expect(response.body).not.toContain(ids.patientIdOf('patient1@demo.puncta.test'));

    // The read is on the patient's record.
    const reads = (await auditRows(t, 'read')).filter((row) => row.resource_type === 'assessment_list');
    expect(reads.at(-1)).toMatchObject({
      patient_id: ids.patientIdOf('patient2@demo.puncta.test'),
      user_id: ids.userIdOf('patient2@demo.puncta.test'),
      outcome: 'allowed',
    });
  });

  it('answers an empty list for a patient without assessments', async () => {
    const { clinicId } = await demoClinic(t.database);
    const newcomer = await createPatient(t.database, { clinicId, withAccount: true, givenName: 'Newcomer' });
    const agent = await loginAs(t, newcomer.user!.email);
    const response = await agent.inject({ method: 'GET', url: '/api/v1/me/assessments' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ assessments: [] });
  });

  it('is for patients only', async () => {
    for (const agent of [frontDesk, practitioner, admin]) {
      expect((await agent.inject({ method: 'GET', url: '/api/v1/me/assessments' })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/assessments' })).statusCode).toBe(401);
  });
});
