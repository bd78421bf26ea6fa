// Staff second factor: when it is required, checking a code, and enrolment.
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { ConflictError, InvalidInputError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import { DEMO_CLINIC_SLUG, DEMO_EMAIL_DOMAIN, DEMO_ORGANIZATION_SLUG } from '../../../db/seed/demo-clinic.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import {
  claimTotpStep,
  findTotpCredential,
  replaceRecoveryCodes,
  savePendingTotp,
  useRecoveryCode,
} from '../../../db/repositories/totp.ts';
import { findSoleClinic, type ClinicRole } from '../../../db/repositories/users.ts';
import type { Config } from '../../../platform/config.ts';
import { decryptSecret, deriveKey, encryptSecret, sha256Hex } from '../../../platform/secrets.ts';
import { base32Encode, matchTotpStep, newTotpSecret, otpauthUrl } from '../../auth/totp.ts';
import type { AuthContext } from './context.ts';

export type MfaRequirement = 'none' | 'code' | 'enrolment';

/**
 * Whether this person must give a second factor to sign in. Decided per person,
 * not per clinic: someone who is staff anywhere is treated as staff, so that
 * switching clinic never skips the check. An enrolled authenticator is always
 * asked for; enrolment is forced only in production, and the demo staff are
 * exempt while the demo clinic is the only clinic and the demo is on.
 */
export async function mfaRequirement(
  context: AuthContext,
  user: { id: string; email: string },
  roles: ClinicRole[],
): Promise<MfaRequirement> {
  if (!roles.some((role) => role.role !== 'patient')) return 'none';
  const credential = await findTotpCredential(context.database.db, user.id);
  if (credential?.confirmed === true) return 'code';
  if (context.config.env !== 'production') return 'none';
  if (await isExemptDemoAccount(context, user.email)) return 'none';
  return 'enrolment';
}

async function isExemptDemoAccount(context: AuthContext, email: string): Promise<boolean> {
  if (!context.config.demo.enabled || !email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`)) return false;
  const sole = await findSoleClinic(context.database.db);
  return sole?.organizationSlug === DEMO_ORGANIZATION_SLUG && sole.clinicSlug === DEMO_CLINIC_SLUG;
}

export interface SecondFactor {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

export function hasSecondFactor(factor: SecondFactor): boolean {
  return factor.totp !== undefined || factor.recoveryCode !== undefined;
}

/** Checks and uses up a TOTP code (its time step) or a recovery code. */
export async function verifySecondFactor(
  db: Db,
  config: Config,
  userId: string,
  factor: SecondFactor,
): Promise<boolean> {
  if (factor.recoveryCode !== undefined) {
    return useRecoveryCode(db, userId, hashRecoveryCode(factor.recoveryCode));
  }
  if (factor.totp === undefined) return false;
  const credential = await findTotpCredential(db, userId);
  if (credential?.confirmed !== true) return false;
  return acceptTotp(db, config, userId, credential.secretCiphertext, factor.totp);
}

async function acceptTotp(db: Db, config: Config, userId: string, ciphertext: string, code: string): Promise<boolean> {
  let secret: Buffer;
  try {
    secret = decryptSecret(totpKey(config), ciphertext);
  } catch {
    // Not the person's fault: the operator changed or lost the secret. Recovery codes still work.
    throw new Error('cannot decrypt a TOTP secret: was PUNCTA_SESSION_SECRET (or data/session-secret) changed?');
  }
  const step = matchTotpStep(secret, code);
  // Claiming the step is what refuses a replay: a used step (or an older one) no longer matches.
  return step !== undefined && claimTotpStep(db, userId, step);
}

function totpKey(config: Config): Buffer {
  return deriveKey(config.sessionSecret, 'totp-secret');
}

export interface Enrolment {
  otpauthUrl: string;
  qrSvg: string;
  secret: string;
}

/** Starts enrolment with a new secret; the authenticator counts once a first code confirms it. */
export async function beginTotpEnrolment(
  context: AuthContext,
  user: { id: string; email: string },
): Promise<Enrolment> {
  const secret = newTotpSecret();
  const saved = await savePendingTotp(context.database.db, user.id, encryptSecret(totpKey(context.config), secret));
  if (!saved) {
    throw new ConflictError('mfa_already_enrolled', 'An authenticator app is already set up for this account.');
  }
  const url = otpauthUrl(secret, user.email, 'Puncta');
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUrl: url, qrSvg, secret: base32Encode(secret) };
}

export const RECOVERY_CODE_COUNT = 10;

/**
 * Confirms enrolment with the first code, in the caller's transaction, and
 * hands out the recovery codes (their hashes are all that is kept). Undefined
 * when the code is wrong: nothing changed, the caller records the failure.
 */
export async function confirmTotpEnrolment(
  tx: Db,
  context: AuthContext,
  userId: string,
  code: string,
  actor: AuditActor,
): Promise<string[] | undefined> {
  const credential = await findTotpCredential(tx, userId);
  if (credential === undefined) {
    throw new ConflictError('mfa_enrolment_not_started', 'Start the authenticator setup first.');
  }
  if (credential.confirmed) {
    throw new ConflictError('mfa_already_enrolled', 'An authenticator app is already set up for this account.');
  }
  if (!(await acceptTotp(tx, context.config, userId, credential.secretCiphertext, code))) {
    return undefined;
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
  await recordAuditEvent(tx, actor, {
    action: 'mfa_enrolled',
    outcome: 'allowed',
    resourceType: 'user',
    resourceId: userId,
  });
  return codes;
}

export function invalidCodeError(): InvalidInputError {
  return new InvalidInputError('invalid_mfa_code', 'That code is not right. Enter the current code from your app.');
}

const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 characters of a 32-letter alphabet (80 bits), shown as xxxx-xxxx-xxxx-xxxx. */
function newRecoveryCode(): string {
  const characters = [...randomBytes(16)].map((byte) => RECOVERY_ALPHABET[byte & 31]).join('');
  return characters.match(/.{4}/g)!.join('-');
}

/** Case, spaces and dashes do not matter when a code is typed back. */
function hashRecoveryCode(code: string): string {
  return sha256Hex(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}
