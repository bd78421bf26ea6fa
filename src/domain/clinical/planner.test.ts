import { describe, expect, it } from 'vitest';
import type { Plan, TreatmentPlan } from '../contracts/assessment.ts';
import { assessCandidate } from './assess.ts';
import { DEMO_PRICES, exampleRequest } from './examples.ts';
import { zoneDepth } from './planner.ts';
import { DEFAULT_CLINIC_POLICY, type ClinicPolicy } from './policy.ts';
import { estimatePrice } from './pricing.ts';
import { ZONES } from './zones.ts';

const TODAY = '2025-11-25';
const policy = (changes: Partial<ClinicPolicy> = {}): ClinicPolicy => ({ ...DEFAULT_CLINIC_POLICY, ...changes });

function treatment(plan: Plan): TreatmentPlan {
  if (plan.kind !== 'treatment') throw new Error(`expected a treatment plan, got ${plan.kind}`);
  return plan;
}

const depth = (area: keyof typeof ZONES, concerns: Parameters<typeof zoneDepth>[1], clinic = policy(), fitz = 2) => {
  const figure = zoneDepth(ZONES[area], concerns, clinic, fitz);
  return figure === null ? null : [figure.min, figure.max, figure.typical];
};

describe('depth per zone', () => {
  it('uses the chart figure for the zone, and the study figure where a concern has one', () => {
    expect(depth('forehead', ['wrinkles'])).toEqual([0.25, 0.5, undefined]);
    expect(depth('cheeks', ['wrinkles'])).toEqual([0.5, 1.0, undefined]);
    expect(depth('cheeks', ['acne_scars'])).toEqual([0.5, 1.5, 1.5]);
    expect(depth('periorbital', ['wrinkles'])).toEqual([0.2, 0.3, undefined]);
  });

  it('covers every concern treated in the zone', () => {
    expect(depth('cheeks', ['acne_scars', 'wrinkles'])).toEqual([0.5, 1.5, 1.5]);
  });

  it('keeps pigmentation to the shallowest setting unless the clinic chose the full range', () => {
    expect(depth('cheeks', ['pigmentation'])).toEqual([0.5, 0.5, undefined]);
    expect(depth('cheeks', ['pigmentation'], policy({ pigmentationDepth: 'zone_range' }))).toEqual([
      0.5,
      1.0,
      undefined,
    ]);
  });

  it("never goes past the clinic's device limit", () => {
    expect(
      depth('cheeks', ['acne_scars'], policy({ maxDepthMm: { ...DEFAULT_CLINIC_POLICY.maxDepthMm, face: 1.0 } })),
    ).toEqual([0.5, 1.0, undefined]);
    expect(depth('back', ['acne_scars'])).toEqual([0.25, 1.5, undefined]);
    expect(
      depth('back', ['acne_scars'], policy({ maxDepthMm: { ...DEFAULT_CLINIC_POLICY.maxDepthMm, body: 2.5 } })),
    ).toEqual([0.25, 2.0, undefined]);
  });

  it('keeps skin types IV-VI at 1.5 mm even when the device goes deeper, without a "typical" depth', () => {
    const deepDevice = policy({ maxDepthMm: { ...DEFAULT_CLINIC_POLICY.maxDepthMm, body: 2.5 } });
    expect(depth('back', ['acne_scars'], deepDevice, 5)).toEqual([0.25, 1.5, undefined]);
    expect(depth('cheeks', ['acne_scars'], policy(), 4)).toEqual([0.5, 1.5, undefined]);
  });

  it('with a roller: fixed 0.5-1.5 mm needles, and no roller around the eyes or on the nose', () => {
    const roller = policy({ deviceClass: 'roller' });
    expect(depth('forehead', ['wrinkles'], roller)).toEqual([0.5, 0.5, undefined]);
    expect(depth('cheeks', ['acne_scars'], roller)).toEqual([0.5, 1.5, 1.5]);
    expect(depth('periorbital', ['wrinkles'], roller)).toBeNull();
    expect(depth('nose', ['rejuvenation'], roller)).toBeNull();
  });

  it('has no figure where none was published', () => {
    expect(depth('abdomen', ['stretch_marks'])).toBeNull();
    expect(depth('decollete', ['rejuvenation'])).toBeNull();
  });

  it('the eye zone always carries the orbital-rim limit', () => {
    const plan = treatment(
      assessCandidate(exampleRequest({ concerns: ['wrinkles'], areas: ['periorbital'] }), {
        policy: policy(),
        prices: DEMO_PRICES,
        today: TODAY,
      }).plan,
    );
    const limits = plan.zones[0]?.constraints.map((constraint) => constraint.text) ?? [];
    expect(limits.some((text) => text.includes('outside the bony rim of the eye socket'))).toBe(true);
  });
});

describe('plan contents', () => {
  const assess = (changes: Parameters<typeof exampleRequest>[0], firstSessionDate?: string) =>
    treatment(
      assessCandidate(exampleRequest(changes), {
        policy: policy(),
        prices: DEMO_PRICES,
        today: TODAY,
        ...(firstSessionDate === undefined ? {} : { firstSessionDate }),
      }).plan,
    );

  it('dates pre-care and aftercare from a first-session date', () => {
    const plan = assess({}, '2026-01-15');
    expect(plan.preCare.map((item) => [item.id, item.daysBefore, item.date])).toEqual([
      ['stop_retinoids', 5, '2026-01-10'],
      ['avoid_sun', 14, '2026-01-01'],
      ['no_injectables', 14, '2026-01-01'],
      ['no_laser_or_peel', 31, '2025-12-15'],
      ['no_home_numbing', undefined, undefined],
    ]);
    expect(plan.aftercare.map((step) => [step.fromDate, step.toDate])).toEqual([
      ['2026-01-15', '2026-01-15'],
      ['2026-01-16', '2026-01-16'],
      ['2026-01-17', '2026-01-18'],
      ['2026-01-19', '2026-01-22'],
      ['2026-01-23', '2026-01-29'],
      ['2026-01-30', '2026-02-12'],
    ]);
  });

  it('without a date, aftercare is day-by-day from the treatment day', () => {
    const plan = assess({});
    expect(plan.aftercare.map((step) => `${step.fromDay}-${step.toDay}`)).toEqual([
      '0-0',
      '1-1',
      '2-3',
      '4-7',
      '8-14',
      '15-28',
    ]);
    expect(plan.aftercare.every((step) => step.sources.length > 0 && step.fromDate === undefined)).toBe(true);
  });

  it('says so when a concern is not treated in any chosen area', () => {
    const plan = assess({ concerns: ['hair_loss', 'acne_scars'], areas: ['cheeks'] });
    expect(plan.courses[0]).toMatchObject({ concern: 'hair_loss', areas: [], recommended: false });
    expect(plan.courses[0]?.sessions).toBeUndefined();
    expect(plan.courses[0]?.notes.at(-1)?.text).toBe(
      'This concern is treated on: scalp. None of the areas you chose is one of them.',
    );
  });

  it('rules an adjunct out when an answer excludes it', () => {
    const plan = assess({ concerns: ['pigmentation'], answers: { ...exampleRequest().answers, anticoagulants: true } });
    expect(plan.adjuncts.find((adjunct) => adjunct.id === 'tranexamic_acid')?.suitable).toBe(false);
  });

  it('a roller clinic warns darker skin about track marks', () => {
    const plan = treatment(
      assessCandidate(exampleRequest({ fitzpatrick: 5 }), {
        policy: policy({ deviceClass: 'roller', endpoint: 'pinpoint_bleeding' }),
        prices: DEMO_PRICES,
        today: TODAY,
      }).plan,
    );
    expect(plan.precautions.map((p) => p.sources)).toContainEqual(['Dogra2014']);
    // Darker skin titrates to redness whatever the clinic's usual endpoint.
    expect(plan.device.endpoint).toBe('erythema');
  });
});

describe('price estimate', () => {
  it('takes the longest course per region and reports codes the clinic lacks', () => {
    const plan = treatment(
      assessCandidate(
        exampleRequest({ concerns: ['acne_scars', 'wrinkles'], areas: ['cheeks', 'neck', 'abdomen', 'thighs'] }),
        { policy: policy(), prices: DEMO_PRICES, today: TODAY },
      ).plan,
    );
    expect(
      plan.price.lines.map((line) => [line.serviceCode, line.units, line.sessions.min, line.sessions.max]),
    ).toEqual([
      ['consultation', 1, 1, 1],
      ['face', 1, 4, 6],
    ]);
    // Neck: no neck service on the demo list. Body areas: no chosen concern treats them.
    expect(plan.price.missingServiceCodes).toEqual(['neck-decollete']);
    expect([plan.price.minCents, plan.price.maxCents]).toEqual([5_000 + 4 * 35_000, 5_000 + 6 * 65_000]);
  });

  it('prices body areas per area and works without a consultation price', () => {
    const estimate = estimatePrice(
      [
        {
          concern: 'stretch_marks',
          areas: ['abdomen', 'thighs', 'arms'],
          recommended: true,
          evidence: { level: 'emerging', summary: '', sources: [] },
          sessions: { min: 3, max: 6, unit: 'sessions', sources: ['NAFL2019'], tier: 'P' },
          notes: [],
        },
      ],
      [{ serviceCode: 'body-stretch-marks', priceCents: 45_000 }],
      false,
    );
    expect(estimate).toMatchObject({
      minCents: 3 * 3 * 45_000,
      maxCents: 3 * 6 * 45_000,
      missingServiceCodes: ['consultation'],
    });
  });
});
