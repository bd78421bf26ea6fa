// Clinic policy: the settings where the sources disagree (CLINICAL.md sections 2-3),
// each with a documented conservative default. See README.md in this folder.
//
// Waits and holds can only be tightened: their floor is the default, so a clinic may
// follow a stricter published position (12 months after isotretinoin, 3 months after
// a filler) but cannot make the screener more permissive than the default. A person
// for whom a shorter wait is right gets it from a practitioner's recorded sign-off on
// their assessment, not from a clinic-wide setting.
// The device's maximum evaluated depth is a fact about the clinic's device, so it can
// be raised up to the deepest any cited labelling or study evaluated (2.5 mm).
import { z } from 'zod';
import type { Region } from './vocabulary.ts';
import type { SourceKey } from './sources.ts';

export interface ClinicPolicy {
  /** Months to wait after the last isotretinoin dose. */
  isotretinoinWaitMonths: number;
  /** Days after a botulinum toxin injection in the area. */
  toxinWaitDays: number;
  /** Days after a dermal filler in the area. */
  fillerWaitDays: number;
  /** Days before a session to stop retinoids and exfoliating acids. */
  retinoidHoldDays: number;
  /** Months after a laser, medium/deep peel or dermabrasion in the area. */
  laserOrPeelWaitMonths: number;
  /** Days of no sunburn or tanning before a session (and the wait after a sunburn). */
  sunAvoidanceDays: number;
  /** Weeks after surgery or injury before a scar is needled. */
  surgicalScarMinWeeks: number;
  /** Deepest setting the clinic's device is evaluated for, per region, in mm. */
  maxDepthMm: Record<Region, number>;
  /** The mechanical device class the clinic uses. */
  deviceClass: 'pen' | 'roller';
  /** What the practitioner titrates depth to. */
  endpoint: 'erythema' | 'pinpoint_bleeding';
  /** Depth for pigmentation (melasma): the shallowest setting of the zone, or its full range. */
  pigmentationDepth: 'shallowest' | 'zone_range';
}

interface SettingDoc {
  default: string;
  sources: SourceKey[];
  why: string;
}

/** Why each default is what it is; shown on the clinic's policy screen. */
export const POLICY_RATIONALE: Readonly<Record<keyof ClinicPolicy, SettingDoc>> = {
  isotretinoinWaitMonths: {
    default: '6 months',
    sources: ['ProjectLEAD', 'Nuance', 'Elle', 'Esthetik', 'Waldman2017', 'Mysore2017', 'Sisu', 'BrowsOfJoy'],
    why:
      'Sources range from no wait (ASDS 2017, ACS(I) 2017 consensus) to 12 months (some clinics). Six months is the ' +
      "drug's package-insert convention for cosmetic procedures and many SkinPen-provider protocols. Current use is " +
      'always deferred (device labelling) and is not a policy.',
  },
  toxinWaitDays: {
    default: '14 days',
    sources: ['jazminek', 'BrowsOfJoy', 'Sisu', 'Balance'],
    why: 'Clinic conventions only, from 5 days to 3 months; two weeks is a middle position several clinics use.',
  },
  fillerWaitDays: {
    default: '14 days',
    sources: ['jazminek', 'BrowsOfJoy', 'Sisu', 'Esthetik', 'Balance'],
    why: 'Clinic conventions only, from 2 weeks to 12 months.',
  },
  retinoidHoldDays: {
    default: '5 days',
    sources: ['Nuance', 'Dermatique', 'jazminek', 'Kichi', 'BrowsOfJoy', 'Aust2008'],
    why: 'Holds of 24 hours to 1 week in clinic protocols; one study instead primed skin with vitamin A.',
  },
  laserOrPeelWaitMonths: {
    default: '1 month',
    sources: ['jazminek', 'BrowsOfJoy', 'Esthetik'],
    why: 'Two clinics wait 1 month; one waits 3 months after dermabrasion or a deep peel.',
  },
  sunAvoidanceDays: {
    default: '14 days',
    sources: ['Nuance', 'Elle', 'BrowsOfJoy', 'Esthetik'],
    why: 'From 24 hours (SkinPen-provider sheets) to 2 weeks; the longest is used because a burn must have healed.',
  },
  surgicalScarMinWeeks: {
    default: '6 weeks',
    sources: ['Claytor2022', 'Sisu', 'Balance'],
    why:
      'Clinics wait 6 weeks to 12 months by convention; the one prospective study found starting at 6-7 weeks ' +
      'gave better scars than 13-16 weeks, with no adverse outcomes. The floor follows the study.',
  },
  maxDepthMm: {
    default: '1.5 mm in every region',
    sources: ['SPconsent', 'SPstudy', 'K200044', 'Iasj', 'Ahmed2025'],
    why:
      'SkinPen labelling: settings above 1.5 mm were not evaluated. A clinic whose device is labelled deeper may ' +
      'raise it, up to 2.5 mm, the deepest in any cited labelling or study.',
  },
  deviceClass: {
    default: 'pen',
    sources: ['GrahamPS', 'Dogra2014'],
    why: 'Pens suit the contours around eyes and nose; roller tram-track scars were reported in darker skin.',
  },
  endpoint: {
    default: 'erythema',
    sources: ['SPstudy', 'Graham2016', 'ISkin'],
    why:
      'The SkinPen pivotal study raised depth only until redness appeared (max 1.5 mm); others aim for pinpoint ' +
      'bleeding. Redness is the more conservative endpoint and the one evaluated in a racially diverse trial.',
  },
  pigmentationDepth: {
    default: 'shallowest',
    sources: ['DavinLim', 'Lima2017', 'Wu2020'],
    why:
      'One pilot used 1.5 mm for melasma; a dermatologist warns that deep needling worsens it. Evidence is low ' +
      'quality either way, so the default keeps to the shallowest setting of each zone.',
  },
};

export const DEFAULT_CLINIC_POLICY: Readonly<ClinicPolicy> = Object.freeze({
  isotretinoinWaitMonths: 6,
  toxinWaitDays: 14,
  fillerWaitDays: 14,
  retinoidHoldDays: 5,
  laserOrPeelWaitMonths: 1,
  sunAvoidanceDays: 14,
  surgicalScarMinWeeks: 6,
  maxDepthMm: Object.freeze({ face: 1.5, neck_chest: 1.5, scalp: 1.5, body: 1.5 }),
  deviceClass: 'pen',
  endpoint: 'erythema',
  pigmentationDepth: 'shallowest',
});

/** The deepest mechanical setting in any cited labelling or study [K200044][Iasj][Ahmed2025]. */
export const DEEPEST_EVALUATED_DEPTH_MM = 2.5;

const wait = (floor: number, ceiling: number, unit: string) =>
  z
    .number()
    .int()
    .min(floor, { message: `cannot be shorter than the default of ${floor} ${unit}` })
    .max(ceiling, { message: `cannot be longer than ${ceiling} ${unit}` });

const depth = z
  .number()
  .multipleOf(0.05)
  .min(0.25)
  .max(DEEPEST_EVALUATED_DEPTH_MM, { message: `cannot exceed ${DEEPEST_EVALUATED_DEPTH_MM} mm` });

/** A whole policy, as stored. Floors equal the defaults: a clinic may only tighten. */
export const clinicPolicySchema = z
  .strictObject({
    isotretinoinWaitMonths: wait(6, 24, 'months'),
    toxinWaitDays: wait(14, 180, 'days'),
    fillerWaitDays: wait(14, 730, 'days'),
    retinoidHoldDays: wait(5, 28, 'days'),
    laserOrPeelWaitMonths: wait(1, 12, 'months'),
    sunAvoidanceDays: wait(14, 60, 'days'),
    surgicalScarMinWeeks: wait(6, 104, 'weeks'),
    maxDepthMm: z.strictObject({ face: depth, neck_chest: depth, scalp: depth, body: depth }),
    deviceClass: z.enum(['pen', 'roller']),
    endpoint: z.enum(['erythema', 'pinpoint_bleeding']),
    pigmentationDepth: z.enum(['shallowest', 'zone_range']),
  })
  .meta({
    id: 'ClinicPolicy',
    description: 'Clinic settings where published sources disagree; waits can only be made longer than the defaults',
  });

/** A change to some settings, validated against the same floors and ceilings. */
export const clinicPolicyChangeSchema = clinicPolicySchema
  .partial()
  .extend({ maxDepthMm: clinicPolicySchema.shape.maxDepthMm.partial().optional() })
  .meta({ id: 'ClinicPolicyChange' });
export type ClinicPolicyChange = z.infer<typeof clinicPolicyChangeSchema>;

/** Applies a validated change; the result is checked again as a whole. */
export function applyPolicyChange(current: ClinicPolicy, change: ClinicPolicyChange): ClinicPolicy {
  const { maxDepthMm, ...rest } = change;
  const next = { ...current, ...rest, maxDepthMm: { ...current.maxDepthMm, ...maxDepthMm } };
  return clinicPolicySchema.parse(next);
}

export interface PolicyDifference {
  setting: string;
  from: string | number;
  to: string | number;
  /** Stricter: the screener defers longer or the needles go less deep. */
  direction: 'stricter' | 'looser' | 'different';
}

const WAIT_SETTINGS = [
  'isotretinoinWaitMonths',
  'toxinWaitDays',
  'fillerWaitDays',
  'retinoidHoldDays',
  'laserOrPeelWaitMonths',
  'sunAvoidanceDays',
  'surgicalScarMinWeeks',
] as const;

/** What a policy change does, for the audit log and the confirmation screen. */
export function describePolicyChange(before: ClinicPolicy, after: ClinicPolicy): PolicyDifference[] {
  const differences: PolicyDifference[] = [];
  for (const setting of WAIT_SETTINGS) {
    if (before[setting] !== after[setting]) {
      const direction = after[setting] > before[setting] ? 'stricter' : 'looser';
      differences.push({ setting, from: before[setting], to: after[setting], direction });
    }
  }
  for (const region of Object.keys(before.maxDepthMm) as Region[]) {
    if (before.maxDepthMm[region] !== after.maxDepthMm[region]) {
      const direction = after.maxDepthMm[region] < before.maxDepthMm[region] ? 'stricter' : 'looser';
      differences.push({
        setting: `maxDepthMm.${region}`,
        from: before.maxDepthMm[region],
        to: after.maxDepthMm[region],
        direction,
      });
    }
  }
  const ordered: Array<[keyof ClinicPolicy, string, string]> = [
    ['endpoint', 'erythema', 'pinpoint_bleeding'],
    ['pigmentationDepth', 'shallowest', 'zone_range'],
  ];
  for (const [setting, strict, loose] of ordered) {
    const from = before[setting] as string;
    const to = after[setting] as string;
    if (from !== to) {
      differences.push({ setting, from, to, direction: from === strict && to === loose ? 'looser' : 'stricter' });
    }
  }
  if (before.deviceClass !== after.deviceClass) {
    differences.push({
      setting: 'deviceClass',
      from: before.deviceClass,
      to: after.deviceClass,
      direction: 'different',
    });
  }
  return differences;
}
