// The clinic's screening policy, kept as append-only versions: the newest applies.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { clinicPolicies, users } from '../schema.ts';

export interface StoredPolicy {
  id: string;
  version: number;
  policy: unknown;
  changes: unknown;
  updatedAt: Date;
  updatedBy: { userId: string; displayName: string };
}

/** The newest stored version, or undefined when the clinic runs on the documented defaults. */
export async function findCurrentPolicy(db: Db, clinicId: string): Promise<StoredPolicy | undefined> {
  const [row] = await db
    .select({
      id: clinicPolicies.id,
      version: clinicPolicies.version,
      policy: clinicPolicies.policy,
      changes: clinicPolicies.changes,
      updatedAt: clinicPolicies.updatedAt,
      userId: users.id,
      displayName: users.displayName,
    })
    .from(clinicPolicies)
    .innerJoin(users, eq(users.id, clinicPolicies.updatedBy))
    .where(eq(clinicPolicies.clinicId, clinicId))
    .orderBy(desc(clinicPolicies.version))
    .limit(1);
  if (row === undefined) return undefined;
  const { userId, displayName, ...stored } = row;
  return { ...stored, updatedBy: { userId, displayName } };
}

/** The policy and version only, for the screener's hot path. */
export async function findCurrentPolicyValue(
  db: Db,
  clinicId: string,
): Promise<{ version: number; policy: unknown } | undefined> {
  const [row] = await db
    .select({ version: clinicPolicies.version, policy: clinicPolicies.policy })
    .from(clinicPolicies)
    .where(eq(clinicPolicies.clinicId, clinicId))
    .orderBy(desc(clinicPolicies.version))
    .limit(1);
  return row;
}

/**
 * Adds a version; undefined when that version exists already (a concurrent edit
 * won): the unique (clinic, version) key turns the race into a conflict.
 */
export async function insertPolicyVersion(
  db: Db,
  values: { clinicId: string; version: number; policy: unknown; changes: unknown; updatedBy: string },
): Promise<{ id: string; updatedAt: Date } | undefined> {
  const [row] = await db
    .insert(clinicPolicies)
    .values(values)
    .onConflictDoNothing({ target: [clinicPolicies.clinicId, clinicPolicies.version] })
    .returning({ id: clinicPolicies.id, updatedAt: clinicPolicies.updatedAt });
  return row;
}
