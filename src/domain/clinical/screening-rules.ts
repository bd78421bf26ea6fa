// One rule per contraindication in CLINICAL.md section 3a, plus the age and skin-type
// rules from sections 1 and 4. A rule reads a few answers and returns zero or more
// findings; screening.ts combines them (most restrictive wins).
//
// An unanswered question never lets a rule say "proceed": the rule answers the most
// restrictive decision it could reach, capped at physician_review, because an unknown
// is settled by asking at the consultation, and assuming the worst would tell people
// they are "not suitable" over a blank answer.
import type { Answers, ScreeningReason } from '../contracts/assessment.ts';
import { addDays, addMonths, ageInYears, birthdayAt, type IsoDate } from './iso-date.ts';
import type { ClinicPolicy } from './policy.ts';
import type { SourceKey } from './sources.ts';
import {
  ALL_BUT_SCALP,
  FACE_AREAS,
  lessRestrictive,
  type AnswerId,
  type AreaId,
  type ConcernId,
  type Decision,
  type RuleClass,
} from './vocabulary.ts';

export interface ScreeningInput {
  birthDate: IsoDate;
  fitzpatrick: number;
  concerns: readonly ConcernId[];
  areas: readonly AreaId[];
  answers: Answers;
}

export type InputField = AnswerId | 'birthDate' | 'fitzpatrick';

export interface ScreeningRule {
  id: string;
  class: RuleClass;
  /** Plain words for lists ("a doctor reviews: ..."). */
  title: string;
  reads: readonly InputField[];
  /** The rule matters only when one of these areas is chosen (absent: any area). */
  areas?: readonly AreaId[];
  /** The rule matters only when one of these concerns is chosen (absent: any concern). */
  concerns?: readonly ConcernId[];
  /** The most restrictive decision the rule can give. */
  worst: Decision;
  sources: SourceKey[];
  /** For a deferral: what to do until then. */
  meanwhile?: string;
  /** For "not suitable": what to discuss instead. */
  alternatives?: string;
  /** Called as a method (`rule.evaluate(...)`): rules refer to themselves through `this`. */
  evaluate(this: ScreeningRule, input: ScreeningInput, policy: ClinicPolicy, today: IsoDate): ScreeningReason[];
}

const NECK_AND_FACE: readonly AreaId[] = [...FACE_AREAS, 'neck', 'decollete'];
const ACNE_PRONE: readonly AreaId[] = [...FACE_AREAS, 'neck', 'decollete', 'back'];

export function ruleApplies(rule: ScreeningRule, input: Pick<ScreeningInput, 'concerns' | 'areas'>): boolean {
  const areaMatch = rule.areas === undefined || input.areas.some((area) => rule.areas!.includes(area));
  const concernMatch = rule.concerns === undefined || input.concerns.some((c) => rule.concerns!.includes(c));
  return areaMatch && concernMatch;
}

function relevantAreas(rule: ScreeningRule, input: ScreeningInput): readonly AreaId[] {
  return rule.areas === undefined ? input.areas : input.areas.filter((area) => rule.areas!.includes(area));
}

interface FindingExtras {
  /** Chosen areas the finding is about (default: the rule's relevant areas). */
  areas?: readonly AreaId[];
  earliestDate?: IsoDate;
  missingAnswer?: AnswerId;
}

/**
 * Findings for some chosen areas: one without an area when it covers every chosen
 * area ("applies to all"), else one per area.
 */
function finding(
  rule: ScreeningRule,
  input: ScreeningInput,
  decision: Decision,
  message: string,
  extras: FindingExtras = {},
): ScreeningReason[] {
  const areas = extras.areas ?? relevantAreas(rule, input);
  const base: ScreeningReason = { rule: rule.id, ruleClass: rule.class, decision, message, sources: rule.sources };
  if (extras.earliestDate !== undefined) base.earliestDate = extras.earliestDate;
  if (extras.missingAnswer !== undefined) base.missingAnswer = extras.missingAnswer;
  if (areas.length === 0) return [];
  if (areas.length === input.areas.length) return [base];
  return areas.map((area) => ({ ...base, area }));
}

function unanswered(rule: ScreeningRule, input: ScreeningInput, answer: AnswerId, asks: string): ScreeningReason[] {
  return finding(
    rule,
    input,
    lessRestrictive(rule.worst, 'physician_review'),
    `We don't know ${asks}. A practitioner needs to check this with you before any treatment.`,
    { missingAnswer: answer },
  );
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------
// Yes/no questions with one decision

/** The answers that are a plain yes or no. */
type YesNoAnswer = { [K in keyof Answers]-?: NonNullable<Answers[K]> extends boolean ? K : never }[keyof Answers];

interface YesNoRule extends Omit<ScreeningRule, 'evaluate' | 'reads' | 'worst'> {
  answer: YesNoAnswer;
  decision: Decision;
  message: string;
  asks: string;
}

function yesNo(definition: YesNoRule): ScreeningRule {
  const { answer, decision, message, asks, ...rule } = definition;
  const built: ScreeningRule = {
    ...rule,
    reads: [answer],
    worst: decision,
    evaluate(input) {
      const value = input.answers[answer];
      if (value === undefined) return unanswered(built, input, answer, asks);
      return value ? finding(built, input, decision, message) : [];
    },
  };
  return built;
}

// ---------------------------------------------------------------------------
// "Wait N after date X" questions (null: never)

interface WaitRule extends Omit<ScreeningRule, 'evaluate' | 'reads' | 'worst'> {
  answer: 'toxin_in_area_date' | 'filler_in_area_date' | 'laser_or_peel_date';
  until: (date: IsoDate, policy: ClinicPolicy) => IsoDate;
  message: (until: IsoDate, policy: ClinicPolicy) => string;
  asks: string;
}

function waitAfter(definition: WaitRule): ScreeningRule {
  const { answer, until, message, asks, ...rule } = definition;
  const built: ScreeningRule = {
    ...rule,
    reads: [answer],
    worst: 'defer',
    evaluate(input, policy, today) {
      const date = input.answers[answer];
      if (date === undefined) return unanswered(built, input, answer, asks);
      if (date === null) return [];
      const earliest = until(date, policy);
      if (earliest <= today) return [];
      return finding(built, input, 'defer', message(earliest, policy), { earliestDate: earliest });
    },
  };
  return built;
}

// ---------------------------------------------------------------------------
// "Which of your areas have X" questions

interface AreaListRule extends Omit<ScreeningRule, 'evaluate' | 'reads' | 'worst'> {
  answer: 'skin_cancer_in_area' | 'tattoo_in_area' | 'moles_or_lesions_in_area';
  decision: Decision;
  message: string;
  asks: string;
}

function inListedAreas(definition: AreaListRule): ScreeningRule {
  const { answer, decision, message, asks, ...rule } = definition;
  const built: ScreeningRule = {
    ...rule,
    class: 'area_specific',
    reads: [answer],
    worst: decision,
    evaluate(input) {
      const listed = input.answers[answer];
      if (listed === undefined) return unanswered(built, input, answer, asks);
      const areas = input.areas.filter((area) => listed.includes(area));
      return finding(built, input, decision, message, { areas });
    },
  };
  return built;
}

// ---------------------------------------------------------------------------
// The rules

const pregnancy = yesNo({
  id: 'pregnancy_or_breastfeeding',
  class: 'absolute',
  title: 'pregnancy or breastfeeding',
  answer: 'pregnant_or_breastfeeding',
  decision: 'defer',
  message:
    'Micro-needling is not done during pregnancy or while breastfeeding: the device labelling rules it out, and ' +
    'numbing creams are avoided then too.',
  asks: 'whether you are pregnant or breastfeeding',
  meanwhile:
    'Redo this assessment once you have stopped breastfeeding. Until then, gentle skin care and daily sun ' +
    'protection are fine; ask your midwife or doctor before starting any new skin product.',
  sources: ['SPconsent', 'Dermapen4'],
});

const isotretinoinCurrent: ScreeningRule = {
  id: 'isotretinoin_current',
  class: 'absolute',
  title: 'isotretinoin',
  reads: ['isotretinoin'],
  worst: 'defer',
  sources: ['SPconsent', 'Mysore2017'],
  meanwhile:
    'Finish your isotretinoin course as prescribed (never stop early for this), then redo this assessment with the ' +
    'date of your last dose.',
  evaluate(input, policy) {
    const answer = input.answers.isotretinoin;
    if (answer === undefined) return unanswered(this, input, 'isotretinoin', 'whether you take or took isotretinoin');
    if (answer.status !== 'current') return [];
    return finding(
      this,
      input,
      'defer',
      'You are taking isotretinoin. The device labelling rules out needling while you take it (one guideline ' +
        `disagrees; this clinic follows the labelling). After your last dose the clinic waits ` +
        `${plural(policy.isotretinoinWaitMonths, 'month')}.`,
    );
  },
};

/** The strictest published wait after isotretinoin; within it, past use is still worth telling [Sisu][BrowsOfJoy]. */
const ISOTRETINOIN_STRICTEST_MONTHS = 12;

const isotretinoinRecent: ScreeningRule = {
  id: 'isotretinoin_recent',
  class: 'temporary',
  title: 'recent isotretinoin',
  reads: ['isotretinoin'],
  worst: 'defer',
  sources: ['ProjectLEAD', 'Nuance', 'Waldman2017', 'Mysore2017', 'Mahadevappa2016', 'Sisu', 'BrowsOfJoy'],
  meanwhile: 'Book your first session for the earliest date shown or later.',
  evaluate(input, policy, today) {
    const answer = input.answers.isotretinoin;
    if (answer?.status !== 'stopped') return [];
    if (answer.lastDoseDate === undefined) {
      return unanswered(this, input, 'isotretinoin', 'when you took your last isotretinoin dose');
    }
    const earliest = addMonths(answer.lastDoseDate, policy.isotretinoinWaitMonths);
    if (today < earliest) {
      return finding(
        this,
        input,
        'defer',
        `You took your last isotretinoin dose on ${answer.lastDoseDate}. This clinic waits ` +
          `${plural(policy.isotretinoinWaitMonths, 'month')} after the last dose, so the earliest date is ` +
          `${earliest}. Published advice ranges from no wait to 12 months.`,
        { earliestDate: earliest },
      );
    }
    if (today < addMonths(answer.lastDoseDate, ISOTRETINOIN_STRICTEST_MONTHS)) {
      return finding(
        this,
        input,
        'proceed_with_precautions',
        'You took isotretinoin in the past year. Tell your practitioner; some clinics wait up to 12 months.',
      );
    }
    return [];
  },
};

const bleedingDisorder = yesNo({
  id: 'bleeding_disorder',
  class: 'absolute',
  title: 'bleeding disorder',
  answer: 'bleeding_disorder',
  decision: 'not_suitable',
  message:
    'A bleeding disorder rules out micro-needling: the device labelling says not to treat people whose blood does ' +
    'not clot normally.',
  asks: 'whether you have a bleeding disorder',
  alternatives:
    'Ask the doctor who looks after your bleeding disorder, or a dermatologist, about treatments that do not break ' +
    'the skin.',
  sources: ['SPconsent', 'Dermapen4'],
});

const bloodThinners = yesNo({
  id: 'anticoagulants',
  class: 'relative_physician',
  title: 'blood thinners',
  answer: 'anticoagulants',
  decision: 'physician_review',
  message:
    'You take a blood thinner, so a doctor needs to agree before treatment. Never stop the medicine on your own.',
  asks: 'whether you take blood thinners',
  sources: ['Sisu', 'Balance', 'Kichi', 'NCT05909072'],
});

const stainlessSteelAllergy: ScreeningRule = {
  id: 'stainless_steel_allergy',
  class: 'absolute',
  title: 'stainless-steel allergy',
  reads: ['metal_allergy'],
  worst: 'not_suitable',
  sources: ['SPconsent'],
  alternatives: 'A dermatologist can suggest treatments that do not use steel needles.',
  evaluate(input) {
    const answer = input.answers.metal_allergy;
    if (answer === undefined) return unanswered(this, input, 'metal_allergy', 'whether you are allergic to any metal');
    if (answer !== 'stainless_steel') return [];
    return finding(
      this,
      input,
      'not_suitable',
      'The needles are stainless steel, and the device labelling says not to treat people allergic to it.',
    );
  },
};

const nickelAllergy: ScreeningRule = {
  id: 'nickel_allergy',
  class: 'relative_physician',
  title: 'nickel allergy',
  reads: ['metal_allergy'],
  worst: 'physician_review',
  sources: ['Chu2021', 'Nickel'],
  evaluate(input) {
    if (input.answers.metal_allergy !== 'nickel') return [];
    return finding(
      this,
      input,
      'physician_review',
      'Surgical steel contains some nickel. Tests on one brand of needle tips found no nickel released, but metal ' +
        'allergy is linked to more side effects, so a doctor decides.',
    );
  },
};

const anaestheticAllergy = yesNo({
  id: 'anaesthetic_allergy',
  class: 'absolute',
  title: 'allergy to numbing medicines',
  answer: 'anaesthetic_allergy',
  decision: 'not_suitable',
  message: 'The device labelling says not to treat people who are allergic to numbing (anaesthetic) medicines.',
  asks: 'whether you are allergic to numbing medicines',
  alternatives: 'A doctor can discuss whether any option without numbing medicine would suit you.',
  sources: ['SPconsent'],
});

const infectionOrWound = yesNo({
  id: 'active_infection_or_wound',
  class: 'absolute',
  title: 'infection, wound or cold sore',
  answer: 'active_infection_in_area',
  decision: 'defer',
  message:
    'There is an infection, open wound or cold sore in an area you want treated. Needling waits until it has fully ' +
    'healed, because an infection raises the risk of complications.',
  asks: 'whether you have an infection, open wound or cold sore in the areas',
  meanwhile: 'Let it heal fully (see a doctor if it is not getting better), then redo this assessment.',
  sources: ['SPconsent', 'Sisu', 'Dermapen4', 'jazminek', 'Chu2021'],
});

const skinCancer = inListedAreas({
  id: 'skin_cancer_in_area',
  class: 'area_specific',
  title: 'skin cancer in the area',
  answer: 'skin_cancer_in_area',
  decision: 'not_suitable',
  message: 'Skin cancer in this area rules out needling it. Please have it checked and treated by a doctor first.',
  asks: 'whether you have skin cancer in any of the areas',
  alternatives: 'The doctor treating your skin cancer is the right person to ask what can be done for this area later.',
  sources: ['SPconsent'],
});

const molesOrLesions = inListedAreas({
  id: 'moles_or_lesions_in_area',
  class: 'area_specific',
  title: 'raised moles or patches in the area',
  answer: 'moles_or_lesions_in_area',
  decision: 'physician_review',
  message:
    'Raised moles, birthmarks or rough scaly patches are checked by a doctor before this area is treated, and are ' +
    'never needled over.',
  asks: 'whether you have raised moles, birthmarks or rough patches in the areas',
  sources: ['Balance', 'Dermapen4'],
});

const tattoo = inListedAreas({
  id: 'tattoo_in_area',
  class: 'area_specific',
  title: 'tattoo in the area',
  answer: 'tattoo_in_area',
  decision: 'proceed_with_precautions',
  message: 'Tattoos and permanent make-up are not needled over; your practitioner works around them.',
  asks: 'whether you have tattoos or permanent make-up in the areas',
  sources: ['Kichi'],
});

const keloids = yesNo({
  id: 'keloid_tendency',
  class: 'relative_physician',
  title: 'keloids or thick raised scars',
  answer: 'keloid_tendency',
  decision: 'physician_review',
  message:
    'You tend to form keloids or thick raised scars. Clinics differ here (some refuse, while scar specialists use ' +
    'needling to treat such scars), so a doctor decides.',
  asks: 'whether you tend to form keloids or thick raised scars',
  sources: ['Sisu', 'Balance', 'NCT05909072', 'Juhasz2020', 'StatPearls'],
});

const immunosuppression = yesNo({
  id: 'immunosuppression',
  class: 'relative_physician',
  title: 'weakened immune system',
  answer: 'immunosuppressed',
  decision: 'physician_review',
  message:
    'A weakened immune system (for example from chemotherapy, strong steroid medicines or HIV) needs a doctor to ' +
    'agree before treatment.',
  asks: 'whether your immune system is weakened by an illness or medicine',
  sources: ['Sisu', 'Balance', 'SPlabel'],
});

const diabetes: ScreeningRule = {
  id: 'diabetes',
  class: 'relative_physician',
  title: 'diabetes',
  reads: ['diabetes'],
  worst: 'physician_review',
  sources: ['Sisu', 'Balance', 'BrowsOfJoy', 'SPlabel'],
  evaluate(input) {
    const answer = input.answers.diabetes;
    if (answer === undefined) return unanswered(this, input, 'diabetes', 'whether you have diabetes');
    if (answer === 'uncontrolled') {
      return finding(
        this,
        input,
        'physician_review',
        'Diabetes that is not well controlled needs a doctor to agree first.',
      );
    }
    if (answer === 'controlled') {
      return finding(
        this,
        input,
        'proceed_with_precautions',
        "Tell your practitioner about your diabetes: the device's warnings mention it.",
      );
    }
    return [];
  },
};

const autoimmune = yesNo({
  id: 'autoimmune_disease',
  class: 'relative_physician',
  title: 'autoimmune disease',
  answer: 'autoimmune_disease',
  decision: 'physician_review',
  message:
    'An autoimmune or connective-tissue disease (such as lupus or scleroderma), or medicine for one, needs a doctor ' +
    'to agree first.',
  asks: 'whether you have an autoimmune disease',
  sources: ['Sisu', 'Dermapen4', 'Nuance'],
});

const radiotherapy = yesNo({
  id: 'radiotherapy_to_area',
  class: 'relative_physician',
  title: 'radiotherapy to the area',
  answer: 'radiotherapy_to_area',
  decision: 'physician_review',
  message: 'Skin that has had radiotherapy needs a doctor to agree first; no safe waiting time has been established.',
  asks: 'whether any of the areas has had radiotherapy',
  sources: ['Balance', 'RenewedSpirit'],
});

const heart = yesNo({
  id: 'cardiac_condition',
  class: 'relative_physician',
  title: 'heart condition',
  answer: 'cardiac_condition',
  decision: 'physician_review',
  message:
    'A heart condition or pacemaker needs a doctor to agree first, partly because numbing creams can affect the ' +
    'heart rhythm when overused.',
  asks: 'whether you have a heart condition or pacemaker',
  sources: ['Sisu', 'Kichi', 'SPlabel', 'Dermapen4', 'FDAanes'],
});

const activeAcne: ScreeningRule = {
  id: 'active_acne',
  class: 'temporary',
  title: 'active acne',
  reads: ['active_acne'],
  areas: ACNE_PRONE,
  worst: 'defer',
  sources: ['NCT02646917', 'Dermapen4', 'Advances', 'Sohag'],
  meanwhile: 'See a doctor or dermatologist to get the acne under control, then redo this assessment.',
  evaluate(input) {
    const answer = input.answers.active_acne;
    if (answer === undefined) return unanswered(this, input, 'active_acne', 'whether you have active acne');
    switch (answer) {
      case 'severe':
        return finding(
          this,
          input,
          'defer',
          'Severe or cystic acne is treated first; needling waits until breakouts are under control. The evidence ' +
            'is for acne scars, not for active acne.',
        );
      case 'moderate':
        return finding(
          this,
          input,
          'physician_review',
          'Moderate active acne needs a doctor to agree before treatment, and active spots are not needled over.',
        );
      case 'mild':
        return finding(
          this,
          input,
          'proceed_with_precautions',
          'Mild spots are worked around; in one small study acne flared after treatment in 1 person in 10.',
        );
      case 'none':
        return [];
    }
  },
};

const rosaceaFlare = yesNo({
  id: 'active_rosacea_flare',
  class: 'temporary',
  title: 'rosacea flare',
  answer: 'active_rosacea_flare',
  areas: FACE_AREAS,
  decision: 'defer',
  message:
    'Rosacea that is flaring (red bumps or pustules) is a reason not to needle the face until medical treatment has ' +
    'calmed it.',
  asks: 'whether your rosacea is flaring',
  meanwhile: 'Ask your doctor about calming the flare, then redo this assessment.',
  sources: ['Dermapen4', 'Sisu'],
});

const eczemaPsoriasis: ScreeningRule = {
  id: 'eczema_psoriasis_in_area',
  class: 'temporary',
  title: 'eczema or psoriasis in the area',
  reads: ['eczema_psoriasis_in_area'],
  worst: 'defer',
  sources: ['BrowsOfJoy', 'Balance', 'Sisu'],
  meanwhile: 'Get the skin settled with your usual treatment or your doctor, then redo this assessment.',
  evaluate(input) {
    const answer = input.answers.eczema_psoriasis_in_area;
    if (answer === undefined) {
      return unanswered(this, input, 'eczema_psoriasis_in_area', 'whether you have eczema or psoriasis in the areas');
    }
    if (answer === 'active') {
      return finding(
        this,
        input,
        'defer',
        'Active eczema, psoriasis or dermatitis in an area you want treated means waiting until it has settled.',
      );
    }
    if (answer === 'history') {
      return finding(
        this,
        input,
        'physician_review',
        'You have had eczema or psoriasis in these areas before; a doctor decides case by case.',
      );
    }
    return [];
  },
};

const sunburn: ScreeningRule = {
  id: 'sunburn_in_area',
  class: 'temporary',
  title: 'sunburn',
  reads: ['sunburn_in_area'],
  worst: 'defer',
  sources: ['Nuance', 'Elle', 'BrowsOfJoy', 'Esthetik'],
  meanwhile: 'Keep the skin out of the sun and let it heal.',
  evaluate(input, policy, today) {
    const answer = input.answers.sunburn_in_area;
    if (answer === undefined) return unanswered(this, input, 'sunburn_in_area', 'whether the areas are sunburned');
    if (!answer) return [];
    const earliest = addDays(today, policy.sunAvoidanceDays);
    return finding(
      this,
      input,
      'defer',
      `Sunburned skin is not needled. It needs to heal, and the clinic asks for ${plural(policy.sunAvoidanceDays, 'day')} ` +
        `without sunburn or tanning before a session, so the earliest date is ${earliest}.`,
      { earliestDate: earliest },
    );
  },
};

const retinoidHold: ScreeningRule = {
  id: 'retinoid_hold',
  class: 'temporary',
  title: 'retinoids and exfoliating acids',
  reads: ['retinoid_last_used'],
  areas: ALL_BUT_SCALP,
  worst: 'proceed_with_precautions',
  sources: ['Nuance', 'Dermatique', 'jazminek', 'Kichi', 'BrowsOfJoy'],
  evaluate(input, policy, today) {
    const lastUsed = input.answers.retinoid_last_used;
    if (lastUsed === undefined) {
      return unanswered(this, input, 'retinoid_last_used', 'when you last used a retinoid or exfoliating acid');
    }
    if (lastUsed === null) return [];
    const earliest = addDays(lastUsed, policy.retinoidHoldDays);
    if (earliest <= today) return [];
    return finding(
      this,
      input,
      'proceed_with_precautions',
      `You used a retinoid or exfoliating product recently. Stop it now: a session can be from ${earliest}, ` +
        `${plural(policy.retinoidHoldDays, 'day')} after your last use.`,
      { earliestDate: earliest },
    );
  },
};

const toxin = waitAfter({
  id: 'toxin_in_area',
  class: 'temporary',
  title: 'recent wrinkle-relaxing injection',
  answer: 'toxin_in_area_date',
  areas: NECK_AND_FACE,
  until: (date, policy) => addDays(date, policy.toxinWaitDays),
  message: (until, policy) =>
    `After a wrinkle-relaxing injection in the area the clinic waits ${plural(policy.toxinWaitDays, 'day')}, so the ` +
    `earliest date is ${until}.`,
  asks: 'whether you had a wrinkle-relaxing injection in the areas recently',
  meanwhile: 'Book your first session for the earliest date shown or later.',
  sources: ['jazminek', 'BrowsOfJoy', 'Sisu', 'Balance'],
});

const filler = waitAfter({
  id: 'filler_in_area',
  class: 'temporary',
  title: 'recent filler',
  answer: 'filler_in_area_date',
  areas: NECK_AND_FACE,
  until: (date, policy) => addDays(date, policy.fillerWaitDays),
  message: (until, policy) =>
    `After a dermal filler in the area the clinic waits ${plural(policy.fillerWaitDays, 'day')}, so the earliest ` +
    `date is ${until}.`,
  asks: 'whether you had a filler in the areas recently',
  meanwhile: 'Book your first session for the earliest date shown or later.',
  sources: ['jazminek', 'BrowsOfJoy', 'Sisu', 'Esthetik', 'Balance'],
});

const laserOrPeel = waitAfter({
  id: 'recent_laser_or_peel',
  class: 'temporary',
  title: 'recent laser, peel or dermabrasion',
  answer: 'laser_or_peel_date',
  areas: ALL_BUT_SCALP,
  until: (date, policy) => addMonths(date, policy.laserOrPeelWaitMonths),
  message: (until, policy) =>
    `After a laser, chemical peel or dermabrasion in the area the clinic waits ` +
    `${plural(policy.laserOrPeelWaitMonths, 'month')}, so the earliest date is ${until}. After a deep peel or ` +
    'dermabrasion your practitioner may ask you to wait longer.',
  asks: 'whether you had a laser, peel or dermabrasion in the areas recently',
  meanwhile: 'Book your first session for the earliest date shown or later.',
  sources: ['jazminek', 'BrowsOfJoy', 'Esthetik'],
});

const surgicalScarAge: ScreeningRule = {
  id: 'surgical_scar_age',
  class: 'temporary',
  title: 'age of the scar',
  reads: ['scar_date'],
  concerns: ['surgical_scars'],
  worst: 'defer',
  sources: ['Claytor2022', 'Sisu', 'Balance'],
  meanwhile: "Let the wound heal, and bring your surgeon's notes to the consultation.",
  evaluate(input, policy, today) {
    const scarDate = input.answers.scar_date;
    if (scarDate === undefined) {
      return unanswered(this, input, 'scar_date', 'when you had the operation or injury that left the scar');
    }
    // null: no date to wait for (as for every date answer, "never / does not apply").
    if (scarDate === null) return [];
    const earliest = addDays(scarDate, policy.surgicalScarMinWeeks * 7);
    if (earliest <= today) return [];
    return finding(
      this,
      input,
      'defer',
      `A scar is needled from ${plural(policy.surgicalScarMinWeeks, 'week')} after the operation or injury, once ` +
        `the wound has healed, so the earliest date is ${earliest}.`,
      { earliestDate: earliest },
    );
  },
};

/** Cleared devices are for adults aged 22 or over [DEN160029][K202243]; the SkinPen trial enrolled from 18. */
const ADULT_AGE = 18;
const CLEARED_AGE = 22;

const minor: ScreeningRule = {
  id: 'age_under_18',
  class: 'temporary',
  title: 'age under 18',
  reads: ['birthDate'],
  worst: 'defer',
  sources: ['DEN160029', 'K202243', 'NCT02646917'],
  meanwhile:
    'Talk to a doctor, with a parent or guardian, about your skin; you can redo this assessment once you are 18.',
  evaluate(input, _policy, today) {
    if (ageInYears(input.birthDate, today) >= ADULT_AGE) return [];
    const earliest = birthdayAt(input.birthDate, ADULT_AGE);
    return finding(
      this,
      input,
      'defer',
      'Micro-needling is planned for adults: the devices are cleared for people aged 22 and over, and trials ' +
        `enrolled adults only. This assessment can plan treatment from your 18th birthday (${earliest}).`,
      { earliestDate: earliest },
    );
  },
};

const youngAdult: ScreeningRule = {
  id: 'age_under_22',
  class: 'relative_physician',
  title: 'age under 22',
  reads: ['birthDate'],
  worst: 'physician_review',
  sources: ['DEN160029', 'K202243'],
  evaluate(input, _policy, today) {
    const age = ageInYears(input.birthDate, today);
    if (age < ADULT_AGE || age >= CLEARED_AGE) return [];
    return finding(
      this,
      input,
      'physician_review',
      "Cleared micro-needling devices are for people aged 22 and over; treating younger adults is a doctor's decision.",
    );
  },
};

const darkerSkin: ScreeningRule = {
  id: 'darker_skin_pigmentation',
  class: 'precaution',
  title: 'skin that darkens easily',
  reads: ['fitzpatrick'],
  worst: 'proceed_with_precautions',
  sources: ['Chu2021', 'Dogra2014', 'ArchDermRes2023', 'Esthetik', 'Cohen2016'],
  evaluate(input) {
    if (input.fitzpatrick < 4) return [];
    return finding(
      this,
      input,
      'proceed_with_precautions',
      'Your skin type darkens more easily after any skin injury, so your plan takes precautions: lower depths, ' +
        'redness rather than bleeding as the end point, and careful sun protection.',
    );
  },
};

const neckWrinklesDarkerSkin: ScreeningRule = {
  id: 'neck_wrinkles_skin_type',
  class: 'relative_physician',
  title: 'neck wrinkles in skin types V-VI',
  reads: ['fitzpatrick'],
  areas: ['neck'],
  concerns: ['wrinkles'],
  worst: 'physician_review',
  sources: ['K202243', 'Chu2021'],
  evaluate(input) {
    if (input.fitzpatrick < 5) return [];
    return finding(
      this,
      input,
      'physician_review',
      'The pen cleared for neck wrinkles was cleared for skin types II to IV only; for your skin type a doctor decides.',
    );
  },
};

const coldSores: ScreeningRule = {
  id: 'cold_sore_history',
  class: 'precaution',
  title: 'cold sores',
  reads: ['cold_sore_history'],
  areas: FACE_AREAS,
  worst: 'proceed_with_precautions',
  sources: ['Amore2021', 'Dermapen4', 'Elle', 'Nuance', 'BrowsOfJoy'],
  evaluate(input) {
    const answer = input.answers.cold_sore_history;
    if (answer === undefined) {
      return unanswered(this, input, 'cold_sore_history', 'whether you get cold sores');
    }
    if (!answer) return [];
    return finding(
      this,
      input,
      'proceed_with_precautions',
      'Treatment can set off a cold sore (about 1 person in 50 in one study), so ask about antiviral tablets ' +
        'beforehand.',
    );
  },
};

/** Every screening rule, in the order reasons are listed. */
export const SCREENING_RULES: readonly ScreeningRule[] = [
  pregnancy,
  isotretinoinCurrent,
  isotretinoinRecent,
  bleedingDisorder,
  stainlessSteelAllergy,
  anaestheticAllergy,
  skinCancer,
  infectionOrWound,
  minor,
  youngAdult,
  bloodThinners,
  nickelAllergy,
  keloids,
  immunosuppression,
  diabetes,
  autoimmune,
  radiotherapy,
  heart,
  molesOrLesions,
  activeAcne,
  rosaceaFlare,
  eczemaPsoriasis,
  sunburn,
  toxin,
  filler,
  laserOrPeel,
  surgicalScarAge,
  retinoidHold,
  neckWrinklesDarkerSkin,
  darkerSkin,
  coldSores,
  tattoo,
];
