import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.ts';
import {
  findGrade,
  GAIS,
  GOODMAN_BARON_QUALITATIVE,
  GRADED_SCALES,
  masi,
  modifiedMasi,
  NORWOOD_HAMILTON,
  SCALES_NOT_SCORED,
  type MasiRegion,
  type MasiRegionScore,
} from './scales.ts';

const regions = (score: MasiRegionScore): Record<MasiRegion, MasiRegionScore> => ({
  forehead: score,
  rightMalar: score,
  leftMalar: score,
  chin: score,
});

describe('outcome scales', () => {
  it('computes mMASI from its parts: weight x area x darkness, 0 to 24', () => {
    expect(modifiedMasi(regions({ area: 0, darkness: 0 }))).toBe(0);
    expect(modifiedMasi(regions({ area: 6, darkness: 4 }))).toBe(24);
    // forehead 0.3 x 2 x 1 + right malar 0.3 x 4 x 3 + left malar 0.3 x 3 x 2 + chin 0.1 x 1 x 1
    expect(
      modifiedMasi({
        forehead: { area: 2, darkness: 1 },
        rightMalar: { area: 4, darkness: 3 },
        leftMalar: { area: 3, darkness: 2 },
        chin: { area: 1, darkness: 1 },
      }),
    ).toBe(6.1);
  });

  it('computes MASI with homogeneity, 0 to 48', () => {
    expect(masi(regions({ area: 6, darkness: 4, homogeneity: 4 }))).toBe(48);
    expect(masi(regions({ area: 1, darkness: 1, homogeneity: 1 }))).toBe(2);
  });

  it('rejects parts outside their scales', () => {
    expect(() => modifiedMasi(regions({ area: 7, darkness: 1 }))).toThrow(InvalidInputError);
    expect(() => modifiedMasi(regions({ area: 2, darkness: 1.5 }))).toThrow(/chin|forehead/);
    expect(() => masi(regions({ area: 2, darkness: 1 }))).toThrow(/homogeneity/);
  });

  it('grades look up by value, with the unverified parts marked', () => {
    expect(findGrade(GAIS, 3)?.label).toBe('Improved');
    expect(findGrade(NORWOOD_HAMILTON, 'III vertex')?.description).toMatch(/crown/);
    expect(findGrade(GOODMAN_BARON_QUALITATIVE, 2)?.unverified).toBeUndefined();
    expect(findGrade(GOODMAN_BARON_QUALITATIVE, 4)?.unverified).toMatch(/check it against/);
    expect(findGrade(GOODMAN_BARON_QUALITATIVE, 4)?.description).not.toMatch(/stretch/);
  });

  it('every scale cites sources and has unique grades; unverified scales are not scored', () => {
    for (const scale of GRADED_SCALES) {
      expect(scale.sources.length, scale.id).toBeGreaterThan(0);
      const grades = scale.grades.map((entry) => entry.grade);
      expect(new Set(grades).size, scale.id).toBe(grades.length);
    }
    expect(SCALES_NOT_SCORED.map((scale) => scale.id)).toEqual([
      'goodman_baron_quantitative',
      'ecca',
      'lemperle',
      'fitzpatrick_wrinkle_score',
      'mmasi_severity_bands',
    ]);
  });
});
