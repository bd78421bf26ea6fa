// Plain words for the wizard and the result: concern names, skin types, and what
// each screening decision means for the person reading it.
import { FITZPATRICK_SKIN_TYPE } from '../../../domain/clinical/scales.ts';
import { ZONES } from '../../../domain/clinical/zones.ts';
import type { AreaId, ConcernId, Decision, EvidenceLevel } from '../../../domain/clinical/vocabulary.ts';

export const CONCERN_WORDS: Readonly<Record<ConcernId, { name: string; hint: string }>> = {
  acne_scars: { name: 'Acne scars', hint: 'Dents or pits left by old spots' },
  surgical_scars: { name: 'Surgical or injury scars', hint: 'From an operation, a cut or an accident' },
  wrinkles: { name: 'Wrinkles and fine lines', hint: 'Lines on the face or neck' },
  stretch_marks: { name: 'Stretch marks', hint: 'Lines from growth, pregnancy or weight change' },
  pigmentation: { name: 'Pigmentation or melasma', hint: 'Darker patches of skin' },
  rosacea: { name: 'Rosacea', hint: 'Redness and flushing of the face' },
  hair_loss: { name: 'Hair loss', hint: 'Thinning hair on the top of the head' },
  skin_laxity: { name: 'Loose skin', hint: 'Skin that has lost some firmness' },
  enlarged_pores: { name: 'Enlarged pores', hint: 'Visible pores, often on the nose and cheeks' },
  rejuvenation: { name: 'General skin quality', hint: 'Texture, tone and glow' },
};

export function areaName(area: AreaId): string {
  return ZONES[area].name;
}

const SWATCHES = ['#f6e3d4', '#ecd0b5', '#d7ae8a', '#b88660', '#8a5a3b', '#4e3223'] as const;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;

/**
 * Fitzpatrick skin types as people recognise them: how the skin burns and tans, from
 * the domain's scale (NCBI Bookshelf wording [FitzNCBI]); the swatch is only a hint.
 */
export const SKIN_TYPES: ReadonlyArray<{ value: number; roman: string; burn: string; skin: string; swatch: string }> =
  FITZPATRICK_SKIN_TYPE.grades.map((grade, index) => {
    const [skin = '', burn = ''] = grade.description.replace(/\.$/, '').split('; ');
    return {
      value: grade.grade,
      roman: ROMAN[index] ?? String(grade.grade),
      burn: burn.charAt(0).toUpperCase() + burn.slice(1),
      skin,
      swatch: SWATCHES[index] ?? '#ccc',
    };
  });

export const SKIN_TYPE_SOURCES = FITZPATRICK_SKIN_TYPE.sources;

export const DECISION_WORDS: Readonly<Record<Decision, { label: string; short: string; explain: string }>> = {
  proceed: {
    label: 'You can go ahead',
    short: 'Go ahead',
    explain: 'Nothing in your answers stands in the way. Your practitioner still checks everything with you.',
  },
  proceed_with_precautions: {
    label: 'You can go ahead, with precautions',
    short: 'Go ahead, with precautions',
    explain: 'Treatment is possible; your plan adds some care to keep it safe for you.',
  },
  physician_review: {
    label: 'A doctor should review this first',
    short: 'Needs a doctor’s review',
    explain: 'Something in your answers needs a doctor’s decision before treatment. This is not a no.',
  },
  defer: {
    label: 'Not yet',
    short: 'Not yet',
    explain: 'Something needs to settle or a waiting time needs to pass first.',
  },
  not_suitable: {
    label: 'Not suitable',
    short: 'Not suitable',
    explain: 'Micro-needling should not be done here. A doctor can talk with you about other options.',
  },
};

export const EVIDENCE_WORDS: Readonly<Record<EvidenceLevel, string>> = {
  moderate: 'Moderate evidence',
  emerging: 'Emerging evidence',
  low: 'Low evidence',
  'very-low': 'Very limited evidence',
};

/** "20 March 2026" from 2026-03-20, without time-zone surprises. */
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

/** "0.5–1.5 mm", "3–6 sessions", "3 sessions". */
export function formatRange(min: number, max: number, unit: string): string {
  const one = (value: number) => String(value);
  const singular = unit.endsWith('s') && min === max && min === 1 ? unit.slice(0, -1) : unit;
  return min === max ? `${one(min)} ${singular}` : `${one(min)}–${one(max)} ${unit}`;
}
