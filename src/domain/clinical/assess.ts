// The self-assessment in one pure call: screening, then the plan. Deterministic: the
// same input, policy, protocol, prices and "today" always give the same result.
import type { AssessmentRequest, CandidacyDecision, Plan } from '../contracts/assessment.ts';
import { InvalidInputError } from '../errors.ts';
import { isIsoDate, type IsoDate } from './iso-date.ts';
import { planTreatment } from './planner.ts';
import type { ClinicPolicy } from './policy.ts';
import type { PriceListEntry } from './pricing.ts';
import { PROTOCOL, type Protocol } from './protocol.ts';
import type { ScreeningInput } from './screening-rules.ts';
import { screenCandidate } from './screening.ts';

export interface AssessOptions {
  policy: ClinicPolicy;
  /** Defaults to the current protocol library. */
  protocol?: Protocol;
  /** The clinic's price list (service codes such as face, face-prp, scalp, body-stretch-marks, consultation). */
  prices: readonly PriceListEntry[];
  /** Today in the clinic's time zone; a `today` in the request takes precedence. */
  today: IsoDate;
  /** When known (booking), pre-care and aftercare get calendar dates. */
  firstSessionDate?: IsoDate;
}

export interface AssessmentResult {
  decision: CandidacyDecision;
  plan: Plan;
  protocolVersion: string;
}

export function assessCandidate(request: AssessmentRequest, options: AssessOptions): AssessmentResult {
  const today = request.today ?? options.today;
  if (!isIsoDate(today)) throw new InvalidInputError('validation_failed', 'today is not a calendar date.');
  if (!isIsoDate(request.birthDate) || request.birthDate > today) {
    throw new InvalidInputError('validation_failed', 'birthDate must be a calendar date, not in the future.');
  }
  const protocol = options.protocol ?? PROTOCOL;
  const input: ScreeningInput = {
    birthDate: request.birthDate,
    fitzpatrick: request.fitzpatrick,
    // Duplicates would double-count areas and reasons; the schema rejects them, callers in-process may not.
    concerns: [...new Set(request.concerns)],
    areas: [...new Set(request.areas)],
    answers: request.answers,
  };
  const decision = screenCandidate(input, options.policy, today, protocol.rules);
  const planArguments = { input, decision, policy: options.policy, protocol, prices: options.prices };
  const plan = planTreatment(
    options.firstSessionDate === undefined
      ? planArguments
      : { ...planArguments, firstSessionDate: options.firstSessionDate },
  );
  return { decision, plan, protocolVersion: protocol.version };
}
