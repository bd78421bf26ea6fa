// What a new password must be: long enough and not on the list of passwords
// attackers try first (src/platform/common-passwords.txt, shipped with Puncta,
// so the check works offline). Sign-in accepts any stored password.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; a cap keeps a megabyte "password" from costing CPU. */
export const PASSWORD_MAX_LENGTH = 256;

const commonPasswords: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../platform/common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.trim().toLowerCase());
}

/** A password someone is choosing now (sign-up, reset, change, invitation). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((password) => !isCommonPassword(password), {
    message: 'This password is on a list of common passwords that attackers try first. Choose another.',
  });

/** A password someone is typing to prove who they are. */
export const currentPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
