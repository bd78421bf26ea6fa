// The frame of every public page: head (title, description, canonical, Open
// Graph), skip link, header with navigation, main landmark and footer. Pages are
// plain HTML and CSS: no script runs, so they work with JavaScript switched off.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { clinicName, links, type PageMeta, type SiteContext } from './site-context.ts';
import { telHref } from './format.ts';
import { LogoMark } from '../app/shell/logo-mark.tsx';

const navigation = [
  { href: '/', label: 'Home' },
  { href: '/treatments', label: 'Treatments' },
  { href: '/articles', label: 'Articles' },
  { href: '/about', label: 'About us' },
  // "Portal" alone on phones, so that the four links fit on one line.
  { href: links.portal, label: 'Patient portal', narrowLabel: 'Portal' },
] as const;

/** Renders a whole HTML document for a public page. */
export function renderPage(site: SiteContext, meta: PageMeta, content: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(
    <Document site={site} meta={meta}>
      {content}
    </Document>,
  )}`;
}

function Document({ site, meta, children }: { site: SiteContext; meta: PageMeta; children: ReactNode }) {
  const name = clinicName(site);
  const canonical = `${site.publicUrl}${meta.path === '/' ? '/' : meta.path}`;
  const fullTitle = meta.path === '/' ? meta.title : `${meta.title} · ${name}`;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex === true ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:site_name" content={name} />
        <meta property="og:title" content={fullTitle} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content="en_US" />
        {meta.published !== undefined && (
          <meta property="article:published_time" content={meta.published.toISOString()} />
        )}
        {meta.modified !== undefined && <meta property="article:modified_time" content={meta.modified.toISOString()} />}
        {meta.authorUrl !== undefined && <meta property="article:author" content={meta.authorUrl} />}
        <meta name="theme-color" content="#0d6b66" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={site.stylesheetHref} />
        <link rel="alternate" type="application/rss+xml" title={`${name}: articles (RSS)`} href="/feed.xml" />
        <link rel="alternate" type="application/atom+xml" title={`${name}: articles (Atom)`} href="/atom.xml" />
        {meta.jsonLd !== undefined && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(meta.jsonLd) }} />
        )}
        {meta.script !== undefined && <script src={meta.script} defer />}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {site.demo && (
          <aside className="demo-banner" aria-label="Demo notice">
            <p>
              <strong>Demo clinic.</strong> This site runs on sample data: names, phone numbers and prices are examples.
            </p>
          </aside>
        )}
        <SiteHeader site={site} currentPath={meta.path} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter site={site} />
      </body>
    </html>
  );
}

/**
 * JSON that is safe inside a <script> element: "<", ">" and "&" become \u escapes
 * (so "</script>" or "<!--" in a title cannot end or bend the element), and so do
 * the two line separators JavaScript once refused in strings.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function isCurrent(href: string, currentPath: string): boolean {
  const path = currentPath.split('?')[0] ?? currentPath;
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

function SiteHeader({ site, currentPath }: { site: SiteContext; currentPath: string }) {
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <a className="brand" href="/">
          <LogoMark size={36} className="logo-mark" />
          <span className="brand-name">{clinicName(site)}</span>
        </a>
        <nav className="site-nav" aria-label="Main">
          <ul>
            {navigation.map((item) => (
              <li key={item.href} className={item.href === '/' ? 'nav-home' : undefined}>
                <a href={item.href} aria-current={isCurrent(item.href, currentPath) ? 'page' : undefined}>
                  {'narrowLabel' in item ? (
                    <>
                      <span className="hide-narrow">{item.label}</span>
                      <span className="show-narrow">{item.narrowLabel}</span>
                    </>
                  ) : (
                    item.label
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <a className="button button-primary header-cta" href={links.bookConsultation}>
          Book<span className="hide-narrow"> a consultation</span>
        </a>
      </div>
    </header>
  );
}

function SiteFooter({ site }: { site: SiteContext }) {
  const clinic = site.clinic;
  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <section aria-labelledby="footer-clinic">
          <h2 id="footer-clinic" className="footer-heading">
            {clinicName(site)}
          </h2>
          {clinic !== undefined && clinic.addressLines.length > 0 && (
            <address>
              {clinic.addressLines.map((line) => (
                <span key={line} className="address-line">
                  {line}
                </span>
              ))}
            </address>
          )}
          <ul className="footer-list">
            {clinic?.phone != null && (
              <li>
                <a href={telHref(clinic.phone)}>{clinic.phone}</a>
              </li>
            )}
            {clinic?.email != null && (
              <li>
                <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
              </li>
            )}
          </ul>
        </section>
        <nav aria-labelledby="footer-explore">
          <h2 id="footer-explore" className="footer-heading">
            Explore
          </h2>
          <ul className="footer-list">
            <li>
              <a href="/treatments">Treatments and prices</a>
            </li>
            <li>
              <a href="/treatments#safety">Safety and who should wait</a>
            </li>
            <li>
              <a href="/about">About us and our team</a>
            </li>
            <li>
              <a href="/articles">Articles</a>
            </li>
          </ul>
        </nav>
        <nav aria-labelledby="footer-patients">
          <h2 id="footer-patients" className="footer-heading">
            Patients
          </h2>
          <ul className="footer-list">
            <li>
              <a href={links.planTreatment}>Plan my treatment</a>
            </li>
            <li>
              <a href={links.bookConsultation}>Book a consultation</a>
            </li>
            <li>
              <a href={links.signIn}>Sign in to the patient portal</a>
            </li>
          </ul>
        </nav>
      </div>
      <div className="container footer-small">
        <p>
          The information on this site is general and does not replace a consultation. Results differ from person to
          person and take months to show.
        </p>
        <p>Runs on Puncta, open-source software for micro-needling clinics.</p>
      </div>
    </footer>
  );
}
