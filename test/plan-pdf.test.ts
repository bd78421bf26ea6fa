// The plan as a PDF (POST /plan/pdf): the wizard's form state assessed again like the
// printable page, answered as a file to download. The text is read back from the PDF's
// content streams (inflated with zlib; the standard fonts write Windows-1252 bytes in
// hex strings), without a PDF library.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessCandidate } from '../src/domain/clinical/assess.ts';
import { DEFAULT_CLINIC_POLICY } from '../src/domain/clinical/policy.ts';
import { pdfText } from '../src/web/public/plan/plan-pdf.ts';
import { buildRequest, readState } from '../src/web/public/plan/wizard-state.ts';
import { DECISION_WORDS, formatRange } from '../src/web/public/plan/words.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { sameOrigin } from './support/auth.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const TODAY = '2025-11-25';
const REF = '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11';

/** Acne scars on the cheeks, every health question answered "no". */
const CLEAR: Array<[string, string]> = [
  ['concerns', 'acne_scars'],
  ['areas', 'cheeks'],
  ['fitzpatrick', '2'],
  ['birthDate', '1990-06-15'],
  ['today', TODAY],
  ['ref', REF],
  ['a_pregnant_or_breastfeeding', 'no'],
  ['a_isotretinoin', 'never'],
  ['a_bleeding_disorder', 'no'],
  ['a_anticoagulants', 'no'],
  ['a_active_infection_in_area', 'no'],
  ['a_cold_sore_history', 'no'],
  ['asked_skin_cancer_in_area', '1'],
  ['a_keloid_tendency', 'no'],
  ['a_immunosuppressed', 'no'],
  ['a_diabetes', 'none'],
  ['a_metal_allergy', 'none'],
  ['a_anaesthetic_allergy', 'no'],
  ['a_active_acne', 'none'],
  ['a_active_rosacea_flare', 'no'],
  ['a_eczema_psoriasis_in_area', 'none'],
  ['a_sunburn_in_area', 'no'],
  ['a_retinoid_last_used', 'never'],
  ['a_toxin_in_area_date', 'never'],
  ['a_filler_in_area_date', 'never'],
  ['a_laser_or_peel_date', 'never'],
  ['a_radiotherapy_to_area', 'no'],
  ['a_autoimmune_disease', 'no'],
  ['asked_tattoo_in_area', '1'],
  ['a_cardiac_condition', 'no'],
  ['asked_moles_or_lesions_in_area', '1'],
];

function form(fields: Array<[string, string]>): string {
  return fields.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

function postForm(url: string, fields: Array<[string, string]>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sameOrigin(t) },
    payload: form(fields),
  });
}

const postPdf = (fields: Array<[string, string]>) => postForm('/plan/pdf', fields);

// Windows-1252 0x80-0x9F (Node's TextDecoder without full ICU reads them as Latin-1).
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWinAnsi(bytes: Uint8Array): string {
  return [...bytes]
    .map((byte) => (byte >= 0x80 && byte <= 0x9f ? CP1252[byte - 0x80] : String.fromCharCode(byte)))
    .join('');
}

/** The text drawn on the pages, one string per text-showing operator, in order. */
function pdfLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = (match[1]!.includes('/FlateDecode') ? inflateSync(bytes) : bytes).toString('latin1');
    } catch {
      continue; // not a content stream (e.g. a font program)
    }
    for (const show of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
      const hex = [...show[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => part[1]).join('');
      lines.push(decodeWinAnsi(Buffer.from(hex, 'hex')));
    }
  }
  return lines;
}

/** All the text, wrapped lines joined with a space. */
function pdfTextOf(pdf: Buffer): string {
  return pdfLines(pdf).join(' ').replace(/\s+/g, ' ');
}

async function assessmentCount(): Promise<number> {
  const { rows } = await t.database.executeSql('select count(*)::int as n from assessments');
  return Number(rows[0]?.n);
}

describe('POST /plan/pdf', () => {
  it('answers a PDF file of the plan for a known input, without storing anything', async () => {
    const before = await assessmentCount();
    const response = await postPdf(CLEAR);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="micro-needling-plan.pdf"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(response.rawPayload.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(await assessmentCount()).toBe(before);

    // The same decision and plan the screener gives for these answers today.
    const built = buildRequest(readState(Object.fromEntries(CLEAR)), TODAY);
    expect(built.errors).toEqual([]);
    const expected = assessCandidate(built.request!, { policy: DEFAULT_CLINIC_POLICY, prices: [], today: TODAY });
    expect(expected.decision.overall).toBe('proceed');
    expect(expected.plan.kind).toBe('treatment');
    if (expected.plan.kind !== 'treatment') return;
    const sessions = expected.plan.courses[0]?.sessions;
    expect(sessions).toBeDefined();

    const text = pdfTextOf(response.rawPayload);
    expect(text).toContain('Demo Dermatology');
    expect(text).toContain('My micro-needling plan');
    expect(text).toContain(pdfText(DECISION_WORDS[expected.decision.overall].label));
    expect(text).toContain(`Cheeks: ${pdfText(DECISION_WORDS[expected.decision.byArea.cheeks!].short)}`);
    expect(text).toContain('Assessed on November 25, 2025');
    expect(text).toContain('reference 6c1d3a52');
    expect(text).toContain('decision support, not a diagnosis');
    expect(text).toContain(formatRange(sessions!.min, sessions!.max, sessions!.unit));
    for (const heading of [
      'Your personal plan',
      'Weeks apart',
      'Needle depth by zone',
      'Downtime',
      'Before each session',
      'Aftercare, day by day',
      'What it may cost',
      'Sources',
    ]) {
      expect(text).toContain(heading);
    }
    // A source key cited in the plan is named in the list at the end.
    const key = sessions!.sources[0]!;
    expect(text).toContain(`[${key}`);
    // Nothing that identifies the person: the birth date is not printed.
    expect(text).not.toContain('1990');
  });

  it('says so when micro-needling is not suitable', async () => {
    const response = await postPdf([...CLEAR, ['a_skin_cancer_in_area', 'cheeks']]);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = pdfTextOf(response.rawPayload);
    expect(text).toContain('Not suitable');
    expect(text).toContain('Why there is no treatment plan');
    expect(text).not.toContain('Your personal plan');
  });

  it('sends a form without the earlier steps back to the start, like the printable page', async () => {
    for (const url of ['/plan/pdf', '/plan/print']) {
      const response = await postForm(url, [['birthDate', '1990-06-15']]);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/plan');
    }
  });

  it('shows the health step with the problem for answers that cannot be read, like the printable page', async () => {
    const fields = CLEAR.map(([name, value]): [string, string] =>
      name === 'birthDate' ? [name, '1990-02-31'] : [name, value],
    );
    for (const url of ['/plan/pdf', '/plan/print']) {
      const response = await postForm(url, fields);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Enter a real date of birth.');
    }
  });

  it('refuses a form posted from another site', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/plan/pdf',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: form(CLEAR),
    });
    expect(response.statusCode).toBe(403);
  });

  it('is offered on the result page and the printable page', async () => {
    const print = await postForm('/plan/print', CLEAR);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('action="/plan/pdf"');
    expect(print.body).toContain('Download PDF');

    const result = await postForm('/plan', [...CLEAR, ['step', 'health'], ['go', 'next']]);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Your answer, area by area');
    expect(result.body).toContain('action="/plan/pdf"');
    // The PDF form carries the whole state, the date assessed and the stored assessment's id.
    const pdfForm = /<form[^>]*action="\/plan\/pdf"[^>]*>([^]*?)<\/form>/.exec(result.body)?.[1] ?? '';
    expect(pdfForm).toContain('name="concerns" value="acne_scars"');
    expect(pdfForm).toMatch(/name="today" value="\d{4}-\d{2}-\d{2}"/);
    expect(pdfForm).toMatch(/name="ref" value="[0-9a-f-]{36}"/);
  });
});

describe('pdfText', () => {
  it('keeps what the standard fonts can draw and spells out the rest', () => {
    expect(pdfText('3–6 sessions · “usually” 4 × 2 – café')).toBe('3–6 sessions · “usually” 4 × 2 – café');
    expect(pdfText('CO₂ laser → ≥ 1.5 mm, Kołodziej, Wąsik')).toBe('CO2 laser -> >= 1.5 mm, Ko?odziej, Wasik');
  });
});

describe('POST /plan/pdf under a flood', () => {
  it('refuses an address past 20 PDFs in 10 minutes with 429, and other addresses still get theirs', async () => {
    const fromAddress = (remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/plan/pdf',
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sameOrigin(t) },
        payload: form(CLEAR),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await fromAddress('203.0.113.9')).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const other = await fromAddress('203.0.113.10');
    expect(other.statusCode).toBe(200);
    expect(other.headers['content-type']).toContain('application/pdf');
  });
});
