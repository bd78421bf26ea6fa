// The protocol library as one versioned, frozen value. Stored assessments keep the
// version they were made with, so a decision can be reproduced later: bump
// PROTOCOL_VERSION with every change to the data or the rules.
import type { AftercareStep, SourcedRange, SourcedText } from '../contracts/assessment.ts';
import { ADJUNCTS, type AdjunctDefinition } from './adjuncts.ts';
import { AFTERCARE, DOWNTIME_DAYS, EXPECTATIONS, PRE_CARE, RED_FLAGS, type PreCareDefinition } from './care.ts';
import { deepFreeze } from './figures.ts';
import { INDICATIONS, type Indication } from './indications.ts';
import { SCREENING_RULES, type ScreeningRule } from './screening-rules.ts';
import type { AreaId, ConcernId } from './vocabulary.ts';
import { ZONES, type Zone } from './zones.ts';

export const PROTOCOL_VERSION = '2025.11.1';

export interface Protocol {
  version: string;
  indications: Readonly<Record<ConcernId, Indication>>;
  zones: Readonly<Record<AreaId, Zone>>;
  adjuncts: readonly AdjunctDefinition[];
  rules: readonly ScreeningRule[];
  preCare: Readonly<Record<keyof typeof PRE_CARE, PreCareDefinition>>;
  aftercare: readonly AftercareStep[];
  redFlags: readonly SourcedText[];
  downtimeDays: SourcedRange;
  expectations: readonly SourcedText[];
}

export const PROTOCOL: Protocol = deepFreeze({
  version: PROTOCOL_VERSION,
  indications: INDICATIONS,
  zones: ZONES,
  adjuncts: ADJUNCTS,
  rules: SCREENING_RULES,
  preCare: PRE_CARE,
  aftercare: AFTERCARE,
  redFlags: RED_FLAGS,
  downtimeDays: DOWNTIME_DAYS,
  expectations: EXPECTATIONS,
});
