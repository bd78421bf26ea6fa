// The server's problem codes in words people understand. Unknown codes fall
// back to the server's own `detail`, which is written for people too.
import type { ApiError } from '../api/fetch-json.ts';
import { PASSWORD_MIN_LENGTH } from './limits.ts';

export function describeProblem(error: ApiError): string {
  switch (error.code) {
    case 'invalid_credentials':
      return 'That email and password do not match. Check both and try again.';
    case 'invalid_mfa_code':
      return 'That code is not right. Codes change every 30 seconds: enter the one your app shows now.';
    case 'invalid_token':
      return 'This link has expired or was already used. Ask for a new one.';
    case 'rate_limited':
      return `Too many attempts in a short time. For your safety, please wait ${waitText(error.retryAfterSeconds)} and try again.`;
    case 'email_not_verified':
      return 'Please confirm your email address first: open the link in the email we sent when you signed up. No email? Create your account again with the same address and we will send a new link.';
    case 'csrf_failed':
      return 'This page has been open for a long time or you signed in elsewhere. Reload the page and try again.';
    case 'validation_failed':
      return error.fieldErrors.length > 0
        ? 'Please check the highlighted fields.'
        : 'Some of the details are missing or not valid.';
    case 'unauthorized':
      return 'You have been signed out. Please sign in again.';
    case 'forbidden':
      return 'Your role does not allow this. Ask your clinic admin if you need it.';
    case 'network':
      return error.message;
    case 'internal_error':
      return 'Something went wrong on our side. Please try again in a moment.';
    default:
      return error.message;
  }
}

/** "2 minutes", "about an hour"; "a few minutes" when the server did not say. */
export function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return 'a few minutes';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}

/**
 * A field message from the server's validation: zod's wording ("Too small:
 * expected string to have >=12 characters") is for developers, so the fields
 * people type into get messages of their own.
 */
export function fieldMessage(field: string, serverMessage: string): string {
  const technical = /expected|invalid|too (small|big)|>=|<=|regex|received/i.test(serverMessage);
  if (!technical) return serverMessage;
  switch (field) {
    case 'email':
      return 'Enter an email address like name@example.com.';
    case 'password':
    case 'newPassword':
      return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    case 'displayName':
      return 'Enter your name.';
    case 'totp':
    case 'code':
      return 'Enter the 6-digit code from your authenticator app.';
    default:
      return 'Check this field.';
  }
}
