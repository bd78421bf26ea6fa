// What the staff side and the owner see of a stored assessment. Notes of a sign-off
// are for the clinic's clinical staff: the patient's view leaves them out.
import { z } from 'zod';
import type { AssessmentSummary, ReviewRecord } from '../../../db/repositories/assessments.ts';
import {
  areaIdSchema,
  assessmentRequestSchema,
  candidacyDecisionSchema,
  concernIdSchema,
  decisionSchema,
  isoDateSchema,
  planSchema,
} from '../../../domain/contracts/assessment.ts';
import {
  ACNE_SCARS_REQUEST_EXAMPLE,
  ACNE_SCARS_RESPONSE_EXAMPLE,
} from '../../../domain/contracts/assessment-examples.ts';

export const reviewSchema = z
  .object({
    id: z.uuid(),
    decision: decisionSchema.describe("The practitioner's answer"),
    note: z.string().nullable().optional().describe('Clinical staff only'),
    reviewedAt: z.iso.datetime(),
    reviewedBy: z.object({ userId: z.uuid(), displayName: z.string() }),
  })
  .meta({ id: 'AssessmentReview', description: 'A sign-off; never edited, a later one supersedes it' });

export const reviewRequestSchema = z
  .strictObject({
    decision: decisionSchema,
    note: z
      .string()
      .max(2000)
      .optional()
      .describe('Why; required when the decision differs from the screener’s overall answer'),
  })
  .meta({
    id: 'AssessmentReviewRequest',
    examples: [{ decision: 'proceed_with_precautions', note: 'Seen in clinic.' }],
  });

// The request's fields without `today` (kept as assessedOn); rebuilt from the shape
// because zod cannot omit from a schema that carries a refinement.
const { today: _today, ...storedInputFields } = assessmentRequestSchema.shape;
const storedInputsSchema = z.object(storedInputFields);

/** The acne-scar example as a practitioner reads it back after confirming it (test/openapi-examples.test.ts). */
function storedAssessmentExample() {
  const { today, ...inputs } = ACNE_SCARS_REQUEST_EXAMPLE;
  const review = {
    id: '5d2f8e61-3b4a-4c9d-8e7f-1a2b3c4d5e6f',
    decision: 'proceed',
    note: 'Seen in clinic; skin checked, consent signed.',
    reviewedAt: '2025-12-02T16:20:00.000Z',
    reviewedBy: { userId: '0c9e4b7a-6d21-4f58-9a3e-7b1c2d3e4f50', displayName: 'Dr. Maya Chen' },
  };
  return {
    id: ACNE_SCARS_RESPONSE_EXAMPLE.id,
    patientId: 'a7e3c1d9-2f4b-4e6a-8c5d-9b0f1e2d3c4a',
    createdAt: '2025-11-25T15:04:05.000Z',
    assessedOn: today,
    protocolVersion: ACNE_SCARS_RESPONSE_EXAMPLE.protocolVersion,
    policyVersion: null,
    inputs,
    decision: ACNE_SCARS_RESPONSE_EXAMPLE.decision,
    plan: ACNE_SCARS_RESPONSE_EXAMPLE.plan,
    review: { status: 'signed_off', current: review },
    reviews: [review],
  };
}

export const storedAssessmentSchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    assessedOn: isoDateSchema.describe('The "today" the screener used'),
    protocolVersion: z.string(),
    policyVersion: z.number().int().nullable().describe('Version of the clinic policy; null: the documented defaults'),
    inputs: storedInputsSchema,
    decision: candidacyDecisionSchema,
    plan: planSchema,
    review: z
      .object({ status: z.enum(['pending', 'signed_off']), current: reviewSchema.nullable() })
      .describe('The latest sign-off is the current one'),
    reviews: z.array(reviewSchema).describe('Every sign-off, oldest first'),
  })
  .meta({ id: 'StoredAssessment', examples: [storedAssessmentExample()] });

export const assessmentSummarySchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    assessedOn: isoDateSchema,
    overallDecision: decisionSchema,
    protocolVersion: z.string(),
    concerns: z.array(concernIdSchema),
    areas: z.array(areaIdSchema),
    patient: z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() }).nullable(),
    reviewStatus: z.enum(['pending', 'signed_off']),
    latestReview: z
      .object({ decision: decisionSchema, reviewedAt: z.iso.datetime(), reviewerName: z.string() })
      .nullable(),
  })
  .meta({ id: 'AssessmentSummary' });

export function presentReview(review: ReviewRecord, withNote: boolean): z.infer<typeof reviewSchema> {
  return {
    id: review.id,
    decision: review.decision,
    ...(withNote ? { note: review.note } : {}),
    reviewedAt: review.reviewedAt.toISOString(),
    reviewedBy: review.reviewedBy,
  };
}

export function presentSummary(summary: AssessmentSummary): z.infer<typeof assessmentSummarySchema> {
  return {
    ...summary,
    createdAt: summary.createdAt.toISOString(),
    concerns: summary.concerns as z.infer<typeof concernIdSchema>[],
    areas: summary.areas as z.infer<typeof areaIdSchema>[],
    reviewStatus: summary.latestReview === null ? 'pending' : 'signed_off',
    latestReview:
      summary.latestReview === null
        ? null
        : { ...summary.latestReview, reviewedAt: summary.latestReview.reviewedAt.toISOString() },
  };
}
