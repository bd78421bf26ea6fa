// Combines the screening rules' findings into one decision per chosen area and one
// overall: the most restrictive wins, so an absolute contraindication can never end
// in "proceed".
import type { CandidacyDecision, ScreeningReason } from '../contracts/assessment.ts';
import type { IsoDate } from './iso-date.ts';
import type { ClinicPolicy } from './policy.ts';
import { ruleApplies, SCREENING_RULES, type ScreeningInput, type ScreeningRule } from './screening-rules.ts';
import { ANSWER_IDS, moreRestrictive, type AnswerId, type AreaId, type Decision } from './vocabulary.ts';

export function screenCandidate(
  input: ScreeningInput,
  policy: ClinicPolicy,
  today: IsoDate,
  rules: readonly ScreeningRule[] = SCREENING_RULES,
): CandidacyDecision {
  const reasons: ScreeningReason[] = [];
  for (const rule of rules) {
    if (ruleApplies(rule, input)) reasons.push(...rule.evaluate(input, policy, today));
  }

  const byArea: Partial<Record<AreaId, Decision>> = {};
  for (const area of input.areas) byArea[area] = 'proceed';
  for (const reason of reasons) {
    const areas = reason.area === undefined ? input.areas : [reason.area];
    for (const area of areas) byArea[area] = moreRestrictive(byArea[area] ?? 'proceed', reason.decision);
  }
  let overall: Decision = 'proceed';
  for (const area of input.areas) overall = moreRestrictive(overall, byArea[area] ?? 'proceed');

  const missing = new Set<AnswerId>();
  for (const reason of reasons) if (reason.missingAnswer !== undefined) missing.add(reason.missingAnswer);

  const decision: CandidacyDecision = {
    overall,
    byArea,
    reasons,
    missingAnswers: ANSWER_IDS.filter((id) => missing.has(id)),
  };
  const earliestDate = earliestFirstSession(input.areas, byArea, reasons);
  if (earliestDate !== undefined) decision.earliestDate = earliestDate;
  return decision;
}

/**
 * The earliest date a first session can take place in the areas that can be treated
 * at all: the latest date any finding sets. Unknown when a deferral has no date
 * (a pregnancy, an infection) or when no area can be treated.
 */
function earliestFirstSession(
  areas: readonly AreaId[],
  byArea: Partial<Record<AreaId, Decision>>,
  reasons: readonly ScreeningReason[],
): IsoDate | undefined {
  const treatable = new Set(areas.filter((area) => byArea[area] !== 'not_suitable'));
  if (treatable.size === 0) return undefined;
  let latest: IsoDate | undefined;
  for (const reason of reasons) {
    if (reason.area !== undefined && !treatable.has(reason.area)) continue;
    if (reason.earliestDate === undefined) {
      if (reason.decision === 'defer') return undefined;
      continue;
    }
    if (latest === undefined || reason.earliestDate > latest) latest = reason.earliestDate;
  }
  return latest;
}
