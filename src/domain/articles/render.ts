// Article Markdown to safe HTML, once per save: the page, the feed and the staff
// preview all show what this returns. Markdown is parsed without raw HTML, then
// the HTML is filtered through a strict allow-list, so nothing an author types
// (or pastes) can run script, load a foreign resource or restyle the page.
import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export interface TocEntry {
  /** The heading's id in the rendered HTML (the fragment of a "#..." link). */
  id: string;
  text: string;
  level: 2 | 3;
}

export interface RenderedArticle {
  html: string;
  /** Headings of level 2 and 3, in reading order. */
  toc: TocEntry[];
  /** At about 220 words a minute, rounded up; at least 1. */
  readingMinutes: number;
  /** The words of the article without any markup, for counting and excerpts. */
  plainText: string;
}

const WORDS_PER_MINUTE = 220;

/**
 * Ids the page around the article already uses: a heading called "Comments" gets
 * "comments-1" instead of stealing the fragment of the comment section.
 */
const RESERVED_IDS = [
  'main',
  'content',
  'top',
  'comments',
  'leave-a-reply',
  'reply',
  'article-title',
  'toc-title',
  'related-title',
  'author-title',
  'next-step-title',
];

/** Images may only come from the clinic's own media store: /media/<file name>. */
const MEDIA_PATH = /^\/media\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function renderArticleMarkdown(source: string): RenderedArticle {
  const tokens = markdown.parse(source, {});
  const slugger = new GithubSlugger();
  for (const id of RESERVED_IDS) slugger.slug(id);
  const toc: TocEntry[] = [];

  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') return;
    // The page's title is the only h1; the body's structure starts at h2 and stops at h4.
    const level = Math.min(Math.max(Number(token.tag.slice(1)), 2), 4);
    token.tag = `h${level}`;
    if (token.type === 'heading_close') return;
    const text = inlineText(tokens[index + 1]).trim();
    const id = slugger.slug(text) || slugger.slug('section');
    token.attrSet('id', id);
    if (level === 2 || level === 3) toc.push({ id, text, level });
  });

  const html = sanitizeHtml(markdown.renderer.render(tokens, markdown.options, {}), sanitizeOptions).trim();
  const plainText = plainTextOf(tokens);
  const words = plainText.split(/\s+/).filter((word) => word.length > 0).length;
  return { html, toc, readingMinutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)), plainText };
}

/**
 * A URL slug from a title: lower-case ASCII letters, digits and single hyphens,
 * at most 80 characters, cut at a word boundary. Never empty ("article").
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > 80) {
      if (slug === '') slug = word.slice(0, 80);
      break;
    }
    slug = next;
  }
  return slug === '' ? 'article' : slug;
}

/** True for absolute http(s) links, which leave the site: those get rel="nofollow noopener". */
function isExternal(href: string): boolean {
  return /^https?:/i.test(href);
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'a',
    'blockquote',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'img',
    'hr',
    'br',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Anything outside the list is dropped but its text kept; these lose their text too.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'iframe', 'object'],
  transformTags: {
    a: (tagName, attribs) => {
      const kept: Record<string, string> = {};
      if (attribs.href !== undefined) kept.href = attribs.href;
      if (attribs.title !== undefined) kept.title = attribs.title;
      if (isExternal(attribs.href ?? '')) kept.rel = 'nofollow noopener';
      return { tagName, attribs: kept };
    },
  },
  // An image from anywhere but /media/ (another site, data:, a relative path) is removed whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !MEDIA_PATH.test(frame.attribs.src ?? ''),
};

function inlineText(token: Token | undefined): string {
  if (token === undefined) return '';
  if (token.children === null) return token.content;
  return token.children
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      return child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : '';
    })
    .join('');
}

function plainTextOf(tokens: Token[]): string {
  const blocks: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline') blocks.push(inlineText(token));
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content.trim());
  }
  return blocks.filter((block) => block.length > 0).join('\n\n');
}
