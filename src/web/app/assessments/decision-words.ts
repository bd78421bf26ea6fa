// The screener's five answers as the patient reads them in the app, with the
// colour of their badge (the same family as on the public result page). The
// longer explanation of each is the public site's own (src/web/public/plan/words.ts).
import type { Decision } from '../../../domain/clinical/vocabulary.ts';
import { DECISION_WORDS } from '../../public/plan/words.ts';

const badgeColors: Readonly<Record<Decision, string>> = {
  proceed: 'green',
  proceed_with_precautions: 'puncta',
  physician_review: 'blue',
  defer: 'yellow',
  not_suitable: 'red',
};

/** The same short words as the public result page, so the site and the app never disagree. */
export const decisionBadges: Readonly<Record<Decision, { label: string; color: string }>> = {
  proceed: { label: DECISION_WORDS.proceed.short, color: badgeColors.proceed },
  proceed_with_precautions: {
    label: DECISION_WORDS.proceed_with_precautions.short,
    color: badgeColors.proceed_with_precautions,
  },
  physician_review: { label: DECISION_WORDS.physician_review.short, color: badgeColors.physician_review },
  defer: { label: DECISION_WORDS.defer.short, color: badgeColors.defer },
  not_suitable: { label: DECISION_WORDS.not_suitable.short, color: badgeColors.not_suitable },
};

export function decisionExplanation(decision: Decision): string {
  return DECISION_WORDS[decision].explain;
}
