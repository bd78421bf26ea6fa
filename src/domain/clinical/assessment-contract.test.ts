// The HTTP contract (src/domain/contracts/assessment.ts): malformed requests are
// refused with the field named, and what assessCandidate returns fits the response.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assessmentRequestSchema,
  assessmentResponseSchema,
  birthDateProblem,
  questionnaireQuerySchema,
  questionnaireSchema,
} from '../contracts/assessment.ts';
import { assessCandidate } from './assess.ts';
import { CLEAR_ANSWERS, DEMO_PRICES, exampleRequest } from './examples.ts';
import { DEFAULT_CLINIC_POLICY } from './policy.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import { questionsFor } from './questionnaire.ts';

const valid = { ...exampleRequest(), today: '2025-11-25' };

/** "path: message" for each problem, as the API's problem+json lists them. */
function problems(body: unknown): string[] {
  const result = assessmentRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('assessment request contract', () => {
  it('accepts a complete request, and one with every answer left out', () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ ...valid, answers: {} })).toEqual([]);
    expect(problems({ ...valid, today: undefined })).toEqual([]);
  });

  it('names the field of an impossible date', () => {
    expect(problems({ ...valid, birthDate: '2025-02-30' })).toEqual(['birthDate: Invalid ISO date']);
    expect(problems({ ...valid, answers: { ...CLEAR_ANSWERS, toxin_in_area_date: '2025-13-01' } })).toEqual([
      'answers.toxin_in_area_date: Invalid ISO date',
    ]);
    expect(problems({ ...valid, today: '25/11/2025' })).toEqual(['today: Invalid ISO date']);
  });

  it('refuses a birth date in the future', () => {
    expect(problems({ ...valid, birthDate: '2030-01-01' })).toEqual(['birthDate: is in the future']);
    expect(problems({ ...valid, birthDate: '1850-01-01' })).toEqual(['birthDate: must be on or after 1900-01-01']);
    // Without `today` in the body the route checks against its own today.
    expect(birthDateProblem('2030-01-01', '2025-11-25')).toBe('is in the future');
    expect(birthDateProblem('1990-01-01', '2025-11-25')).toBeUndefined();
  });

  it('refuses a skin type outside I-VI', () => {
    expect(problems({ ...valid, fitzpatrick: 7 })).toEqual(['fitzpatrick: Too big: expected number to be <=6']);
    expect(problems({ ...valid, fitzpatrick: 0 })).toEqual(['fitzpatrick: Too small: expected number to be >=1']);
    expect(problems({ ...valid, fitzpatrick: 2.5 })).toEqual([
      'fitzpatrick: Invalid input: expected int, received number',
    ]);
    expect(problems({ ...valid, fitzpatrick: '3' })).toHaveLength(1);
  });

  it('refuses unknown concern, area and answer ids, naming them', () => {
    expect(problems({ ...valid, concerns: ['acne_scars', 'tattoo_removal'] })).toEqual([
      expect.stringMatching(/^concerns\.1: Invalid option/),
    ]);
    expect(problems({ ...valid, areas: ['knees'] })).toEqual([expect.stringMatching(/^areas\.0: Invalid option/)]);
    expect(problems({ ...valid, answers: { ...CLEAR_ANSWERS, smoker: true } })).toEqual([
      'answers: Unrecognized key: "smoker"',
    ]);
    expect(problems({ ...valid, clinicId: 'x' })).toEqual([': Unrecognized key: "clinicId"']);
    expect(problems({ ...valid, answers: { ...CLEAR_ANSWERS, skin_cancer_in_area: ['nose', 'moon'] } })).toEqual([
      expect.stringMatching(/^answers\.skin_cancer_in_area\.1: Invalid option/),
    ]);
  });

  it('refuses empty or repeated lists and wrong answer values', () => {
    expect(problems({ ...valid, concerns: [] })).toEqual(['concerns: Too small: expected array to have >=1 items']);
    expect(problems({ ...valid, areas: ['cheeks', 'cheeks'] })).toEqual(['areas: lists an area twice']);
    expect(problems({ ...valid, answers: { ...CLEAR_ANSWERS, diabetes: 'sometimes' } })).toEqual([
      expect.stringMatching(/^answers\.diabetes: Invalid option/),
    ]);
    expect(
      problems({ ...valid, answers: { ...CLEAR_ANSWERS, isotretinoin: { status: 'stopped', when: 'spring' } } }),
    ).toEqual(['answers.isotretinoin: Unrecognized key: "when"']);
  });

  it('reads null on a date answer as "never"', () => {
    expect(problems({ ...valid, answers: { retinoid_last_used: null, scar_date: null } })).toEqual([]);
    expect(problems({ ...valid, answers: { bleeding_disorder: null } })).toHaveLength(1);
  });
});

describe('assessment response contract', () => {
  const requests = [
    exampleRequest(),
    exampleRequest({ answers: {} }),
    exampleRequest({ answers: { ...CLEAR_ANSWERS, bleeding_disorder: true } }),
    exampleRequest({
      fitzpatrick: 6,
      concerns: ['pigmentation', 'hair_loss', 'stretch_marks', 'rosacea'],
      areas: ['cheeks', 'scalp', 'abdomen', 'nose'],
      answers: { ...CLEAR_ANSWERS, skin_cancer_in_area: ['nose'], toxin_in_area_date: '2025-11-20' },
    }),
  ];

  it.each(requests.map((request, index) => [index, request] as const))(
    'what assessCandidate returns is a valid response (%i)',
    (_index, request) => {
      const result = assessCandidate(request, {
        policy: DEFAULT_CLINIC_POLICY,
        prices: DEMO_PRICES,
        today: '2025-11-25',
        firstSessionDate: '2026-01-10',
      });
      const response = { id: '0b9d6a4e-4c1f-4e8a-9d3e-2f6c1a7b8e90', ...result };
      expect(assessmentResponseSchema.parse(response)).toEqual(response);
      expect(result.protocolVersion).toBe(PROTOCOL_VERSION);
    },
  );

  it('turns into JSON Schema for OpenAPI', () => {
    expect(() => z.toJSONSchema(assessmentRequestSchema, { io: 'input' })).not.toThrow();
    expect(() => z.toJSONSchema(assessmentResponseSchema)).not.toThrow();
    expect(() => z.toJSONSchema(questionnaireQuerySchema, { io: 'input' })).not.toThrow();
  });
});

describe('questionnaire contract', () => {
  it('parses comma-separated ids and names an unknown one', () => {
    expect(questionnaireQuerySchema.parse({ concerns: 'acne_scars,wrinkles', areas: 'cheeks' })).toEqual({
      concerns: ['acne_scars', 'wrinkles'],
      areas: ['cheeks'],
    });
    const result = questionnaireQuerySchema.safeParse({ concerns: 'acne_scars,bogus', areas: 'cheeks' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['concerns.1']);
    expect(questionnaireQuerySchema.safeParse({ concerns: '', areas: 'cheeks' }).success).toBe(false);
  });

  it('questionsFor fits the questionnaire response', () => {
    const body = {
      protocolVersion: PROTOCOL_VERSION,
      questions: questionsFor({ concerns: ['acne_scars'], areas: ['cheeks'] }),
    };
    expect(questionnaireSchema.parse(body)).toEqual(body);
  });
});

describe('OpenAPI examples', () => {
  it('the documented request examples are valid', () => {
    const examples = (z.globalRegistry.get(assessmentRequestSchema)?.examples ?? []) as unknown[];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(problems(example)).toEqual([]);
  });
});
