// The wizard keeps no server session: every step posts the whole state back in
// hidden fields. This module reads that form body, checks one step at a time, and
// turns the health answers into the API's AssessmentRequest.
import { questionsFor } from '../../../domain/clinical/questionnaire.ts';
import { AREA_IDS, CONCERN_IDS, type AreaId, type ConcernId } from '../../../domain/clinical/vocabulary.ts';
import { isIsoDate } from '../../../domain/clinical/iso-date.ts';
import {
  assessmentRequestSchema,
  type AssessmentRequest,
  type Answers,
  type Question,
} from '../../../domain/contracts/assessment.ts';

export const STEPS = ['concerns', 'areas', 'skin', 'health'] as const;
export type Step = (typeof STEPS)[number];

export type FormBody = Record<string, string | string[] | undefined>;

export interface WizardState {
  concerns: ConcernId[];
  areas: AreaId[];
  fitzpatrick: number | undefined;
  birthDate: string;
  /** The health answers as posted (a_*, d_*, asked_* fields), kept verbatim between steps. */
  raw: Record<string, string[]>;
}

/** A problem with one field, shown next to it and in the summary at the top. */
export interface FieldError {
  field: string;
  message: string;
}

const ANSWER_FIELD = /^(a|d|asked)_[a-z_]+$/;

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.trim()).filter((item) => item !== '');
}

function first(value: string | string[] | undefined): string {
  return list(value)[0] ?? '';
}

export function readState(body: FormBody): WizardState {
  const concerns = list(body.concerns).filter((id): id is ConcernId => (CONCERN_IDS as readonly string[]).includes(id));
  const areas = list(body.areas).filter((id): id is AreaId => (AREA_IDS as readonly string[]).includes(id));
  const skin = Number(first(body.fitzpatrick));
  const raw: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (ANSWER_FIELD.test(key)) raw[key] = list(value).map((item) => item.slice(0, 200));
  }
  return {
    concerns: [...new Set(concerns)],
    areas: [...new Set(areas)],
    fitzpatrick: Number.isInteger(skin) && skin >= 1 && skin <= 6 ? skin : undefined,
    birthDate: first(body.birthDate).slice(0, 10),
    raw,
  };
}

export function stepOf(body: FormBody): Step | undefined {
  const step = first(body.step);
  return (STEPS as readonly string[]).includes(step) ? (step as Step) : undefined;
}

export function questionsForState(state: WizardState): Question[] {
  return state.concerns.length === 0 || state.areas.length === 0 ? [] : questionsFor(state);
}

/** Checks the fields of one step; the health step is checked by buildRequest. */
export function checkStep(step: Exclude<Step, 'health'>, state: WizardState): FieldError[] {
  switch (step) {
    case 'concerns':
      return state.concerns.length > 0 ? [] : [{ field: 'concerns', message: 'Choose at least one concern.' }];
    case 'areas':
      return state.areas.length > 0 ? [] : [{ field: 'areas', message: 'Choose at least one area to treat.' }];
    case 'skin':
      return state.fitzpatrick !== undefined
        ? []
        : [{ field: 'fitzpatrick', message: 'Choose the description that fits your skin best.' }];
  }
}

/** The first step whose fields are missing, so a tampered or stale form restarts there. */
export function firstIncompleteStep(state: WizardState): Exclude<Step, 'health'> | undefined {
  if (state.concerns.length === 0) return 'concerns';
  if (state.areas.length === 0) return 'areas';
  if (state.fitzpatrick === undefined) return 'skin';
  return undefined;
}

function rawValue(state: WizardState, key: string): string {
  return state.raw[key]?.[0] ?? '';
}

/**
 * The health step's answers as the API takes them. "Not sure" leaves a question out,
 * which the screener reports as unanswered (and never treats as a "no").
 */
export function buildRequest(
  state: WizardState,
  today: string,
): { request: AssessmentRequest; errors: [] } | { request: undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const answers: Record<string, unknown> = {};
  const dateField = (id: string): string | undefined => {
    const value = rawValue(state, `d_${id}`);
    if (value === '') {
      errors.push({ field: `d_${id}`, message: 'Enter the date, or choose another answer.' });
      return undefined;
    }
    if (!isIsoDate(value)) {
      errors.push({ field: `d_${id}`, message: 'Enter a real date.' });
      return undefined;
    }
    if (value > today) {
      errors.push({ field: `d_${id}`, message: 'Enter a date in the past.' });
      return undefined;
    }
    return value;
  };

  for (const question of questionsForState(state)) {
    const choice = rawValue(state, `a_${question.id}`);
    switch (question.type) {
      case 'boolean':
        if (choice === 'yes' || choice === 'no') answers[question.id] = choice === 'yes';
        break;
      case 'choice':
        if (question.options?.some((option) => option.value === choice) === true) answers[question.id] = choice;
        break;
      case 'areas':
        if (rawValue(state, `asked_${question.id}`) === '1') {
          const marked = state.raw[`a_${question.id}`] ?? [];
          answers[question.id] = state.areas.filter((area) => marked.includes(area));
        }
        break;
      case 'date':
        if (choice === 'never' && question.allowsNever) answers[question.id] = null;
        else if (choice === 'date') {
          const date = dateField(question.id);
          if (date !== undefined) answers[question.id] = date;
        }
        break;
      case 'isotretinoin':
        if (choice === 'never' || choice === 'current') answers[question.id] = { status: choice };
        else if (choice === 'stopped') {
          const lastDoseDate = rawValue(state, `d_${question.id}`);
          if (lastDoseDate === '') answers[question.id] = { status: 'stopped' };
          else {
            const date = dateField(question.id);
            if (date !== undefined) answers[question.id] = { status: 'stopped', lastDoseDate: date };
          }
        }
        break;
    }
  }

  if (state.birthDate === '') errors.unshift({ field: 'birthDate', message: 'Enter your date of birth.' });
  else if (!isIsoDate(state.birthDate)) errors.unshift({ field: 'birthDate', message: 'Enter a real date of birth.' });
  else if (state.birthDate > today)
    errors.unshift({ field: 'birthDate', message: 'Your date of birth is in the future.' });
  if (errors.length > 0) return { request: undefined, errors };

  const parsed = assessmentRequestSchema.safeParse({
    birthDate: state.birthDate,
    fitzpatrick: state.fitzpatrick,
    concerns: state.concerns,
    areas: state.areas,
    answers: answers as Answers,
  });
  if (!parsed.success) {
    return {
      request: undefined,
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path[0] === 'birthDate' ? 'birthDate' : 'form',
        message: issue.path[0] === 'birthDate' ? `Date of birth ${issue.message}.` : 'Some answers could not be read.',
      })),
    };
  }
  return { request: parsed.data, errors: [] };
}

/** Hidden inputs that carry the state past a step that does not show these fields. */
export function hiddenFields(state: WizardState, shown: Step | 'result'): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  if (shown !== 'concerns') for (const concern of state.concerns) fields.push(['concerns', concern]);
  if (shown !== 'areas') for (const area of state.areas) fields.push(['areas', area]);
  if (shown !== 'skin' && state.fitzpatrick !== undefined) fields.push(['fitzpatrick', String(state.fitzpatrick)]);
  if (shown !== 'health') {
    if (state.birthDate !== '') fields.push(['birthDate', state.birthDate]);
    for (const [key, values] of Object.entries(state.raw)) for (const value of values) fields.push([key, value]);
  }
  return fields;
}
