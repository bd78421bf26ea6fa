// The protocol data itself: versioned, frozen, and every figure sourced.
import { describe, expect, it } from 'vitest';
import { PROTOCOL, PROTOCOL_VERSION } from './protocol.ts';
import { SOURCES, strongestTier } from './sources.ts';
import { AREA_IDS, CONCERN_IDS } from './vocabulary.ts';

function* objectsWithSources(value: unknown): Generator<{ sources: string[]; min?: number; max?: number }> {
  if (typeof value !== 'object' || value === null) return;
  if ('sources' in value) yield value as { sources: string[] };
  for (const child of Object.values(value)) yield* objectsWithSources(child);
}

describe('protocol library', () => {
  it('is versioned and frozen', () => {
    expect(PROTOCOL.version).toBe(PROTOCOL_VERSION);
    expect(Object.isFrozen(PROTOCOL.indications.acne_scars.sessions)).toBe(true);
    expect(() => {
      (PROTOCOL.zones.cheeks.penDepthMm as { max: number }).max = 3;
    }).toThrow(TypeError);
  });

  it('covers every concern and area', () => {
    expect(Object.keys(PROTOCOL.indications).sort()).toEqual([...CONCERN_IDS].sort());
    expect(Object.keys(PROTOCOL.zones).sort()).toEqual([...AREA_IDS].sort());
  });

  it('cites only known sources, and every figure has one', () => {
    let figures = 0;
    for (const item of objectsWithSources(PROTOCOL)) {
      for (const key of item.sources) expect(SOURCES, key).toHaveProperty(key);
      if (item.min !== undefined) {
        figures += 1;
        expect(item.sources.length).toBeGreaterThan(0);
        expect(item.min).toBeLessThanOrEqual(item.max!);
      }
    }
    expect(figures).toBeGreaterThan(20);
  });

  it('grades a figure by its strongest source', () => {
    expect(strongestTier(['GlowRefinery', 'MNBeforeAfter'])).toBe('CL');
    expect(strongestTier(['Harris2015', 'KangLu2022'])).toBe('SR');
    expect(PROTOCOL.zones.forehead.penDepthMm?.tier).toBe('CL');
  });

  it('says RF micro-needling is out of scope and never mixes in its depths', () => {
    const depths = Object.values(PROTOCOL.zones).flatMap((zone) => [zone.penDepthMm, ...Object.values(zone.depthFor)]);
    for (const figure of depths) if (figure) expect(figure.sources).not.toContain('Shauly2023');
  });
});
