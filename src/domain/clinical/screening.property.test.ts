// Properties that must hold for every person, not just the golden ones: more
// contraindicating answers never make a decision less restrictive, an absolute
// contraindication never ends in "proceed", and the assessment is deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, AssessmentRequest, CandidacyDecision } from '../contracts/assessment.ts';
import { assessCandidate } from './assess.ts';
import { CLEAR_ANSWERS, DEMO_PRICES } from './examples.ts';
import { addDays } from './iso-date.ts';
import { DEFAULT_CLINIC_POLICY } from './policy.ts';
import { AREA_IDS, CONCERN_IDS, decisionRank, type AreaId } from './vocabulary.ts';

const TODAY = '2025-11-25';
const options = { policy: DEFAULT_CLINIC_POLICY, prices: DEMO_PRICES, today: TODAY };

/** Dates around today: within two years before and a little after. */
const dateArb = fc.integer({ min: -730, max: 60 }).map((offset) => addDays(TODAY, offset));
const areasArb = fc.subarray([...AREA_IDS], { minLength: 1, maxLength: 4 });
const areaListArb = fc.subarray([...AREA_IDS]);

/**
 * For each answer: a pair of values, the second at least as contraindicating as the
 * first ("yes" over "no", a more recent date over an older one or "never", more
 * areas over fewer, a higher grade over a lower one).
 */
const bool = fc.tuple(fc.boolean(), fc.boolean()).map(([a, b]) => [a && b, a || b] as const);
function ladder<T>(levels: readonly T[]) {
  return fc
    .tuple(fc.nat(levels.length - 1), fc.nat(levels.length - 1))
    .map(([a, b]) => [levels[Math.min(a, b)]!, levels[Math.max(a, b)]!] as const);
}
const datePair = fc.oneof(
  fc.tuple(dateArb, dateArb).map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const))),
  dateArb.map((date) => [null, date] as const),
);
const areaPair = fc.tuple(areaListArb, areaListArb).map(([a, b]) => [a, [...new Set([...a, ...b])]] as const);
const isotretinoinPair = fc.oneof(
  ladder([{ status: 'never' as const }, { status: 'current' as const }]),
  datePair.map(
    ([older, newer]) =>
      [
        older === null ? { status: 'never' as const } : { status: 'stopped' as const, lastDoseDate: older },
        { status: 'stopped' as const, lastDoseDate: newer },
      ] as const,
  ),
  dateArb.map((date) => [{ status: 'stopped' as const, lastDoseDate: date }, { status: 'current' as const }] as const),
);

const ESCALATIONS: Record<keyof Answers, fc.Arbitrary<readonly [unknown, unknown]>> = {
  pregnant_or_breastfeeding: bool,
  isotretinoin: isotretinoinPair,
  bleeding_disorder: bool,
  anticoagulants: bool,
  active_infection_in_area: bool,
  cold_sore_history: bool,
  skin_cancer_in_area: areaPair,
  keloid_tendency: bool,
  immunosuppressed: bool,
  diabetes: ladder(['none', 'controlled', 'uncontrolled'] as const),
  metal_allergy: ladder(['none', 'nickel', 'stainless_steel'] as const),
  anaesthetic_allergy: bool,
  active_acne: ladder(['none', 'mild', 'moderate', 'severe'] as const),
  active_rosacea_flare: bool,
  eczema_psoriasis_in_area: ladder(['none', 'history', 'active'] as const),
  sunburn_in_area: bool,
  retinoid_last_used: datePair,
  toxin_in_area_date: datePair,
  filler_in_area_date: datePair,
  laser_or_peel_date: datePair,
  radiotherapy_to_area: bool,
  autoimmune_disease: bool,
  scar_date: datePair,
  tattoo_in_area: areaPair,
  cardiac_condition: bool,
  moles_or_lesions_in_area: areaPair,
};
const ANSWER_KEYS = Object.keys(ESCALATIONS) as (keyof Answers)[];

const UNANSWERED = Symbol('unanswered');

/**
 * Answers that are clear except for up to three questions, each answered with any of
 * its values or left out: with more noise, other findings would mask the one change
 * a property looks at.
 */
const answersArb: fc.Arbitrary<Answers> = fc
  .subarray(ANSWER_KEYS, { maxLength: 3 })
  .chain((keys) =>
    fc.tuple(
      ...keys.map((key) =>
        fc
          .oneof(
            ESCALATIONS[key].chain(([lower, higher]) => fc.constantFrom<unknown>(lower, higher)),
            fc.constant(UNANSWERED),
          )
          .map((value) => [key, value] as const),
      ),
    ),
  )
  .map((changes) => {
    const answers: Record<string, unknown> = { ...CLEAR_ANSWERS };
    for (const [key, value] of changes) {
      if (value === UNANSWERED) delete answers[key];
      else answers[key] = value;
    }
    return answers;
  });

const birthDateArb = fc
  .oneof(
    { arbitrary: fc.integer({ min: 22 * 366, max: 80 * 365 }), weight: 6 },
    { arbitrary: fc.integer({ min: 14 * 365, max: 22 * 366 }), weight: 1 },
  )
  .map((days) => addDays(TODAY, -days));

const requestArb: fc.Arbitrary<AssessmentRequest> = fc.record({
  birthDate: birthDateArb,
  fitzpatrick: fc.integer({ min: 1, max: 6 }),
  concerns: fc.subarray([...CONCERN_IDS], { minLength: 1, maxLength: 3 }),
  areas: areasArb,
  answers: answersArb,
});

function ranks(decision: CandidacyDecision, areas: readonly AreaId[]) {
  return { overall: decisionRank(decision.overall), areas: areas.map((area) => decisionRank(decision.byArea[area]!)) };
}

function expectAtLeastAsRestrictive(after: CandidacyDecision, before: CandidacyDecision, areas: readonly AreaId[]) {
  const a = ranks(after, areas);
  const b = ranks(before, areas);
  expect(a.overall).toBeGreaterThanOrEqual(b.overall);
  areas.forEach((area, index) => expect(a.areas[index], area).toBeGreaterThanOrEqual(b.areas[index]!));
}

describe('screening properties', () => {
  it('a more contraindicating answer never makes any decision less restrictive', () => {
    const escalation = fc
      .constantFrom(...ANSWER_KEYS)
      .chain((key) => ESCALATIONS[key].map(([lower, higher]) => ({ key, lower, higher })));
    fc.assert(
      fc.property(requestArb, escalation, (request, { key, lower, higher }) => {
        const before = assessCandidate({ ...request, answers: { ...request.answers, [key]: lower } }, options);
        const after = assessCandidate({ ...request, answers: { ...request.answers, [key]: higher } }, options);
        expectAtLeastAsRestrictive(after.decision, before.decision, request.areas);
      }),
      { numRuns: 4000 },
    );
  });

  it('being younger or having a darker skin type never makes a decision less restrictive', () => {
    fc.assert(
      fc.property(
        requestArb,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 5 }),
        (request, days, up) => {
          const before = assessCandidate(request, options);
          const younger = assessCandidate({ ...request, birthDate: addDays(request.birthDate, days) }, options);
          const darker = assessCandidate({ ...request, fitzpatrick: Math.min(6, request.fitzpatrick + up) }, options);
          expectAtLeastAsRestrictive(younger.decision, before.decision, request.areas);
          expectAtLeastAsRestrictive(darker.decision, before.decision, request.areas);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an unanswered question is never less restrictive than its least worrying answer', () => {
    fc.assert(
      fc.property(requestArb, fc.constantFrom(...ANSWER_KEYS), (request, key) => {
        const answers: Answers = { ...request.answers };
        delete answers[key];
        const unanswered = assessCandidate({ ...request, answers }, options);
        const clear = assessCandidate({ ...request, answers: { ...answers, [key]: CLEAR_ANSWERS[key] } }, options);
        expectAtLeastAsRestrictive(unanswered.decision, clear.decision, request.areas);
      }),
      { numRuns: 1000 },
    );
  });

  it('an absolute contraindication never yields proceed, in any area it covers', () => {
    const absolute = fc.constantFrom<Partial<Answers>>(
      { pregnant_or_breastfeeding: true },
      { isotretinoin: { status: 'current' } },
      { bleeding_disorder: true },
      { metal_allergy: 'stainless_steel' },
      { anaesthetic_allergy: true },
      { active_infection_in_area: true },
    );
    fc.assert(
      fc.property(requestArb, absolute, (request, contraindication) => {
        const { decision, plan } = assessCandidate(
          { ...request, answers: { ...request.answers, ...contraindication } },
          options,
        );
        expect(decision.overall).not.toBe('proceed');
        for (const area of request.areas) expect(decisionRank(decision.byArea[area]!)).toBeGreaterThanOrEqual(3);
        if (plan.kind === 'treatment') expect(plan.status).toBe('deferred');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(requestArb, (request) => {
        const area = request.areas[0]!;
        const { decision } = assessCandidate(
          { ...request, answers: { ...request.answers, skin_cancer_in_area: [area] } },
          options,
        );
        expect(decision.byArea[area]).toBe('not_suitable');
        expect(decision.overall).toBe('not_suitable');
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and does not change its input', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const copy = structuredClone(request);
        const first = assessCandidate(request, options);
        const second = assessCandidate(copy, options);
        expect(second).toEqual(first);
        expect(copy).toEqual(request);
      }),
      { numRuns: 300 },
    );
  });

  it('answers are well formed: one decision per chosen area, overall the most restrictive, dated deferrals', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const { decision, plan } = assessCandidate(request, options);
        expect(Object.keys(decision.byArea).sort()).toEqual([...request.areas].sort());
        const worst = Math.max(...request.areas.map((area) => decisionRank(decision.byArea[area]!)));
        expect(decisionRank(decision.overall)).toBe(worst);
        for (const reason of decision.reasons) {
          if (reason.area !== undefined) expect(request.areas).toContain(reason.area);
          if (reason.earliestDate !== undefined) expect(reason.earliestDate > TODAY).toBe(true);
        }
        if (decision.earliestDate !== undefined) expect(decision.earliestDate > TODAY).toBe(true);
        const allExcluded = request.areas.every((area) => decision.byArea[area] === 'not_suitable');
        expect(plan.kind === 'not_suitable').toBe(allExcluded);
      }),
      { numRuns: 500 },
    );
  });

  it('every number in a plan carries its sources', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const { plan } = assessCandidate(request, options);
        for (const figure of sourcedFigures(plan))
          expect(figure.sources.length, JSON.stringify(figure)).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every figure (an object with a unit) anywhere in the plan, except the clinic's own prices. */
function* sourcedFigures(value: unknown, key = ''): Generator<{ sources: unknown[] }> {
  if (key === 'price' || typeof value !== 'object' || value === null) return;
  if ('unit' in value && 'min' in value) yield value as unknown as { sources: unknown[] };
  for (const [childKey, child] of Object.entries(value)) yield* sourcedFigures(child, childKey);
}
