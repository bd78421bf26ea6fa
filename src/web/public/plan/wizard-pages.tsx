// The four steps of "Plan my treatment". Each is one server-rendered form that posts
// to /plan with the earlier answers in hidden fields: no session, no script needed.
import type { ReactNode } from 'react';
import { CONCERN_IDS, type AreaId } from '../../../domain/clinical/vocabulary.ts';
import type { Question } from '../../../domain/contracts/assessment.ts';
import { PickerMap } from './body-map.tsx';
import { CONCERN_WORDS, SKIN_TYPES, SKIN_TYPE_SOURCES, areaName } from './words.ts';
import { hiddenFields, type FieldError, type Step, type WizardState } from './wizard-state.ts';

const STEP_TITLES: Record<Step, string> = {
  concerns: 'What would you like to improve?',
  areas: 'Where?',
  skin: 'Your skin type',
  health: 'Your health',
};

const STEP_NAMES: Record<Step, string> = {
  concerns: 'Concerns',
  areas: 'Areas',
  skin: 'Skin type',
  health: 'Health',
};

export function stepTitle(step: Step): string {
  return STEP_TITLES[step];
}

function Progress({ step }: { step: Step }) {
  const steps = Object.keys(STEP_NAMES) as Step[];
  const index = steps.indexOf(step);
  return (
    <ol className="wizard-progress" aria-label={`Step ${index + 1} of ${steps.length}`}>
      {steps.map((name, position) => (
        <li
          key={name}
          className={position < index ? 'done' : position === index ? 'current' : undefined}
          aria-current={position === index ? 'step' : undefined}
        >
          <span className="wizard-progress-number" aria-hidden="true">
            {position + 1}
          </span>
          <span className="wizard-progress-name">{STEP_NAMES[name]}</span>
        </li>
      ))}
    </ol>
  );
}

export function ErrorSummary({ errors }: { errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">Please check your answers</h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.field}:${error.message}`}>
            <a href={`#field-${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldMessage({ errors, field }: { errors: readonly FieldError[]; field: string }) {
  const error = errors.find((candidate) => candidate.field === field);
  return error === undefined ? null : (
    <p className="field-error" id={`error-${field}`}>
      {error.message}
    </p>
  );
}

function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.some((error) => error.field === field) ? `error-${field}` : undefined;
}

function WizardFrame({
  step,
  state,
  errors,
  intro,
  children,
  next = 'Continue',
}: {
  step: Step;
  state: WizardState;
  errors: readonly FieldError[];
  intro: ReactNode;
  children: ReactNode;
  next?: string;
}) {
  return (
    <div className="section wizard">
      <div className="container wizard-container">
        <p className="eyebrow">Plan my treatment</p>
        <Progress step={step} />
        <ErrorSummary errors={errors} />
        <form method="post" action="/plan" className="wizard-form" noValidate>
          <input type="hidden" name="step" value={step} />
          {hiddenFields(state, step).map(([name, value], index) => (
            <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
          ))}
          {children}
          <div className="wizard-buttons">
            <button type="submit" name="go" value="next" className="button button-primary button-large">
              {next}
            </button>
            {step !== 'concerns' && (
              <button type="submit" name="go" value="back" className="button button-secondary button-large">
                Back
              </button>
            )}
          </div>
        </form>
        <div className="wizard-note small">{intro}</div>
      </div>
    </div>
  );
}

export function ConcernsStep({ state, errors }: { state: WizardState; errors: readonly FieldError[] }) {
  return (
    <WizardFrame
      step="concerns"
      state={state}
      errors={errors}
      intro={
        <p>
          Your answers stay in this page until you finish; nothing is sent to the clinic before the last step. It takes
          about three minutes and gives you an explained answer and a draft plan, not a diagnosis.
        </p>
      }
    >
      <fieldset className="choice-fieldset" id="field-concerns" aria-describedby={errorFor(errors, 'concerns')}>
        <legend>
          <h1>{STEP_TITLES.concerns}</h1>
          <span className="legend-hint">Choose one or more.</span>
        </legend>
        <FieldMessage errors={errors} field="concerns" />
        <div className="choice-grid">
          {CONCERN_IDS.map((concern) => (
            <label key={concern} className="choice-card">
              <input
                type="checkbox"
                name="concerns"
                value={concern}
                defaultChecked={state.concerns.includes(concern)}
              />
              <span className="choice-text">
                <span className="choice-name">{CONCERN_WORDS[concern].name}</span>
                <span className="choice-hint">{CONCERN_WORDS[concern].hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </WizardFrame>
  );
}

const AREA_GROUPS: ReadonlyArray<{ title: string; areas: readonly AreaId[] }> = [
  { title: 'Face and head', areas: ['forehead', 'periorbital', 'nose', 'cheeks', 'perioral', 'chin_jawline', 'scalp'] },
  { title: 'Neck and body', areas: ['neck', 'decollete', 'arms', 'abdomen', 'back', 'thighs'] },
];

export function AreasStep({ state, errors }: { state: WizardState; errors: readonly FieldError[] }) {
  return (
    <WizardFrame
      step="areas"
      state={state}
      errors={errors}
      intro={
        <p>
          “Around the eyes” means the skin outside the bony rim of the eye socket; eyelids are never needled. Your
          practitioner looks at every area with you.
        </p>
      }
    >
      <fieldset className="choice-fieldset area-step" id="field-areas" aria-describedby={errorFor(errors, 'areas')}>
        <legend>
          <h1>{STEP_TITLES.areas}</h1>
          <span className="legend-hint">Tick the areas you would like treated. The map shows what you picked.</span>
        </legend>
        <FieldMessage errors={errors} field="areas" />
        <div className="area-layout">
          <PickerMap />
          <div className="area-lists">
            {AREA_GROUPS.map((group) => (
              <div key={group.title} className="area-group">
                <h2 className="area-group-title">{group.title}</h2>
                <div className="choice-list">
                  {group.areas.map((area) => (
                    <label key={area} className="choice-row" data-area={area}>
                      <input
                        type="checkbox"
                        name="areas"
                        value={area}
                        id={`area-${area}`}
                        defaultChecked={state.areas.includes(area)}
                      />
                      <span>{areaName(area)}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </div>
        </div>
      </fieldset>
    </WizardFrame>
  );
}

export function SkinStep({ state, errors }: { state: WizardState; errors: readonly FieldError[] }) {
  return (
    <WizardFrame
      step="skin"
      state={state}
      errors={errors}
      intro={
        <p>
          These are the six Fitzpatrick skin types, described by how skin reacts to about an hour of midday summer sun (
          {SKIN_TYPE_SOURCES.join(', ')}). Darker skin types are treated too, with extra care against dark marks.
        </p>
      }
    >
      <fieldset className="choice-fieldset" id="field-fitzpatrick" aria-describedby={errorFor(errors, 'fitzpatrick')}>
        <legend>
          <h1>{STEP_TITLES.skin}</h1>
          <span className="legend-hint">Which sounds most like your skin in strong sun, without sunscreen?</span>
        </legend>
        <FieldMessage errors={errors} field="fitzpatrick" />
        <div className="choice-grid skin-grid">
          {SKIN_TYPES.map((type) => (
            <label key={type.value} className="choice-card skin-card">
              <input
                type="radio"
                name="fitzpatrick"
                value={type.value}
                defaultChecked={state.fitzpatrick === type.value}
              />
              <span className="skin-swatch" style={{ background: type.swatch }} aria-hidden="true" />
              <span className="choice-text">
                <span className="choice-name">{type.burn}</span>
                <span className="choice-hint">
                  {type.skin} · type {type.roman}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </WizardFrame>
  );
}

function rawOf(state: WizardState, key: string): string {
  return state.raw[key]?.[0] ?? '';
}

function RadioRow({
  name,
  value,
  label,
  checked,
  children,
}: {
  name: string;
  value: string;
  label: string;
  checked: boolean;
  children?: ReactNode;
}) {
  return (
    <label className="choice-row">
      <input type="radio" name={name} value={value} defaultChecked={checked} />
      <span>{label}</span>
      {children}
    </label>
  );
}

function QuestionField({
  question,
  state,
  errors,
}: {
  question: Question;
  state: WizardState;
  errors: readonly FieldError[];
}) {
  const name = `a_${question.id}`;
  const current = rawOf(state, name);
  const dateName = `d_${question.id}`;
  const describedBy = [question.help === undefined ? undefined : `help-${question.id}`, errorFor(errors, dateName)]
    .filter(Boolean)
    .join(' ');
  const unsure = <RadioRow name={name} value="unsure" label="I’m not sure" checked={current === 'unsure'} />;
  const dateInput = (label: string) => (
    <span className="date-field">
      <label htmlFor={`field-${dateName}`}>{label}</label>
      <input
        type="date"
        id={`field-${dateName}`}
        name={dateName}
        defaultValue={rawOf(state, dateName)}
        aria-describedby={errorFor(errors, dateName)}
      />
    </span>
  );
  let body: ReactNode;
  switch (question.type) {
    case 'boolean':
      body = (
        <div className="choice-inline">
          <RadioRow name={name} value="yes" label="Yes" checked={current === 'yes'} />
          <RadioRow name={name} value="no" label="No" checked={current === 'no'} />
          {unsure}
        </div>
      );
      break;
    case 'choice':
      body = (
        <div className="choice-list">
          {(question.options ?? []).map((option) => (
            <RadioRow
              key={option.value}
              name={name}
              value={option.value}
              label={option.label}
              checked={current === option.value}
            />
          ))}
          {unsure}
        </div>
      );
      break;
    case 'areas': {
      const marked = state.raw[name] ?? [];
      body = (
        <div className="choice-list">
          <input type="hidden" name={`asked_${question.id}`} value="1" />
          {state.areas.map((area) => (
            <label key={area} className="choice-row">
              <input type="checkbox" name={name} value={area} defaultChecked={marked.includes(area)} />
              <span>{areaName(area)}</span>
            </label>
          ))}
          <p className="choice-hint">Leave them all unticked if none.</p>
        </div>
      );
      break;
    }
    case 'date':
      body = (
        <div className="choice-list">
          {question.allowsNever && (
            <RadioRow name={name} value="never" label="Never, or not in these areas" checked={current === 'never'} />
          )}
          <RadioRow name={name} value="date" label="Yes:" checked={current === 'date'}>
            {dateInput('date (as close as you know)')}
          </RadioRow>
          {unsure}
        </div>
      );
      break;
    case 'isotretinoin':
      body = (
        <div className="choice-list">
          {(question.options ?? []).map((option) => (
            <RadioRow
              key={option.value}
              name={name}
              value={option.value}
              label={option.label}
              checked={current === option.value}
            >
              {option.value === 'stopped' && dateInput('last dose')}
            </RadioRow>
          ))}
          {unsure}
        </div>
      );
      break;
  }
  return (
    <fieldset
      className="question"
      id={`field-${question.id}`}
      aria-describedby={describedBy === '' ? undefined : describedBy}
    >
      <legend>{question.text}</legend>
      {question.help !== undefined && (
        <p className="question-help" id={`help-${question.id}`}>
          {question.help}
        </p>
      )}
      <FieldMessage errors={errors} field={dateName} />
      {body}
    </fieldset>
  );
}

export function HealthStep({
  state,
  errors,
  questions,
  today,
}: {
  state: WizardState;
  errors: readonly FieldError[];
  questions: readonly Question[];
  today: string;
}) {
  return (
    <WizardFrame
      step="health"
      state={state}
      errors={errors}
      next="See my answer and plan"
      intro={
        <p>
          We ask only what matters for the concerns and areas you chose ({questions.length} questions). “I’m not sure”
          is a fine answer: we will ask at your consultation, and your result says which questions are still open. When
          you continue, your answers are stored with the clinic so a practitioner can review them.
        </p>
      }
    >
      <h1>{STEP_TITLES.health}</h1>
      <div className="question" id="field-birthDate">
        <label className="question-label" htmlFor="birthDate">
          Your date of birth
        </label>
        <p className="question-help" id="help-birthDate">
          Age matters: some devices are cleared only for adults aged 22 or over.
        </p>
        <FieldMessage errors={errors} field="birthDate" />
        <input
          type="date"
          id="birthDate"
          name="birthDate"
          max={today}
          min="1900-01-01"
          autoComplete="bday"
          defaultValue={state.birthDate}
          aria-describedby={['help-birthDate', errorFor(errors, 'birthDate')].filter(Boolean).join(' ')}
        />
      </div>
      {questions.map((question) => (
        <QuestionField key={question.id} question={question} state={state} errors={errors} />
      ))}
    </WizardFrame>
  );
}
