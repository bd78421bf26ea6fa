// Every screening rule: when it fires, when it does not, and what an unanswered
// question does. Each case screens a whole (otherwise clear) person, so the test also
// proves the rule is wired into the screener.
import { describe, expect, it } from 'vitest';
import type { Answers, AssessmentRequest } from '../contracts/assessment.ts';
import { CLEAR_ANSWERS, exampleRequest } from './examples.ts';
import { DEFAULT_CLINIC_POLICY, type ClinicPolicy } from './policy.ts';
import { SCREENING_RULES } from './screening-rules.ts';
import { screenCandidate } from './screening.ts';
import type { AreaId, Decision } from './vocabulary.ts';

const TODAY = '2025-11-25';

interface Expected {
  decision: Decision;
  area?: AreaId;
  earliestDate?: string;
  missingAnswer?: string;
}

interface RuleCase {
  name: string;
  /** Answers changed from the clear set; `undefined` removes an answer (unanswered). */
  answers?: Partial<Record<keyof Answers, unknown>>;
  request?: Partial<AssessmentRequest>;
  policy?: Partial<ClinicPolicy>;
  /** The rule's findings; [] means it does not fire. */
  expect: Expected[];
}

function screenWith(ruleCase: RuleCase) {
  const answers: Record<string, unknown> = { ...CLEAR_ANSWERS };
  for (const [id, value] of Object.entries(ruleCase.answers ?? {})) {
    if (value === undefined) delete answers[id];
    else answers[id] = value;
  }
  const request = exampleRequest({ ...ruleCase.request, answers });
  return screenCandidate(request, { ...DEFAULT_CLINIC_POLICY, ...ruleCase.policy }, TODAY);
}

const yesNoCases = (answer: keyof Answers, decision: Decision): RuleCase[] => [
  { name: 'fires on yes', answers: { [answer]: true }, expect: [{ decision }] },
  { name: 'silent on no', answers: { [answer]: false }, expect: [] },
  {
    name: 'unanswered: never proceeds',
    answers: { [answer]: undefined },
    expect: [
      {
        decision: decision === 'proceed_with_precautions' ? decision : 'physician_review',
        missingAnswer: answer,
      },
    ],
  },
];

const CASES: Record<string, RuleCase[]> = {
  pregnancy_or_breastfeeding: yesNoCases('pregnant_or_breastfeeding', 'defer'),
  isotretinoin_current: [
    {
      name: 'fires while taking it',
      answers: { isotretinoin: { status: 'current' } },
      expect: [{ decision: 'defer' }],
    },
    { name: 'silent when never taken', answers: { isotretinoin: { status: 'never' } }, expect: [] },
    {
      name: 'silent once stopped (the recent rule takes over)',
      answers: { isotretinoin: { status: 'stopped', lastDoseDate: '2025-10-01' } },
      expect: [],
    },
    {
      name: 'unanswered',
      answers: { isotretinoin: undefined },
      expect: [{ decision: 'physician_review', missingAnswer: 'isotretinoin' }],
    },
  ],
  isotretinoin_recent: [
    {
      name: 'defers until 6 months after the last dose',
      answers: { isotretinoin: { status: 'stopped', lastDoseDate: '2025-09-01' } },
      expect: [{ decision: 'defer', earliestDate: '2026-03-01' }],
    },
    {
      name: 'month ends clamp: 31 Aug + 6 months is 28 Feb',
      answers: { isotretinoin: { status: 'stopped', lastDoseDate: '2025-08-31' } },
      expect: [{ decision: 'defer', earliestDate: '2026-02-28' }],
    },
    {
      name: 'a stricter clinic waits 12 months',
      answers: { isotretinoin: { status: 'stopped', lastDoseDate: '2025-03-10' } },
      policy: { isotretinoinWaitMonths: 12 },
      expect: [{ decision: 'defer', earliestDate: '2026-03-10' }],
    },
    {
      name: 'after the wait but within a year: tell the practitioner',
      answers: { isotretinoin: { status: 'stopped', lastDoseDate: '2025-03-10' } },
      expect: [{ decision: 'proceed_with_precautions' }],
    },
    {
      name: 'silent more than a year after',
      answers: { isotretinoin: { status: 'stopped', lastDoseDate: '2024-06-01' } },
      expect: [],
    },
    { name: 'silent when never taken', answers: { isotretinoin: { status: 'never' } }, expect: [] },
    {
      name: 'stopped without a date',
      answers: { isotretinoin: { status: 'stopped' } },
      expect: [{ decision: 'physician_review', missingAnswer: 'isotretinoin' }],
    },
  ],
  bleeding_disorder: yesNoCases('bleeding_disorder', 'not_suitable'),
  stainless_steel_allergy: [
    {
      name: 'fires on stainless steel',
      answers: { metal_allergy: 'stainless_steel' },
      expect: [{ decision: 'not_suitable' }],
    },
    { name: 'silent on nickel', answers: { metal_allergy: 'nickel' }, expect: [] },
    { name: 'silent on none', answers: { metal_allergy: 'none' }, expect: [] },
    {
      name: 'unanswered',
      answers: { metal_allergy: undefined },
      expect: [{ decision: 'physician_review', missingAnswer: 'metal_allergy' }],
    },
  ],
  nickel_allergy: [
    { name: 'fires on nickel', answers: { metal_allergy: 'nickel' }, expect: [{ decision: 'physician_review' }] },
    { name: 'silent on none', answers: { metal_allergy: 'none' }, expect: [] },
    { name: 'unanswered is reported once, by the steel rule', answers: { metal_allergy: undefined }, expect: [] },
  ],
  anaesthetic_allergy: yesNoCases('anaesthetic_allergy', 'not_suitable'),
  skin_cancer_in_area: [
    {
      name: 'only the listed area',
      request: { areas: ['cheeks', 'nose'] },
      answers: { skin_cancer_in_area: ['nose'] },
      expect: [{ decision: 'not_suitable', area: 'nose' }],
    },
    {
      name: 'every chosen area: one finding for all',
      request: { areas: ['cheeks', 'nose'] },
      answers: { skin_cancer_in_area: ['nose', 'cheeks'] },
      expect: [{ decision: 'not_suitable' }],
    },
    { name: 'silent for an area not chosen', answers: { skin_cancer_in_area: ['back'] }, expect: [] },
    { name: 'silent on none', answers: { skin_cancer_in_area: [] }, expect: [] },
    {
      name: 'unanswered',
      answers: { skin_cancer_in_area: undefined },
      expect: [{ decision: 'physician_review', missingAnswer: 'skin_cancer_in_area' }],
    },
  ],
  active_infection_or_wound: yesNoCases('active_infection_in_area', 'defer'),
  age_under_18: [
    {
      name: 'defers to the 18th birthday',
      request: { birthDate: '2009-03-10' },
      expect: [{ decision: 'defer', earliestDate: '2027-03-10' }],
    },
    {
      name: 'a 29 February birthday turns 18 on 1 March',
      request: { birthDate: '2008-02-29' },
      expect: [{ decision: 'defer', earliestDate: '2026-03-01' }],
    },
    { name: 'silent on the 18th birthday', request: { birthDate: '2007-11-25' }, expect: [] },
  ],
  age_under_22: [
    { name: 'fires at 19', request: { birthDate: '2006-05-01' }, expect: [{ decision: 'physician_review' }] },
    {
      name: 'fires the day before turning 22',
      request: { birthDate: '2003-11-26' },
      expect: [{ decision: 'physician_review' }],
    },
    { name: 'silent from 22', request: { birthDate: '2003-11-25' }, expect: [] },
    { name: 'silent under 18 (that rule defers)', request: { birthDate: '2010-01-01' }, expect: [] },
  ],
  anticoagulants: yesNoCases('anticoagulants', 'physician_review'),
  keloid_tendency: yesNoCases('keloid_tendency', 'physician_review'),
  immunosuppression: yesNoCases('immunosuppressed', 'physician_review'),
  diabetes: [
    { name: 'uncontrolled', answers: { diabetes: 'uncontrolled' }, expect: [{ decision: 'physician_review' }] },
    { name: 'controlled', answers: { diabetes: 'controlled' }, expect: [{ decision: 'proceed_with_precautions' }] },
    { name: 'none', answers: { diabetes: 'none' }, expect: [] },
    {
      name: 'unanswered',
      answers: { diabetes: undefined },
      expect: [{ decision: 'physician_review', missingAnswer: 'diabetes' }],
    },
  ],
  autoimmune_disease: yesNoCases('autoimmune_disease', 'physician_review'),
  radiotherapy_to_area: yesNoCases('radiotherapy_to_area', 'physician_review'),
  cardiac_condition: yesNoCases('cardiac_condition', 'physician_review'),
  moles_or_lesions_in_area: [
    {
      name: 'the listed area',
      request: { areas: ['cheeks', 'forehead'] },
      answers: { moles_or_lesions_in_area: ['forehead'] },
      expect: [{ decision: 'physician_review', area: 'forehead' }],
    },
    { name: 'none', answers: { moles_or_lesions_in_area: [] }, expect: [] },
  ],
  active_acne: [
    { name: 'severe defers', answers: { active_acne: 'severe' }, expect: [{ decision: 'defer' }] },
    {
      name: 'moderate needs a doctor',
      answers: { active_acne: 'moderate' },
      expect: [{ decision: 'physician_review' }],
    },
    {
      name: 'mild is worked around',
      answers: { active_acne: 'mild' },
      expect: [{ decision: 'proceed_with_precautions' }],
    },
    { name: 'none', answers: { active_acne: 'none' }, expect: [] },
    {
      name: 'only acne-prone areas: the scalp is not held back',
      request: { concerns: ['acne_scars', 'hair_loss'], areas: ['cheeks', 'scalp'] },
      answers: { active_acne: 'severe' },
      expect: [{ decision: 'defer', area: 'cheeks' }],
    },
    {
      name: 'not asked for the scalp alone',
      request: { concerns: ['hair_loss'], areas: ['scalp'] },
      answers: { active_acne: 'severe' },
      expect: [],
    },
  ],
  active_rosacea_flare: [
    { name: 'fires on the face', answers: { active_rosacea_flare: true }, expect: [{ decision: 'defer' }] },
    { name: 'silent when calm', answers: { active_rosacea_flare: false }, expect: [] },
    {
      name: 'not asked for body areas',
      request: { concerns: ['stretch_marks'], areas: ['abdomen'] },
      answers: { active_rosacea_flare: true },
      expect: [],
    },
  ],
  eczema_psoriasis_in_area: [
    { name: 'active defers', answers: { eczema_psoriasis_in_area: 'active' }, expect: [{ decision: 'defer' }] },
    {
      name: 'history needs a doctor',
      answers: { eczema_psoriasis_in_area: 'history' },
      expect: [{ decision: 'physician_review' }],
    },
    { name: 'none', answers: { eczema_psoriasis_in_area: 'none' }, expect: [] },
  ],
  sunburn_in_area: [
    {
      name: 'defers two weeks',
      answers: { sunburn_in_area: true },
      expect: [{ decision: 'defer', earliestDate: '2025-12-09' }],
    },
    { name: 'silent without sunburn', answers: { sunburn_in_area: false }, expect: [] },
  ],
  toxin_in_area: [
    {
      name: 'defers 14 days after the injection',
      answers: { toxin_in_area_date: '2025-11-20' },
      expect: [{ decision: 'defer', earliestDate: '2025-12-04' }],
    },
    { name: 'silent once the wait is over', answers: { toxin_in_area_date: '2025-11-11' }, expect: [] },
    { name: 'silent when never', answers: { toxin_in_area_date: null }, expect: [] },
    {
      name: 'a stricter clinic waits 90 days',
      answers: { toxin_in_area_date: '2025-11-11' },
      policy: { toxinWaitDays: 90 },
      expect: [{ decision: 'defer', earliestDate: '2026-02-09' }],
    },
    {
      name: 'unanswered',
      answers: { toxin_in_area_date: undefined },
      expect: [{ decision: 'physician_review', missingAnswer: 'toxin_in_area_date' }],
    },
    {
      name: 'not asked for the scalp',
      request: { concerns: ['hair_loss'], areas: ['scalp'] },
      answers: { toxin_in_area_date: '2025-11-20' },
      expect: [],
    },
  ],
  filler_in_area: [
    {
      name: 'defers 14 days after the filler',
      answers: { filler_in_area_date: '2025-11-24' },
      expect: [{ decision: 'defer', earliestDate: '2025-12-08' }],
    },
    { name: 'silent when never', answers: { filler_in_area_date: null }, expect: [] },
    { name: 'silent once the wait is over', answers: { filler_in_area_date: '2025-10-01' }, expect: [] },
  ],
  recent_laser_or_peel: [
    {
      name: 'defers a month',
      answers: { laser_or_peel_date: '2025-11-10' },
      expect: [{ decision: 'defer', earliestDate: '2025-12-10' }],
    },
    { name: 'silent after a month', answers: { laser_or_peel_date: '2025-10-25' }, expect: [] },
    { name: 'silent when never', answers: { laser_or_peel_date: null }, expect: [] },
  ],
  surgical_scar_age: [
    {
      name: 'defers to 6 weeks after surgery',
      request: { concerns: ['surgical_scars'], areas: ['abdomen'] },
      answers: { scar_date: '2025-11-01' },
      expect: [{ decision: 'defer', earliestDate: '2025-12-13' }],
    },
    {
      name: 'silent for an older scar',
      request: { concerns: ['surgical_scars'], areas: ['abdomen'] },
      answers: { scar_date: '2025-09-01' },
      expect: [],
    },
    {
      name: 'needs the date',
      request: { concerns: ['surgical_scars'], areas: ['abdomen'] },
      answers: { scar_date: undefined },
      expect: [{ decision: 'physician_review', missingAnswer: 'scar_date' }],
    },
    {
      name: 'silent when no date applies (null)',
      request: { concerns: ['surgical_scars'], areas: ['abdomen'] },
      answers: { scar_date: null },
      expect: [],
    },
    { name: 'not asked for acne scars', answers: { scar_date: undefined }, expect: [] },
  ],
  retinoid_hold: [
    {
      name: 'used yesterday: precautions, not before the hold ends',
      answers: { retinoid_last_used: '2025-11-24' },
      expect: [{ decision: 'proceed_with_precautions', earliestDate: '2025-11-29' }],
    },
    { name: 'silent after the hold', answers: { retinoid_last_used: '2025-11-01' }, expect: [] },
    { name: 'silent when never', answers: { retinoid_last_used: null }, expect: [] },
    {
      name: 'unanswered: precautions (the pre-care list covers it)',
      answers: { retinoid_last_used: undefined },
      expect: [{ decision: 'proceed_with_precautions', missingAnswer: 'retinoid_last_used' }],
    },
  ],
  neck_wrinkles_skin_type: [
    {
      name: 'skin type V, neck wrinkles: the neck needs a doctor',
      request: { fitzpatrick: 5, concerns: ['wrinkles'], areas: ['neck', 'cheeks'] },
      expect: [{ decision: 'physician_review', area: 'neck' }],
    },
    {
      name: 'silent for skin type IV',
      request: { fitzpatrick: 4, concerns: ['wrinkles'], areas: ['neck'] },
      expect: [],
    },
    {
      name: 'silent for other concerns on the neck',
      request: { fitzpatrick: 6, concerns: ['acne_scars'], areas: ['neck'] },
      expect: [],
    },
  ],
  darker_skin_pigmentation: [
    { name: 'fires for type IV', request: { fitzpatrick: 4 }, expect: [{ decision: 'proceed_with_precautions' }] },
    { name: 'fires for type VI', request: { fitzpatrick: 6 }, expect: [{ decision: 'proceed_with_precautions' }] },
    { name: 'silent for type III', request: { fitzpatrick: 3 }, expect: [] },
  ],
  cold_sore_history: [
    ...yesNoCases('cold_sore_history', 'proceed_with_precautions'),
    {
      name: 'not asked for the scalp',
      request: { concerns: ['hair_loss'], areas: ['scalp'] },
      answers: { cold_sore_history: true },
      expect: [],
    },
  ],
  tattoo_in_area: [
    {
      name: 'the tattooed area gets precautions',
      request: { areas: ['cheeks', 'forehead'] },
      answers: { tattoo_in_area: ['forehead'] },
      expect: [{ decision: 'proceed_with_precautions', area: 'forehead' }],
    },
    { name: 'none', answers: { tattoo_in_area: [] }, expect: [] },
  ],
};

describe('screening rules', () => {
  it('a clear adult fires no rule at all', () => {
    const decision = screenWith({ name: 'clear', expect: [] });
    expect(decision).toEqual({ overall: 'proceed', byArea: { cheeks: 'proceed' }, reasons: [], missingAnswers: [] });
  });

  it('every rule has cases where it fires and where it does not', () => {
    for (const rule of SCREENING_RULES) {
      const cases = CASES[rule.id] ?? [];
      expect(
        cases.some((c) => c.expect.length > 0),
        `${rule.id} fires`,
      ).toBe(true);
      expect(
        cases.some((c) => c.expect.length === 0),
        `${rule.id} stays silent`,
      ).toBe(true);
    }
    expect(Object.keys(CASES).sort()).toEqual(SCREENING_RULES.map((rule) => rule.id).sort());
  });

  for (const rule of SCREENING_RULES) {
    describe(rule.id, () => {
      it.each(CASES[rule.id] ?? [])('$name', (ruleCase) => {
        const decision = screenWith(ruleCase);
        const findings = decision.reasons
          .filter((reason) => reason.rule === rule.id)
          .map(({ decision, area, earliestDate, missingAnswer }) => ({
            decision,
            ...(area === undefined ? {} : { area }),
            ...(earliestDate === undefined ? {} : { earliestDate }),
            ...(missingAnswer === undefined ? {} : { missingAnswer }),
          }));
        expect(findings).toEqual(ruleCase.expect);
        for (const reason of decision.reasons.filter((r) => r.rule === rule.id)) {
          expect(reason.ruleClass).toBe(rule.class);
          expect(reason.sources.length).toBeGreaterThan(0);
          expect(reason.message.length).toBeGreaterThan(20);
        }
      });
    });
  }
});
