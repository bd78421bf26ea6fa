// Example data for tests, the bench and API documentation: the demo clinic's price
// list and a screening with every answer on the "no" side.
import type { Answers, AssessmentRequest } from '../contracts/assessment.ts';
import { deepFreeze } from './figures.ts';
import type { PriceListEntry } from './pricing.ts';

/** The demo clinic's price list (src/db/seed/demo-clinic.ts), in cents. */
export const DEMO_PRICES: readonly PriceListEntry[] = [
  { serviceCode: 'consultation', priceCents: 5_000 },
  { serviceCode: 'face', priceCents: 35_000 },
  { serviceCode: 'face-prp', priceCents: 65_000 },
  { serviceCode: 'scalp', priceCents: 40_000 },
  { serviceCode: 'body-stretch-marks', priceCents: 45_000 },
];

/** Every question answered, none of them raising a concern. */
export const CLEAR_ANSWERS: Readonly<Required<Answers>> = deepFreeze({
  pregnant_or_breastfeeding: false,
  isotretinoin: { status: 'never' },
  bleeding_disorder: false,
  anticoagulants: false,
  active_infection_in_area: false,
  cold_sore_history: false,
  skin_cancer_in_area: [],
  keloid_tendency: false,
  immunosuppressed: false,
  diabetes: 'none',
  metal_allergy: 'none',
  anaesthetic_allergy: false,
  active_acne: 'none',
  active_rosacea_flare: false,
  eczema_psoriasis_in_area: 'none',
  sunburn_in_area: false,
  retinoid_last_used: null,
  toxin_in_area_date: null,
  filler_in_area_date: null,
  laser_or_peel_date: null,
  radiotherapy_to_area: false,
  autoimmune_disease: false,
  scar_date: null,
  tattoo_in_area: [],
  cardiac_condition: false,
  moles_or_lesions_in_area: [],
});

/** A request for a healthy adult with acne scars on the cheeks, changed by `changes`. */
export function exampleRequest(changes: Partial<AssessmentRequest> = {}): AssessmentRequest {
  return {
    birthDate: '1990-06-15',
    fitzpatrick: 2,
    concerns: ['acne_scars'],
    areas: ['cheeks'],
    answers: { ...CLEAR_ANSWERS },
    ...changes,
  };
}
