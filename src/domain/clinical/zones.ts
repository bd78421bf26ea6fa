// Treatment zones: depth ranges for mechanical pens and the anatomical limits of each
// zone (CLINICAL.md section 2b). No society publishes a depth table for mechanical
// micro-needling, so most zone figures come from depth charts (tier CL) and say so.
// RF micro-needling settings (Shauly2023) are far deeper and are never mixed in.
import type { SourcedRange, SourcedText } from '../contracts/assessment.ts';
import { range, sourced } from './figures.ts';
import type { SourceKey } from './sources.ts';
import type { AreaId, ConcernId, Region } from './vocabulary.ts';
import { AREA_REGION } from './vocabulary.ts';

export interface Zone {
  area: AreaId;
  /** Plain name for people. */
  name: string;
  region: Region;
  /** Depth range for a mechanical pen; null where no published figure exists. */
  penDepthMm: SourcedRange | null;
  /** A study-based depth for one concern in this zone, used instead of the chart figure. */
  depthFor: Partial<Record<ConcernId, SourcedRange>>;
  /** False where a roller does not follow the contours (a pen is used or the zone is left out). */
  rollerSuitable: boolean;
  constraints: SourcedText[];
}

const CHART: SourceKey[] = ['GlowRefinery', 'MNBeforeAfter'];
const CHART_NOTE = 'From depth charts; no professional society publishes a zone table.';
const chart = (min: number, max: number, note = CHART_NOTE) => range(min, max, 'mm', [...CHART], { note });

const NO_BODY_DEPTH =
  'No published depth for this zone was found; your practitioner sets it from the device instructions, starting low.';

const ROLLER_CONTOURS = sourced(
  'A pen follows the curves here better than a roller; with a roller this zone is left out.',
  ['GrahamPS'],
);

function zone(area: AreaId, name: string, fields: Partial<Omit<Zone, 'area' | 'name' | 'region'>>): Zone {
  return {
    area,
    name,
    region: AREA_REGION[area],
    penDepthMm: null,
    depthFor: {},
    rollerSuitable: true,
    constraints: [],
    ...fields,
  };
}

export const ZONES: Readonly<Record<AreaId, Zone>> = {
  forehead: zone('forehead', 'Forehead', { penDepthMm: chart(0.25, 0.5) }),
  periorbital: zone('periorbital', 'Around the eyes', {
    penDepthMm: chart(0.2, 0.3, `Under-eye figure. ${CHART_NOTE}`),
    rollerSuitable: false,
    constraints: [
      sourced(
        'Only the skin outside the bony rim of the eye socket is treated: never the eyelids or anything inside the rim.',
        ['SPconsent', 'SPstudy'],
      ),
      ROLLER_CONTOURS,
    ],
  }),
  nose: zone('nose', 'Nose', {
    penDepthMm: chart(0.25, 0.5, `One chart allows up to 0.75 mm; the shallower one is used. ${CHART_NOTE}`),
    rollerSuitable: false,
    constraints: [ROLLER_CONTOURS],
  }),
  cheeks: zone('cheeks', 'Cheeks', {
    penDepthMm: chart(0.5, 1.0),
    depthFor: {
      acne_scars: range(0.5, 1.5, 'mm', ['Harris2015', 'SPstudy', 'NCT02646917'], {
        typical: 1.5,
        note: 'Acne-scar studies used a median of 1.5 mm; the SkinPen study started low and stopped at 1.5 mm.',
      }),
    },
  }),
  perioral: zone('perioral', 'Around the mouth', { penDepthMm: chart(0.25, 0.5) }),
  chin_jawline: zone('chin_jawline', 'Chin and jawline', { penDepthMm: chart(0.5, 1.0) }),
  neck: zone('neck', 'Neck', {
    penDepthMm: range(0.5, 1.0, 'mm', ['ISkin'], {
      note: 'The depth usually quoted for wrinkles and loose skin; no neck-specific figure for mechanical needling.',
    }),
    constraints: [sourced('One pen is FDA-cleared for neck wrinkles in skin types II to IV.', ['K202243'])],
  }),
  decollete: zone('decollete', 'Upper chest (décolleté)', {
    constraints: [sourced(NO_BODY_DEPTH, ['Pajak2022'])],
  }),
  scalp: zone('scalp', 'Scalp', {
    penDepthMm: range(0.5, 1.0, 'mm', ['Ahmed2025', 'English2021'], {
      note: 'Hair-loss studies used 0.5 to 2.5 mm; 1 mm or less did as well as deeper needling.',
    }),
  }),
  abdomen: zone('abdomen', 'Abdomen', {
    constraints: [
      sourced(NO_BODY_DEPTH, ['AesPlastSurg2024']),
      sourced('One pen is FDA-cleared for raised surgical or injury scars on the abdomen.', ['K200044']),
    ],
  }),
  thighs: zone('thighs', 'Thighs', { constraints: [sourced(NO_BODY_DEPTH, ['AesPlastSurg2024'])] }),
  arms: zone('arms', 'Arms', { constraints: [sourced(NO_BODY_DEPTH, ['AesPlastSurg2024'])] }),
  back: zone('back', 'Back', {
    depthFor: {
      acne_scars: range(0.25, 2.0, 'mm', ['NCT02646917'], {
        note: 'The SkinPen acne-scar trial (face and back) used 0.25 to 2.0 mm by severity and site.',
      }),
    },
    constraints: [sourced(NO_BODY_DEPTH, ['AesPlastSurg2024'])],
  }),
};

/** Medical rollers have fixed needles of 0.5 to 1.5 mm for collagen induction [Doddaballapur2009][DivyaSharma]. */
export const ROLLER_NEEDLE_MM = range(0.5, 1.5, 'mm', ['Doddaballapur2009', 'DivyaSharma']);

/** Deepest setting evaluated in a racially diverse trial, used as the cap for skin types IV-VI [SPstudy]. */
export const DIVERSE_SKIN_MAX_DEPTH_MM = range(0, 1.5, 'mm', ['SPstudy', 'NCT02646917']);
