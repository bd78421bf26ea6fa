// The booking API's problem codes in plain words. The clinic's own rule (its
// notice period, say) comes in the problem's `detail`, written for people, and is
// shown as it is.
import { ApiError } from '../api/fetch-json.ts';
import { describeProblem } from '../forms/problem-text.ts';

export const SLOT_TAKEN = 'Someone just took this time. Here are the times that are free now.';

export function bookingProblemText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page. Reload it and try again.';
  switch (error.code) {
    case 'slot_unavailable':
      return SLOT_TAKEN;
    case 'version_conflict':
    case 'precondition_required':
      return 'This appointment changed meanwhile, perhaps in another window or at the front desk. Reload to see it as it is now.';
    case 'idempotency_key_reused':
      return 'This page sent two different requests as one. Reload the page and try again.';
    case 'notice_period':
      return error.message;
    case 'network':
      return `${error.message} Nothing is booked twice if you try again.`;
    default:
      return describeProblem(error);
  }
}

export function statusWords(status: 'confirmed' | 'cancelled', past: boolean): { label: string; color: string } {
  if (status === 'cancelled') return { label: 'Cancelled', color: 'gray' };
  return past ? { label: 'Done', color: 'blue' } : { label: 'Booked', color: 'green' };
}

export function kindWords(kind: 'consultation' | 'treatment'): string {
  return kind === 'consultation' ? 'Consultation' : 'Treatment';
}
