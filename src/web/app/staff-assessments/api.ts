// The staff side of assessments and the clinic's screening policy, one function per
// endpoint. The building blocks of each answer are the server's own contracts
// (src/domain/contracts/assessment.ts, src/domain/clinical/policy.ts: pure, no Node),
// so a field the server renames breaks the type check here, not a clinic's morning.
//
//   GET  /api/v1/assessments?reviewed=&limit=   practitioners and clinic admins
//   GET  /api/v1/assessments/:id                StoredAssessment with its sign-offs
//   POST /api/v1/assessments/:id/reviews        a sign-off; 422 note_required
//   GET  /api/v1/clinic/policy                  clinic admins only
//   PUT  /api/v1/clinic/policy                  clinic admins only; audited
import { z } from 'zod';
import { requestJson } from '../api/fetch-json.ts';
import {
  areaIdSchema,
  assessmentRequestSchema,
  candidacyDecisionSchema,
  concernIdSchema,
  decisionSchema,
  isoDateSchema,
  planSchema,
} from '../../../domain/contracts/assessment.ts';
import { clinicPolicySchema, type ClinicPolicyChange } from '../../../domain/clinical/policy.ts';
import type { Decision } from '../../../domain/clinical/vocabulary.ts';

export type { Decision };
export type {
  AreaId,
  AnswerId,
  ConcernId,
  RuleClass,
  Region,
  EvidenceLevel,
} from '../../../domain/clinical/vocabulary.ts';
export type {
  Answers,
  CandidacyDecision,
  Plan,
  ScreeningReason,
  SourcedRange,
  SourcedText,
  TreatmentPlan,
} from '../../../domain/contracts/assessment.ts';
export type { ClinicPolicy, ClinicPolicyChange, PolicyDifference } from '../../../domain/clinical/policy.ts';

const ASSESSMENTS_URL = '/api/v1/assessments';
export const CLINIC_POLICY_URL = '/api/v1/clinic/policy';

/** The newest this many; the API allows up to 200. */
export const QUEUE_LIMIT = 100;

const personSchema = z.object({ userId: z.string(), displayName: z.string() });

export const reviewSchema = z.object({
  id: z.string(),
  decision: decisionSchema,
  note: z.string().nullable().optional(),
  reviewedAt: z.string(),
  reviewedBy: personSchema,
});
export type Review = z.infer<typeof reviewSchema>;

export const assessmentSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  assessedOn: isoDateSchema,
  overallDecision: decisionSchema,
  protocolVersion: z.string(),
  concerns: z.array(concernIdSchema),
  areas: z.array(areaIdSchema),
  patient: z.object({ id: z.string(), givenName: z.string(), familyName: z.string() }).nullable(),
  reviewStatus: z.enum(['pending', 'signed_off']),
  latestReview: z.object({ decision: decisionSchema, reviewedAt: z.string(), reviewerName: z.string() }).nullable(),
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const assessmentListSchema = z.object({ assessments: z.array(assessmentSummarySchema) });

// What was asked, without `today` (stored as assessedOn). Rebuilt from the request's
// shape, as the server does, because a refined schema cannot be omitted from.
const { today: _today, ...storedInputFields } = assessmentRequestSchema.shape;

export const storedAssessmentSchema = z.object({
  id: z.string(),
  patientId: z.string().nullable(),
  createdAt: z.string(),
  assessedOn: isoDateSchema,
  protocolVersion: z.string(),
  /** null: the documented defaults were used. */
  policyVersion: z.number().int().nullable(),
  inputs: z.object(storedInputFields),
  decision: candidacyDecisionSchema,
  plan: planSchema,
  review: z.object({ status: z.enum(['pending', 'signed_off']), current: reviewSchema.nullable() }),
  /** Oldest first; never edited, the newest is the current one. */
  reviews: z.array(reviewSchema),
});
export type StoredAssessment = z.infer<typeof storedAssessmentSchema>;

const reviewResultSchema = z.object({ review: reviewSchema, reviews: z.array(reviewSchema) });

/** Only the name: the assessment page needs nothing else of the record. */
const patientNameSchema = z.object({ givenName: z.string(), familyName: z.string() });

export type QueueFilter = 'waiting' | 'reviewed' | 'all';

export function queueUrl(filter: QueueFilter): string {
  const params = new URLSearchParams({ limit: String(QUEUE_LIMIT) });
  if (filter !== 'all') params.set('reviewed', filter === 'reviewed' ? 'true' : 'false');
  return `${ASSESSMENTS_URL}?${params.toString()}`;
}

export const assessmentsApi = {
  get: (id: string, signal?: AbortSignal) =>
    requestJson(`${ASSESSMENTS_URL}/${encodeURIComponent(id)}`, storedAssessmentSchema, { signal }),

  signOff: (id: string, body: { decision: Decision; note?: string }) =>
    requestJson(`${ASSESSMENTS_URL}/${encodeURIComponent(id)}/reviews`, reviewResultSchema, {
      method: 'POST',
      body,
    }),

  patientName: (patientId: string, signal?: AbortSignal) =>
    requestJson(`/api/v1/patients/${encodeURIComponent(patientId)}`, patientNameSchema, { signal }),
};

export const policyViewSchema = z.object({
  /** 0: nothing stored yet, the documented defaults apply. */
  version: z.number().int(),
  policy: clinicPolicySchema,
  defaults: clinicPolicySchema,
  updatedAt: z.string().nullable(),
  updatedBy: personSchema.nullable(),
  /** What the current version changed from the one before. */
  changes: z.array(
    z.object({
      setting: z.string(),
      from: z.union([z.string(), z.number()]),
      to: z.union([z.string(), z.number()]),
      direction: z.enum(['stricter', 'looser', 'different']),
    }),
  ),
  /** Why each default is what it is, keyed by setting. */
  rationale: z.record(z.string(), z.object({ default: z.string(), sources: z.array(z.string()), why: z.string() })),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

export const clinicPolicyApi = {
  get: (signal?: AbortSignal) => requestJson(CLINIC_POLICY_URL, policyViewSchema, { signal }),
  change: (change: ClinicPolicyChange) =>
    requestJson(CLINIC_POLICY_URL, policyViewSchema, { method: 'PUT', body: change }),
};
