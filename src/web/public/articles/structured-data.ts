// schema.org descriptions of the article and author pages, for search engines:
// a MedicalWebPage whose main entity is the Article, written by a Physician (or
// a Person for other clinicians) and published by the clinic as a MedicalClinic.
// The layout embeds them as JSON-LD with "<" escaped (jsonForScript).
import type { PublicArticle, PublicAuthor } from '../../../db/repositories/articles-public.ts';
import type { ConcernId } from '../../../domain/clinical/vocabulary.ts';
import { CONCERN_WORDS } from '../plan/words.ts';
import { clinicName, type SiteContext } from '../site-context.ts';
import { authorWithCredentials } from './article-words.ts';

const CONTEXT = 'https://schema.org';

/** Credentials or titles that make an author a physician rather than another clinician. */
function isPhysician(credentials: string | null, jobTitle: string | null): boolean {
  return (
    /\b(MD|DO|MBBS|MBChB)\b/.test(credentials ?? '') || /\b(physician|dermatologist|doctor)\b/i.test(jobTitle ?? '')
  );
}

function clinic(site: SiteContext): Record<string, unknown> {
  const lines = site.clinic?.addressLines ?? [];
  return {
    '@type': 'MedicalClinic',
    '@id': `${site.publicUrl}/#clinic`,
    name: clinicName(site),
    url: `${site.publicUrl}/`,
    logo: `${site.publicUrl}/favicon.svg`,
    ...(site.clinic?.phone != null ? { telephone: site.clinic.phone } : {}),
    ...(lines.length > 0 ? { address: lines.join(', ') } : {}),
  };
}

function person(
  site: SiteContext,
  author: { name: string; slug: string | null; jobTitle: string | null; credentials: string | null },
): Record<string, unknown> {
  return {
    '@type': isPhysician(author.credentials, author.jobTitle) ? 'Physician' : 'Person',
    name: authorWithCredentials(author.name, author.credentials),
    ...(author.jobTitle !== null ? { jobTitle: author.jobTitle } : {}),
    ...(author.slug !== null ? { url: `${site.publicUrl}/authors/${author.slug}` } : {}),
  };
}

export function articleJsonLd(site: SiteContext, article: PublicArticle): Record<string, unknown> {
  const url = `${site.publicUrl}/articles/${article.slug}`;
  const about = [
    { '@type': 'MedicalProcedure', name: 'Micro-needling (collagen induction therapy)' },
    ...article.relatedConcerns
      .filter((id): id is ConcernId => Object.hasOwn(CONCERN_WORDS, id))
      .map((id) => ({ '@type': 'MedicalCondition', name: CONCERN_WORDS[id].name })),
  ];
  const publisher = clinic(site);
  return {
    '@context': CONTEXT,
    '@type': 'MedicalWebPage',
    '@id': `${url}#page`,
    url,
    name: article.title,
    description: article.summary,
    inLanguage: 'en-US',
    datePublished: article.publishAt.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    about,
    publisher,
    mainEntity: {
      '@type': 'Article',
      '@id': `${url}#article`,
      headline: article.title,
      description: article.summary,
      datePublished: article.publishAt.toISOString(),
      dateModified: article.updatedAt.toISOString(),
      author: person(site, article.author),
      publisher,
      mainEntityOfPage: url,
      inLanguage: 'en-US',
      timeRequired: `PT${article.readingMinutes}M`,
      ...(article.category !== null ? { articleSection: article.category.name } : {}),
      ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
    },
  };
}

export function authorJsonLd(site: SiteContext, author: PublicAuthor): Record<string, unknown> {
  const url = `${site.publicUrl}/authors/${author.slug}`;
  return {
    '@context': CONTEXT,
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      ...person(site, author),
      '@id': `${url}#person`,
      description: author.bio,
      worksFor: clinic(site),
    },
  };
}
