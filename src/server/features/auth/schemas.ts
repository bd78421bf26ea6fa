// Request and response shapes of /api/v1/auth (docs/identity.md). Browser-safe
// parts (lengths, field names) could move to src/domain/contracts when the
// screens import them; the common-password rule needs the server's list.
import { z } from 'zod';
import { ROLES } from '../../auth/principal.ts';
import { currentPasswordSchema, newPasswordSchema } from '../../auth/password-policy.ts';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address.' }));

export const displayNameSchema = z.string().trim().min(1, 'Enter your name.').max(100);

/** Tokens from email links: base64url, 43 characters for 256 bits; a little slack either way. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid.');

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code.');
export const recoveryCodeSchema = z.string().trim().min(8).max(40);

export const userSchema = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string(), emailVerified: z.boolean() })
  .meta({ id: 'User' });

export const signedInSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string().describe('Send as the x-csrf-token header on every state-changing request'),
  })
  .meta({ id: 'SignedIn' });

export const sessionViewSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string(),
    clinic: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
    role: z.enum(ROLES),
    memberships: z.array(z.object({ clinicId: z.uuid(), clinicName: z.string(), role: z.enum(ROLES) })),
    mfaEnrolled: z.boolean().describe('The person has a confirmed authenticator'),
    mfaPending: z
      .boolean()
      .describe('This session may only set up the authenticator (staff in production without one)'),
  })
  .meta({ id: 'SessionView' });

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: currentPasswordSchema,
  totp: totpCodeSchema.optional(),
  recoveryCode: recoveryCodeSchema.optional(),
});

export const signupBodySchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  displayName: displayNameSchema,
});

export const emailOnlyBodySchema = z.strictObject({ email: emailSchema });

export const tokenBodySchema = z.strictObject({ token: linkTokenSchema });

export const signInLinkCompleteBodySchema = z.strictObject({
  token: linkTokenSchema,
  totp: totpCodeSchema.optional().describe('Staff with an authenticator: the current code'),
  recoveryCode: recoveryCodeSchema.optional(),
});

export const resetCompleteBodySchema = z.strictObject({ token: linkTokenSchema, password: newPasswordSchema });

export const changePasswordBodySchema = z.strictObject({
  currentPassword: currentPasswordSchema,
  newPassword: newPasswordSchema,
});

export const invitationAcceptBodySchema = z.strictObject({
  token: linkTokenSchema,
  password: z.string().max(256).describe('A new password, or the current one when the account exists already'),
  displayName: displayNameSchema,
});

export const switchClinicBodySchema = z.strictObject({ clinicId: z.uuid() });

export const sessionListSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});

export const acceptedSchema = z.object({ status: z.string() });

export const totpEnrolmentSchema = z.object({
  otpauthUrl: z.string().describe('otpauth://totp/… for authenticator apps'),
  qrSvg: z.string().describe('The same URL as an SVG QR code'),
  secret: z.string().describe('Base32 secret, for typing in by hand'),
});

export const totpConfirmBodySchema = z.strictObject({ code: totpCodeSchema });

export const totpConfirmedSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('Shown once; each works once'),
  csrfToken: z.string().describe('The session id changed: use this token from now on'),
});

export const API_TOKEN_SCOPES = ['read', 'write'] as const;

export const apiTokenCreateBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES))
    .min(1)
    .max(2)
    .describe('read: GET requests; write: POST, PUT, PATCH, DELETE'),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});

export const apiTokenCreatedSchema = z.object({
  id: z.uuid(),
  token: z.string().describe('Shown once: send as Authorization: Bearer <token>'),
});

export const apiTokenListSchema = z.object({
  tokens: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      scopes: z.array(z.string()),
      createdAt: z.iso.datetime(),
      expiresAt: z.iso.datetime().nullable(),
      lastUsedAt: z.iso.datetime().nullable(),
    }),
  ),
});

export const idParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const uuidParamsSchema = z.object({ id: z.uuid() });
