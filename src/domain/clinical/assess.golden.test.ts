// Golden tests: realistic (invented) people, with the decision, the reasons and the
// key plan figures a practitioner would check. Today is 25 November 2025 throughout.
import { describe, expect, it } from 'vitest';
import type { AssessmentRequest, Plan, TreatmentPlan } from '../contracts/assessment.ts';
import { assessCandidate, type AssessmentResult } from './assess.ts';
import { CLEAR_ANSWERS, DEMO_PRICES } from './examples.ts';
import { DEFAULT_CLINIC_POLICY } from './policy.ts';

const TODAY = '2025-11-25';

function assess(request: AssessmentRequest): AssessmentResult {
  return assessCandidate(request, { policy: DEFAULT_CLINIC_POLICY, prices: DEMO_PRICES, today: TODAY });
}

/** The decision without the long texts: what fired, how, where. */
function decisionSummary({ decision }: AssessmentResult) {
  return {
    overall: decision.overall,
    byArea: decision.byArea,
    earliestDate: decision.earliestDate,
    reasons: decision.reasons.map((reason) => [reason.rule, reason.decision, reason.area].filter(Boolean).join(' ')),
    missingAnswers: decision.missingAnswers,
  };
}

function treatment(plan: Plan): TreatmentPlan {
  if (plan.kind !== 'treatment') throw new Error(`expected a treatment plan, got ${plan.kind}`);
  return plan;
}

/** Key figures of a treatment plan as short readable strings. */
function planFigures(plan: Plan) {
  const treatmentPlan = treatment(plan);
  return {
    status: treatmentPlan.status,
    earliestStart: treatmentPlan.earliestStart,
    courses: treatmentPlan.courses.map((course) =>
      [
        course.concern,
        course.recommended ? '' : '(not recommended)',
        course.sessions && `${course.sessions.min}-${course.sessions.max} sessions`,
        course.intervalWeeks && `every ${course.intervalWeeks.min}-${course.intervalWeeks.max} weeks`,
        `evidence ${course.evidence.level}`,
      ]
        .filter(Boolean)
        .join(', '),
    ),
    depths: Object.fromEntries(
      treatmentPlan.zones.map((zone) => [
        zone.area,
        zone.depthMm === null
          ? null
          : `${zone.depthMm.min}-${zone.depthMm.max} mm${zone.depthMm.typical ? ` (typical ${zone.depthMm.typical})` : ''}`,
      ]),
    ),
    endpoint: treatmentPlan.device.endpoint,
    adjuncts: treatmentPlan.adjuncts.map(
      (adjunct) => `${adjunct.id}: ${adjunct.evidence}${adjunct.suitable ? '' : ' (not for you)'}`,
    ),
    price: `${treatmentPlan.price.minCents / 100}-${treatmentPlan.price.maxCents / 100}`,
    missingPrices: treatmentPlan.price.missingServiceCodes,
  };
}

describe('golden patients', () => {
  it('Amira, 34, rolling acne scars, skin type V, no medication: precautions and conservative depth', () => {
    const result = assess({
      birthDate: '1991-04-12',
      fitzpatrick: 5,
      concerns: ['acne_scars'],
      areas: ['cheeks', 'forehead', 'chin_jawline'],
      answers: { ...CLEAR_ANSWERS },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'proceed_with_precautions',
      byArea: {
        cheeks: 'proceed_with_precautions',
        forehead: 'proceed_with_precautions',
        chin_jawline: 'proceed_with_precautions',
      },
      earliestDate: undefined,
      reasons: ['darker_skin_pigmentation proceed_with_precautions'],
      missingAnswers: [],
    });
    expect(planFigures(result.plan)).toEqual({
      status: 'ready',
      earliestStart: undefined,
      courses: ['acne_scars, 3-6 sessions, every 2-4 weeks, evidence moderate'],
      // No "typical 1.5 mm" for darker skin: depth starts low and stops at redness.
      depths: { cheeks: '0.5-1.5 mm', forehead: '0.25-0.5 mm', chin_jawline: '0.5-1 mm' },
      endpoint: 'erythema',
      adjuncts: ['prp: moderate', 'vitamin_c: low'],
      // consultation 50 + 3 x 350 face ... 50 + 6 x 650 face with PRP
      price: '1100-3950',
      missingPrices: [],
    });
    const plan = treatment(result.plan);
    expect(plan.precautions.map((p) => p.text)).toContainEqual(expect.stringContaining('darkens more easily'));
  });

  it('Jonas, 27, stopped isotretinoin two months ago: not yet, with the earliest date', () => {
    const result = assess({
      birthDate: '1998-02-03',
      fitzpatrick: 3,
      concerns: ['acne_scars'],
      areas: ['cheeks'],
      answers: { ...CLEAR_ANSWERS, isotretinoin: { status: 'stopped', lastDoseDate: '2025-09-20' } },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'defer',
      byArea: { cheeks: 'defer' },
      earliestDate: '2026-03-20',
      reasons: ['isotretinoin_recent defer'],
      missingAnswers: [],
    });
    const plan = treatment(result.plan);
    expect(plan.status).toBe('deferred');
    expect(plan.earliestStart).toBe('2026-03-20');
    expect(plan.meanwhile.map((step) => step.text)).toEqual([
      'Book your first session for the earliest date shown or later.',
    ]);
    expect(planFigures(result.plan).depths).toEqual({ cheeks: '0.5-1.5 mm (typical 1.5)' });
  });

  it('Sofia, 31, pregnant, stretch marks: not yet, with no date to compute', () => {
    const result = assess({
      birthDate: '1994-07-22',
      fitzpatrick: 2,
      concerns: ['stretch_marks'],
      areas: ['abdomen', 'thighs'],
      answers: { ...CLEAR_ANSWERS, pregnant_or_breastfeeding: true },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'defer',
      byArea: { abdomen: 'defer', thighs: 'defer' },
      earliestDate: undefined,
      reasons: ['pregnancy_or_breastfeeding defer'],
      missingAnswers: [],
    });
    expect(planFigures(result.plan)).toEqual({
      status: 'deferred',
      earliestStart: undefined,
      courses: ['stretch_marks, 3-6 sessions, every 2-4 weeks, evidence emerging'],
      // No published depth for body zones: the practitioner sets it from the device instructions.
      depths: { abdomen: null, thighs: null },
      endpoint: 'erythema',
      adjuncts: [],
      // 50 + 2 areas x 3 x 450 ... 50 + 2 x 6 x 450
      price: '2750-5450',
      missingPrices: [],
    });
    expect(treatment(result.plan).meanwhile[0]?.text).toMatch(/once you have stopped breastfeeding/);
  });

  it('Liam, 24, active cystic acne: treat the acne first', () => {
    const result = assess({
      birthDate: '2001-01-15',
      fitzpatrick: 3,
      concerns: ['acne_scars'],
      areas: ['cheeks', 'chin_jawline'],
      answers: { ...CLEAR_ANSWERS, active_acne: 'severe' },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'defer',
      byArea: { cheeks: 'defer', chin_jawline: 'defer' },
      earliestDate: undefined,
      reasons: ['active_acne defer'],
      missingAnswers: [],
    });
    expect(treatment(result.plan).meanwhile.map((step) => step.text)).toEqual([
      'See a doctor or dermatologist to get the acne under control, then redo this assessment.',
    ]);
  });

  it('Grace, 45, keloid tendency, surgical scar on the abdomen: a doctor decides', () => {
    const result = assess({
      birthDate: '1980-09-09',
      fitzpatrick: 4,
      concerns: ['surgical_scars'],
      areas: ['abdomen'],
      answers: { ...CLEAR_ANSWERS, keloid_tendency: true, scar_date: '2025-06-01' },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'physician_review',
      byArea: { abdomen: 'physician_review' },
      earliestDate: undefined,
      reasons: ['keloid_tendency physician_review', 'darker_skin_pigmentation proceed_with_precautions'],
      missingAnswers: [],
    });
    expect(planFigures(result.plan)).toEqual({
      status: 'needs_physician_review',
      earliestStart: undefined,
      courses: ['surgical_scars, 3-3 sessions, evidence emerging'],
      depths: { abdomen: null },
      endpoint: 'erythema',
      adjuncts: [],
      price: '1400-1400',
      missingPrices: [],
    });
    expect(treatment(result.plan).meanwhile[0]?.text).toMatch(/a doctor looks at keloids or thick raised scars/);
  });

  it('Noah, 19, acne scars: cleared devices are for 22 and over, so a doctor decides', () => {
    const result = assess({
      birthDate: '2006-08-30',
      fitzpatrick: 2,
      concerns: ['acne_scars'],
      areas: ['cheeks', 'forehead'],
      answers: { ...CLEAR_ANSWERS },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'physician_review',
      byArea: { cheeks: 'physician_review', forehead: 'physician_review' },
      earliestDate: undefined,
      reasons: ['age_under_22 physician_review'],
      missingAnswers: [],
    });
  });

  it('Ella, 16, acne scars: not before her 18th birthday', () => {
    const result = assess({
      birthDate: '2009-05-04',
      fitzpatrick: 1,
      concerns: ['acne_scars'],
      areas: ['cheeks'],
      answers: { ...CLEAR_ANSWERS },
    });
    expect(decisionSummary(result)).toMatchObject({
      overall: 'defer',
      earliestDate: '2027-05-04',
      reasons: ['age_under_18 defer'],
    });
  });

  it('Helen, 58, bleeding disorder, wrinkles: not suitable, with alternatives', () => {
    const result = assess({
      birthDate: '1967-03-03',
      fitzpatrick: 2,
      concerns: ['wrinkles'],
      areas: ['forehead', 'periorbital', 'neck'],
      answers: { ...CLEAR_ANSWERS, bleeding_disorder: true },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'not_suitable',
      byArea: { forehead: 'not_suitable', periorbital: 'not_suitable', neck: 'not_suitable' },
      earliestDate: undefined,
      reasons: ['bleeding_disorder not_suitable'],
      missingAnswers: [],
    });
    expect(result.plan.kind).toBe('not_suitable');
    if (result.plan.kind !== 'not_suitable') return;
    expect(result.plan.explanation.map((item) => item.sources)).toEqual([['SPconsent', 'Dermapen4']]);
    expect(result.plan.alternatives).toHaveLength(2);
    expect(result.plan).not.toHaveProperty('courses');
  });

  it('Marcus, 41, pattern hair loss, on a blood thinner: a doctor decides; the plan keeps the medicine', () => {
    const result = assess({
      birthDate: '1984-12-01',
      fitzpatrick: 3,
      concerns: ['hair_loss'],
      areas: ['scalp'],
      answers: { ...CLEAR_ANSWERS, anticoagulants: true },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'physician_review',
      byArea: { scalp: 'physician_review' },
      earliestDate: undefined,
      reasons: ['anticoagulants physician_review'],
      missingAnswers: [],
    });
    expect(planFigures(result.plan)).toEqual({
      status: 'needs_physician_review',
      earliestStart: undefined,
      courses: ['hair_loss, 3-12 sessions, every 1-4 weeks, evidence moderate'],
      depths: { scalp: '0.5-1 mm' },
      endpoint: 'erythema',
      adjuncts: ['prp_scalp: low', 'minoxidil: moderate'],
      price: '1250-4850',
      missingPrices: [],
    });
    // The scalp alone: no retinoid, injectable or laser pre-care; the blood thinner is kept.
    expect(treatment(result.plan).preCare.map((item) => item.id)).toEqual([
      'avoid_sun',
      'keep_blood_thinners',
      'no_home_numbing',
    ]);
  });

  it('Priya, 38, melasma, skin type IV, toxin ten days ago, cold sores: not yet, shallow needling', () => {
    const result = assess({
      birthDate: '1987-10-10',
      fitzpatrick: 4,
      concerns: ['pigmentation'],
      areas: ['cheeks', 'forehead'],
      answers: { ...CLEAR_ANSWERS, toxin_in_area_date: '2025-11-15', cold_sore_history: true },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'defer',
      byArea: { cheeks: 'defer', forehead: 'defer' },
      earliestDate: '2025-11-29',
      reasons: [
        'toxin_in_area defer',
        'darker_skin_pigmentation proceed_with_precautions',
        'cold_sore_history proceed_with_precautions',
      ],
      missingAnswers: [],
    });
    expect(planFigures(result.plan)).toEqual({
      status: 'deferred',
      earliestStart: '2025-11-29',
      courses: ['pigmentation, 2-6 sessions, every 2-4 weeks, evidence low'],
      // The shallowest setting of each zone: deep needling may worsen melasma.
      depths: { cheeks: '0.5-0.5 mm', forehead: '0.25-0.25 mm' },
      endpoint: 'erythema',
      adjuncts: ['tranexamic_acid: low', 'lightening_cream: low', 'vitamin_c: low'],
      price: '750-2150',
      missingPrices: [],
    });
    expect(treatment(result.plan).preCare.map((item) => item.id)).toContain('cold_sore_prophylaxis');
  });

  it('Dan, 50, skin cancer on the nose, wants nose and cheeks: the nose is excluded, the cheeks planned', () => {
    const result = assess({
      birthDate: '1975-05-05',
      fitzpatrick: 1,
      concerns: ['rejuvenation'],
      areas: ['nose', 'cheeks'],
      answers: { ...CLEAR_ANSWERS, skin_cancer_in_area: ['nose'] },
    });
    expect(decisionSummary(result)).toEqual({
      overall: 'not_suitable',
      byArea: { nose: 'not_suitable', cheeks: 'proceed' },
      earliestDate: undefined,
      reasons: ['skin_cancer_in_area not_suitable nose'],
      missingAnswers: [],
    });
    const plan = treatment(result.plan);
    expect(plan.status).toBe('ready');
    expect(plan.excludedAreas).toEqual([{ area: 'nose', decision: 'not_suitable', rules: ['skin_cancer_in_area'] }]);
    expect(plan.zones.map((zone) => zone.area)).toEqual(['cheeks']);
    expect(planFigures(plan).courses).toEqual(['rejuvenation, 2-6 sessions, every 4-6 weeks, evidence low']);
  });

  it('Rosa, 29, rosacea and enlarged pores only: no course is planned on that evidence', () => {
    const result = assess({
      birthDate: '1996-01-01',
      fitzpatrick: 2,
      concerns: ['rosacea', 'enlarged_pores'],
      areas: ['cheeks', 'nose'],
      answers: { ...CLEAR_ANSWERS },
    });
    expect(result.decision.overall).toBe('proceed');
    expect(planFigures(result.plan)).toEqual({
      status: 'ready',
      earliestStart: undefined,
      courses: [
        'rosacea, (not recommended), evidence very-low',
        'enlarged_pores, (not recommended), evidence very-low',
      ],
      depths: { cheeks: null, nose: null },
      endpoint: 'erythema',
      adjuncts: [],
      price: '50-50',
      missingPrices: [],
    });
  });

  it('Sam, 35, answered nothing: never "proceed", and every open question is listed', () => {
    const result = assess({
      birthDate: '1990-01-01',
      fitzpatrick: 2,
      concerns: ['wrinkles'],
      areas: ['forehead'],
      answers: {},
    });
    expect(result.decision.overall).toBe('physician_review');
    expect(result.decision.missingAnswers).toEqual([
      'pregnant_or_breastfeeding',
      'isotretinoin',
      'bleeding_disorder',
      'anticoagulants',
      'active_infection_in_area',
      'cold_sore_history',
      'skin_cancer_in_area',
      'keloid_tendency',
      'immunosuppressed',
      'diabetes',
      'metal_allergy',
      'anaesthetic_allergy',
      'active_acne',
      'active_rosacea_flare',
      'eczema_psoriasis_in_area',
      'sunburn_in_area',
      'retinoid_last_used',
      'toxin_in_area_date',
      'filler_in_area_date',
      'laser_or_peel_date',
      'radiotherapy_to_area',
      'autoimmune_disease',
      'tattoo_in_area',
      'cardiac_condition',
      'moles_or_lesions_in_area',
    ]);
  });
});
