// The machine-readable side of the site: RSS 2.0 and Atom feeds of the latest
// articles, the sitemap and robots.txt. Written by hand rather than with a feed
// library: the formats are small, and every piece of text goes through one
// escaping function that also drops characters XML 1.0 cannot carry.

export interface FeedInfo {
  title: string;
  description: string;
  /** The site's origin, without a trailing slash. */
  siteUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  /** The latest change to any entry (or now, when there are none). */
  updated: Date;
}

export interface FeedEntry {
  /** Stable across slug changes: the article id. */
  id: string;
  title: string;
  url: string;
  summary: string;
  published: Date;
  updated: Date;
  authorName: string;
  authorUrl: string | null;
  category: string | null;
}

export interface SitemapUrl {
  loc: string;
  lastmod?: Date | null;
}

/** Text or attribute value for XML: escaped, with characters XML 1.0 forbids removed. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, text: string, attributes = ''): string {
  return `<${name}${attributes}>${xmlText(text)}</${name}>`;
}

/** RSS 2.0, with the author as dc:creator (RSS's own author element wants an email, and we show none). */
export function rssFeed(info: FeedInfo, entries: readonly FeedEntry[]): string {
  const items = entries.map((entry) =>
    [
      '<item>',
      element('title', entry.title),
      element('link', entry.url),
      element('guid', `urn:uuid:${entry.id}`, ' isPermaLink="false"'),
      element('pubDate', entry.published.toUTCString()),
      element('dc:creator', entry.authorName),
      ...(entry.category !== null ? [element('category', entry.category)] : []),
      element('description', entry.summary),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', info.title),
    element('link', `${info.siteUrl}/articles`),
    element('description', info.description),
    element('language', 'en-us'),
    `<atom:link href="${xmlText(info.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    element('lastBuildDate', info.updated.toUTCString()),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** Atom (RFC 4287). */
export function atomFeed(info: FeedInfo, entries: readonly FeedEntry[]): string {
  const items = entries.map((entry) =>
    [
      '<entry>',
      element('title', entry.title, ' type="text"'),
      element('id', `urn:uuid:${entry.id}`),
      `<link rel="alternate" type="text/html" href="${xmlText(entry.url)}"/>`,
      element('published', entry.published.toISOString()),
      element('updated', entry.updated.toISOString()),
      '<author>',
      element('name', entry.authorName),
      ...(entry.authorUrl !== null ? [element('uri', entry.authorUrl)] : []),
      '</author>',
      ...(entry.category !== null
        ? [`<category term="${xmlText(entry.category)}" label="${xmlText(entry.category)}"/>`]
        : []),
      element('summary', entry.summary, ' type="text"'),
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US">',
    element('title', info.title, ' type="text"'),
    element('subtitle', info.description, ' type="text"'),
    element('id', `${info.siteUrl}/articles`),
    `<link rel="self" type="application/atom+xml" href="${xmlText(info.feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(`${info.siteUrl}/articles`)}"/>`,
    element('updated', info.updated.toISOString()),
    element('generator', 'Puncta'),
    ...items,
    '</feed>',
    '',
  ].join('\n');
}

/** sitemaps.org protocol 0.9. */
export function sitemapXml(urls: readonly SitemapUrl[]): string {
  const entries = urls.map(
    (url) =>
      `<url>${element('loc', url.loc)}${
        url.lastmod != null ? element('lastmod', url.lastmod.toISOString().replace(/\.\d{3}Z$/, 'Z')) : ''
      }</url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}

/** Crawlers may read the public site; the app, the API and personal printouts are not for them. */
export function robotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /app/',
    'Disallow: /api/',
    'Disallow: /plan/print',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
