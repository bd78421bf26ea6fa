// The clinical core's ids in the words the clinic team reads: decisions, rule classes,
// concerns, areas, answers and sources. Names and question texts come from the domain
// (src/domain/clinical), so the screen says what the screener and the wizard said.
import { INDICATIONS } from '../../../domain/clinical/indications.ts';
import { ageInYears } from '../../../domain/clinical/iso-date.ts';
import { QUESTION_TEXTS } from '../../../domain/clinical/questionnaire.ts';
import { FITZPATRICK_SKIN_TYPE } from '../../../domain/clinical/scales.ts';
import { SOURCES, type SourceInfo } from '../../../domain/clinical/sources.ts';
import { ZONES } from '../../../domain/clinical/zones.ts';
import { ANSWER_IDS } from '../../../domain/clinical/vocabulary.ts';
import type {
  AnswerId,
  Answers,
  AreaId,
  ConcernId,
  Decision,
  EvidenceLevel,
  Region,
  RuleClass,
  SourcedRange,
} from './api.ts';

export const DECISION_WORDS: Readonly<Record<Decision, { label: string; color: string; explain: string }>> = {
  proceed: { label: 'Proceed', color: 'green', explain: 'Nothing in the answers stands in the way.' },
  proceed_with_precautions: {
    label: 'Proceed with precautions',
    color: 'blue',
    explain: 'Treatment is possible; the plan adds precautions.',
  },
  physician_review: {
    label: 'Doctor’s review',
    color: 'orange',
    explain: 'A doctor decides before any treatment. Not a no.',
  },
  defer: { label: 'Not yet (defer)', color: 'yellow', explain: 'Something must settle or a wait must pass first.' },
  not_suitable: { label: 'Not suitable', color: 'red', explain: 'Micro-needling should not be done.' },
};

export const RULE_CLASS_WORDS: Readonly<Record<RuleClass, string>> = {
  absolute: 'Absolute contraindication',
  area_specific: 'Only in the affected area',
  relative_physician: 'Relative: a doctor decides',
  temporary: 'Temporary: wait, then treat',
  precaution: 'Precaution',
};

export const EVIDENCE_WORDS: Readonly<Record<EvidenceLevel, string>> = {
  moderate: 'Moderate evidence',
  emerging: 'Emerging evidence',
  low: 'Low evidence',
  'very-low': 'Very limited evidence',
};

export const REGION_WORDS: Readonly<Record<Region, string>> = {
  face: 'Face',
  neck_chest: 'Neck and chest',
  scalp: 'Scalp',
  body: 'Body',
};

export function concernName(concern: ConcernId): string {
  return INDICATIONS[concern].name;
}

export function areaName(area: AreaId): string {
  return ZONES[area].name;
}

/** "Cheeks, Forehead" */
export function areaList(areas: readonly AreaId[]): string {
  return areas.map(areaName).join(', ');
}

export function concernList(concerns: readonly ConcernId[]): string {
  return concerns.map(concernName).join(', ');
}

/** "Type IV: light-brown skin; rarely burns, tans easily." */
export function skinTypeText(fitzpatrick: number): string {
  const grade = FITZPATRICK_SKIN_TYPE.grades.find((entry) => entry.grade === fitzpatrick);
  if (grade === undefined) return `Type ${fitzpatrick}`;
  return `${grade.label}: ${grade.description.charAt(0).toLowerCase()}${grade.description.slice(1)}`;
}

/** The question as the person saw it in the wizard. */
export function questionText(answer: AnswerId): string {
  return QUESTION_TEXTS[answer].text;
}

/** Every question, in the order the wizard asks them. */
export const QUESTION_ORDER: readonly AnswerId[] = ANSWER_IDS;

/** A source key with its title, link and tier, or just the key when the protocol no longer lists it. */
export function sourceInfo(key: string): (SourceInfo & { key: string }) | { key: string } {
  const found = (SOURCES as Readonly<Record<string, SourceInfo>>)[key];
  return found === undefined ? { key } : { key, ...found };
}

/** What kind of source a tier is, in a word or two (CLINICAL.md section 10). */
export const TIER_WORDS: Readonly<Record<string, string>> = {
  L: 'labelling',
  SR: 'systematic review',
  C: 'consensus',
  P: 'study',
  R: 'review',
  CL: 'clinic page',
};

/** "20 March 2026" from 2026-03-20, without time-zone surprises. */
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

/** "0.5–1.5 mm", "3–6 sessions (usually 3)". */
export function formatRange(range: Pick<SourcedRange, 'min' | 'max' | 'typical' | 'unit'>): string {
  const base = range.min === range.max ? `${range.min} ${range.unit}` : `${range.min}–${range.max} ${range.unit}`;
  return range.typical === undefined || range.min === range.max ? base : `${base} (usually ${range.typical})`;
}

/**
 * An answer in words, or undefined when the question was not answered. Choice answers
 * read as the option the person picked; dates as dates; "never" where null means never.
 */
export function answerText(id: AnswerId, answers: Answers): string | undefined {
  const value = answers[id];
  if (value === undefined) return undefined;
  const question = QUESTION_TEXTS[id];
  const option = (choice: string) => question.options?.find((entry) => entry.value === choice)?.label ?? choice;
  if (value === null) return 'Never';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return question.type === 'date' ? formatIsoDate(value) : option(value);
  if (Array.isArray(value)) return value.length === 0 ? 'None' : `Yes: ${areaList(value)}`;
  if (value.status === 'stopped') {
    return value.lastDoseDate === undefined
      ? `${option('stopped')} (last dose not given)`
      : `${option('stopped')}, last dose ${formatIsoDate(value.lastDoseDate)}`;
  }
  return option(value.status);
}

/** Age in whole years on a date (the day of the assessment), by the screener's own rule. */
export function ageOn(birthDate: string, on: string): number | undefined {
  try {
    return ageInYears(birthDate, on);
  } catch {
    return undefined;
  }
}
