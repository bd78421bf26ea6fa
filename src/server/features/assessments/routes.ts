// The self-assessment API (issue 4): the questionnaire, submitting an assessment
// (public), reading one (its patient or the clinic's clinical staff), the staff
// list and practitioner sign-off. Contract: src/domain/contracts/assessment.ts.
import type { FastifyInstance, FastifyRequest, FastifySerializerCompiler } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findClinicTimeZone, findPublicClinic } from '../../../db/repositories/clinics.ts';
import { questionsFor } from '../../../domain/clinical/questionnaire.ts';
import { PROTOCOL_VERSION } from '../../../domain/clinical/protocol.ts';
import {
  assessmentRequestSchema,
  assessmentResponseSchema,
  birthDateProblem,
  questionnaireQuerySchema,
  questionnaireSchema,
} from '../../../domain/contracts/assessment.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import { auditActor } from '../../audit/actor.ts';
import { CLINICAL_ROLES } from '../../auth/principal.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema, sendProblem } from '../../plugins/problems.ts';
import {
  SETTINGS_TTL_MS,
  assessmentToday,
  listAssessments,
  loadScreeningSettings,
  readAssessment,
  reviewAssessment,
  submitAssessment,
  type AssessmentWithReviews,
} from './commands.ts';
import {
  assessmentSummarySchema,
  presentReview,
  presentSummary,
  reviewRequestSchema,
  reviewSchema,
  storedAssessmentSchema,
} from './schemas.ts';
import type { AssessmentRequest, CandidacyDecision, Plan } from '../../../domain/contracts/assessment.ts';

const clinicCache = new WeakMap<Db, Map<string, { until: number; clinic: { id: string; timeZone: string } }>>();
const PUBLIC = 'public';

/**
 * The clinic an assessment belongs to: the signed-in person's, else the one this node
 * serves. Kept for SETTINGS_TTL_MS, like the policy: a clinic's id and zone barely change.
 */
export async function clinicForRequest(db: Db, request: FastifyRequest): Promise<{ id: string; timeZone: string }> {
  const principal = request.principal;
  const key = principal.kind === 'user' ? principal.clinicId : PUBLIC;
  let cache = clinicCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    clinicCache.set(db, cache);
  }
  const now = Date.now();
  const cached = cache.get(key);
  if (cached !== undefined && cached.until > now) return cached.clinic;
  let clinic: { id: string; timeZone: string } | undefined;
  if (principal.kind === 'user') {
    const timeZone = await findClinicTimeZone(db, principal.clinicId);
    if (timeZone !== undefined) clinic = { id: principal.clinicId, timeZone };
  }
  if (clinic === undefined) {
    const found = await findPublicClinic(db);
    if (found === undefined) throw new NotFoundError('The clinic');
    clinic = { id: found.id, timeZone: found.timeZone };
  }
  cache.set(key, { until: now + SETTINGS_TTL_MS, clinic });
  return clinic;
}

/** The signed-in patient's record, so their assessment lands in it; null for everyone else. */
export function ownPatientId(request: FastifyRequest): string | null {
  const principal = request.principal;
  return principal.kind === 'user' && principal.role === 'patient' ? principal.patientId : null;
}

function presentStored(found: AssessmentWithReviews, withNotes: boolean): z.infer<typeof storedAssessmentSchema> {
  const { assessment, reviews } = found;
  const presented = reviews.map((review) => presentReview(review, withNotes));
  return {
    id: assessment.id,
    patientId: assessment.patientId,
    createdAt: assessment.createdAt.toISOString(),
    assessedOn: assessment.assessedOn,
    protocolVersion: assessment.protocolVersion,
    policyVersion: assessment.policyVersion,
    inputs: assessment.inputs as Omit<AssessmentRequest, 'today'>,
    decision: assessment.decision as CandidacyDecision,
    plan: assessment.plan as Plan,
    review: { status: presented.length === 0 ? 'pending' : 'signed_off', current: presented.at(-1) ?? null },
    reviews: presented,
  };
}

const questionnaireRoute = {
  config: { access: 'public' as const },
  schema: {
    tags: ['assessments'],
    summary: 'The health questions to ask for these concerns and areas',
    description:
      'Only the questions whose screening rules apply to the chosen concerns and areas, in the order to ask them. ' +
      'Each says when it is shown, so a client may also filter as the person changes their choices.',
    // A copy without the schema id: OpenAPI parameters cannot point at a shared component.
    querystring: z.strictObject(questionnaireQuerySchema.shape),
    response: { 200: questionnaireSchema, 400: problemSchema },
  },
};

/**
 * POST /assessments answers 201 with the AssessmentResponse that submitAssessment built
 * to the contract's type, so it goes out through JSON.stringify: checking the large plan
 * against the zod schema again on every reply cost about a tenth of the route's time
 * under load (bench/run.ts). test/assessments.test.ts parses real responses for a varied
 * set of people with assessmentResponseSchema, so a drift still fails the build. Every
 * other status (problems) keeps the zod serializer.
 */
const submissionSerializer: FastifySerializerCompiler<unknown> = (route) =>
  route.httpStatus === '201'
    ? (data: unknown) => JSON.stringify(data)
    : // Fastify hands each status its own response schema (a zod schema here).
      serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);

export default async function assessmentRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const clinicalOnly = { access: { roles: CLINICAL_ROLES } };

  const questionnaire = (query: z.infer<typeof questionnaireQuerySchema>) => ({
    protocolVersion: PROTOCOL_VERSION,
    questions: questionsFor(query),
  });
  app.get('/assessment/questionnaire', questionnaireRoute, async (request) => questionnaire(request.query));
  // The same list under the collection's path, for clients that look for it there.
  app.get(
    '/assessments/questions',
    { ...questionnaireRoute, schema: { ...questionnaireRoute.schema, summary: 'Alias of /assessment/questionnaire' } },
    async (request) => questionnaire(request.query),
  );

  app.post(
    '/assessments',
    {
      config: { access: 'public' },
      serializerCompiler: submissionSerializer,
      // Sent as is, even to clients that accept gzip: compressing the ~10 kB reply cost
      // more server CPU than everything else in the request but the database write
      // (about 0.6 ms a request, bench/run.ts with accept-encoding: gzip), to save ~6 kB.
      compress: false,
      schema: {
        tags: ['assessments'],
        summary: 'Assess a candidate: per-area answer with reasons and sources, and a personal plan',
        description:
          'Decision support, not a diagnosis: a practitioner confirms every answer at the consultation. No sign-in ' +
          "needed. `today` defaults to the clinic's local date. The assessment is stored with the protocol version " +
          'and clinic policy used, so it can be reproduced; a signed-in patient finds it in their record. Malformed ' +
          'input (unknown concern, impossible date, a birth date in the future, skin type 7, unknown fields) answers ' +
          '400 naming the field, and nothing is stored.',
        body: assessmentRequestSchema,
        response: { 201: assessmentResponseSchema, 400: problemSchema, 404: problemSchema, 415: problemSchema },
      },
    },
    async (request, reply) => {
      const { db } = app.services.database;
      const clinic = await clinicForRequest(db, request);
      const now = new Date();
      const today = assessmentToday(request.body, clinic.timeZone, now);
      const problem = birthDateProblem(request.body.birthDate, today);
      if (problem !== undefined) {
        return sendProblem(request, reply, 400, 'validation_failed', 'Some fields are missing or not valid.', [
          { location: 'body', path: 'birthDate', message: problem },
        ]);
      }
      const settings = await loadScreeningSettings(db, clinic);
      const result = await submitAssessment(
        db,
        { settings, actor: auditActor(request), patientId: ownPatientId(request), now },
        request.body,
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/assessments',
    {
      config: clinicalOnly,
      schema: {
        tags: ['assessments'],
        summary: "The clinic's submitted assessments, newest first, with their sign-off status",
        querystring: z.strictObject({
          reviewed: z.enum(['true', 'false']).optional().describe('Only signed-off (true) or pending (false) ones'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ assessments: z.array(assessmentSummarySchema) }).meta({ id: 'AssessmentList' }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { reviewed, limit } = request.query;
      const list = await listAssessments(
        app.services.database.db,
        { clinicId: user.clinicId, actor: auditActor(request) },
        { limit, reviewed: reviewed === undefined ? undefined : reviewed === 'true' },
      );
      return { assessments: list.map(presentSummary) };
    },
  );

  app.get(
    '/assessments/:id',
    {
      config: { access: { roles: ['patient', ...CLINICAL_ROLES] } },
      schema: {
        tags: ['assessments'],
        summary: 'One stored assessment with its sign-offs',
        description:
          "For the patient it belongs to and the clinic's practitioners and admins. Front desk may not read " +
          "assessments (clinical content). Another patient's or another clinic's answers 404, audited as " +
          'access_denied. Sign-off notes are left out of the patient’s view.',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: storedAssessmentSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const found = await readAssessment(
        app.services.database.db,
        { clinicId: user.clinicId, role: user.role, patientId: user.patientId, actor: auditActor(request) },
        request.params.id,
      );
      return presentStored(found, user.role !== 'patient');
    },
  );

  app.post(
    '/assessments/:id/reviews',
    {
      config: clinicalOnly,
      schema: {
        tags: ['assessments'],
        summary: "A practitioner's sign-off: confirm or change the screener's answer",
        description:
          'Adds a review; earlier ones stay as they were (append-only), the newest is the current status. Changing ' +
          'the answer needs a note (422 note_required). Audited as `review`.',
        params: z.strictObject({ id: z.uuid() }),
        body: reviewRequestSchema,
        response: {
          201: z
            .object({ review: reviewSchema, reviews: z.array(reviewSchema) })
            .meta({ id: 'AssessmentReviewResult' }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await reviewAssessment(
        app.services.database.db,
        { clinicId: user.clinicId, userId: user.userId, actor: auditActor(request) },
        request.params.id,
        request.body,
      );
      return reply.code(201).send({
        review: presentReview(result.review, true),
        reviews: result.reviews.map((review) => presentReview(review, true)),
      });
    },
  );
}
