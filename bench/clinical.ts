// In-process throughput of the self-assessment (assessCandidate): screening plus plan,
// over a varied, reproducible set of people. Target: 20,000 assessments per second.
// The HTTP half (POST /api/v1/assessments under autocannon) joins `npm run bench`
// once the route exists.
//
//   node --import tsx bench/clinical.ts
import { pathToFileURL } from 'node:url';
import type { Answers, AssessmentRequest } from '../src/domain/contracts/assessment.ts';
import { assessCandidate } from '../src/domain/clinical/assess.ts';
import { CLEAR_ANSWERS, DEMO_PRICES } from '../src/domain/clinical/examples.ts';
import { addDays } from '../src/domain/clinical/iso-date.ts';
import { DEFAULT_CLINIC_POLICY } from '../src/domain/clinical/policy.ts';
import { AREA_IDS, CONCERN_IDS } from '../src/domain/clinical/vocabulary.ts';

export const TARGET_PER_SECOND = 20_000;

export interface ClinicalBenchFigures {
  inputs: number;
  assessments: number;
  seconds: number;
  assessmentsPerSecond: number;
  meanMicroseconds: number;
  /** Per-assessment time, from batches of BATCH assessments. */
  p50Microseconds: number;
  p99Microseconds: number;
  target: number;
  meetsTarget: boolean;
}

const TODAY = '2025-11-25';
const BATCH = 100;

/** A small seeded generator, so every run measures the same people. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

/** Mostly healthy people, some with one or two findings, some with unanswered questions. */
export function benchInputs(count = 512, seed = 42): AssessmentRequest[] {
  const random = seeded(seed);
  const variations: Partial<Answers>[] = [
    {},
    { isotretinoin: { status: 'stopped', lastDoseDate: '2025-09-20' } },
    { active_acne: 'severe' },
    { toxin_in_area_date: '2025-11-15', cold_sore_history: true },
    { keloid_tendency: true },
    { pregnant_or_breastfeeding: true },
    { bleeding_disorder: true },
    { anticoagulants: true, diabetes: 'controlled' },
    { skin_cancer_in_area: ['nose', 'cheeks'] },
    { retinoid_last_used: '2025-11-24', tattoo_in_area: ['forehead'] },
  ];
  return Array.from({ length: count }, (_, index) => {
    const answers: Answers = { ...CLEAR_ANSWERS, ...variations[index % variations.length] };
    if (random() < 0.2) {
      for (const key of pick(random, Object.keys(CLEAR_ANSWERS) as (keyof Answers)[], 3)) delete answers[key];
    }
    return {
      birthDate: addDays(TODAY, -Math.floor((17 + random() * 60) * 365)),
      fitzpatrick: 1 + Math.floor(random() * 6),
      concerns: pick(random, CONCERN_IDS, 1 + Math.floor(random() * 3)),
      areas: pick(random, AREA_IDS, 1 + Math.floor(random() * 5)),
      answers,
    };
  });
}

export async function benchClinical(
  options: { seconds?: number; warmupSeconds?: number } = {},
): Promise<ClinicalBenchFigures> {
  const timedSeconds = Math.max(2, options.seconds ?? 3);
  const warmupSeconds = options.warmupSeconds ?? 1;
  const inputs = benchInputs();
  const settings = { policy: DEFAULT_CLINIC_POLICY, prices: DEMO_PRICES, today: TODAY };
  let next = 0;
  let sink = 0;
  const runBatch = () => {
    for (let i = 0; i < BATCH; i++) {
      const result = assessCandidate(inputs[next++ % inputs.length]!, settings);
      sink += result.decision.reasons.length;
    }
  };

  const warmupEnd = performance.now() + warmupSeconds * 1000;
  while (performance.now() < warmupEnd) runBatch();

  const batchMicros: number[] = [];
  const started = performance.now();
  const end = started + timedSeconds * 1000;
  let now = started;
  while (now < end) {
    runBatch();
    const after = performance.now();
    batchMicros.push(((after - now) * 1000) / BATCH);
    now = after;
  }
  const seconds = (now - started) / 1000;
  if (sink < 0) console.log(sink); // keeps the results observable to the optimiser

  const assessments = batchMicros.length * BATCH;
  batchMicros.sort((a, b) => a - b);
  const at = (q: number) => Math.round(batchMicros[Math.floor(q * (batchMicros.length - 1))]! * 10) / 10;
  const perSecond = Math.round(assessments / seconds);
  return {
    inputs: inputs.length,
    assessments,
    seconds: Math.round(seconds * 100) / 100,
    assessmentsPerSecond: perSecond,
    meanMicroseconds: Math.round((seconds * 1e7) / assessments) / 10,
    p50Microseconds: at(0.5),
    p99Microseconds: at(0.99),
    target: TARGET_PER_SECOND,
    meetsTarget: perSecond >= TARGET_PER_SECOND,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchClinical();
  console.log('assessCandidate, in-process (screening + plan), one core:');
  console.table([figures]);
}
