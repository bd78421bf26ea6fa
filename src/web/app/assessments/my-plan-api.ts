// The patient's self-assessments: GET /api/v1/me/assessments (the list) and
// GET /api/v1/assessments/:id (one, as its patient sees it: no sign-off notes).
// The clinical parts are parsed with the server's own contract
// (src/domain/contracts), so the two cannot drift apart.
import { z } from 'zod';
import {
  areaIdSchema,
  candidacyDecisionSchema,
  concernIdSchema,
  decisionSchema,
  planSchema,
} from '../../../domain/contracts/assessment.ts';

export const MY_ASSESSMENTS_URL = '/api/v1/me/assessments';

export function assessmentUrl(id: string): string {
  return `/api/v1/assessments/${encodeURIComponent(id)}`;
}

const latestReviewSchema = z.object({ decision: decisionSchema, reviewedAt: z.string(), reviewerName: z.string() });

export const ownAssessmentListSchema = z.object({
  assessments: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      assessedOn: z.string(),
      overallDecision: decisionSchema,
      concerns: z.array(concernIdSchema),
      areas: z.array(areaIdSchema),
      reviewStatus: z.enum(['pending', 'signed_off']),
      latestReview: latestReviewSchema.nullable(),
    }),
  ),
});
export type OwnAssessment = z.infer<typeof ownAssessmentListSchema>['assessments'][number];

export const storedAssessmentSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  assessedOn: z.string(),
  protocolVersion: z.string(),
  inputs: z.object({ concerns: z.array(concernIdSchema), areas: z.array(areaIdSchema) }),
  decision: candidacyDecisionSchema,
  plan: planSchema,
  review: z.object({
    status: z.enum(['pending', 'signed_off']),
    current: z
      .object({
        decision: decisionSchema,
        reviewedAt: z.string(),
        reviewedBy: z.object({ displayName: z.string() }),
      })
      .nullable(),
  }),
});
export type StoredAssessment = z.infer<typeof storedAssessmentSchema>;

/** A small slice of GET /api/v1/clinic: service names and currency for the price estimate. */
export const CLINIC_URL = '/api/v1/clinic';
export const clinicServicesSchema = z.object({
  services: z.array(z.object({ code: z.string(), name: z.string(), currency: z.string() })),
});
