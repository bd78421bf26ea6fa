// Stored self-assessments and their practitioner sign-offs. Every read takes the
// clinic it must belong to, so no query reaches across tenants by a missing filter.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { assessmentReviews, assessments, patients, users } from '../schema.ts';
import type { Decision } from '../../domain/clinical/vocabulary.ts';

export interface NewAssessment {
  /** Set by the caller when the id is needed before the insert (batched writes with audit rows). */
  id?: string;
  clinicId: string;
  patientId: string | null;
  inputs: unknown;
  decision: unknown;
  plan: unknown;
  overallDecision: Decision;
  protocolVersion: string;
  policy: unknown;
  policyVersion: number | null;
  assessedOn: string;
  /** SHA-256 (hex) of the claim token handed to an anonymous submitter; null when it is linked already. */
  claimTokenHash?: string | null;
}

/** Many assessments in one statement (the batched write path). */
export async function insertAssessments(db: Db, rows: readonly NewAssessment[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(assessments).values([...rows]);
}

export interface ReviewRecord {
  id: string;
  decision: Decision;
  note: string | null;
  reviewedAt: Date;
  reviewedBy: { userId: string; displayName: string };
}

export interface AssessmentRecord {
  id: string;
  clinicId: string;
  patientId: string | null;
  inputs: unknown;
  decision: unknown;
  plan: unknown;
  overallDecision: Decision;
  protocolVersion: string;
  policy: unknown;
  policyVersion: number | null;
  assessedOn: string;
  createdAt: Date;
}

/** Every column but the claim token's hash, which never leaves the claim query. */
const recordColumns = {
  id: assessments.id,
  clinicId: assessments.clinicId,
  patientId: assessments.patientId,
  inputs: assessments.inputs,
  decision: assessments.decision,
  plan: assessments.plan,
  overallDecision: assessments.overallDecision,
  protocolVersion: assessments.protocolVersion,
  policy: assessments.policy,
  policyVersion: assessments.policyVersion,
  assessedOn: assessments.assessedOn,
  createdAt: assessments.createdAt,
};

export async function findAssessmentInClinic(
  db: Db,
  clinicId: string,
  assessmentId: string,
): Promise<AssessmentRecord | undefined> {
  const [row] = await db
    .select(recordColumns)
    .from(assessments)
    .where(and(eq(assessments.clinicId, clinicId), eq(assessments.id, assessmentId)));
  return row;
}

/** What a claim needs to decide, read under a row lock so two claims of one assessment take turns. */
export interface ClaimCandidate {
  id: string;
  patientId: string | null;
  claimTokenHash: string | null;
  assessedOn: string;
  createdAt: Date;
}

/** Call inside a transaction: the row stays locked until it ends. */
export async function lockAssessmentForClaim(
  db: Db,
  clinicId: string,
  assessmentId: string,
): Promise<ClaimCandidate | undefined> {
  const [row] = await db
    .select({
      id: assessments.id,
      patientId: assessments.patientId,
      claimTokenHash: assessments.claimTokenHash,
      assessedOn: assessments.assessedOn,
      createdAt: assessments.createdAt,
    })
    .from(assessments)
    .where(and(eq(assessments.clinicId, clinicId), eq(assessments.id, assessmentId)))
    .for('update');
  return row;
}

/**
 * Links an unclaimed assessment to a patient and forgets its claim token, only while
 * it is still unclaimed with this very token hash (a guard even without the row lock).
 * True when the row changed.
 */
export async function linkClaimedAssessment(
  db: Db,
  claim: { clinicId: string; assessmentId: string; patientId: string; claimTokenHash: string },
): Promise<boolean> {
  const rows = await db
    .update(assessments)
    .set({ patientId: claim.patientId, claimTokenHash: null })
    .where(
      and(
        eq(assessments.clinicId, claim.clinicId),
        eq(assessments.id, claim.assessmentId),
        isNull(assessments.patientId),
        eq(assessments.claimTokenHash, claim.claimTokenHash),
      ),
    )
    .returning({ id: assessments.id });
  return rows.length === 1;
}

/** Sign-offs on one assessment, oldest first: the last one is the current status. */
export async function listReviews(db: Db, assessmentId: string): Promise<ReviewRecord[]> {
  const rows = await db
    .select({
      id: assessmentReviews.id,
      decision: assessmentReviews.decision,
      note: assessmentReviews.note,
      reviewedAt: assessmentReviews.reviewedAt,
      userId: users.id,
      displayName: users.displayName,
    })
    .from(assessmentReviews)
    .innerJoin(users, eq(users.id, assessmentReviews.reviewedBy))
    .where(eq(assessmentReviews.assessmentId, assessmentId))
    .orderBy(assessmentReviews.reviewedAt, assessmentReviews.id);
  return rows.map(({ userId, displayName, ...review }) => ({ ...review, reviewedBy: { userId, displayName } }));
}

export async function insertReview(
  db: Db,
  review: { assessmentId: string; clinicId: string; reviewedBy: string; decision: Decision; note: string | null },
): Promise<{ id: string; reviewedAt: Date }> {
  const [row] = await db
    .insert(assessmentReviews)
    .values(review)
    .returning({ id: assessmentReviews.id, reviewedAt: assessmentReviews.reviewedAt });
  if (row === undefined) throw new Error('insert into assessment_reviews returned no row');
  return row;
}

export interface AssessmentSummary {
  id: string;
  createdAt: Date;
  assessedOn: string;
  overallDecision: Decision;
  protocolVersion: string;
  concerns: string[];
  areas: string[];
  patient: { id: string; givenName: string; familyName: string } | null;
  latestReview: { decision: Decision; reviewedAt: Date; reviewerName: string } | null;
}

/** The clinic's assessments (or one patient's, with `patientId`), newest first, with the latest sign-off of each. */
export async function listAssessmentSummaries(
  db: Db,
  clinicId: string,
  options: { limit: number; reviewed?: boolean | undefined; patientId?: string | undefined },
): Promise<AssessmentSummary[]> {
  const latest = db
    .selectDistinctOn([assessmentReviews.assessmentId], {
      assessmentId: assessmentReviews.assessmentId,
      decision: assessmentReviews.decision,
      reviewedAt: assessmentReviews.reviewedAt,
      reviewerName: users.displayName,
    })
    .from(assessmentReviews)
    .innerJoin(users, eq(users.id, assessmentReviews.reviewedBy))
    .where(eq(assessmentReviews.clinicId, clinicId))
    .orderBy(assessmentReviews.assessmentId, desc(assessmentReviews.reviewedAt), desc(assessmentReviews.id))
    .as('latest_review');
  const reviewedFilter =
    options.reviewed === undefined
      ? undefined
      : options.reviewed
        ? sql`${latest.assessmentId} is not null`
        : sql`${latest.assessmentId} is null`;
  const rows = await db
    .select({
      id: assessments.id,
      createdAt: assessments.createdAt,
      assessedOn: assessments.assessedOn,
      overallDecision: assessments.overallDecision,
      protocolVersion: assessments.protocolVersion,
      concerns: sql<string[]>`${assessments.inputs} -> 'concerns'`,
      areas: sql<string[]>`${assessments.inputs} -> 'areas'`,
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      reviewDecision: latest.decision,
      reviewedAt: latest.reviewedAt,
      reviewerName: latest.reviewerName,
    })
    .from(assessments)
    .leftJoin(patients, eq(patients.id, assessments.patientId))
    .leftJoin(latest, eq(latest.assessmentId, assessments.id))
    .where(
      and(
        eq(assessments.clinicId, clinicId),
        reviewedFilter,
        options.patientId === undefined ? undefined : eq(assessments.patientId, options.patientId),
      ),
    )
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(options.limit);
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    assessedOn: row.assessedOn,
    overallDecision: row.overallDecision,
    protocolVersion: row.protocolVersion,
    concerns: row.concerns,
    areas: row.areas,
    patient:
      row.patientId === null || row.givenName === null || row.familyName === null
        ? null
        : { id: row.patientId, givenName: row.givenName, familyName: row.familyName },
    latestReview:
      row.reviewDecision === null || row.reviewedAt === null || row.reviewerName === null
        ? null
        : { decision: row.reviewDecision, reviewedAt: row.reviewedAt, reviewerName: row.reviewerName },
  }));
}
