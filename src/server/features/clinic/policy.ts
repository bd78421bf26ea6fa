// The clinic's screening policy: read it, change it. A change goes through the
// domain's rules (waits only tighten; depth within the evaluated range), is stored
// as a new version with what changed (stricter or looser), and is audited.
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import { findCurrentPolicy, insertPolicyVersion } from '../../../db/repositories/clinic-policies.ts';
import {
  DEFAULT_CLINIC_POLICY,
  applyPolicyChange,
  clinicPolicySchema,
  describePolicyChange,
  type ClinicPolicy,
  type ClinicPolicyChange,
  type PolicyDifference,
} from '../../../domain/clinical/policy.ts';
import { ConflictError } from '../../../domain/errors.ts';
import { forgetScreeningSettings } from '../assessments/commands.ts';

export interface PolicyView {
  /** 0: no version stored, the documented defaults apply. */
  version: number;
  policy: ClinicPolicy;
  defaults: ClinicPolicy;
  updatedAt: string | null;
  updatedBy: { userId: string; displayName: string } | null;
  /** What the latest version changed from the one before. */
  changes: PolicyDifference[];
}

export async function readPolicy(db: Db, clinicId: string): Promise<PolicyView> {
  const stored = await findCurrentPolicy(db, clinicId);
  if (stored === undefined) {
    return {
      version: 0,
      policy: DEFAULT_CLINIC_POLICY,
      defaults: DEFAULT_CLINIC_POLICY,
      updatedAt: null,
      updatedBy: null,
      changes: [],
    };
  }
  return {
    version: stored.version,
    policy: clinicPolicySchema.parse(stored.policy),
    defaults: DEFAULT_CLINIC_POLICY,
    updatedAt: stored.updatedAt.toISOString(),
    updatedBy: stored.updatedBy,
    changes: stored.changes as PolicyDifference[],
  };
}

/**
 * Applies a change on top of the current version. Nothing differs: nothing is stored
 * or audited. Two admins saving at once: the second gets a conflict, not a silent merge.
 */
export async function changePolicy(
  db: Db,
  context: { clinicId: string; userId: string; actor: AuditActor },
  change: ClinicPolicyChange,
): Promise<PolicyView> {
  await db.transaction(async (tx) => {
    const current = await readPolicy(tx, context.clinicId);
    const next = applyPolicyChange(current.policy, change);
    const changes = describePolicyChange(current.policy, next);
    if (changes.length === 0) return;
    const inserted = await insertPolicyVersion(tx, {
      clinicId: context.clinicId,
      version: current.version + 1,
      policy: next,
      changes,
      updatedBy: context.userId,
    });
    if (inserted === undefined) {
      throw new ConflictError(
        'policy_changed_meanwhile',
        'Someone else changed the policy just now. Reload and try again.',
      );
    }
    // The audit row holds no values; the version row holds what changed and which way.
    await recordAuditEvent(tx, context.actor, {
      action: changes.some((difference) => difference.direction === 'looser') ? 'policy_loosened' : 'policy_changed',
      outcome: 'allowed',
      resourceType: 'clinic_policy',
      resourceId: inserted.id,
    });
  });
  forgetScreeningSettings(db, context.clinicId);
  return readPolicy(db, context.clinicId);
}
