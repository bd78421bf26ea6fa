// Outcome-measurement scales (CLINICAL.md sections 4a and 7). Only what the fact base
// gives as verified is scored; the unverified parts are listed in SCALES_NOT_SCORED
// with the reason, and partly verified grades carry an `unverified` warning.
import { InvalidInputError } from '../errors.ts';
import type { SourceKey } from './sources.ts';

export interface ScaleGrade<G extends number | string> {
  grade: G;
  label: string;
  description: string;
  /** Set when part of the grade's definition could not be checked against the original paper. */
  unverified?: string;
}

export interface GradedScale<G extends number | string> {
  id: string;
  name: string;
  grades: readonly ScaleGrade<G>[];
  sources: SourceKey[];
  note?: string;
}

export const FITZPATRICK_SKIN_TYPE: GradedScale<1 | 2 | 3 | 4 | 5 | 6> = {
  id: 'fitzpatrick_skin_type',
  name: 'Fitzpatrick skin type',
  sources: ['FitzNCBI', 'FitzHist'],
  note: 'Based on how the skin burns and tans after 45-60 minutes of midday summer sun.',
  grades: [
    { grade: 1, label: 'Type I', description: 'White skin; always burns, never tans.' },
    { grade: 2, label: 'Type II', description: 'Fair skin; always burns, tans with difficulty.' },
    { grade: 3, label: 'Type III', description: 'Average skin colour; sometimes burns mildly, tans about average.' },
    { grade: 4, label: 'Type IV', description: 'Light-brown skin; rarely burns, tans easily.' },
    { grade: 5, label: 'Type V', description: 'Brown skin; never burns, tans very easily.' },
    { grade: 6, label: 'Type VI', description: 'Black, heavily pigmented skin; never burns, tans very easily.' },
  ],
};

const STRETCH_UNVERIFIED =
  'Whether stretching the skin flattens the scars (grade 3 yes, grade 4 no) was seen only in a non-authoritative ' +
  'source; check it against Goodman & Baron 2006 before grading on it.';

export const GOODMAN_BARON_QUALITATIVE: GradedScale<1 | 2 | 3 | 4> = {
  id: 'goodman_baron_qualitative',
  name: 'Goodman & Baron qualitative acne-scar grade',
  sources: ['GBqual-abs', 'GBqual-blog', 'NCT02646917'],
  grades: [
    {
      grade: 1,
      label: 'Macular',
      description: 'Flat marks that are red, darker or lighter than the skin: a colour problem, not a contour problem.',
    },
    {
      grade: 2,
      label: 'Mild',
      description:
        'Mild sunken or raised scars not obvious at a social distance (50 cm or more); easily covered by make-up, ' +
        'beard shadow or, off the face, body hair.',
    },
    {
      grade: 3,
      label: 'Moderate',
      description: 'Moderate sunken or raised scars obvious at 50 cm or more and not easily covered.',
      unverified: STRETCH_UNVERIFIED,
    },
    {
      grade: 4,
      label: 'Severe',
      description: 'Severe sunken or raised scars obvious at 50 cm or more and not easily covered.',
      unverified: STRETCH_UNVERIFIED,
    },
  ],
};

export const GLOGAU: GradedScale<'I' | 'II' | 'III' | 'IV'> = {
  id: 'glogau',
  name: 'Glogau photo-ageing type',
  sources: ['Glogau-AA', 'Glogau-table', 'Glogau-ilmel'],
  note: 'Sources give slightly different age bands; grade by the features, not by age.',
  grades: [
    {
      grade: 'I',
      label: 'Mild: no wrinkles',
      description: 'Early sun damage, mild pigment change, no keratoses, minimal wrinkles; little or no make-up.',
    },
    {
      grade: 'II',
      label: 'Moderate: wrinkles in motion',
      description:
        'Early to moderate sun damage, early brown spots, keratoses felt but not seen, smile lines beginning; some ' +
        'foundation.',
    },
    {
      grade: 'III',
      label: 'Advanced: wrinkles at rest',
      description: 'Obvious discolouration, visible small blood vessels and keratoses; heavier foundation.',
    },
    {
      grade: 'IV',
      label: 'Severe: only wrinkles',
      description:
        'Yellow-grey skin, earlier skin cancers, wrinkles throughout with no normal skin; make-up cakes and cracks.',
    },
  ],
};

export const FITZPATRICK_WRINKLE_CLASS: GradedScale<'I' | 'II' | 'III'> = {
  id: 'fitzpatrick_wrinkle_class',
  name: 'Fitzpatrick wrinkle class (around the mouth and eyes)',
  sources: ['MIMS', 'Refissa'],
  note: 'Classes only; the 1-9 score sometimes attached to them is not verified and not used.',
  grades: [
    { grade: 'I', label: 'Class I', description: 'Fine wrinkles (mild elastosis).' },
    {
      grade: 'II',
      label: 'Class II',
      description: 'Fine to moderately deep wrinkles, a moderate number of lines (distinct papular elastosis).',
    },
    {
      grade: 'III',
      label: 'Class III',
      description: 'Fine to deep wrinkles, many lines, with or without redundant folds (confluent elastosis).',
    },
  ],
};

export const NORWOOD_HAMILTON: GradedScale<string> = {
  id: 'norwood_hamilton',
  name: 'Norwood-Hamilton (male pattern hair loss)',
  sources: ['Norwood-spotidoc', 'Alviarmani', 'Keratin', 'HairlossIE'],
  note: "Norwood (1975) added the IIIa, III vertex, IVa and Va variants to Hamilton's 1951 scheme.",
  grades: [
    { grade: 'I', label: 'Stage I', description: 'No hair loss.' },
    { grade: 'II', label: 'Stage II', description: 'Minor recession at the front hairline.' },
    {
      grade: 'III',
      label: 'Stage III',
      description: 'Further frontal loss; the first cosmetically significant stage.',
    },
    { grade: 'IIIa', label: 'Stage IIIa', description: "A frontal variant of stage III in Norwood's scheme." },
    { grade: 'III vertex', label: 'Stage III vertex', description: 'Frontal recession plus loss at the crown.' },
    {
      grade: 'IV',
      label: 'Stage IV',
      description: 'More frontal and crown loss, still separated by a band of hair.',
    },
    { grade: 'IVa', label: 'Stage IVa', description: "A frontal variant of stage IV in Norwood's scheme." },
    { grade: 'V', label: 'Stage V', description: 'Progressive frontal and crown loss.' },
    { grade: 'Va', label: 'Stage Va', description: "A frontal variant of stage V in Norwood's scheme." },
    { grade: 'VI', label: 'Stage VI', description: 'Progressive frontal and crown loss.' },
    { grade: 'VII', label: 'Stage VII', description: 'Only hair at the back and sides remains.' },
  ],
};

export const LUDWIG: GradedScale<'I' | 'II' | 'III'> = {
  id: 'ludwig',
  name: 'Ludwig (female pattern hair loss)',
  sources: ['BBHair'],
  note: 'The front hairline is kept in every grade.',
  grades: [
    {
      grade: 'I',
      label: 'Grade I',
      description: 'Noticeable thinning on the crown, within a line 1-3 cm behind the front hairline.',
    },
    { grade: 'II', label: 'Grade II', description: 'Pronounced thinning within that area.' },
    { grade: 'III', label: 'Grade III', description: 'Full baldness within that area.' },
  ],
};

export const GAIS: GradedScale<1 | 2 | 3 | 4 | 5> = {
  id: 'gais',
  name: 'Global Aesthetic Improvement Scale',
  sources: ['SPmanualslib', 'Fabbrocini2014', 'NAFL2019'],
  note: 'Rated by the patient or an investigator, as in the SkinPen pivotal study.',
  grades: [
    { grade: 1, label: 'Very much improved', description: 'Optimal cosmetic result.' },
    { grade: 2, label: 'Much improved', description: 'Marked improvement, not completely optimal.' },
    { grade: 3, label: 'Improved', description: 'Obvious improvement.' },
    { grade: 4, label: 'No change', description: 'No change.' },
    { grade: 5, label: 'Worse', description: 'Worse than before.' },
  ],
};

export const GRADED_SCALES = [
  FITZPATRICK_SKIN_TYPE,
  GOODMAN_BARON_QUALITATIVE,
  GLOGAU,
  FITZPATRICK_WRINKLE_CLASS,
  NORWOOD_HAMILTON,
  LUDWIG,
  GAIS,
] as const;

/** The grade's definition, or undefined when the scale has no such grade. */
export function findGrade<G extends number | string>(scale: GradedScale<G>, grade: G): ScaleGrade<G> | undefined {
  return scale.grades.find((entry) => entry.grade === grade);
}

// ---------------------------------------------------------------------------
// MASI and modified MASI (melasma)

export const MASI_REGIONS = ['forehead', 'rightMalar', 'leftMalar', 'chin'] as const;
export type MasiRegion = (typeof MASI_REGIONS)[number];

/** Region weights in tenths (0.3, 0.3, 0.3, 0.1), so sums stay exact integers. */
const MASI_WEIGHT_TENTHS: Readonly<Record<MasiRegion, number>> = { forehead: 3, rightMalar: 3, leftMalar: 3, chin: 1 };

export const MASI_SOURCES: SourceKey[] = ['MASIcalc', 'Altmeyer', 'PSKey'];
export const MMASI_SOURCES: SourceKey[] = ['mMASI-JAMA', 'mMASI-scilit', 'Altmeyer'];

export interface MasiRegionScore {
  /** 0 none, 1 <10%, 2 10-29%, 3 30-49%, 4 50-69%, 5 70-89%, 6 90-100%. */
  area: number;
  /** 0 absent, 1 slight, 2 mild, 3 marked, 4 maximum. */
  darkness: number;
  /** Same 0-4 labels; MASI only. */
  homogeneity?: number;
}

function checkPart(region: MasiRegion, part: string, value: number | undefined, max: number): number {
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidInputError('invalid_scale_score', `${region}.${part} must be a whole number from 0 to ${max}.`);
  }
  return value;
}

/** Modified MASI (Pandya 2011): sum of weight x area x darkness; 0-24. No severity bands (cut-offs not found). */
export function modifiedMasi(regions: Readonly<Record<MasiRegion, MasiRegionScore>>): number {
  let tenths = 0;
  for (const region of MASI_REGIONS) {
    const area = checkPart(region, 'area', regions[region].area, 6);
    const darkness = checkPart(region, 'darkness', regions[region].darkness, 4);
    tenths += MASI_WEIGHT_TENTHS[region] * area * darkness;
  }
  return tenths / 10;
}

/** MASI (Kimbrough-Green): sum of weight x area x (darkness + homogeneity); 0-48. */
export function masi(regions: Readonly<Record<MasiRegion, MasiRegionScore>>): number {
  let tenths = 0;
  for (const region of MASI_REGIONS) {
    const area = checkPart(region, 'area', regions[region].area, 6);
    const darkness = checkPart(region, 'darkness', regions[region].darkness, 4);
    const homogeneity = checkPart(region, 'homogeneity', regions[region].homogeneity, 4);
    tenths += MASI_WEIGHT_TENTHS[region] * area * (darkness + homogeneity);
  }
  return tenths / 10;
}

/** Scales and scale parts that are deliberately not scored, and why. */
export const SCALES_NOT_SCORED: readonly { id: string; name: string; reason: string; sources: SourceKey[] }[] = [
  {
    id: 'goodman_baron_quantitative',
    name: 'Goodman & Baron quantitative global scarring grade',
    reason: 'Points per scar type and count multipliers could not be read in any retrieved text [UNVERIFIED-TEXT].',
    sources: ['GBquant'],
  },
  {
    id: 'ecca',
    name: 'ECCA acne-scar scale',
    reason: 'Item weights and counting rule are unverified [UNVERIFIED-TEXT].',
    sources: ['ECCA'],
  },
  {
    id: 'lemperle',
    name: 'Lemperle wrinkle assessment scale',
    reason: 'Grades 0-5 are known, but their level labels are unverified [UNVERIFIED-TEXT].',
    sources: ['Lemperle'],
  },
  {
    id: 'fitzpatrick_wrinkle_score',
    name: 'Fitzpatrick wrinkle and elastosis 1-9 score',
    reason: 'The 1-9 scores per class are unverified [UNVERIFIED-TEXT]; the three classes are used instead.',
    sources: ['MIMS'],
  },
  {
    id: 'mmasi_severity_bands',
    name: 'mMASI severity bands',
    reason: 'The mild/moderate/severe cut-offs were not readable in any retrieved text.',
    sources: ['mMASI-JAMA'],
  },
];
