// The words the clinical core speaks: concern, area and answer ids, decisions and
// rule classes. The ids are part of the public API contract (issue 4): never rename.

export const CONCERN_IDS = [
  'acne_scars',
  'surgical_scars',
  'wrinkles',
  'stretch_marks',
  'pigmentation',
  'rosacea',
  'hair_loss',
  'skin_laxity',
  'enlarged_pores',
  'rejuvenation',
] as const;
export type ConcernId = (typeof CONCERN_IDS)[number];

export const AREA_IDS = [
  'forehead',
  'periorbital',
  'nose',
  'cheeks',
  'perioral',
  'chin_jawline',
  'neck',
  'decollete',
  'scalp',
  'abdomen',
  'thighs',
  'arms',
  'back',
] as const;
export type AreaId = (typeof AREA_IDS)[number];

/** Body regions that share a device depth limit in the clinic policy. */
export type Region = 'face' | 'neck_chest' | 'scalp' | 'body';

export const AREA_REGION: Readonly<Record<AreaId, Region>> = {
  forehead: 'face',
  periorbital: 'face',
  nose: 'face',
  cheeks: 'face',
  perioral: 'face',
  chin_jawline: 'face',
  neck: 'neck_chest',
  decollete: 'neck_chest',
  scalp: 'scalp',
  abdomen: 'body',
  thighs: 'body',
  arms: 'body',
  back: 'body',
};

export const FACE_AREAS: readonly AreaId[] = AREA_IDS.filter((area) => AREA_REGION[area] === 'face');
export const BODY_AREAS: readonly AreaId[] = AREA_IDS.filter((area) => AREA_REGION[area] === 'body');
export const ALL_BUT_SCALP: readonly AreaId[] = AREA_IDS.filter((area) => area !== 'scalp');

/**
 * Screening decisions, from least to most restrictive. The combined answer is always
 * the most restrictive one. `defer` ranks above `physician_review` on purpose: a
 * deferral binds the next session whatever a doctor says (nobody is treated during a
 * pregnancy or before a wait is over), while a doctor's review may allow treatment
 * now. Both reasons stay in the list, so a review is never lost behind a deferral.
 */
export const DECISIONS = ['proceed', 'proceed_with_precautions', 'physician_review', 'defer', 'not_suitable'] as const;
export type Decision = (typeof DECISIONS)[number];

const RANK: Readonly<Record<Decision, number>> = {
  proceed: 0,
  proceed_with_precautions: 1,
  physician_review: 2,
  defer: 3,
  not_suitable: 4,
};

export function decisionRank(decision: Decision): number {
  return RANK[decision];
}

export function moreRestrictive(a: Decision, b: Decision): Decision {
  return RANK[a] >= RANK[b] ? a : b;
}

export function lessRestrictive(a: Decision, b: Decision): Decision {
  return RANK[a] <= RANK[b] ? a : b;
}

/** How a contraindication is classed in CLINICAL.md section 3. */
export const RULE_CLASSES = ['absolute', 'area_specific', 'relative_physician', 'temporary', 'precaution'] as const;
export type RuleClass = (typeof RULE_CLASSES)[number];

export const ANSWER_IDS = [
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
  'scar_date',
  'tattoo_in_area',
  // Beyond the minimum list, so that every row of CLINICAL.md section 3a
  // has a question: cardiac abnormality and raised lesions in the area.
  'cardiac_condition',
  'moles_or_lesions_in_area',
] as const;
export type AnswerId = (typeof ANSWER_IDS)[number];

export const FITZPATRICK_TYPES = [1, 2, 3, 4, 5, 6] as const;
export type FitzpatrickType = (typeof FITZPATRICK_TYPES)[number];

/** Mechanical device classes Puncta plans for. RF micro-needling is out of scope. */
export const DEVICE_CLASSES = ['pen', 'roller'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** Evidence grades, the same words the public site uses (src/web/public/content/concerns.ts). */
export const EVIDENCE_LEVELS = ['moderate', 'emerging', 'low', 'very-low'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];
