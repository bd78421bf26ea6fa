// Turns the screening outcome into a plan: courses per concern, depth per zone,
// downtime, adjuncts, pre-care, aftercare and a price range. Every number is copied
// from the protocol with its sources; nothing here invents a figure.
import type {
  Adjunct,
  AftercareStep,
  CandidacyDecision,
  Course,
  NotSuitablePlan,
  Plan,
  PreCareItem,
  ScreeningReason,
  SourcedRange,
  SourcedText,
  TreatmentPlan,
  ZonePlan,
} from '../contracts/assessment.ts';
import {
  DARKER_SKIN_PRECAUTION,
  GENERAL_ALTERNATIVES,
  RF_OUT_OF_SCOPE,
  ROLLER_IN_DARKER_SKIN,
  STERILE_SINGLE_USE,
  TITRATION,
} from './care.ts';
import { range, sourced } from './figures.ts';
import { addDays, addMonths, daysBetween, type IsoDate } from './iso-date.ts';
import type { ClinicPolicy } from './policy.ts';
import { estimatePrice, type PriceListEntry } from './pricing.ts';
import type { Protocol } from './protocol.ts';
import type { ScreeningInput } from './screening-rules.ts';
import type { SourceKey } from './sources.ts';
import { moreRestrictive, type AreaId, type ConcernId, type Decision } from './vocabulary.ts';
import { DIVERSE_SKIN_MAX_DEPTH_MM, ROLLER_NEEDLE_MM, type Zone } from './zones.ts';

export interface PlanArguments {
  input: ScreeningInput;
  decision: CandidacyDecision;
  policy: ClinicPolicy;
  protocol: Protocol;
  prices: readonly PriceListEntry[];
  /** When given, pre-care and aftercare also carry calendar dates. */
  firstSessionDate?: IsoDate;
}

/** Skin types IV-VI darken more easily after injury [Chu2021][Dogra2014]. */
export const DARKER_SKIN_FROM = 4;

export function planTreatment(args: PlanArguments): Plan {
  const { input, decision } = args;
  const treatable = input.areas.filter((area) => decision.byArea[area] !== 'not_suitable');
  if (treatable.length === 0) return notSuitablePlan(args);

  let worst: Decision = 'proceed';
  for (const area of treatable) worst = moreRestrictive(worst, decision.byArea[area] ?? 'proceed');
  const status = worst === 'defer' ? 'deferred' : worst === 'physician_review' ? 'needs_physician_review' : 'ready';

  const courses = input.concerns.map((concern) => planCourse(args, concern, treatable));
  const treatedConcerns = courses.filter((course) => course.recommended).map((course) => course.concern);
  const adjuncts = planAdjuncts(args, treatedConcerns);
  const prpWorthAsking = adjuncts.some((adjunct) => adjunct.id === 'prp' && adjunct.suitable);
  const darkerSkin = input.fitzpatrick >= DARKER_SKIN_FROM;
  // Darker skin always titrates to redness, the endpoint of the racially diverse label study [SPstudy].
  const endpoint = darkerSkin ? 'erythema' : args.policy.endpoint;

  const plan: TreatmentPlan = {
    kind: 'treatment',
    status,
    meanwhile: meanwhile(args, treatable, status),
    courses,
    zones: treatable.map((area) => planZone(args, area, treatedConcerns)),
    excludedAreas: input.areas
      .filter((area) => !treatable.includes(area))
      .map((area) => ({ area, decision: 'not_suitable' as const, rules: rulesBlocking(decision.reasons, area) })),
    device: {
      class: args.policy.deviceClass,
      endpoint,
      titration: TITRATION[endpoint],
      outOfScope: RF_OUT_OF_SCOPE,
    },
    downtimeDays: args.protocol.downtimeDays,
    precautions: [
      STERILE_SINGLE_USE,
      ...(darkerSkin ? [DARKER_SKIN_PRECAUTION] : []),
      ...(darkerSkin && args.policy.deviceClass === 'roller' ? [ROLLER_IN_DARKER_SKIN] : []),
    ],
    adjuncts,
    preCare: planPreCare(args, treatable),
    aftercare: planAftercare(args.protocol.aftercare, args.firstSessionDate),
    redFlags: [...args.protocol.redFlags],
    price: estimatePrice(courses, args.prices, prpWorthAsking),
    expectations: [...args.protocol.expectations],
  };
  if (decision.earliestDate !== undefined) plan.earliestStart = decision.earliestDate;
  return plan;
}

function notSuitablePlan({ decision, protocol }: PlanArguments): NotSuitablePlan {
  const blocking = uniqueByRule(decision.reasons.filter((reason) => reason.decision === 'not_suitable'));
  const alternatives: SourcedText[] = [];
  for (const reason of blocking) {
    const rule = protocol.rules.find((candidate) => candidate.id === reason.rule);
    if (rule?.alternatives !== undefined) alternatives.push({ text: rule.alternatives, sources: reason.sources });
  }
  alternatives.push(GENERAL_ALTERNATIVES);
  return {
    kind: 'not_suitable',
    explanation: blocking.map((reason) => ({ text: reason.message, sources: reason.sources })),
    alternatives,
    expectations: [...protocol.expectations],
  };
}

/** The first reason of each rule (area-by-area findings repeat the same message). */
function uniqueByRule(reasons: readonly ScreeningReason[]): ScreeningReason[] {
  const seen = new Set<string>();
  const unique: ScreeningReason[] = [];
  for (const reason of reasons) {
    if (seen.has(reason.rule)) continue;
    seen.add(reason.rule);
    unique.push(reason);
  }
  return unique;
}

function rulesBlocking(reasons: readonly ScreeningReason[], area: AreaId): string[] {
  const rules = reasons
    .filter((reason) => reason.decision === 'not_suitable' && (reason.area === undefined || reason.area === area))
    .map((reason) => reason.rule);
  return [...new Set(rules)];
}

function meanwhile(
  { decision, protocol }: PlanArguments,
  treatable: readonly AreaId[],
  status: TreatmentPlan['status'],
): SourcedText[] {
  const relevant = decision.reasons.filter((reason) => reason.area === undefined || treatable.includes(reason.area));
  const steps: SourcedText[] = [];
  if (status === 'deferred') {
    for (const reason of uniqueByRule(relevant.filter((candidate) => candidate.decision === 'defer'))) {
      const rule = protocol.rules.find((candidate) => candidate.id === reason.rule);
      if (rule?.meanwhile !== undefined) steps.push({ text: rule.meanwhile, sources: reason.sources });
    }
  }
  const reviews = uniqueByRule(
    relevant.filter((reason) => reason.decision === 'physician_review' && reason.missingAnswer === undefined),
  );
  if (reviews.length > 0) {
    const titles = reviews.map(
      (reason) => protocol.rules.find((rule) => rule.id === reason.rule)?.title ?? reason.rule,
    );
    steps.push({
      text:
        `Book a consultation: a doctor looks at ${titles.join(', ')} before any session is booked. ` +
        'Bring a list of your medicines.',
      sources: [...new Set(reviews.flatMap((reason) => reason.sources))],
    });
  }
  if (decision.missingAnswers.length > 0) {
    steps.push({
      text: `Answer the ${decision.missingAnswers.length} open health question(s) for a clearer result.`,
      sources: [],
    });
  }
  return steps;
}

function planCourse(args: PlanArguments, concern: ConcernId, treatable: readonly AreaId[]): Course {
  const indication = args.protocol.indications[concern];
  const areas = treatable.filter((area) => indication.areas.includes(area));
  const course: Course = {
    concern,
    areas,
    recommended: indication.recommended && areas.length > 0,
    evidence: indication.evidence,
    notes: [...indication.notes],
  };
  if (areas.length === 0) {
    const where = indication.areas.map((area) => args.protocol.zones[area].name.toLowerCase()).join(', ');
    course.notes.push(sourced(`This concern is treated on: ${where}. None of the areas you chose is one of them.`, []));
  }
  if (!course.recommended) return course;
  if (indication.sessions !== undefined) course.sessions = indication.sessions;
  if (indication.intervalWeeks !== undefined) course.intervalWeeks = indication.intervalWeeks;
  if (indication.results !== undefined) course.results = indication.results;
  if (indication.maintenance !== undefined) course.maintenance = indication.maintenance;
  return course;
}

function planZone(args: PlanArguments, area: AreaId, treatedConcerns: readonly ConcernId[]): ZonePlan {
  const zone = args.protocol.zones[area];
  const concerns = treatedConcerns.filter((concern) => args.protocol.indications[concern].areas.includes(area));
  const constraints = [...zone.constraints];
  if (concerns.length === 0) {
    constraints.push(sourced('None of your chosen concerns is treated in this area, so no depth is planned.', []));
    return { area, depthMm: null, constraints };
  }
  return { area, depthMm: zoneDepth(zone, concerns, args.policy, args.input.fitzpatrick), constraints };
}

/**
 * The depth range for a zone: the study or chart figure for each concern treated
 * there, then the device class, the clinic's device limit and, for skin types IV-VI,
 * the 1.5 mm evaluated in a racially diverse trial. Null when no figure exists.
 */
export function zoneDepth(
  zone: Zone,
  concerns: readonly ConcernId[],
  policy: ClinicPolicy,
  fitzpatrick: number,
): SourcedRange | null {
  let min = Infinity;
  let max = -Infinity;
  let typical: number | undefined;
  const sources = new Set<SourceKey>();
  const notes: string[] = [];
  for (const concern of concerns) {
    const figure = zone.depthFor[concern] ?? zone.penDepthMm;
    if (figure === null) continue;
    for (const source of figure.sources) sources.add(source as SourceKey);
    if (figure.note !== undefined && !notes.includes(figure.note)) notes.push(figure.note);
    if (concern === 'pigmentation' && policy.pigmentationDepth === 'shallowest') {
      min = Math.min(min, figure.min);
      max = Math.max(max, figure.min);
      sources.add('DavinLim');
      notes.push('Pigmented areas: the shallowest setting only.');
      continue;
    }
    min = Math.min(min, figure.min);
    max = Math.max(max, figure.max);
    typical = typical === undefined ? figure.typical : Math.max(typical, figure.typical ?? typical);
  }
  if (min === Infinity) return null;

  if (policy.deviceClass === 'roller') {
    if (!zone.rollerSuitable) return null;
    min = Math.max(min, ROLLER_NEEDLE_MM.min);
    max = Math.min(Math.max(max, ROLLER_NEEDLE_MM.min), ROLLER_NEEDLE_MM.max);
    for (const source of ROLLER_NEEDLE_MM.sources) sources.add(source as SourceKey);
    notes.push('Medical rollers have fixed needles of 0.5 to 1.5 mm.');
  }

  let cap = policy.maxDepthMm[zone.region];
  if (fitzpatrick >= DARKER_SKIN_FROM && DIVERSE_SKIN_MAX_DEPTH_MM.max < cap) {
    cap = DIVERSE_SKIN_MAX_DEPTH_MM.max;
    for (const source of DIVERSE_SKIN_MAX_DEPTH_MM.sources) sources.add(source as SourceKey);
  }
  if (max > cap) {
    max = cap;
    min = Math.min(min, cap);
    notes.push(`Capped at ${cap} mm, the deepest setting evaluated for the device and your skin type.`);
  }
  // Darker skin starts at the low end, so no "typical" depth is shown.
  if (fitzpatrick >= DARKER_SKIN_FROM) typical = undefined;
  if (typical !== undefined && (typical < min || typical > max)) typical = undefined;

  const extras: { typical?: number; note?: string } = {};
  if (typical !== undefined) extras.typical = typical;
  if (notes.length > 0) extras.note = notes.join(' ');
  return range(min, max, 'mm', [...sources], extras);
}

function planAdjuncts({ protocol, input }: PlanArguments, treatedConcerns: readonly ConcernId[]): Adjunct[] {
  const adjuncts: Adjunct[] = [];
  for (const definition of protocol.adjuncts) {
    const concerns = definition.concerns.filter((concern) => treatedConcerns.includes(concern));
    if (concerns.length === 0) continue;
    const adjunct: Adjunct = {
      id: definition.id,
      name: definition.name,
      concerns,
      evidence: definition.evidence,
      summary: definition.summary,
      sources: definition.sources,
      suitable: definition.ruledOutBy?.(input.answers) !== true,
    };
    if (definition.caution !== undefined) adjunct.caution = definition.caution;
    adjuncts.push(adjunct);
  }
  return adjuncts;
}

function planPreCare(
  { protocol, policy, input, firstSessionDate }: PlanArguments,
  areas: readonly AreaId[],
): PreCareItem[] {
  const care = protocol.preCare;
  const onSkinBeyondScalp = areas.some((area) => area !== 'scalp');
  const onFaceOrNeck = areas.some(
    (area) => protocol.zones[area].region === 'face' || area === 'neck' || area === 'decollete',
  );
  const onFace = areas.some((area) => protocol.zones[area].region === 'face');

  const chosen = [
    onSkinBeyondScalp ? care.retinoids : undefined,
    care.sun,
    onFaceOrNeck ? care.injectables : undefined,
    onSkinBeyondScalp ? care.laserOrPeel : undefined,
    onFace && input.answers.cold_sore_history !== false ? care.coldSores : undefined,
    input.answers.anticoagulants === true ? care.bloodThinners : undefined,
    care.numbing,
  ];
  const items: PreCareItem[] = [];
  for (const definition of chosen) {
    if (definition === undefined) continue;
    const item: PreCareItem = { id: definition.id, text: definition.text(policy), sources: definition.sources };
    if (definition.daysBefore !== undefined) {
      item.daysBefore = definition.daysBefore(policy);
      if (firstSessionDate !== undefined) item.date = addDays(firstSessionDate, -item.daysBefore);
    } else if (definition.monthsBefore !== undefined && firstSessionDate !== undefined) {
      item.date = addMonths(firstSessionDate, -definition.monthsBefore(policy));
      item.daysBefore = daysBetween(item.date, firstSessionDate);
    }
    items.push(item);
  }
  return items;
}

function planAftercare(steps: readonly AftercareStep[], firstSessionDate: IsoDate | undefined): AftercareStep[] {
  if (firstSessionDate === undefined) return [...steps];
  return steps.map((step) => ({
    ...step,
    fromDate: addDays(firstSessionDate, step.fromDay),
    toDate: addDays(firstSessionDate, step.toDay),
  }));
}
