// POST /api/v1/me/assessments/claims: saves a plan made before signing in to the
// account. Kept apart from the plan pages' API (my-plan-api.ts), which brings the
// clinical contract with it: the sign-in and sign-up pages load this one.
import { z } from 'zod';
import { requestJson } from '../api/fetch-json.ts';

const CLAIMS_URL = '/api/v1/me/assessments/claims';

const claimResultSchema = z.object({
  id: z.string(),
  assessedOn: z.string(),
  status: z.enum(['claimed', 'already_yours']),
});
export type ClaimResult = z.infer<typeof claimResultSchema>;

export const claimApi = {
  claim: (body: { assessmentId: string; claimToken: string }) =>
    requestJson(CLAIMS_URL, claimResultSchema, { method: 'POST', body }),
};
