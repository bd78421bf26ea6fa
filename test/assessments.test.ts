// The self-assessment API (issue 4): the contract of POST /api/v1/assessments,
// bad input (400 naming the field, nothing stored), the questionnaire, and who may
// read a stored assessment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAR_ANSWERS } from '../src/domain/clinical/examples.ts';
import { DECISIONS } from '../src/domain/clinical/vocabulary.ts';
import type { AssessmentResponse } from '../src/domain/contracts/assessment.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { auditRows, loginAs, sameOrigin, type Agent } from './support/auth.ts';
import { createClinic, createStaff, demoIds } from './support/factories.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let patient1: Agent;
let patient2: Agent;
let frontDesk: Agent;
let practitioner: Agent;
let admin: Agent;
let otherClinicPractitioner: Agent;

const TODAY = '2025-11-25';

function body(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    birthDate: '1990-06-15',
    fitzpatrick: 2,
    concerns: ['acne_scars'],
    areas: ['cheeks'],
    answers: { ...CLEAR_ANSWERS },
    today: TODAY,
    ...changes,
  };
}

function post(payload: unknown, agent?: Agent) {
  const options = {
    method: 'POST' as const,
    url: '/api/v1/assessments',
    headers: { origin: sameOrigin(t) },
    payload: payload as Record<string, unknown>,
  };
  return agent === undefined ? t.app.inject(options) : agent.inject(options);
}

async function assessmentCount(): Promise<number> {
  const { rows } = await t.database.executeSql('select count(*)::int as n from assessments');
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  const other = await createClinic(t.database, { name: 'Elsewhere Skin' });
  const otherStaff = await createStaff(t.database, { clinicId: other.clinicId, role: 'practitioner' });
  [patient1, patient2, frontDesk, practitioner, admin, otherClinicPractitioner] = await Promise.all([
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

describe('POST /api/v1/assessments: the contract', () => {
  it('answers a clear candidate with proceed, per area, and a plan priced from the clinic list', async () => {
    const response = await post(body({ areas: ['cheeks', 'forehead'] }));
    expect(response.statusCode).toBe(201);
    const result = response.json<AssessmentResponse>();
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.protocolVersion).toEqual(expect.any(String));
    expect(result.decision.overall).toBe('proceed');
    expect(result.decision.byArea).toEqual({ cheeks: 'proceed', forehead: 'proceed' });
    expect(result.decision.missingAnswers).toEqual([]);
    expect(result.plan.kind).toBe('treatment');
    if (result.plan.kind !== 'treatment') return;
    expect(result.plan.courses[0]?.sessions?.sources.length).toBeGreaterThan(0);
    // Demo prices: consultation $50 plus 3-6 face sessions at $350 ($650 with PRP).
    expect(result.plan.price.lines.map((line) => line.serviceCode)).toEqual(['consultation', 'face']);
    expect(result.plan.price.minCents).toBeGreaterThan(5_000);
    expect(result.plan.price.missingServiceCodes).toEqual([]);
  });

  it('uses exactly the five decision words, with reasons that carry sources', async () => {
    const response = await post(
      body({
        fitzpatrick: 5,
        areas: ['cheeks', 'nose'],
        answers: { ...CLEAR_ANSWERS, skin_cancer_in_area: ['nose'], anticoagulants: true, cold_sore_history: true },
      }),
    );
    expect(response.statusCode).toBe(201);
    const { decision } = response.json<AssessmentResponse>();
    expect(decision.byArea.nose).toBe('not_suitable');
    expect(decision.byArea.cheeks).toBe('physician_review');
    expect(decision.overall).toBe('not_suitable');
    for (const reason of decision.reasons) {
      expect(DECISIONS).toContain(reason.decision);
      expect(reason.sources.length).toBeGreaterThan(0);
      expect(reason.message.length).toBeGreaterThan(10);
    }
    expect(decision.reasons.find((reason) => reason.rule === 'skin_cancer_in_area')).toMatchObject({
      area: 'nose',
      decision: 'not_suitable',
      sources: ['SPconsent'],
    });
  });

  it('defers with the earliest date after isotretinoin, counted from the last dose', async () => {
    const response = await post(
      body({ answers: { ...CLEAR_ANSWERS, isotretinoin: { status: 'stopped', lastDoseDate: '2025-09-20' } } }),
    );
    const { decision, plan } = response.json<AssessmentResponse>();
    expect(decision.overall).toBe('defer');
    // The default policy: 6 months after the last dose.
    expect(decision.earliestDate).toBe('2026-03-20');
    expect(plan.kind === 'treatment' && plan.status).toBe('deferred');
  });

  it('lists the unanswered questions and never says proceed over a blank', async () => {
    const { bleeding_disorder: _b, pregnant_or_breastfeeding: _p, ...answers } = CLEAR_ANSWERS;
    const { decision } = (await post(body({ answers }))).json<AssessmentResponse>();
    expect(decision.missingAnswers).toEqual(expect.arrayContaining(['bleeding_disorder', 'pregnant_or_breastfeeding']));
    expect(decision.overall).not.toBe('proceed');
  });

  it("defaults today to the clinic's local date and stores what was used", async () => {
    const { today: _today, ...withoutToday } = body();
    const response = await post(withoutToday);
    expect(response.statusCode).toBe(201);
    const { id } = response.json<AssessmentResponse>();
    const { rows } = await t.database.executeSql(
      "select assessed_on::text as assessed_on, protocol_version, policy_version, policy->>'isotretinoinWaitMonths' as wait, inputs ? 'today' as has_today from assessments where id = $1",
      [id],
    );
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    expect(rows[0]).toMatchObject({ assessed_on: local, policy_version: null, wait: '6', has_today: false });
  });

  it("links a signed-in patient's assessment to their record; a visitor's to nobody", async () => {
    const mine = (await post(body(), patient1)).json<AssessmentResponse>();
    const visitors = (await post(body())).json<AssessmentResponse>();
    const { rows } = await t.database.executeSql('select id, patient_id from assessments where id = any($1)', [
      [mine.id, visitors.id],
    ]);
    const patientOf = new Map(rows.map((row) => [row.id, row.patient_id]));
    expect(patientOf.get(mine.id)).toBe(ids.patientIdOf('patient1@demo.puncta.test'));
    expect(patientOf.get(visitors.id)).toBeNull();
  });
});

describe('POST /api/v1/assessments: bad input is a 400 naming the field, and nothing is stored', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown concern', { concerns: ['tattoo_removal'] }, 'concerns.0'],
    ['an unknown area', { areas: ['elbow'] }, 'areas.0'],
    ['an impossible date', { birthDate: '1990-02-30' }, 'birthDate'],
    ['a birth date in the future (against the sent today)', { birthDate: '2030-01-01' }, 'birthDate'],
    ['skin type 7', { fitzpatrick: 7 }, 'fitzpatrick'],
    ['an unknown field', { favouriteColour: 'teal' }, ''],
    ['an unknown answer', { answers: { ...CLEAR_ANSWERS, smoker: true } }, 'answers'],
    [
      'an impossible answer date',
      { answers: { ...CLEAR_ANSWERS, filler_in_area_date: '2025-13-01' } },
      'answers.filler_in_area_date',
    ],
    ['no areas', { areas: [] }, 'areas'],
  ];

  it.each(cases)('%s', async (_label, changes, path) => {
    const before = await assessmentCount();
    const response = await post(body(changes));
    expect(response.statusCode).toBe(400);
    const problem = response.json<{ code: string; errors: Array<{ path: string; message: string }> }>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((error) => error.path)).toContain(path);
    if (path === '') expect(JSON.stringify(problem.errors)).toContain('favouriteColour');
    expect(await assessmentCount()).toBe(before);
  });

  it("refuses a birth date after the clinic's today when no today is sent", async () => {
    const before = await assessmentCount();
    const { today: _today, ...request } = body({ birthDate: '2999-01-01' });
    const response = await post(request);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ location: 'body', path: 'birthDate', message: 'is in the future' }],
    });
    expect(await assessmentCount()).toBe(before);
  });

  it('takes JSON only, and refuses a foreign origin', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sameOrigin(t) },
      payload: 'birthDate=1990-01-01',
    });
    expect(form.statusCode).toBe(415);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { origin: 'https://evil.example' },
      payload: body(),
    });
    expect(foreign.statusCode).toBe(403);
  });
});

describe('GET /api/v1/assessment/questionnaire', () => {
  it('asks only what matters for the choices', async () => {
    const scalp = await t.app.inject({ url: '/api/v1/assessment/questionnaire?concerns=hair_loss&areas=scalp' });
    expect(scalp.statusCode).toBe(200);
    const scalpIds = scalp.json<{ questions: Array<{ id: string }> }>().questions.map((question) => question.id);
    expect(scalpIds).toContain('pregnant_or_breastfeeding');
    expect(scalpIds).not.toContain('active_rosacea_flare');
    expect(scalpIds).not.toContain('scar_date');

    const scars = await t.app.inject({ url: '/api/v1/assessments/questions?concerns=surgical_scars&areas=abdomen' });
    expect(scars.json<{ questions: Array<{ id: string }> }>().questions.map((question) => question.id)).toContain(
      'scar_date',
    );
  });

  it('answers 400 for an unknown concern', async () => {
    const response = await t.app.inject({ url: '/api/v1/assessment/questionnaire?concerns=warts&areas=scalp' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: Array<{ path: string }> }>().errors[0]?.path).toContain('concerns');
  });
});

describe('GET /api/v1/assessments/:id: who may read', () => {
  let mine: string;
  let anonymous: string;

  beforeAll(async () => {
    mine = (await post(body(), patient1)).json<AssessmentResponse>().id;
    anonymous = (await post(body())).json<AssessmentResponse>().id;
  });

  it('shows the patient their own assessment, and audits the read', async () => {
    const response = await patient1.inject({ method: 'GET', url: `/api/v1/assessments/${mine}` });
    expect(response.statusCode).toBe(200);
    const stored = response.json<{ id: string; decision: { overall: string }; inputs: { concerns: string[] } }>();
    expect(stored).toMatchObject({ id: mine, decision: { overall: 'proceed' }, inputs: { concerns: ['acne_scars'] } });
    const reads = (await auditRows(t, 'read')).filter((row) => row.resource_id === mine);
    expect(reads.at(-1)).toMatchObject({
      resource_type: 'assessment',
      patient_id: ids.patientIdOf('patient1@demo.puncta.test'),
      outcome: 'allowed',
    });
  });

  it("answers 404 for another patient's assessment and audits access_denied", async () => {
    for (const id of [mine, anonymous]) {
      const response = await patient2.inject({ method: 'GET', url: `/api/v1/assessments/${id}` });
      expect(response.statusCode).toBe(404);
    }
    const denied = (await auditRows(t, 'access_denied')).filter((row) => row.resource_id === mine);
    expect(denied.at(-1)).toMatchObject({ resource_type: 'assessment', outcome: 'denied' });
  });

  it("shows clinical staff every assessment of their clinic, and another clinic's staff nothing", async () => {
    for (const agent of [practitioner, admin]) {
      for (const id of [mine, anonymous]) {
        expect((await agent.inject({ method: 'GET', url: `/api/v1/assessments/${id}` })).statusCode).toBe(200);
      }
    }
    const elsewhere = await otherClinicPractitioner.inject({ method: 'GET', url: `/api/v1/assessments/${mine}` });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('keeps front desk out (clinical content) and anonymous callers too', async () => {
    expect((await frontDesk.inject({ method: 'GET', url: `/api/v1/assessments/${mine}` })).statusCode).toBe(403);
    expect((await frontDesk.inject({ method: 'GET', url: '/api/v1/assessments' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${mine}` })).statusCode).toBe(401);
  });
});

describe('the result can be reproduced', () => {
  it('stores the inputs, policy and protocol version that give the same decision again', async () => {
    const { assessCandidate } = await import('../src/domain/clinical/assess.ts');
    const { DEMO_PRICES } = await import('../src/domain/clinical/examples.ts');
    const request = body({ fitzpatrick: 6, answers: { ...CLEAR_ANSWERS, toxin_in_area_date: '2025-11-20' } });
    const created = (await post(request)).json<AssessmentResponse>();
    const stored = (await practitioner.inject({ method: 'GET', url: `/api/v1/assessments/${created.id}` })).json<{
      inputs: never;
      assessedOn: string;
    }>();
    const { rows } = await t.database.executeSql('select policy from assessments where id = $1', [created.id]);
    const again = assessCandidate(stored.inputs, {
      policy: rows[0]?.policy as never,
      prices: DEMO_PRICES,
      today: stored.assessedOn,
    });
    expect(again.decision).toEqual(created.decision);
  });
});

describe('the 201 body matches its documented schema', () => {
  // The route sends the domain's value with JSON.stringify instead of re-checking it with
  // zod on every reply (routes.ts, submissionSerializer). This is the check instead: real
  // responses for a varied set of people parse with the schema, and parsing drops nothing
  // (a field the schema does not name would be a leak the zod serializer used to strip).
  it('for many different people, visitors and signed-in patients', async () => {
    const { benchInputs } = await import('../bench/clinical.ts');
    const { assessmentResponseSchema } = await import('../src/domain/contracts/assessment.ts');
    const requests = [
      ...benchInputs(40, 7).map((input) => ({ input: { ...input, today: TODAY }, agent: undefined })),
      { input: body({ answers: { ...CLEAR_ANSWERS, skin_cancer_in_area: ['cheeks'] } }), agent: undefined },
      { input: body({ answers: {} }), agent: undefined },
      { input: body({ concerns: ['hair_loss', 'stretch_marks'], areas: ['scalp', 'abdomen'] }), agent: patient1 },
    ];
    const seen = new Set<string>();
    for (const { input, agent } of requests) {
      const response = await post(input, agent);
      expect(response.statusCode).toBe(201);
      expect(response.headers['content-type']).toContain('application/json');
      const sent: unknown = response.json();
      const parsed = assessmentResponseSchema.safeParse(sent);
      expect(parsed.error?.issues ?? [], JSON.stringify(input)).toEqual([]);
      expect(parsed.data).toEqual(sent);
      const result = parsed.data!;
      seen.add(`${result.decision.overall}/${result.plan.kind}/${result.claimToken === undefined ? 'own' : 'claim'}`);
    }
    // The set covers every decision and both kinds of plan.
    const overall = new Set([...seen].map((key) => key.split('/')[0]));
    expect([...overall].sort()).toEqual([...DECISIONS].sort());
    expect([...seen].some((key) => key.includes('/not_suitable/'))).toBe(true);
  });

  it('goes out uncompressed, as plain JSON, even to a client that accepts gzip', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { origin: sameOrigin(t), 'accept-encoding': 'gzip, br' },
      payload: body(),
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json<AssessmentResponse>().decision.overall).toBe('proceed');
  });
});
