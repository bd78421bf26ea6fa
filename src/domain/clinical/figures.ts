// Small constructors for protocol figures: every number and statement carries the
// source keys behind it, and a number also the highest tier among them.
import type { SourcedRange, SourcedText } from '../contracts/assessment.ts';
import { strongestTier, type SourceKey } from './sources.ts';

export type Unit = SourcedRange['unit'];

export interface RangeExtras {
  typical?: number;
  note?: string;
}

export function range(
  min: number,
  max: number,
  unit: Unit,
  sources: SourceKey[],
  extras: RangeExtras = {},
): SourcedRange {
  if (min > max) throw new Error(`range ${min}-${max} ${unit} is upside down`);
  return { min, max, ...extras, unit, sources, tier: strongestTier(sources) };
}

export function sourced(text: string, sources: SourceKey[]): SourcedText {
  return { text, sources };
}

/** Freezes protocol data all the way down, so results that share it cannot change it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
