// "Plan my treatment" (/plan) over HTTP: plain form posts carry the state from step
// to step, the last one stores an assessment and answers with the result page, and
// mistakes come back as messages next to the field, not as errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, sameOrigin } from './support/auth.ts';
import { demoIds } from './support/factories.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function form(fields: Array<[string, string]>): string {
  return fields.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

function postPlan(fields: Array<[string, string]>, headers: Record<string, string> = {}, url = '/plan') {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sameOrigin(t), ...headers },
    payload: form(fields),
  });
}

/** The hidden inputs of a page, as the browser would post them back. */
function hiddenInputs(html: string): Array<[string, string]> {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(
    (match) => [match[1]!, match[2]!.replaceAll('&amp;', '&')] as [string, string],
  );
}

async function assessmentCount(): Promise<number> {
  const { rows } = await t.database.executeSql('select count(*)::int as n from assessments');
  return Number(rows[0]?.n);
}

const HEALTH_NO: Array<[string, string]> = [
  ['birthDate', '1990-06-15'],
  ['a_pregnant_or_breastfeeding', 'no'],
  ['a_isotretinoin', 'stopped'],
  ['d_isotretinoin', '2025-10-01'],
  ['a_bleeding_disorder', 'no'],
  ['a_anticoagulants', 'no'],
  ['asked_skin_cancer_in_area', '1'],
];

describe('the wizard', () => {
  it('starts at /plan with the concerns, without any script required', async () => {
    const response = await t.app.inject({ url: '/plan' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('What would you like to improve?');
    expect(response.body).toContain('name="concerns" value="acne_scars"');
    expect(response.body).not.toMatch(/<script>[^<]/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('walks concerns → areas → skin → health, carrying the state in hidden fields', async () => {
    const areas = await postPlan([
      ['step', 'concerns'],
      ['go', 'next'],
      ['concerns', 'acne_scars'],
      ['concerns', 'pigmentation'],
    ]);
    expect(areas.statusCode).toBe(200);
    expect(areas.body).toContain('<h1>Where?</h1>');
    expect(hiddenInputs(areas.body)).toEqual(
      expect.arrayContaining([
        ['concerns', 'acne_scars'],
        ['concerns', 'pigmentation'],
      ]),
    );

    const skin = await postPlan([
      ...hiddenInputs(areas.body),
      ['go', 'next'],
      ['areas', 'cheeks'],
      ['areas', 'forehead'],
    ]);
    expect(skin.body).toContain('Your skin type');
    expect(skin.body).toContain('Always burns, never tans');

    const health = await postPlan([...hiddenInputs(skin.body), ['go', 'next'], ['fitzpatrick', '5']]);
    expect(health.body).toContain('Your date of birth');
    // Asked because of the chosen face areas: cold sores; not asked: the surgical-scar date.
    expect(health.body).toContain('Do you get cold sores?');
    expect(health.body).not.toContain('When was the operation or injury');

    const before = await assessmentCount();
    const result = await postPlan([
      ...hiddenInputs(health.body),
      ['go', 'next'],
      ['birthDate', '1990-06-15'],
      ['a_pregnant_or_breastfeeding', 'no'],
      ['a_isotretinoin', 'current'],
    ]);
    expect(result.statusCode).toBe(200);
    expect(result.headers['cache-control']).toBe('no-store');
    expect(result.body).toContain('Not yet');
    expect(result.body).toContain('Your answer, area by area');
    expect(result.body).toContain('Needle depth by zone');
    expect(result.body).toContain('Aftercare, day by day');
    expect(result.body).toContain('Questions still open');
    expect(result.body).toMatch(/id="source-SPconsent"/);
    expect(result.body).toContain('href="/app/book?assessment=');
    expect(result.body).toContain('href="/app/sign-up?assessment=');
    expect(await assessmentCount()).toBe(before + 1);
  });

  it('goes back a step without losing answers', async () => {
    const back = await postPlan([
      ['step', 'skin'],
      ['go', 'back'],
      ['concerns', 'wrinkles'],
      ['areas', 'neck'],
      ['fitzpatrick', '3'],
    ]);
    expect(back.body).toContain('<h1>Where?</h1>');
    expect(back.body).toMatch(/id="area-neck" name="areas" checked="" value="neck"/);
    expect(hiddenInputs(back.body)).toEqual(expect.arrayContaining([['fitzpatrick', '3']]));
  });

  it('answers a missing choice with a message next to the field, and stores nothing on a bad date', async () => {
    const noConcern = await postPlan([
      ['step', 'concerns'],
      ['go', 'next'],
    ]);
    expect(noConcern.statusCode).toBe(200);
    expect(noConcern.body).toContain('Choose at least one concern.');
    expect(noConcern.body).toContain('href="#field-concerns"');

    const before = await assessmentCount();
    const future = await postPlan([
      ['step', 'health'],
      ['go', 'next'],
      ['concerns', 'acne_scars'],
      ['areas', 'cheeks'],
      ['fitzpatrick', '2'],
      ['birthDate', '2999-01-01'],
    ]);
    expect(future.body).toContain('Your date of birth is in the future.');
    expect(await assessmentCount()).toBe(before);
  });

  it("links a signed-in patient's result to their record", async () => {
    const patient = await loginAs(t, 'patient2@demo.puncta.test');
    const ids = await demoIds(t.database);
    const response = await postPlan(
      [
        ['step', 'health'],
        ['go', 'next'],
        ['concerns', 'hair_loss'],
        ['areas', 'scalp'],
        ['fitzpatrick', '4'],
        ...HEALTH_NO,
      ],
      { cookie: patient.cookie },
    );
    expect(response.statusCode).toBe(200);
    const { rows } = await t.database.executeSql('select patient_id from assessments order by created_at desc limit 1');
    expect(rows[0]?.patient_id).toBe(ids.patientIdOf('patient2@demo.puncta.test'));
  });

  it('refuses a form posted from another site', async () => {
    const response = await postPlan([['step', 'concerns']], { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
  });

  it('prints the same plan again without storing a second assessment', async () => {
    const before = await assessmentCount();
    const response = await postPlan(
      [
        ['concerns', 'acne_scars'],
        ['areas', 'cheeks'],
        ['fitzpatrick', '2'],
        ['today', '2025-11-25'],
        ['ref', '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11'],
        ...HEALTH_NO,
      ],
      {},
      '/plan/print',
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('My micro-needling plan');
    expect(response.body).toContain('Print or save as PDF');
    expect(response.body).toContain('25, 2025');
    expect(await assessmentCount()).toBe(before);
  });

  it('serves the enhancement script from its own file', async () => {
    const page = await t.app.inject({ url: '/plan' });
    const src = /<script src="([^"]+)"/.exec(page.body)?.[1];
    expect(src).toMatch(/^\/static\/plan\.js\?v=/);
    const script = await t.app.inject({ url: src! });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });
});
