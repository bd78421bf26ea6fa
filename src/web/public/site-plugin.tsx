// The clinic's public pages, rendered on the server as plain HTML and CSS:
// fast, indexable, and fully usable with JavaScript switched off.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';
import { findPublicClinic, listActiveServices, listPractitioners } from '../../db/repositories/clinics.ts';
import { findConcern } from './content/concerns.ts';
import { renderPage } from './layout.tsx';
import type { SiteContext } from './site-context.ts';
import { HomePage, homeDescription } from './pages/home-page.tsx';
import { TreatmentsPage, treatmentsDescription } from './pages/treatments-page.tsx';
import { ConcernPage } from './pages/concern-page.tsx';
import { AboutPage, aboutDescription } from './pages/about-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { ServerErrorPage } from './pages/server-error-page.tsx';
import { registerPlanRoutes } from './plan/plan-routes.tsx';
import { registerArticleRoutes } from './articles/article-routes.tsx';
import { listPublicArticles } from '../../db/repositories/articles-public.ts';

const stylesheet = readFileSync(new URL('./assets/site.css', import.meta.url));
const favicon = readFileSync(new URL('./brand/favicon.svg', import.meta.url));
/** Changes whenever the CSS does, so browsers may cache each version forever. */
const stylesheetVersion = createHash('sha256').update(stylesheet).digest('hex').slice(0, 12);
const stylesheetHref = `/static/site.css?v=${stylesheetVersion}`;

const ONE_YEAR = 365 * 24 * 60 * 60;
// HTML pages and files are not API operations: keep them out of the OpenAPI document.
const publicRoute = { config: { access: 'public' as const }, schema: { hide: true } };

/**
 * The 404 page is rendered without touching the database (it must never fail), so
 * it shows the clinic name last seen by a page render, if any.
 */
let lastKnownSite: Pick<SiteContext, 'clinic' | 'demo' | 'publicUrl'> = {
  clinic: undefined,
  demo: false,
  publicUrl: '',
};

export function renderNotFoundPage(_request: FastifyRequest): string {
  const site: SiteContext = { ...lastKnownSite, stylesheetHref };
  return renderPage(
    site,
    {
      title: 'Page not found',
      description: 'The page you asked for does not exist.',
      path: '/404',
      noindex: true,
    },
    <NotFoundPage />,
  );
}

/** The HTML 500 for people browsing the site; built from what is already known, no database call. */
export function renderServerErrorPage(request: FastifyRequest): string {
  const site: SiteContext = { ...lastKnownSite, stylesheetHref };
  return renderPage(
    site,
    { title: 'Something went wrong', description: 'The page could not be shown.', path: '/500', noindex: true },
    <ServerErrorPage requestId={request.id} phone={site.clinic?.phone ?? null} />,
  );
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  // Pages show live prices and team details: revalidate rather than serve stale copies.
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
}

export default async function publicSite(app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  async function loadSite(): Promise<SiteContext> {
    const clinic = await findPublicClinic(app.services.database.db);
    const site: SiteContext = {
      clinic,
      publicUrl: config.http.publicUrl,
      demo: config.demo.enabled,
      stylesheetHref,
    };
    lastKnownSite = { clinic, demo: site.demo, publicUrl: site.publicUrl };
    return site;
  }

  // Learn the clinic's name at start, so that even a first request for a missing
  // page shows it. A database that is not ready yet just leaves the neutral name.
  app.addHook('onReady', async () => {
    await loadSite().catch(() => undefined);
  });

  app.get('/', publicRoute, async (_request, reply) => {
    const site = await loadSite();
    const title = `${site.clinic === undefined ? '' : `${site.clinic.name} · `}Micro-needling, planned and explained`;
    const meta = { title, description: homeDescription(site), path: '/' };
    const latest =
      site.clinic === undefined
        ? []
        : (await listPublicArticles(app.services.database.db, site.clinic.id, new Date(), { limit: 3 })).items;
    return sendHtml(reply, renderPage(site, meta, <HomePage site={site} latestArticles={latest} />));
  });

  app.get('/treatments', publicRoute, async (_request, reply) => {
    const site = await loadSite();
    const services =
      site.clinic === undefined ? [] : await listActiveServices(app.services.database.db, site.clinic.id);
    const meta = { title: 'Treatments and prices', description: treatmentsDescription(site), path: '/treatments' };
    return sendHtml(reply, renderPage(site, meta, <TreatmentsPage site={site} services={services} />));
  });

  app.get<{ Params: { slug: string } }>('/treatments/:slug', publicRoute, async (request, reply) => {
    const concern = findConcern(request.params.slug);
    if (concern === undefined) return reply.callNotFound();
    const site = await loadSite();
    const services =
      site.clinic === undefined ? [] : await listActiveServices(app.services.database.db, site.clinic.id);
    const meta = { title: concern.title, description: concern.summary, path: `/treatments/${concern.slug}` };
    return sendHtml(reply, renderPage(site, meta, <ConcernPage concern={concern} services={services} />));
  });

  app.get('/about', publicRoute, async (_request, reply) => {
    const site = await loadSite();
    const practitioners =
      site.clinic === undefined ? [] : await listPractitioners(app.services.database.db, site.clinic.id);
    const meta = { title: 'About us and our team', description: aboutDescription(site), path: '/about' };
    return sendHtml(reply, renderPage(site, meta, <AboutPage site={site} practitioners={practitioners} />));
  });

  registerPlanRoutes(app, { loadSite });
  registerArticleRoutes(app, { loadSite, publicUrl: config.http.publicUrl });

  app.get<{ Querystring: { v?: string } }>('/static/site.css', publicRoute, async (request, reply) => {
    // Only the current version may be cached for good; anything else revalidates.
    const cacheControl = request.query.v === stylesheetVersion ? `public, max-age=${ONE_YEAR}, immutable` : 'no-cache';
    return reply.type('text/css; charset=utf-8').header('cache-control', cacheControl).send(stylesheet);
  });

  app.get('/favicon.svg', publicRoute, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );
}

/** Answer of /app on an install whose browser app has not been built yet. */
export function renderAppNotBuiltPage(): string {
  const site: SiteContext = { ...lastKnownSite, stylesheetHref };
  return renderPage(
    site,
    {
      title: 'The web app is not built',
      description: 'The browser app of this Puncta install has not been built yet.',
      path: '/app',
      noindex: true,
    },
    <div className="page-intro page-intro-plain">
      <div className="container narrow">
        <p className="eyebrow">Patient portal</p>
        <h1>The web app is not built yet</h1>
        <p className="lead">
          This server has no build of the browser app. Run <code>npm run build</code> in the Puncta folder, then restart
          the server. (<code>npm start</code> builds it for you when it is missing.)
        </p>
        <p>
          The public pages work without it: <a href="/">home</a>, <a href="/treatments">treatments</a> and{' '}
          <a href="/about">about us</a>.
        </p>
      </div>
    </div>,
  );
}
