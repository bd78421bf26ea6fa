// The staff side of assessments: the list, practitioner sign-off (append-only and
// audited), and the clinic's screening policy (audited; waits can only tighten).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAR_ANSWERS } from '../src/domain/clinical/examples.ts';
import type { AssessmentResponse } from '../src/domain/contracts/assessment.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { auditRows, loginAs, sameOrigin, type Agent } from './support/auth.ts';

let t: TestApp;
let frontDesk: Agent;
let practitioner: Agent;
let admin: Agent;
let patient: Agent;

async function submit(changes: Record<string, unknown> = {}): Promise<AssessmentResponse> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/assessments',
    headers: { origin: sameOrigin(t) },
    payload: {
      birthDate: '1990-06-15',
      fitzpatrick: 3,
      concerns: ['acne_scars'],
      areas: ['cheeks'],
      answers: { ...CLEAR_ANSWERS },
      today: '2025-11-25',
      ...changes,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json<AssessmentResponse>();
}

beforeAll(async () => {
  t = await createTestApp();
  [frontDesk, practitioner, admin, patient] = await Promise.all([
    loginAs(t, 'frontdesk@demo.puncta.test'),
    loginAs(t, 'practitioner1@demo.puncta.test'),
    loginAs(t, 'admin@demo.puncta.test'),
    loginAs(t, 'patient1@demo.puncta.test'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

interface Review {
  id: string;
  decision: string;
  note?: string | null;
  reviewedBy: { displayName: string };
}

describe('practitioner sign-off', () => {
  it('adds reviews without overwriting: the newest is current, every one stays', async () => {
    const assessment = await submit({ answers: { ...CLEAR_ANSWERS, anticoagulants: true } });
    expect(assessment.decision.overall).toBe('physician_review');

    const first = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessment.id}/reviews`,
      payload: { decision: 'proceed_with_precautions', note: 'Prescriber agrees; apixaban continued.' },
    });
    expect(first.statusCode).toBe(201);
    const second = await admin.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessment.id}/reviews`,
      payload: { decision: 'physician_review' },
    });
    expect(second.statusCode).toBe(201);

    const stored = await practitioner.inject({ method: 'GET', url: `/api/v1/assessments/${assessment.id}` });
    const body = stored.json<{ review: { status: string; current: Review }; reviews: Review[] }>();
    expect(body.review.status).toBe('signed_off');
    expect(body.review.current.decision).toBe('physician_review');
    expect(body.reviews.map((review) => [review.decision, review.note])).toEqual([
      ['proceed_with_precautions', 'Prescriber agrees; apixaban continued.'],
      ['physician_review', null],
    ]);

    const audited = (await auditRows(t, 'review')).filter((row) => row.resource_id === assessment.id);
    expect(audited).toHaveLength(2);
    expect(audited[0]).toMatchObject({ resource_type: 'assessment', outcome: 'allowed', role: 'practitioner' });
  });

  it('needs a note to change the screener’s answer', async () => {
    const assessment = await submit();
    const response = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessment.id}/reviews`,
      payload: { decision: 'defer' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'note_required' });
  });

  it('refuses a review from front desk and patients, and an unknown field', async () => {
    const assessment = await submit();
    for (const agent of [frontDesk, patient]) {
      const response = await agent.inject({
        method: 'POST',
        url: `/api/v1/assessments/${assessment.id}/reviews`,
        payload: { decision: 'proceed' },
      });
      expect(response.statusCode).toBe(403);
    }
    const unknown = await practitioner.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessment.id}/reviews`,
      payload: { decision: 'proceed', approvedBy: 'me' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('cannot be edited or deleted in the database', async () => {
    const assessment = await submit();
    await practitioner.inject({
      method: 'POST',
      url: `/api/v1/assessments/${assessment.id}/reviews`,
      payload: { decision: 'proceed' },
    });
    await expect(t.database.executeSql("update assessment_reviews set note = 'changed'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.executeSql('delete from assessment_reviews')).rejects.toThrow(/append-only/);
  });

  it('shows a patient their own sign-offs without the clinical notes', async () => {
    const own = await patient.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      payload: {
        birthDate: '1991-04-12',
        fitzpatrick: 4,
        concerns: ['wrinkles'],
        areas: ['forehead'],
        answers: { ...CLEAR_ANSWERS },
      },
    });
    const { id } = own.json<AssessmentResponse>();
    await practitioner.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/reviews`,
      payload: { decision: 'proceed_with_precautions', note: 'Internal remark.' },
    });
    const seen = await patient.inject({ method: 'GET', url: `/api/v1/assessments/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('Internal remark.');
    expect(seen.json<{ reviews: Review[] }>().reviews[0]).not.toHaveProperty('note');
  });
});

describe('GET /api/v1/assessments', () => {
  it('lists the clinic’s assessments with their decision and review status, on the record', async () => {
    const pending = await submit({ fitzpatrick: 6 });
    const response = await practitioner.inject({ method: 'GET', url: '/api/v1/assessments?reviewed=false' });
    expect(response.statusCode).toBe(200);
    const { assessments } = response.json<{
      assessments: Array<{ id: string; overallDecision: string; reviewStatus: string; concerns: string[] }>;
    }>();
    expect(assessments.find((row) => row.id === pending.id)).toMatchObject({
      overallDecision: 'proceed_with_precautions',
      reviewStatus: 'pending',
      concerns: ['acne_scars'],
    });
    expect(assessments.every((row) => row.reviewStatus === 'pending')).toBe(true);
    const reads = await auditRows(t, 'read');
    expect(reads.at(-1)).toMatchObject({ resource_type: 'assessment_list', role: 'practitioner' });
  });
});

describe('the clinic policy', () => {
  it('starts on the documented defaults', async () => {
    const response = await admin.inject({ method: 'GET', url: '/api/v1/clinic/policy' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: 0,
      policy: { isotretinoinWaitMonths: 6, fillerWaitDays: 14 },
      rationale: { isotretinoinWaitMonths: { default: '6 months' } },
    });
  });

  it('refuses a wait shorter than the default, naming the setting, and stores nothing', async () => {
    const response = await admin.inject({
      method: 'PUT',
      url: '/api/v1/clinic/policy',
      payload: { isotretinoinWaitMonths: 3 },
    });
    expect(response.statusCode).toBe(400);
    const [error] = response.json<{ errors: Array<{ path: string; message: string }> }>().errors;
    expect(error?.path).toBe('isotretinoinWaitMonths');
    expect(error?.message).toContain('cannot be shorter than the default');
    const { rows } = await t.database.executeSql('select count(*)::int as n from clinic_policies');
    expect(rows[0]?.n).toBe(0);
  });

  it('tightens a wait as a new version, audited, and the screener follows it', async () => {
    const response = await admin.inject({
      method: 'PUT',
      url: '/api/v1/clinic/policy',
      payload: { isotretinoinWaitMonths: 12 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: 1,
      policy: { isotretinoinWaitMonths: 12 },
      changes: [{ setting: 'isotretinoinWaitMonths', from: 6, to: 12, direction: 'stricter' }],
      updatedBy: { displayName: 'Alex Morgan' },
    });
    expect((await auditRows(t, 'policy_changed')).at(-1)).toMatchObject({
      resource_type: 'clinic_policy',
      role: 'clinic_admin',
    });

    const assessed = await submit({
      answers: { ...CLEAR_ANSWERS, isotretinoin: { status: 'stopped', lastDoseDate: '2025-01-10' } },
    });
    expect(assessed.decision.earliestDate).toBe('2026-01-10');
    const { rows } = await t.database.executeSql('select policy_version from assessments where id = $1', [assessed.id]);
    expect(rows[0]?.policy_version).toBe(1);
  });

  it('notes a loosening (back towards the default, or a deeper device limit) as policy_loosened', async () => {
    const response = await admin.inject({
      method: 'PUT',
      url: '/api/v1/clinic/policy',
      payload: { isotretinoinWaitMonths: 6, maxDepthMm: { scalp: 2 } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ version: number; changes: Array<{ setting: string; direction: string }> }>()).toMatchObject({
      version: 2,
      changes: [
        { setting: 'isotretinoinWaitMonths', direction: 'looser' },
        { setting: 'maxDepthMm.scalp', direction: 'looser' },
      ],
    });
    expect(await auditRows(t, 'policy_loosened')).toHaveLength(1);
  });

  it('is for clinic admins only', async () => {
    for (const agent of [practitioner, frontDesk, patient]) {
      expect((await agent.inject({ method: 'GET', url: '/api/v1/clinic/policy' })).statusCode).toBe(403);
      const put = await agent.inject({ method: 'PUT', url: '/api/v1/clinic/policy', payload: { toxinWaitDays: 30 } });
      expect(put.statusCode).toBe(403);
    }
  });
});
