// Adjuncts worth asking about, per concern, with the strength of their evidence
// (CLINICAL.md sections 2a, 3a and 6c).
import type { Answers } from '../contracts/assessment.ts';
import type { SourceKey } from './sources.ts';
import type { ConcernId, EvidenceLevel } from './vocabulary.ts';

export interface AdjunctDefinition {
  id: string;
  name: string;
  concerns: ConcernId[];
  evidence: EvidenceLevel;
  summary: string;
  sources: SourceKey[];
  caution?: string;
  /** Answers that rule the adjunct out (any true). */
  ruledOutBy?: (answers: Answers) => boolean;
}

const GRANULOMA_CAUTION =
  'Serums not made for needled skin, vitamin C among them, have caused lasting lumps (granulomas); during ' +
  'treatment only products approved for needled skin are applied.';

export const ADJUNCTS: readonly AdjunctDefinition[] = [
  {
    id: 'prp',
    name: 'Platelet-rich plasma (PRP) from your own blood',
    concerns: ['acne_scars'],
    evidence: 'moderate',
    summary:
      'In pooled trials, adding PRP raised the odds of a marked improvement in acne scars about threefold compared ' +
      'with needling alone, without more severe redness or swelling.',
    sources: ['KangLu2022', 'Long2020'],
  },
  {
    id: 'prp_scalp',
    name: 'Platelet-rich plasma (PRP) on the scalp',
    concerns: ['hair_loss'],
    evidence: 'low',
    summary: 'Used with scalp needling in some hair-loss studies; it has been studied less than minoxidil.',
    sources: ['English2021', 'JCD2024'],
  },
  {
    id: 'minoxidil',
    name: '5% minoxidil',
    concerns: ['hair_loss'],
    evidence: 'moderate',
    summary: 'The treatment scalp needling was added to in the trials; it is used at home throughout the course.',
    sources: ['Dhurat2013', 'Kumar2018', 'Ahmed2025'],
  },
  {
    id: 'tranexamic_acid',
    name: 'Topical tranexamic acid',
    concerns: ['pigmentation'],
    evidence: 'low',
    summary:
      'The most studied partner for needling in melasma; pooled trials show benefit by 12 to 16 weeks, but the ' +
      'evidence is rated low.',
    sources: ['Bailey2022', 'Wu2020', 'TXAmeso', 'Raza'],
    caution:
      'A trial of this combination excluded people who were pregnant or breastfeeding, had taken the contraceptive ' +
      'pill in the past year, had a bleeding or clotting problem or a thrombosis, took blood thinners, had an ' +
      'infection, a weakened immune system or a tendency to keloids.',
    ruledOutBy: (answers) =>
      answers.pregnant_or_breastfeeding === true ||
      answers.bleeding_disorder === true ||
      answers.anticoagulants === true ||
      answers.active_infection_in_area === true ||
      answers.immunosuppressed === true ||
      answers.keloid_tendency === true,
  },
  {
    id: 'lightening_cream',
    name: 'Prescribed skin-lightening cream (triple combination) with sunscreen',
    concerns: ['pigmentation'],
    evidence: 'low',
    summary:
      'In a small pilot, needling plus a triple-combination cream and sunscreen reduced melasma, with no relapse ' +
      'over 6 months.',
    sources: ['Lima2017'],
  },
  {
    id: 'vitamin_c',
    name: 'Vitamin C',
    concerns: ['acne_scars', 'pigmentation'],
    evidence: 'low',
    summary:
      'Helped less than PRP for acne scars but helped dark marks after acne in one study; also used for melasma.',
    sources: ['Chawla2014', 'Ismail2019', 'Raza'],
    caution: GRANULOMA_CAUTION,
  },
  {
    id: 'vitamin_a_c_priming',
    name: 'Vitamin A and C creams before the course',
    concerns: ['wrinkles', 'rejuvenation', 'skin_laxity'],
    evidence: 'low',
    summary: 'One long-running protocol prepared the skin with vitamin A and C creams for at least 4 weeks before.',
    sources: ['Aust2008'],
    caution: 'Retinoids still stop a few days before each session; your pre-care list says when.',
  },
];
