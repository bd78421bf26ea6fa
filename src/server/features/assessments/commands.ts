// The self-assessment's use cases: submit (screen, plan, store), read, list and
// sign off. Handlers pass plain data in; the clinic always comes from the principal
// (or, for anonymous visitors, is the clinic this node serves), never the body.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import {
  findAssessmentInClinic,
  insertReview,
  linkClaimedAssessment,
  listAssessmentSummaries,
  lockAssessmentForClaim,
  listReviews,
  type AssessmentRecord,
  type AssessmentSummary,
  type ReviewRecord,
} from '../../../db/repositories/assessments.ts';
import { findCurrentPolicyValue } from '../../../db/repositories/clinic-policies.ts';
import { listPriceList } from '../../../db/repositories/clinics.ts';
import { assessCandidate } from '../../../domain/clinical/assess.ts';
import { DEFAULT_CLINIC_POLICY, clinicPolicySchema, type ClinicPolicy } from '../../../domain/clinical/policy.ts';
import type { PriceListEntry } from '../../../domain/clinical/pricing.ts';
import type { Decision } from '../../../domain/clinical/vocabulary.ts';
import type { AssessmentRequest, AssessmentResponse } from '../../../domain/contracts/assessment.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import { localDate } from '../../../domain/time-zone.ts';
import { randomToken, safeEqual, sha256Hex } from '../../../platform/secrets.ts';
import type { Role } from '../../auth/principal.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { storeAssessment } from './assessment-writer.ts';

/** What the screener reads of a clinic besides the request. */
export interface ScreeningSettings {
  clinicId: string;
  timeZone: string;
  policy: ClinicPolicy;
  /** Null: the documented defaults. */
  policyVersion: number | null;
  prices: readonly PriceListEntry[];
}

/**
 * How long a node reuses a clinic's policy and price list. Every submission reads
 * them, and they change rarely; a policy change on this node takes effect at once
 * (forgetScreeningSettings), one on another node within this time. The stored
 * assessment records the policy it actually used, so a decision stays reproducible.
 */
export const SETTINGS_TTL_MS = 2_000;

const settingsCache = new WeakMap<Db, Map<string, { until: number; settings: Promise<ScreeningSettings> }>>();

export function loadScreeningSettings(
  db: Db,
  clinic: { id: string; timeZone: string },
  now = Date.now(),
): Promise<ScreeningSettings> {
  let cache = settingsCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    settingsCache.set(db, cache);
  }
  const cached = cache.get(clinic.id);
  if (cached !== undefined && cached.until > now) return cached.settings;
  const settings = readScreeningSettings(db, clinic);
  cache.set(clinic.id, { until: now + SETTINGS_TTL_MS, settings });
  // A failed read is not kept: the next request tries again.
  settings.catch(() => cache.delete(clinic.id));
  return settings;
}

/** Drops this node's copy, after the policy (or price list) changed. */
export function forgetScreeningSettings(db: Db, clinicId: string): void {
  settingsCache.get(db)?.delete(clinicId);
}

async function readScreeningSettings(db: Db, clinic: { id: string; timeZone: string }): Promise<ScreeningSettings> {
  const [stored, prices] = await Promise.all([findCurrentPolicyValue(db, clinic.id), listPriceList(db, clinic.id)]);
  return {
    clinicId: clinic.id,
    timeZone: clinic.timeZone,
    // Parsed again on the way out: a stored policy that no longer passes the floors fails loudly.
    policy: stored === undefined ? DEFAULT_CLINIC_POLICY : clinicPolicySchema.parse(stored.policy),
    policyVersion: stored?.version ?? null,
    prices,
  };
}

/** "Today" for an assessment: the caller's, else the clinic's local date. */
export function assessmentToday(request: AssessmentRequest, timeZone: string, now: Date): string {
  return request.today ?? localDate(timeZone, now);
}

export interface SubmitContext {
  settings: ScreeningSettings;
  actor: AuditActor;
  /** The signed-in patient's record in this clinic; null for visitors and staff. */
  patientId: string | null;
  now: Date;
}

/**
 * Screens, plans and stores one assessment, with its audit row in the same
 * transaction (group-committed with others waiting: assessment-writer.ts). Throws InvalidInputError for a birth date after today (the route
 * checks first, to answer 400 naming the field).
 */
export async function submitAssessment(
  db: Db,
  context: SubmitContext,
  request: AssessmentRequest,
): Promise<AssessmentResponse> {
  const { settings } = context;
  const today = assessmentToday(request, settings.timeZone, context.now);
  const result = assessCandidate(request, { policy: settings.policy, prices: settings.prices, today });
  // `today` is kept in its own column; the inputs are what the person told us.
  const { today: _today, ...inputs } = request;
  const id = randomUUID();
  // A visitor (or staff member) gets a secret to link the assessment to an account
  // later; only its hash is stored. A signed-in patient's is theirs already.
  // Only a visitor who is not signed in needs a way to link it later; a signed-in
  // patient's lands in their record, and staff cannot claim (patients only).
  const claimToken = context.patientId === null && context.actor.userId === null ? randomToken() : undefined;
  await storeAssessment(
    db,
    {
      id,
      clinicId: settings.clinicId,
      patientId: context.patientId,
      inputs,
      decision: result.decision,
      plan: result.plan,
      overallDecision: result.decision.overall,
      protocolVersion: result.protocolVersion,
      policy: settings.policy,
      policyVersion: settings.policyVersion,
      assessedOn: today,
      claimTokenHash: claimToken === undefined ? null : sha256Hex(claimToken),
    },
    {
      actor: context.actor,
      event: {
        action: 'create',
        outcome: 'allowed',
        resourceType: 'assessment',
        resourceId: id,
        ...(context.patientId === null ? {} : { patientId: context.patientId }),
      },
    },
  );
  return {
    id,
    protocolVersion: result.protocolVersion,
    decision: result.decision,
    plan: result.plan,
    ...(claimToken === undefined ? {} : { claimToken }),
  };
}

/** How long an anonymous assessment can be linked to an account. */
export const CLAIM_WINDOW_DAYS = 30;

export interface ClaimContext {
  clinicId: string;
  /** The caller's patient record in this clinic. */
  patientId: string;
  actor: AuditActor;
  now: Date;
}

export interface ClaimResult {
  id: string;
  assessedOn: string;
  /** False when the assessment was the caller's already (a repeated claim). */
  linked: boolean;
}

/**
 * Links an anonymous assessment to the signed-in patient, given the claim token it
 * was handed out with. Unknown id, wrong token, too old, or someone else's: all one
 * 404 (audited as access_denied), so a caller learns nothing about which. The same
 * patient claiming it again gets the same answer as the first time, without a change.
 */
export async function claimAssessment(
  db: Db,
  context: ClaimContext,
  input: { assessmentId: string; claimToken: string },
): Promise<ClaimResult> {
  const givenHash = sha256Hex(input.claimToken);
  const notBefore = context.now.getTime() - CLAIM_WINDOW_DAYS * 24 * 60 * 60 * 1000;
  const outcome = await db.transaction(async (tx): Promise<ClaimResult | undefined> => {
    const candidate = await lockAssessmentForClaim(tx, context.clinicId, input.assessmentId);
    if (candidate === undefined) return undefined;
    if (candidate.patientId === context.patientId) {
      return { id: candidate.id, assessedOn: candidate.assessedOn, linked: false };
    }
    const claimable =
      candidate.patientId === null &&
      candidate.claimTokenHash !== null &&
      safeEqual(candidate.claimTokenHash, givenHash) &&
      candidate.createdAt.getTime() >= notBefore;
    if (!claimable) return undefined;
    const changed = await linkClaimedAssessment(tx, {
      clinicId: context.clinicId,
      assessmentId: candidate.id,
      patientId: context.patientId,
      claimTokenHash: givenHash,
    });
    if (!changed) return undefined;
    await recordAuditEvent(tx, context.actor, {
      action: 'update',
      outcome: 'allowed',
      resourceType: 'assessment',
      resourceId: candidate.id,
      patientId: context.patientId,
    });
    return { id: candidate.id, assessedOn: candidate.assessedOn, linked: true };
  });
  return (
    outcome ??
    denyAsNotFound(db, context.actor, {
      what: 'The assessment',
      resourceType: 'assessment',
      resourceId: input.assessmentId,
    })
  );
}

/** The patient's own assessments, newest first; one `read` row for the list, filed under the patient. */
export async function listOwnAssessments(
  db: Db,
  context: { clinicId: string; patientId: string; actor: AuditActor },
  limit: number,
): Promise<AssessmentSummary[]> {
  return db.transaction(async (tx) => {
    const list = await listAssessmentSummaries(tx, context.clinicId, { limit, patientId: context.patientId });
    await recordAuditEvent(tx, context.actor, {
      action: 'read',
      outcome: 'allowed',
      resourceType: 'assessment_list',
      patientId: context.patientId,
    });
    return list;
  });
}

export interface ReaderContext {
  clinicId: string;
  role: Role;
  /** Set for patients: only their own assessments are theirs to read. */
  patientId: string | null;
  actor: AuditActor;
}

export interface AssessmentWithReviews {
  assessment: AssessmentRecord;
  reviews: ReviewRecord[];
}

const CLINICAL: ReadonlySet<Role> = new Set(['practitioner', 'clinic_admin']);

/**
 * One assessment for its patient or the clinic's clinical staff. Anything else (another
 * patient's, another clinic's, an unknown id) answers 404 and is audited as access_denied.
 */
export async function readAssessment(db: Db, context: ReaderContext, id: string): Promise<AssessmentWithReviews> {
  const found = await db.transaction(async (tx) => {
    const assessment = await findAssessmentInClinic(tx, context.clinicId, id);
    if (assessment === undefined || !mayRead(context, assessment)) return undefined;
    const reviews = await listReviews(tx, assessment.id);
    await recordAuditEvent(tx, context.actor, {
      action: 'read',
      outcome: 'allowed',
      resourceType: 'assessment',
      resourceId: assessment.id,
      ...(assessment.patientId === null ? {} : { patientId: assessment.patientId }),
    });
    return { assessment, reviews };
  });
  return (
    found ?? denyAsNotFound(db, context.actor, { what: 'The assessment', resourceType: 'assessment', resourceId: id })
  );
}

function mayRead(context: ReaderContext, assessment: AssessmentRecord): boolean {
  if (CLINICAL.has(context.role)) return true;
  return context.role === 'patient' && context.patientId !== null && assessment.patientId === context.patientId;
}

/** The clinic's assessments for clinical staff; one `read` row for the list. */
export async function listAssessments(
  db: Db,
  context: { clinicId: string; actor: AuditActor },
  options: { limit: number; reviewed?: boolean | undefined },
): Promise<AssessmentSummary[]> {
  return db.transaction(async (tx) => {
    const list = await listAssessmentSummaries(tx, context.clinicId, options);
    await recordAuditEvent(tx, context.actor, { action: 'read', outcome: 'allowed', resourceType: 'assessment_list' });
    return list;
  });
}

export interface ReviewInput {
  decision: Decision;
  note?: string | undefined;
}

/**
 * A practitioner's sign-off: a new row, never an edit. Changing the screener's answer
 * needs a note saying why, so the record explains itself later.
 */
export async function reviewAssessment(
  db: Db,
  context: { clinicId: string; userId: string; actor: AuditActor },
  id: string,
  input: ReviewInput,
): Promise<{ review: ReviewRecord; reviews: ReviewRecord[]; assessment: AssessmentRecord }> {
  const note = input.note?.trim() === '' ? undefined : input.note?.trim();
  const outcome = await db.transaction(async (tx) => {
    const assessment = await findAssessmentInClinic(tx, context.clinicId, id);
    if (assessment === undefined) return undefined;
    if (input.decision !== assessment.overallDecision && note === undefined) {
      throw new InvalidInputError(
        'note_required',
        'Say in a note why you change the screener’s answer; a confirmation may go without one.',
      );
    }
    const inserted = await insertReview(tx, {
      assessmentId: assessment.id,
      clinicId: context.clinicId,
      reviewedBy: context.userId,
      decision: input.decision,
      note: note ?? null,
    });
    await recordAuditEvent(tx, context.actor, {
      action: 'review',
      outcome: 'allowed',
      resourceType: 'assessment',
      resourceId: assessment.id,
      ...(assessment.patientId === null ? {} : { patientId: assessment.patientId }),
    });
    const reviews = await listReviews(tx, assessment.id);
    const review = reviews.find((candidate) => candidate.id === inserted.id);
    if (review === undefined) throw new Error('the new review was not read back');
    return { assessment, reviews, review };
  });
  return (
    outcome ?? denyAsNotFound(db, context.actor, { what: 'The assessment', resourceType: 'assessment', resourceId: id })
  );
}
