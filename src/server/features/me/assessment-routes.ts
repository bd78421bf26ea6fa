// A patient's own self-assessments: the list for "My plan", and linking an
// assessment made before signing in (POST …/claims, with the one-time claim token
// the wizard handed out). The patient is the caller's, from the session; the body
// names only the assessment and its token.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forgiveHit } from '../../../db/repositories/rate-limits.ts';
import { areaIdSchema, concernIdSchema, decisionSchema, isoDateSchema } from '../../../domain/contracts/assessment.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { CLAIM_WINDOW_DAYS, claimAssessment, listOwnAssessments } from '../assessments/commands.ts';
import { presentSummary } from '../assessments/schemas.ts';
import { authContext } from '../auth/context.ts';
import { throttle, type BucketRule } from '../auth/throttle.ts';

/** Far more than anyone takes; the list is newest first. */
export const OWN_ASSESSMENTS_LIMIT = 100;

/** Failed claims one person may make in an hour (a success does not count). */
export const CLAIM_FAILURES_PER_HOUR = 20;

const claimBucket = (userId: string): BucketRule => ({
  key: `assessment-claim:user:${userId}`,
  limit: CLAIM_FAILURES_PER_HOUR,
  windowSeconds: 60 * 60,
});

const EXAMPLE_ID = '3f1c2b9e-8d4a-4c1e-9b7a-2e5d6f8a9c01';

const ownAssessmentSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    assessedOn: isoDateSchema.describe('The day the answer was given for'),
    overallDecision: decisionSchema.describe("The screener's overall answer"),
    concerns: z.array(concernIdSchema),
    areas: z.array(areaIdSchema),
    reviewStatus: z.enum(['pending', 'signed_off']).describe('signed_off once a practitioner has reviewed it'),
    latestReview: z
      .object({ decision: decisionSchema, reviewedAt: z.iso.datetime(), reviewerName: z.string() })
      .nullable()
      .describe("The practitioner's current answer (notes stay with the clinic)"),
  })
  .meta({ id: 'OwnAssessmentSummary' });

const ownAssessmentListSchema = z.object({ assessments: z.array(ownAssessmentSchema) }).meta({
  id: 'OwnAssessmentList',
  examples: [
    {
      assessments: [
        {
          id: EXAMPLE_ID,
          createdAt: '2025-11-25T15:04:05.000Z',
          assessedOn: '2025-11-25',
          overallDecision: 'proceed_with_precautions',
          concerns: ['acne_scars'],
          areas: ['cheeks', 'forehead'],
          reviewStatus: 'signed_off',
          latestReview: {
            decision: 'proceed_with_precautions',
            reviewedAt: '2025-11-26T10:30:00.000Z',
            reviewerName: 'Dr. Maya Patel',
          },
        },
      ],
    },
  ],
});

const claimRequestSchema = z
  .strictObject({
    assessmentId: z.uuid().describe('The id the assessment answer gave'),
    claimToken: z.string().min(1).max(100).describe('The claimToken the same answer gave (never put it in a URL)'),
  })
  .meta({
    id: 'AssessmentClaimRequest',
    examples: [{ assessmentId: EXAMPLE_ID, claimToken: 'q8Vd0p3b2Xn1sZr6TtYwK4mJc9HfLuEaGi7oNx5PyAQ' }],
  });

const claimResultSchema = z
  .object({
    id: z.uuid(),
    assessedOn: isoDateSchema,
    status: z
      .enum(['claimed', 'already_yours'])
      .describe('already_yours: it was linked to you before (a repeated claim changes nothing)'),
  })
  .meta({
    id: 'AssessmentClaimResult',
    examples: [{ id: EXAMPLE_ID, assessedOn: '2025-11-25', status: 'claimed' }],
  });

export default async function meAssessmentRoutes(parent: FastifyInstance, options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const patientOnly = { access: { roles: ['patient'] } } as const;

  /** The caller's patient record in the clinic they act in. */
  const ownPatient = (principal: ReturnType<typeof requireUser>): string => {
    if (principal.patientId === null) throw new NotFoundError('Your patient record');
    return principal.patientId;
  };

  app.get(
    '/me/assessments',
    {
      config: patientOnly,
      schema: {
        tags: ['me'],
        summary: 'My self-assessments, newest first, with their review status',
        description:
          `The assessments in my record (at most ${OWN_ASSESSMENTS_LIMIT}): made while signed in, or linked ` +
          'afterwards with POST /api/v1/me/assessments/claims. Each carries the overall answer and, once a ' +
          "practitioner has reviewed it, their current decision (without the clinic's notes). The full answer " +
          'and plan are at GET /api/v1/assessments/{id}.',
        response: { 200: ownAssessmentListSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const list = await listOwnAssessments(
        app.services.database.db,
        { clinicId: user.clinicId, patientId: ownPatient(user), actor: auditActor(request) },
        OWN_ASSESSMENTS_LIMIT,
      );
      return {
        assessments: list.map((summary) => {
          const { patient: _patient, protocolVersion: _version, ...own } = presentSummary(summary);
          return own;
        }),
      };
    },
  );

  app.post(
    '/me/assessments/claims',
    {
      config: patientOnly,
      schema: {
        tags: ['me'],
        summary: 'Link an assessment I made before signing in to my record',
        description:
          'Takes the id and the one-time `claimToken` that POST /api/v1/assessments (or the /plan wizard) gave ' +
          `for an assessment made without signing in, within ${CLAIM_WINDOW_DAYS} days. The token then stops ` +
          'working. An unknown id, a wrong or used token, an expired one, or an assessment linked to someone ' +
          'else all answer the same 404. Claiming one that is already mine answers 200 `already_yours`. ' +
          `More than ${CLAIM_FAILURES_PER_HOUR} failed claims in an hour answer 429 with Retry-After.`,
        body: claimRequestSchema,
        response: {
          200: claimResultSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          415: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const patientId = ownPatient(user);
      const { db } = app.services.database;
      // Counted before the attempt, so parallel guesses cannot slip through; a success is taken back.
      const bucket = claimBucket(user.userId);
      await throttle(authContext(app, options.config, request), [bucket]);
      const result = await claimAssessment(
        db,
        { clinicId: user.clinicId, patientId, actor: auditActor(request), now: new Date() },
        request.body,
      );
      await forgiveHit(db, bucket.key);
      const status = result.linked ? ('claimed' as const) : ('already_yours' as const);
      return { id: result.id, assessedOn: result.assessedOn, status };
    },
  );
}
