// Signing in from a browser test: through the form when the form is what the
// test is about, through the API (into the page's own cookie jar) when it is
// only the way in to the page under test.
import { createHmac } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { baseUrl } from './browser.ts';

export const demoLogins = {
  admin: 'admin@demo.puncta.test',
  frontDesk: 'frontdesk@demo.puncta.test',
  practitioner: 'practitioner1@demo.puncta.test',
  practitionerTwo: 'practitioner2@demo.puncta.test',
  patient: 'patient1@demo.puncta.test',
  patientTwo: 'patient2@demo.puncta.test',
} as const;

export function demoPassword(): string {
  return inject('demoPassword');
}

/** Starts a session in the page's browser context without going through the form. */
export async function signInByApi(page: Page, email: string, password = demoPassword()): Promise<void> {
  const response = await page.context().request.post('/api/v1/auth/login', { data: { email, password } });
  if (response.status() !== 200)
    throw new Error(`sign-in of ${email} answered ${response.status()}: ${await response.text()}`);
}

/**
 * Signs a browser context in through the API and answers the headers its own API
 * writes need beside the page: the session's CSRF token and the app's origin.
 */
export async function signInForApiWrites(
  context: BrowserContext,
  email: string,
  password = demoPassword(),
): Promise<Record<string, string>> {
  const response = await context.request.post('/api/v1/auth/login', { data: { email, password } });
  if (response.status() !== 200)
    throw new Error(`sign-in of ${email} answered ${response.status()}: ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { 'x-csrf-token': csrfToken, origin: new URL(baseUrl()).origin };
}

/** Fills in and sends the sign-in form on the current page. */
export async function fillSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The current code of an authenticator set up with this base32 secret (RFC 6238: SHA-1, 30 s, 6 digits). */
export function totpCode(base32Secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of base32Secret.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(character);
    if (value === -1) throw new Error(`not base32: ${character}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}
