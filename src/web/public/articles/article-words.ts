// Small helpers the article pages share: dates on the clinic's calendar, how an
// author is named, and which treatment page covers which concern.
import type { ConcernId } from '../../../domain/clinical/vocabulary.ts';
import { concerns, type Concern } from '../content/concerns.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "March 4, 2025": the day on the clinic's wall calendar, not the server's. */
export function formatArticleDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
    }
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** "6 min read". */
export function readingTime(minutes: number): string {
  return `${minutes} min read`;
}

/**
 * The author's name with their credentials after it ("Maya Okafor, MD"), unless
 * the name already ends with them ("Daniel Reyes, RN").
 */
export function authorWithCredentials(name: string, credentials: string | null): string {
  if (credentials === null || credentials.trim() === '') return name;
  const suffix = credentials.trim();
  return name.toLowerCase().endsWith(suffix.toLowerCase()) ? name : `${name}, ${suffix}`;
}

/** Initials for the round avatar beside an author's name: titles and credentials left out. */
export function authorInitials(name: string): string {
  return name
    .replace(/^(Dr|Mr|Ms|Mrs|Mx)\.?\s+/i, '')
    .split(/[\s,]+/)
    .filter((word) => /^[A-Za-z]/.test(word) && word.toUpperCase() !== word)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

/** Which treatment page (/treatments/:slug) speaks about each concern of the clinical vocabulary. */
const CONCERN_PAGES: Readonly<Record<ConcernId, string>> = {
  acne_scars: 'acne-scars',
  surgical_scars: 'surgical-scars',
  wrinkles: 'fine-lines',
  skin_laxity: 'fine-lines',
  rejuvenation: 'fine-lines',
  stretch_marks: 'stretch-marks',
  hair_loss: 'hair-loss',
  pigmentation: 'pigmentation',
  rosacea: 'rosacea-and-pores',
  enlarged_pores: 'rosacea-and-pores',
};

/** The treatment pages for an article's related concerns, each once, in the order given. */
export function concernPagesFor(concernIds: readonly string[]): Concern[] {
  const slugs = new Set<string>();
  for (const id of concernIds) {
    if (Object.hasOwn(CONCERN_PAGES, id)) slugs.add(CONCERN_PAGES[id as ConcernId]);
  }
  return [...slugs].flatMap((slug) => concerns.filter((concern) => concern.slug === slug));
}

/** Path of a tag's page; tags are free text, so they are encoded. */
export function tagPath(tag: string): string {
  return `/articles/tag/${encodeURIComponent(tag)}`;
}
