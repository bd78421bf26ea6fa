// The clinical knowledge core: protocol library, screening, planner and outcome
// scales. Pure and deterministic; see README.md in this folder for the decisions.
export { assessCandidate, type AssessOptions, type AssessmentResult } from './assess.ts';
export { screenCandidate } from './screening.ts';
export {
  SCREENING_RULES,
  ruleApplies,
  type ScreeningInput,
  type ScreeningRule,
  type InputField,
} from './screening-rules.ts';
export { planTreatment, zoneDepth, type PlanArguments } from './planner.ts';
export { questionsFor, allQuestions, QUESTION_TEXTS } from './questionnaire.ts';
export { PROTOCOL, PROTOCOL_VERSION, type Protocol } from './protocol.ts';
export {
  DEFAULT_CLINIC_POLICY,
  POLICY_RATIONALE,
  clinicPolicySchema,
  clinicPolicyChangeSchema,
  applyPolicyChange,
  describePolicyChange,
  type ClinicPolicy,
  type ClinicPolicyChange,
  type PolicyDifference,
} from './policy.ts';
export { estimatePrice, SERVICE_FOR_REGION, type PriceListEntry } from './pricing.ts';
export { SOURCES, strongestTier, type SourceKey, type Tier } from './sources.ts';
export * from './vocabulary.ts';
export * from './scales.ts';
export { INDICATIONS, type Indication } from './indications.ts';
export { ZONES, type Zone } from './zones.ts';
export { ADJUNCTS, type AdjunctDefinition } from './adjuncts.ts';
export { isIsoDate, addDays, addMonths, ageInYears, type IsoDate } from './iso-date.ts';
