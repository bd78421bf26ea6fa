// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that no time zone or
// daylight-saving change can shift a day. "Today" is always passed in: the domain
// never reads the clock.
import { InvalidInputError } from '../errors.ts';

/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2025-02-30 no). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: IsoDate): [year: number, month: number, day: number] {
  if (!isIsoDate(date)) throw new InvalidInputError('invalid_date', `${date} is not a calendar date (YYYY-MM-DD).`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromUtcMs(ms: number): IsoDate {
  const date = new Date(ms);
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = parts(date);
  return fromUtcMs(Date.UTC(year, month - 1, day) + days * MS_PER_DAY);
}

/** Calendar months; a day that the target month lacks falls back to its last day (31 Aug + 6 = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / MS_PER_DAY);
}

/** ISO dates compare as strings; these say so in words. */
export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/**
 * The day someone turns `years` old. A 29 February birthday falls on 1 March in
 * years without one, the same convention `ageInYears` uses.
 */
export function birthdayAt(birthDate: IsoDate, years: number): IsoDate {
  const [year, month, day] = parts(birthDate);
  const targetYear = year + years;
  if (month === 2 && day === 29 && daysInMonth(targetYear, 2) === 28) return format(targetYear, 3, 1);
  return format(targetYear, month, day);
}

/** Completed years of age on `today`. */
export function ageInYears(birthDate: IsoDate, today: IsoDate): number {
  const [birthYear] = parts(birthDate);
  const [year] = parts(today);
  let age = year - birthYear;
  if (today < birthdayAt(birthDate, age)) age -= 1;
  return age;
}
