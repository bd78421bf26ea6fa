// The self-assessment's API contract (issue 4, item 5), shared by the server route,
// the browser wizard and the clinical core, whose result types are inferred from
// these schemas. Keep it stable: outside tools rely on it.
//
//   GET  /api/v1/assessment/questionnaire?concerns=...&areas=...  -> Questionnaire
//   POST /api/v1/assessments  AssessmentRequest                    -> AssessmentResponse
import { z } from 'zod';
import {
  ANSWER_IDS,
  AREA_IDS,
  CONCERN_IDS,
  DECISIONS,
  DEVICE_CLASSES,
  EVIDENCE_LEVELS,
  RULE_CLASSES,
} from '../clinical/vocabulary.ts';
import { TIERS } from '../clinical/sources.ts';
import {
  ACNE_SCARS_REQUEST_EXAMPLE,
  ACNE_SCARS_RESPONSE_EXAMPLE,
  ISOTRETINOIN_REQUEST_EXAMPLE,
  ISOTRETINOIN_RESPONSE_EXAMPLE,
  QUESTIONNAIRE_EXAMPLE,
} from './assessment-examples.ts';

// ---------------------------------------------------------------------------
// Building blocks

export const isoDateSchema = z.iso.date().describe('A calendar date, YYYY-MM-DD (validated as a real date)');

export const concernIdSchema = z
  .enum(CONCERN_IDS)
  .meta({ id: 'ConcernId', description: 'What the person wants to improve' });
export const areaIdSchema = z
  .enum(AREA_IDS)
  .meta({ id: 'AreaId', description: 'A treatment area on the face/body map' });
export const answerIdSchema = z.enum(ANSWER_IDS).meta({ id: 'AnswerId', description: 'A screening question' });
export const decisionSchema = z.enum(DECISIONS).meta({
  id: 'ScreeningDecision',
  description:
    'From least to most restrictive: proceed, proceed_with_precautions, physician_review, defer ("not yet"), ' +
    'not_suitable. Combined answers are the most restrictive of their parts.',
});
export const ruleClassSchema = z
  .enum(RULE_CLASSES)
  .describe('How CLINICAL.md classes the contraindication behind a rule');
export const tierSchema = z
  .enum(TIERS)
  .describe(
    'Highest-authority tier among the sources: L labelling/regulation, SR systematic review, C consensus, ' +
      'P primary study, R narrative review, CL clinic or vendor page',
  );
export const evidenceLevelSchema = z.enum(EVIDENCE_LEVELS).describe('How strong the published evidence is');
const sourcesSchema = z
  .array(z.string())
  .describe('Source keys of the protocol reference list (CLINICAL.md section 10)');

function uniqueList<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).refine((list) => new Set(list).size === list.length, { message: `lists ${what} twice` });
}

// ---------------------------------------------------------------------------
// Request

/** `null` on a date answer means "never / does not apply"; leaving it out means "not answered". */
const dateAnswer = (text: string) => isoDateSchema.nullable().optional().describe(`${text}; null: never`);
const areaListAnswer = (text: string) =>
  uniqueList(areaIdSchema, 'an area').optional().describe(`${text}; empty list: none`);

export const isotretinoinAnswerSchema = z
  .strictObject({
    status: z.enum(['never', 'current', 'stopped']),
    lastDoseDate: isoDateSchema.optional().describe('Needed when status is stopped'),
  })
  .describe('Isotretinoin (e.g. Roaccutane) for acne');

export const answersSchema = z
  .strictObject({
    pregnant_or_breastfeeding: z.boolean().optional(),
    isotretinoin: isotretinoinAnswerSchema.optional(),
    bleeding_disorder: z.boolean().optional(),
    anticoagulants: z.boolean().optional().describe('Blood thinners, including antiplatelet medicines'),
    active_infection_in_area: z.boolean().optional().describe('Infection, open wound or cold sore in a chosen area'),
    cold_sore_history: z.boolean().optional(),
    skin_cancer_in_area: areaListAnswer('Areas with active skin cancer'),
    keloid_tendency: z.boolean().optional(),
    immunosuppressed: z.boolean().optional(),
    diabetes: z.enum(['none', 'controlled', 'uncontrolled']).optional(),
    metal_allergy: z.enum(['none', 'nickel', 'stainless_steel']).optional(),
    anaesthetic_allergy: z.boolean().optional(),
    active_acne: z.enum(['none', 'mild', 'moderate', 'severe']).optional(),
    active_rosacea_flare: z.boolean().optional(),
    eczema_psoriasis_in_area: z.enum(['none', 'history', 'active']).optional(),
    sunburn_in_area: z.boolean().optional(),
    retinoid_last_used: dateAnswer('Last use of a retinoid or exfoliating acid on the areas'),
    toxin_in_area_date: dateAnswer('Last wrinkle-relaxing (botulinum toxin) injection in a chosen area'),
    filler_in_area_date: dateAnswer('Last dermal filler in a chosen area'),
    laser_or_peel_date: dateAnswer('Last laser, chemical peel or dermabrasion in a chosen area'),
    radiotherapy_to_area: z.boolean().optional(),
    autoimmune_disease: z.boolean().optional(),
    scar_date: dateAnswer('Date of the operation or injury (surgical scars)'),
    tattoo_in_area: areaListAnswer('Areas with a tattoo or permanent make-up'),
    cardiac_condition: z.boolean().optional().describe('Heart rhythm problem, pacemaker or other heart condition'),
    moles_or_lesions_in_area: areaListAnswer('Areas with raised moles, birthmarks or rough scaly patches'),
  })
  .meta({
    id: 'ScreeningAnswers',
    description: 'Health-screening answers. Every answer is optional: a missing one that a rule needs is reported.',
  });
export type Answers = z.infer<typeof answersSchema>;
export type IsotretinoinAnswer = z.infer<typeof isotretinoinAnswerSchema>;

const EARLIEST_BIRTH_DATE = '1900-01-01';

export const assessmentRequestSchema = z
  .strictObject({
    birthDate: isoDateSchema.refine((date) => date >= EARLIEST_BIRTH_DATE, {
      message: `must be on or after ${EARLIEST_BIRTH_DATE}`,
    }),
    fitzpatrick: z
      .number()
      .int()
      .min(1)
      .max(6)
      .describe('Fitzpatrick skin type I-VI as 1-6, picked from plain descriptions'),
    concerns: uniqueList(concernIdSchema, 'a concern').min(1),
    areas: uniqueList(areaIdSchema, 'an area').min(1),
    answers: answersSchema,
    today: isoDateSchema
      .optional()
      .describe("Assess as of this date; defaults to today in the clinic's time zone. Stored with the result."),
  })
  .superRefine((request, context) => {
    if (request.today !== undefined && request.birthDate > request.today) {
      context.addIssue({ code: 'custom', path: ['birthDate'], message: 'is in the future' });
    }
  })
  .meta({
    id: 'AssessmentRequest',
    description: 'A self-assessment: who, which concerns and areas, and the health-screening answers',
    examples: [ACNE_SCARS_REQUEST_EXAMPLE, ISOTRETINOIN_REQUEST_EXAMPLE],
  });
export type AssessmentRequest = z.infer<typeof assessmentRequestSchema>;

/**
 * The birth-date check against the server's own today, for requests that sent none:
 * the schema cannot read the clock (the domain never does). The route runs this after
 * schema validation and answers 400 with the field `birthDate` when it fails.
 */
export function birthDateProblem(birthDate: string, today: string): string | undefined {
  return birthDate > today ? 'is in the future' : undefined;
}

// ---------------------------------------------------------------------------
// Response: the decision

export const screeningReasonSchema = z
  .object({
    rule: z.string().describe('Id of the screening rule that fired'),
    ruleClass: ruleClassSchema,
    decision: decisionSchema,
    area: areaIdSchema.optional().describe('Absent: applies to every chosen area'),
    message: z.string().describe('Plain-language explanation'),
    sources: sourcesSchema,
    earliestDate: isoDateSchema.optional().describe('Not before this date, when it can be computed'),
    missingAnswer: answerIdSchema.optional().describe('Set when the reason is an unanswered question'),
  })
  .meta({ id: 'ScreeningReason' });
export type ScreeningReason = z.infer<typeof screeningReasonSchema>;

export const candidacyDecisionSchema = z
  .object({
    overall: decisionSchema,
    byArea: z.partialRecord(areaIdSchema, decisionSchema).describe('One decision per chosen area'),
    earliestDate: isoDateSchema
      .optional()
      .describe('Earliest date a first session can take place; absent when a deferral has no computable end'),
    reasons: z.array(screeningReasonSchema),
    missingAnswers: z.array(answerIdSchema).describe('Questions a rule needed that were not answered'),
  })
  .meta({ id: 'CandidacyDecision' });
export type CandidacyDecision = z.infer<typeof candidacyDecisionSchema>;

// ---------------------------------------------------------------------------
// Response: the plan

export const sourcedRangeSchema = z
  .object({
    min: z.number(),
    max: z.number(),
    typical: z.number().optional(),
    unit: z.enum(['mm', 'days', 'weeks', 'months', 'sessions']),
    sources: sourcesSchema,
    tier: tierSchema,
    note: z.string().optional(),
  })
  .meta({ id: 'SourcedRange', description: 'A figure from the protocol with the sources behind it' });
export type SourcedRange = z.infer<typeof sourcedRangeSchema>;

export const sourcedTextSchema = z
  .object({ text: z.string(), sources: sourcesSchema })
  .meta({ id: 'SourcedText', description: 'A statement from the protocol with the sources behind it' });
export type SourcedText = z.infer<typeof sourcedTextSchema>;

export const courseSchema = z
  .object({
    concern: concernIdSchema,
    areas: z.array(areaIdSchema).describe('Chosen areas this course treats'),
    recommended: z.boolean().describe('False when the evidence is too weak to plan a course'),
    evidence: z.object({ level: evidenceLevelSchema, summary: z.string(), sources: sourcesSchema }),
    sessions: sourcedRangeSchema.optional(),
    intervalWeeks: sourcedRangeSchema.optional(),
    results: z
      .object({ range: sourcedRangeSchema, after: z.enum(['first_session', 'last_session']) })
      .optional()
      .describe('When results are usually judged'),
    maintenance: sourcedTextSchema.optional(),
    notes: z.array(sourcedTextSchema),
  })
  .meta({ id: 'TreatmentCourse' });
export type Course = z.infer<typeof courseSchema>;

export const zonePlanSchema = z
  .object({
    area: areaIdSchema,
    depthMm: sourcedRangeSchema
      .nullable()
      .describe('Needle depth range; null when no published figure exists (set from the device instructions)'),
    constraints: z.array(sourcedTextSchema).describe('Anatomical limits and notes for this zone'),
  })
  .meta({ id: 'ZonePlan' });
export type ZonePlan = z.infer<typeof zonePlanSchema>;

export const adjunctSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    concerns: z.array(concernIdSchema),
    evidence: evidenceLevelSchema,
    summary: z.string(),
    sources: sourcesSchema,
    suitable: z.boolean().describe('False when a screening answer rules this adjunct out'),
    caution: z.string().optional(),
  })
  .meta({ id: 'Adjunct' });
export type Adjunct = z.infer<typeof adjunctSchema>;

export const preCareItemSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    daysBefore: z.number().int().optional().describe('Start this many days before the first session'),
    date: isoDateSchema.optional().describe('The calendar date, when a first-session date was given'),
    sources: sourcesSchema,
  })
  .meta({ id: 'PreCareItem' });
export type PreCareItem = z.infer<typeof preCareItemSchema>;

export const aftercareStepSchema = z
  .object({
    fromDay: z.number().int().describe('Day 0 is the treatment day'),
    toDay: z.number().int(),
    fromDate: isoDateSchema.optional(),
    toDate: isoDateSchema.optional(),
    title: z.string(),
    expect: z.array(z.string()),
    do: z.array(z.string()),
    avoid: z.array(z.string()),
    sources: sourcesSchema,
  })
  .meta({ id: 'AftercareStep' });
export type AftercareStep = z.infer<typeof aftercareStepSchema>;

export const priceEstimateSchema = z
  .object({
    minCents: z.number().int(),
    maxCents: z.number().int(),
    lines: z.array(
      z.object({
        serviceCode: z.string(),
        units: z.number().int().describe('Areas priced separately (body areas), else 1'),
        sessions: z.object({ min: z.number().int(), max: z.number().int() }),
        unitPriceCents: z.number().int(),
        minCents: z.number().int(),
        maxCents: z.number().int(),
      }),
    ),
    missingServiceCodes: z.array(z.string()).describe("Services the plan needs that the clinic's price list lacks"),
    note: z.string(),
  })
  .meta({
    id: 'PriceEstimate',
    description: "A range from the clinic's own price list; the consultation sets the final price",
  });
export type PriceEstimate = z.infer<typeof priceEstimateSchema>;

export const treatmentPlanSchema = z
  .object({
    kind: z.literal('treatment'),
    status: z
      .enum(['ready', 'needs_physician_review', 'deferred'])
      .describe('deferred: the plan applies after the wait; needs_physician_review: provisional until a doctor agrees'),
    earliestStart: isoDateSchema.optional(),
    meanwhile: z.array(sourcedTextSchema).describe('What to do until treatment can start'),
    courses: z.array(courseSchema),
    zones: z.array(zonePlanSchema),
    excludedAreas: z.array(z.object({ area: areaIdSchema, decision: decisionSchema, rules: z.array(z.string()) })),
    device: z.object({
      class: z.enum(DEVICE_CLASSES),
      endpoint: z.enum(['erythema', 'pinpoint_bleeding']),
      titration: sourcedTextSchema,
      outOfScope: sourcedTextSchema.describe('RF micro-needling is not planned by Puncta'),
    }),
    downtimeDays: sourcedRangeSchema,
    precautions: z.array(sourcedTextSchema),
    adjuncts: z.array(adjunctSchema),
    preCare: z.array(preCareItemSchema),
    aftercare: z.array(aftercareStepSchema),
    redFlags: z.array(sourcedTextSchema).describe('When to call the clinic'),
    price: priceEstimateSchema,
    expectations: z.array(sourcedTextSchema).describe('What micro-needling can and cannot promise'),
  })
  .meta({ id: 'TreatmentPlan' });
export type TreatmentPlan = z.infer<typeof treatmentPlanSchema>;

export const notSuitablePlanSchema = z
  .object({
    kind: z.literal('not_suitable'),
    explanation: z.array(sourcedTextSchema),
    alternatives: z.array(sourcedTextSchema).describe('Options to discuss with a doctor'),
    expectations: z.array(sourcedTextSchema),
  })
  .meta({ id: 'NotSuitablePlan' });
export type NotSuitablePlan = z.infer<typeof notSuitablePlanSchema>;

export const planSchema = z
  .discriminatedUnion('kind', [treatmentPlanSchema, notSuitablePlanSchema])
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof planSchema>;

export const assessmentResponseSchema = z
  .object({
    id: z.uuid().describe('The stored assessment'),
    protocolVersion: z.string().describe('Version of the protocol data the decision was made with'),
    decision: candidacyDecisionSchema,
    plan: planSchema,
    claimToken: z
      .string()
      .optional()
      .describe(
        'Only for an assessment made without signing in: a one-time secret that links it to the person’s account ' +
          'later (POST /api/v1/me/assessments/claims). Keep it out of URLs that reach a server; it expires after 30 days.',
      ),
  })
  .meta({
    id: 'AssessmentResponse',
    description: 'Decision support, not a diagnosis: a practitioner confirms every answer at the consultation',
    examples: [ACNE_SCARS_RESPONSE_EXAMPLE, ISOTRETINOIN_RESPONSE_EXAMPLE],
  });
export type AssessmentResponse = z.infer<typeof assessmentResponseSchema>;

// ---------------------------------------------------------------------------
// Questionnaire

function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((text) => text.split(',').filter((part) => part !== ''))
    .pipe(z.array(item).min(1));
}

export const questionnaireQuerySchema = z
  .strictObject({
    concerns: commaList(concernIdSchema).describe('Comma-separated concern ids'),
    areas: commaList(areaIdSchema).describe('Comma-separated area ids'),
  })
  .meta({ id: 'QuestionnaireQuery' });

export const questionSchema = z
  .object({
    id: answerIdSchema,
    text: z.string(),
    help: z.string().optional(),
    type: z.enum(['boolean', 'choice', 'date', 'areas', 'isotretinoin']),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    allowsNever: z.boolean().describe('A date question that may be answered "never" (null)'),
    shownWhen: z
      .object({ areas: z.array(areaIdSchema).optional(), concerns: z.array(concernIdSchema).optional() })
      .describe('Asked when any of these areas and any of these concerns are chosen; empty object: always'),
  })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof questionSchema>;

export const questionnaireSchema = z
  .object({ protocolVersion: z.string(), questions: z.array(questionSchema) })
  .meta({ id: 'Questionnaire', examples: [QUESTIONNAIRE_EXAMPLE] });
export type Questionnaire = z.infer<typeof questionnaireSchema>;
