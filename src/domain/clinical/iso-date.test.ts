import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.ts';
import { addDays, addMonths, ageInYears, birthdayAt, daysBetween, isIsoDate } from './iso-date.ts';

describe('ISO dates', () => {
  it('accepts only real calendar dates', () => {
    expect(['2024-02-29', '2025-12-31', '2000-02-29'].map(isIsoDate)).toEqual([true, true, true]);
    expect(['2025-02-29', '2025-02-30', '1900-02-29', '2025-13-01', '2025-1-1', '20250101', ''].map(isIsoDate)).toEqual(
      [false, false, false, false, false, false, false],
    );
  });

  it('adds days across months, years and daylight-saving changes', () => {
    expect(addDays('2025-12-25', 14)).toBe('2026-01-08');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('adds calendar months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-11-25', 1)).toBe('2025-12-25');
    expect(addMonths('2025-01-15', -2)).toBe('2024-11-15');
    expect(addMonths('2025-05-10', 12)).toBe('2026-05-10');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2025-11-25', '2025-12-09')).toBe(14);
    expect(daysBetween('2025-12-09', '2025-11-25')).toBe(-14);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('computes age in completed years, 29 February birthdays on 1 March', () => {
    expect(ageInYears('1990-06-15', '2025-06-14')).toBe(34);
    expect(ageInYears('1990-06-15', '2025-06-15')).toBe(35);
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
    expect(birthdayAt('2008-02-29', 18)).toBe('2026-03-01');
    expect(birthdayAt('2008-02-29', 20)).toBe('2028-02-29');
  });

  it('rejects a malformed date with a domain error', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(InvalidInputError);
  });
});
