// The pre-session health check-in (issue 6): before a treatment session the patient
// answers a short re-screening (new medicines, sunburn, cold sore, pregnancy, recent
// filler or toxin). The clinical core's screener runs again on their latest stored
// assessment with these answers laid over it, as of the session's local date, under
// the clinic's policy. A "not yet" (defer, not suitable, or a doctor's review) flags
// the booking for staff and offers the first free slots from the earliest valid date.
//
//   POST /api/v1/bookings/:bookingId/check-ins   (the booking's patient only)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db } from '../../../db/database.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { findAssessmentInClinic, listAssessmentSummaries } from '../../../db/repositories/assessments.ts';
import { findClinicService } from '../../../db/repositories/scheduling.ts';
import { bookingCheckIns, bookings } from '../../../db/schema.ts';
import { screenCandidate } from '../../../domain/clinical/screening.ts';
import type { Decision } from '../../../domain/clinical/vocabulary.ts';
import { assessmentRequestSchema, type ScreeningReason } from '../../../domain/contracts/assessment.ts';
import {
  SCHEDULING_LIMITS,
  checkInBodySchema,
  checkInResponseSchema,
  type CheckInBody,
  type CheckInResponse,
} from '../../../domain/contracts/scheduling.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../../../domain/errors.ts';
import { localDateOf } from '../../../domain/scheduling/index.ts';
import { dayNumber, firstInstantAtOrAfter } from '../../../domain/scheduling/zoned-time.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { clinicForRequest } from '../assessments/routes.ts';
import { loadScreeningSettings } from '../assessments/commands.ts';
import { searchAvailability, visibleBooking, type Caller } from './commands.ts';

const DAY_MS = 86_400_000;
const SUGGESTED_SLOTS = 3;
/** Decisions that mean "not for this session": staff must look before anyone is treated. */
const NOT_YET: ReadonlySet<Decision> = new Set(['physician_review', 'defer', 'not_suitable']);
/** The prefix of flags this route sets, so a later clear check-in lifts only its own flag. */
const FLAG_PREFIX = 'check-in:';

/** Short plain text for staff, e.g. "check-in: not yet (filler in area)". */
export function flagText(decision: Decision, reasons: readonly ScreeningReason[]): string {
  const word = decision === 'defer' ? 'not yet' : decision === 'not_suitable' ? 'not suitable' : 'needs doctor review';
  const rules = [...new Set(reasons.filter((r) => r.decision === decision).map((r) => r.rule.replaceAll('_', ' ')))];
  const text = `${FLAG_PREFIX} ${word}${rules.length === 0 ? '' : ` (${rules.join(', ')})`}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export async function checkIn(
  database: Database,
  caller: Caller,
  clinic: { id: string; timeZone: string },
  bookingId: string,
  body: CheckInBody,
  nowMs: number,
): Promise<CheckInResponse> {
  const db: Db = database.db;
  // Someone else's booking (or another clinic's) answers 404 on the record, for staff too.
  const booking = await visibleBooking(db, caller, bookingId);
  if (caller.role !== 'patient') {
    throw new ForbiddenError(
      'patients_only',
      'The check-in is the patient’s own; staff see its result on the booking.',
    );
  }
  const service = await findClinicService(db, caller.clinicId, booking.serviceId);
  if (service?.kind !== 'treatment') {
    throw new InvalidInputError('not_a_treatment', 'Only treatment sessions have a health check-in.');
  }
  if (booking.status !== 'active') throw new ConflictError('booking_cancelled', 'This booking is cancelled.');
  if (booking.startsAt.getTime() <= nowMs) {
    throw new ConflictError('booking_past', 'This session has already started or taken place.');
  }

  const [latest] = await listAssessmentSummaries(db, caller.clinicId, { limit: 1, patientId: booking.patientId });
  const stored = latest === undefined ? undefined : await findAssessmentInClinic(db, caller.clinicId, latest.id);
  const inputs = assessmentRequestSchema.safeParse(stored?.inputs);
  if (!inputs.success) {
    throw new InvalidInputError(
      'assessment_required',
      'The check-in builds on your self-assessment, and there is none on file yet. Take it first at /plan.',
    );
  }

  const { new_medicines: newMedicines, ...answers } = body;
  const settings = await loadScreeningSettings(db, clinic);
  const sessionDate = localDateOf(clinic.timeZone, booking.startsAt.getTime());
  const result = screenCandidate(
    {
      birthDate: inputs.data.birthDate,
      fitzpatrick: inputs.data.fitzpatrick,
      concerns: inputs.data.concerns,
      areas: inputs.data.areas,
      answers: { ...inputs.data.answers, ...answers },
    },
    settings.policy,
    sessionDate,
  );
  const flagged = NOT_YET.has(result.overall);
  const flag = flagged ? flagText(result.overall, result.reasons) : null;

  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await tx.insert(bookingCheckIns).values({
      clinicId: caller.clinicId,
      bookingId: booking.id,
      answers: { ...answers, ...(newMedicines === undefined ? {} : { new_medicines: newMedicines }) },
      decision: result.overall,
      reasons: result.reasons,
    });
    // A clear check-in lifts only a flag an earlier check-in set; staff's own flags stay.
    const lift = !flagged && booking.flaggedReason?.startsWith(FLAG_PREFIX) === true;
    if (flag !== null || lift) {
      await tx.update(bookings).set({ flaggedReason: flag }).where(eq(bookings.id, booking.id));
    }
    await recordAuditEvent(tx, caller.actor, {
      action: 'booking_check_in',
      outcome: 'allowed',
      resourceType: 'booking',
      resourceId: booking.id,
      patientId: booking.patientId,
    });
  });

  if (!flagged) return { decision: result.overall, flagged: false };
  const suggestedSlots =
    result.earliestDate === undefined
      ? []
      : await suggestSlots(db, clinic, booking.serviceId, result.earliestDate, nowMs);
  return {
    decision: result.overall,
    flagged: true,
    reasons: result.reasons,
    ...(result.earliestDate === undefined ? {} : { earliestDate: result.earliestDate }),
    suggestedSlots,
  };
}

/** The first free slots of the service from the start of `date` (clinic zone), with the booking API's search. */
async function suggestSlots(
  db: Db,
  clinic: { id: string; timeZone: string },
  serviceId: string,
  date: string,
  nowMs: number,
) {
  const fromMs = Math.max(firstInstantAtOrAfter(clinic.timeZone, dayNumber(date), 0), nowMs);
  const found = await searchAvailability(
    db,
    clinic.id,
    { serviceId, fromMs, toMs: fromMs + SCHEDULING_LIMITS.availabilityMaxDays * DAY_MS },
    nowMs,
  );
  // One per start time: several practitioners free at once is one choice for the patient.
  const seen = new Set<string>();
  return found.slots
    .filter((slot) => (seen.has(slot.start) ? false : (seen.add(slot.start), true)))
    .slice(0, SUGGESTED_SLOTS);
}

export default async function checkInRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/bookings/:bookingId/check-ins',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Pre-session health check-in for a treatment booking (its patient only)',
        description:
          'Screens again with the latest self-assessment and these answers, as of the session’s date. A decision ' +
          'of defer, not_suitable or physician_review flags the booking for staff and suggests free slots from the ' +
          'earliest valid date. 422 not_a_treatment for a consultation, 422 assessment_required without a stored ' +
          'assessment, 409 for a cancelled or past booking; another patient’s booking is 404.',
        params: z.strictObject({ bookingId: z.uuid() }),
        body: checkInBodySchema,
        response: {
          200: checkInResponseSchema,
          ...Object.fromEntries([400, 401, 403, 404, 409, 415, 422].map((code) => [code, problemSchema])),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const caller: Caller = {
        userId: user.userId,
        clinicId: user.clinicId,
        role: user.role,
        patientId: user.patientId,
        actor: auditActor(request),
      };
      const clinic = await clinicForRequest(app.services.database.db, request);
      return checkIn(app.services.database, caller, clinic, request.params.bookingId, request.body, Date.now());
    },
  );
}
