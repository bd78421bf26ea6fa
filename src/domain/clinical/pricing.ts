// A price range for the plan from the clinic's own price list (plain data passed in).
// Which service prices which area is this table; a code missing from the clinic's
// list is reported, not guessed.
import type { Course, PriceEstimate } from '../contracts/assessment.ts';
import { AREA_REGION, type Region } from './vocabulary.ts';

export interface PriceListEntry {
  serviceCode: string;
  priceCents: number;
}

export const SERVICE_FOR_REGION: Readonly<Record<Region, { serviceCode: string; perArea: boolean }>> = {
  face: { serviceCode: 'face', perArea: false },
  neck_chest: { serviceCode: 'neck-decollete', perArea: false },
  scalp: { serviceCode: 'scalp', perArea: false },
  // The demo clinic prices body treatment per area of about 15 x 15 cm.
  body: { serviceCode: 'body-stretch-marks', perArea: true },
};

/** The dearer variant priced at the top of the range when PRP is worth asking about. */
export const PRP_SERVICE_FOR_REGION: Readonly<Partial<Record<Region, string>>> = { face: 'face-prp' };

export const CONSULTATION_SERVICE = 'consultation';

interface ServiceNeed {
  region: Region;
  minSessions: number;
  maxSessions: number;
  areas: Set<string>;
}

export function estimatePrice(
  courses: readonly Course[],
  prices: readonly { serviceCode: string; priceCents: number }[],
  prpWorthAsking: boolean,
): PriceEstimate {
  const priceOf = new Map(prices.map((entry) => [entry.serviceCode, entry.priceCents]));

  // Concerns treated in the same region share sessions: the longest course sets the count.
  const needs = new Map<Region, ServiceNeed>();
  for (const course of courses) {
    if (!course.recommended || course.sessions === undefined) continue;
    for (const area of course.areas) {
      const region = AREA_REGION[area];
      const need = needs.get(region) ?? { region, minSessions: 0, maxSessions: 0, areas: new Set<string>() };
      need.minSessions = Math.max(need.minSessions, course.sessions.min);
      need.maxSessions = Math.max(need.maxSessions, course.sessions.max);
      need.areas.add(area);
      needs.set(region, need);
    }
  }

  const estimate: PriceEstimate = {
    minCents: 0,
    maxCents: 0,
    lines: [],
    missingServiceCodes: [],
    note:
      "An estimate from the clinic's price list; the final price is agreed at your consultation. Body areas are " +
      'priced per area, so a large area may count more than once.',
  };
  const consultation = priceOf.get(CONSULTATION_SERVICE);
  if (consultation === undefined) estimate.missingServiceCodes.push(CONSULTATION_SERVICE);
  else addLine(estimate, CONSULTATION_SERVICE, 1, 1, 1, consultation, consultation);

  for (const need of needs.values()) {
    const { serviceCode, perArea } = SERVICE_FOR_REGION[need.region];
    const unitPrice = priceOf.get(serviceCode);
    if (unitPrice === undefined) {
      estimate.missingServiceCodes.push(serviceCode);
      continue;
    }
    const prpCode = prpWorthAsking ? PRP_SERVICE_FOR_REGION[need.region] : undefined;
    const topPrice = (prpCode !== undefined ? priceOf.get(prpCode) : undefined) ?? unitPrice;
    const units = perArea ? need.areas.size : 1;
    addLine(estimate, serviceCode, units, need.minSessions, need.maxSessions, unitPrice, topPrice);
  }
  return estimate;
}

function addLine(
  estimate: PriceEstimate,
  serviceCode: string,
  units: number,
  minSessions: number,
  maxSessions: number,
  unitPriceCents: number,
  topPriceCents: number,
): void {
  const minCents = units * minSessions * unitPriceCents;
  const maxCents = units * maxSessions * topPriceCents;
  estimate.lines.push({
    serviceCode,
    units,
    sessions: { min: minSessions, max: maxSessions },
    unitPriceCents,
    minCents,
    maxCents,
  });
  estimate.minCents += minCents;
  estimate.maxCents += maxCents;
}
