// Article Markdown rendering: structure (headings, table of contents, reading
// time) and safety (whatever an author types, the HTML runs nothing and loads
// nothing from elsewhere).
import { describe, expect, it } from 'vitest';
import { renderArticleMarkdown, slugify } from '../src/domain/articles/render.ts';

/**
 * Every element and attribute in the HTML. Text is escaped, so each "<" opens a
 * real tag, and attribute values are always double-quoted without a raw quote.
 */
function elementsOf(html: string): { tag: string; attributes: Record<string, string> }[] {
  const elements: { tag: string; attributes: Record<string, string> }[] = [];
  const stripped = html.replace(/<\/[a-z0-9]+>/gi, '');
  for (const match of stripped.matchAll(/<([^>]*)>/g)) {
    const inside = match[1]!;
    const tag = /^[a-z0-9]+/i.exec(inside)?.[0] ?? `unparsable: ${inside}`;
    const rest = inside.slice(tag.length).replace(/\s*\/$/, '');
    const attributes: Record<string, string> = {};
    const pattern = /\s+([^\s="]+)="([^"]*)"/gy;
    let consumed = 0;
    for (const attribute of rest.matchAll(pattern)) {
      attributes[attribute[1]!.toLowerCase()] = attribute[2]!;
      consumed += attribute[0].length;
    }
    if (consumed !== rest.length) attributes[`unparsable: ${rest}`] = '';
    elements.push({ tag: tag.toLowerCase(), attributes });
  }
  return elements;
}

const ALLOWED_TAGS = new Set([
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
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'src', 'alt', 'width', 'height', 'id', 'start']);

describe('renderArticleMarkdown: structure', () => {
  it('renders paragraphs, emphasis, lists, quotes, code and tables', () => {
    const { html } = renderArticleMarkdown(
      [
        'Some **strong** and *soft* words.',
        '',
        '- one',
        '- two',
        '',
        '> quoted',
        '',
        '```',
        'code <here>',
        '```',
        '',
        '| a | b |',
        '|---|--:|',
        '| 1 | 2 |',
        '',
        '---',
      ].join('\n'),
    );
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<em>soft</em>');
    expect(html).toContain('<li>two</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<pre><code>code &lt;here&gt;');
    expect(html).toContain('<th>b</th>');
    expect(html).toContain('<td>2</td>');
    expect(html).toContain('<hr />');
    // Column alignment comes as a style attribute, which is not allowed.
    expect(html).not.toContain('style=');
  });

  it('demotes an h1 in the body to h2 and gives headings stable ids for the table of contents', () => {
    const source = '# Starting out\n\n## What it is\n\n### How it “works”\n\n#### A detail\n\n## What it is\n';
    const first = renderArticleMarkdown(source);
    expect(first.html).not.toContain('<h1');
    expect(first.html).toContain('<h2 id="starting-out">Starting out</h2>');
    expect(first.html).toContain('<h4 id="a-detail">A detail</h4>');
    expect(first.toc).toEqual([
      { id: 'starting-out', text: 'Starting out', level: 2 },
      { id: 'what-it-is', text: 'What it is', level: 2 },
      { id: 'how-it-works', text: 'How it “works”', level: 3 },
      { id: 'what-it-is-1', text: 'What it is', level: 2 },
    ]);
    // The same text always gives the same ids: links to #what-it-is keep working.
    expect(renderArticleMarkdown(source).toc).toEqual(first.toc);
  });

  it('keeps heading ids clear of the ids the page itself uses', () => {
    const { toc } = renderArticleMarkdown('## Comments\n\n## Main\n');
    expect(toc.map((entry) => entry.id)).toEqual(['comments-1', 'main-1']);
  });

  it('gives a heading of only punctuation an id all the same', () => {
    const { toc } = renderArticleMarkdown('## ???\n');
    expect(toc[0]?.id).toMatch(/^section/);
  });

  it('counts reading time at about 220 words a minute, rounded up, at least one minute', () => {
    expect(renderArticleMarkdown('Short.').readingMinutes).toBe(1);
    expect(renderArticleMarkdown('').readingMinutes).toBe(1);
    const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(' ');
    expect(renderArticleMarkdown(words(220)).readingMinutes).toBe(1);
    expect(renderArticleMarkdown(words(221)).readingMinutes).toBe(2);
    expect(renderArticleMarkdown(`${words(300)}\n\n## Heading\n\n${words(300)}`).readingMinutes).toBe(3);
  });

  it('gives the plain text without markup, with words on separate lines kept apart', () => {
    const { plainText } = renderArticleMarkdown('## Title\n\nOne **two**\nthree [four](https://example.com).\n');
    expect(plainText).toBe('Title\n\nOne two three four.');
  });

  it('links bare URLs and marks links that leave the site nofollow', () => {
    const { html } = renderArticleMarkdown(
      'See https://pubmed.ncbi.nlm.nih.gov/123/ and [our prices](/treatments) and [write](mailto:hello@clinic.test).',
    );
    expect(html).toContain('<a href="https://pubmed.ncbi.nlm.nih.gov/123/" rel="nofollow noopener">');
    expect(html).toContain('<a href="/treatments">our prices</a>');
    expect(html).toContain('<a href="mailto:hello@clinic.test">write</a>');
  });

  it('uses typographic quotes and dashes', () => {
    expect(renderArticleMarkdown('"Quoted" -- and --- dashes').html).toContain('“Quoted” – and — dashes');
  });

  it('keeps images from the media store and drops any other', () => {
    const { html } = renderArticleMarkdown(
      [
        '![A treated cheek](/media/cheek-after.webp)',
        '![remote](https://images.example.com/x.png)',
        '![protocol relative](//images.example.com/media/x.png)',
        '![relative](media/x.png)',
        '![climbing out](/media/../app/secret)',
      ].join('\n\n'),
    );
    expect(html).toContain('<img src="/media/cheek-after.webp" alt="A treated cheek" />');
    expect(html).not.toContain('example.com');
    expect(html).not.toContain('alt="remote"');
    expect(html).not.toContain('..');
    expect(html.match(/<img/g)).toHaveLength(1);
  });
});

describe('renderArticleMarkdown: hostile input is inert', () => {
  const attacks: Record<string, string> = {
    'a raw script tag': '<script>alert(1)</script>',
    'a script tag inside a paragraph': 'Hello <script src="https://evil.example/x.js"></script> world',
    'an image with onerror': '<img src=x onerror="alert(1)">',
    'an event handler on a made-up element': '<div onmouseover="alert(1)">hover</div>',
    'inline SVG with onload': '<svg onload="alert(1)"><circle r="1"/></svg>',
    'an iframe': '<iframe src="https://evil.example"></iframe>',
    'a style element': '<style>body{display:none}</style>',
    'a javascript: link': '[click](javascript:alert(1))',
    'a javascript: link in mixed case': '[click](JaVaScRiPt:alert(1))',
    'a javascript: link with an entity': '[click](javascript&#58;alert(1))',
    'a javascript: link with a tab inside': '[click](java\tscript:alert(1))',
    'a vbscript: link': '[click](vbscript:msgbox(1))',
    'a data: link': '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    'a data: image': '![x](data:image/png;base64,iVBORw0KGgo=)',
    'an SVG data: image': '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    'an SVG file from elsewhere': '![x](https://evil.example/x.svg)',
    'a reference-style javascript: link': '[click][evil]\n\n[evil]: javascript:alert(1)',
    'an autolink with javascript:': '<javascript:alert(1)>',
    'a title attribute breaking out': '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
    'an HTML comment': '<!-- <script>alert(1)</script> -->',
  };

  it.each(Object.entries(attacks))('%s', (_name, source) => {
    const { html } = renderArticleMarkdown(source);
    for (const { tag, attributes } of elementsOf(html)) {
      expect(ALLOWED_TAGS, `<${tag}> in ${html}`).toContain(tag);
      for (const [name, value] of Object.entries(attributes)) {
        expect(ALLOWED_ATTRIBUTES, `${name}= in ${html}`).toContain(name);
        if (name === 'href' || name === 'src') expect(value).toMatch(/^(https?:|mailto:|\/(?!\/)|#)/i);
      }
    }
  });

  it('(the check above does see live markup)', () => {
    expect(elementsOf('<p>x<img src="/media/a.png" onerror="alert(1)" /></p><svg>')).toEqual([
      { tag: 'p', attributes: {} },
      { tag: 'img', attributes: { src: '/media/a.png', onerror: 'alert(1)' } },
      { tag: 'svg', attributes: {} },
    ]);
  });

  it('shows raw HTML as text rather than dropping what the author wrote', () => {
    expect(renderArticleMarkdown('Use <b>bold</b> here').html).toBe('<p>Use &lt;b&gt;bold&lt;/b&gt; here</p>');
  });
});

describe('slugify', () => {
  it.each([
    ['What is micro-needling?', 'what-is-micro-needling'],
    ['Recovery: day by day — what’s normal', 'recovery-day-by-day-whats-normal'],
    ['  Crème brûlée & Ça va  ', 'creme-brulee-ca-va'],
    ['PRP + needling (2024)', 'prp-needling-2024'],
    ['!!!', 'article'],
    ['', 'article'],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('stays within 80 characters and ends on a whole word', () => {
    const slug = slugify('Everything you wanted to know about collagen induction therapy '.repeat(3));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect('everything-you-wanted-to-know-about-collagen-induction-therapy-everything-you').toBe(slug);
  });
});
