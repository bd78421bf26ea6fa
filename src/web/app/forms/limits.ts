// Limits the forms check before sending, matching the server's
// (src/server/auth/password-policy.ts, src/server/features/auth/schemas.ts).
// They belong in src/domain/contracts/ so that both sides read the same
// constant; the server's module reads a file, so the browser cannot import it.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const DISPLAY_NAME_MAX_LENGTH = 100;
export const TOTP_CODE = /^\d{6}$/;

export function checkEmail(email: string): string | undefined {
  const value = email.trim();
  if (value === '') return 'Enter your email address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Enter an email address like name@example.com.';
  return undefined;
}

export function checkNewPassword(password: string): string | undefined {
  if (password === '') return 'Choose a password.';
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

export function checkDisplayName(name: string): string | undefined {
  const value = name.trim();
  if (value === '') return 'Enter your name.';
  if (value.length > DISPLAY_NAME_MAX_LENGTH) return `Use at most ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  return undefined;
}

/** Authenticator codes are often typed or pasted with a space in the middle. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}
