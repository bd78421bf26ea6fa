// What every public page needs to know besides its own content.
import type { PublicClinic } from '../../db/repositories/clinics.ts';

export interface SiteContext {
  /** Undefined on an install whose clinic is not set up yet. */
  clinic: PublicClinic | undefined;
  /** Absolute origin for canonical and Open Graph URLs, without a trailing slash. */
  publicUrl: string;
  /** The demo clinic runs: say so, so nobody calls a 555 number. */
  demo: boolean;
  stylesheetHref: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of the canonical URL, e.g. "/treatments". */
  path: string;
  /** Error pages are not for search engines. */
  noindex?: boolean;
  /** A same-origin script that enhances the page (the page works without it). */
  script?: string;
  /** Open Graph type; "website" when absent. */
  ogType?: 'website' | 'article' | 'profile';
  /** schema.org structured data, embedded as JSON-LD. */
  jsonLd?: object;
  /** An article's first publication and last change (article:published_time / modified_time). */
  published?: Date;
  modified?: Date;
  /** Absolute URL of the article author's profile page (article:author). */
  authorUrl?: string;
}

/** The clinic's name, or a neutral stand-in while the clinic is being set up. */
export function clinicName(site: SiteContext): string {
  return site.clinic?.name ?? 'Our clinic';
}

/** Where the calls to action lead; the browser app answers there. */
export const links = {
  planTreatment: '/plan',
  saveToAccount: '/app/sign-up',
  bookConsultation: '/app/book',
  portal: '/app',
  signIn: '/app/sign-in',
} as const;
