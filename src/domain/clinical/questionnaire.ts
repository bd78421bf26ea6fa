// The health-screening questions in plain words. Which ones the wizard asks follows
// from the rules: a question is asked when a rule that reads it applies to the chosen
// concerns and areas, so the questionnaire and the screener cannot drift apart.
import type { Question } from '../contracts/assessment.ts';
import { PROTOCOL, type Protocol } from './protocol.ts';
import { ruleApplies } from './screening-rules.ts';
import { ANSWER_IDS, type AnswerId, type AreaId, type ConcernId } from './vocabulary.ts';

type QuestionText = Pick<Question, 'text' | 'type'> & Partial<Pick<Question, 'help' | 'options'>>;

const YES_NO = { type: 'boolean' } as const;
const DATE = { type: 'date' } as const;
const AREAS = { type: 'areas' } as const;

export const QUESTION_TEXTS: Readonly<Record<AnswerId, QuestionText>> = {
  pregnant_or_breastfeeding: { ...YES_NO, text: 'Are you pregnant, trying to get pregnant, or breastfeeding?' },
  isotretinoin: {
    type: 'isotretinoin',
    text: 'Have you ever taken isotretinoin (for example Roaccutane or Accutane) for acne?',
    options: [
      { value: 'never', label: 'Never' },
      { value: 'current', label: 'I take it now' },
      { value: 'stopped', label: 'I took it in the past' },
    ],
    help: 'If you took it in the past, give the date of your last dose as closely as you can.',
  },
  bleeding_disorder: {
    ...YES_NO,
    text: 'Do you have a bleeding disorder, or does your blood take unusually long to stop?',
    help: 'For example haemophilia or von Willebrand disease.',
  },
  anticoagulants: {
    ...YES_NO,
    text: 'Do you take medicine that thins the blood?',
    help: 'For example warfarin, apixaban, rivaroxaban, clopidogrel or daily aspirin.',
  },
  active_infection_in_area: {
    ...YES_NO,
    text: 'Is there an infection, open wound, cold sore or warts in any area you want treated?',
  },
  cold_sore_history: { ...YES_NO, text: 'Do you get cold sores?' },
  skin_cancer_in_area: { ...AREAS, text: 'Do you have skin cancer in any of the areas? Mark them.' },
  keloid_tendency: {
    ...YES_NO,
    text: 'Do cuts or piercings tend to heal with thick, raised scars (keloids)?',
  },
  immunosuppressed: {
    ...YES_NO,
    text: 'Is your immune system weakened by an illness or medicine?',
    help: 'For example chemotherapy, strong steroid tablets, transplant medicines or HIV.',
  },
  diabetes: {
    type: 'choice',
    text: 'Do you have diabetes?',
    options: [
      { value: 'none', label: 'No' },
      { value: 'controlled', label: 'Yes, and it is well controlled' },
      { value: 'uncontrolled', label: 'Yes, and it is not well controlled' },
    ],
  },
  metal_allergy: {
    type: 'choice',
    text: 'Are you allergic to any metal?',
    options: [
      { value: 'none', label: 'No' },
      { value: 'nickel', label: 'Nickel (for example cheap jewellery)' },
      { value: 'stainless_steel', label: 'Stainless steel' },
    ],
  },
  anaesthetic_allergy: {
    ...YES_NO,
    text: 'Have you ever reacted badly to numbing medicine, for example at the dentist or in a numbing cream?',
  },
  active_acne: {
    type: 'choice',
    text: 'Do you have spots (active acne) in the areas right now?',
    options: [
      { value: 'none', label: 'No' },
      { value: 'mild', label: 'A few spots' },
      { value: 'moderate', label: 'Many spots, some red and sore' },
      { value: 'severe', label: 'Deep, painful lumps or cysts' },
    ],
  },
  active_rosacea_flare: { ...YES_NO, text: 'Is rosacea flaring on your face right now, with red bumps or pustules?' },
  eczema_psoriasis_in_area: {
    type: 'choice',
    text: 'Do you have eczema, psoriasis or dermatitis in the areas?',
    options: [
      { value: 'none', label: 'No' },
      { value: 'history', label: 'I have had it there, but not now' },
      { value: 'active', label: 'Yes, right now' },
    ],
  },
  sunburn_in_area: { ...YES_NO, text: 'Are any of the areas sunburned at the moment?' },
  retinoid_last_used: {
    ...DATE,
    text: 'When did you last use a retinoid (tretinoin, retinol, adapalene) or an exfoliating acid on the areas?',
  },
  toxin_in_area_date: {
    ...DATE,
    text: 'When did you last have a wrinkle-relaxing injection (such as Botox) in the areas?',
  },
  filler_in_area_date: { ...DATE, text: 'When did you last have a dermal filler in the areas?' },
  laser_or_peel_date: {
    ...DATE,
    text: 'When did you last have a laser treatment, chemical peel or dermabrasion there?',
  },
  radiotherapy_to_area: { ...YES_NO, text: 'Have any of the areas ever had radiotherapy?' },
  autoimmune_disease: {
    ...YES_NO,
    text: 'Do you have an autoimmune or connective-tissue disease?',
    help: 'For example lupus, scleroderma or rheumatoid arthritis.',
  },
  scar_date: { ...DATE, text: 'When was the operation or injury that left the scar?' },
  tattoo_in_area: { ...AREAS, text: 'Do you have tattoos or permanent make-up in any of the areas? Mark them.' },
  cardiac_condition: {
    ...YES_NO,
    text: 'Do you have a heart condition, an irregular heartbeat or a pacemaker?',
  },
  moles_or_lesions_in_area: {
    ...AREAS,
    text: 'Do you have raised moles, birthmarks or rough, scaly patches in any of the areas? Mark them.',
  },
};

/** Questions whose "never" is a real answer (sent as null). */
const NEVER_ALLOWED: ReadonlySet<AnswerId> = new Set([
  'retinoid_last_used',
  'toxin_in_area_date',
  'filler_in_area_date',
  'laser_or_peel_date',
]);

/** Every question with the condition under which it is asked. */
export function allQuestions(protocol: Protocol = PROTOCOL): Question[] {
  return ANSWER_IDS.map((id) => {
    const readers = protocol.rules.filter((rule) => rule.reads.includes(id));
    const shownWhen: Question['shownWhen'] = {};
    if (readers.length > 0 && readers.every((rule) => rule.areas !== undefined)) {
      shownWhen.areas = [...new Set(readers.flatMap((rule) => rule.areas ?? []))];
    }
    if (readers.length > 0 && readers.every((rule) => rule.concerns !== undefined)) {
      shownWhen.concerns = [...new Set(readers.flatMap((rule) => rule.concerns ?? []))];
    }
    return { id, ...QUESTION_TEXTS[id], allowsNever: NEVER_ALLOWED.has(id), shownWhen };
  });
}

/** The questions that matter for these concerns and areas, in the order the wizard asks them. */
export function questionsFor(
  selection: { concerns: readonly ConcernId[]; areas: readonly AreaId[] },
  protocol: Protocol = PROTOCOL,
): Question[] {
  const asked = new Set<AnswerId>();
  for (const rule of protocol.rules) {
    if (!ruleApplies(rule, selection)) continue;
    for (const field of rule.reads) if (field !== 'birthDate' && field !== 'fitzpatrick') asked.add(field);
  }
  return allQuestions(protocol).filter((question) => asked.has(question.id));
}
