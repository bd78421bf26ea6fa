// "Plan my treatment" at /plan: four form steps and the result, rendered on the
// server. Each step posts the whole state back (hidden fields), so there is no
// session; the last step screens, plans and stores the assessment through the same
// use case as POST /api/v1/assessments, and answers with the result page itself.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { listActiveServices, type PublicClinic } from '../../../db/repositories/clinics.ts';
import { hitBucket } from '../../../db/repositories/rate-limits.ts';
import { RateLimitedError } from '../../../domain/errors.ts';
import { assessCandidate } from '../../../domain/clinical/assess.ts';
import { isIsoDate } from '../../../domain/clinical/iso-date.ts';
import { localDate } from '../../../domain/time-zone.ts';
import { auditActor } from '../../../server/audit/actor.ts';
import { loadScreeningSettings, submitAssessment } from '../../../server/features/assessments/commands.ts';
import { ownPatientId } from '../../../server/features/assessments/routes.ts';
import { renderPage } from '../layout.tsx';
import type { PageMeta, SiteContext } from '../site-context.ts';
import { PDF_FILENAME, renderPlanPdf } from './plan-pdf.ts';
import { ResultView } from './result-page.tsx';
import { AreasStep, ConcernsStep, HealthStep, SkinStep, stepTitle } from './wizard-pages.tsx';
import {
  STEPS,
  buildRequest,
  checkStep,
  firstIncompleteStep,
  questionsForState,
  readState,
  stepOf,
  type FieldError,
  type FormBody,
  type Step,
  type WizardState,
} from './wizard-state.ts';

const script = readFileSync(new URL('../assets/plan.js', import.meta.url));
const scriptVersion = createHash('sha256').update(script).digest('hex').slice(0, 12);
const scriptHref = `/static/plan.js?v=${scriptVersion}`;
const ONE_YEAR = 365 * 24 * 60 * 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const publicRoute = { config: { access: 'public' as const }, schema: { hide: true } };

export interface PlanRouteHelpers {
  loadSite(): Promise<SiteContext>;
}

function sendPage(reply: FastifyReply, site: SiteContext, meta: Omit<PageMeta, 'script'>, content: ReactElement) {
  // Answers about someone's health: never kept in a shared cache or the back-forward cache of another user.
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPage(site, { ...meta, script: scriptHref }, content));
}

function clinicToday(clinic: PublicClinic | undefined): string {
  return localDate(clinic?.timeZone ?? 'UTC', new Date());
}

const PDF_LIMIT = 20;
const PDF_WINDOW_SECONDS = 10 * 60;

export function registerPlanRoutes(app: FastifyInstance, helpers: PlanRouteHelpers): void {
  const { db } = app.services.database;

  function renderStep(
    reply: FastifyReply,
    site: SiteContext,
    step: Step,
    state: WizardState,
    errors: readonly FieldError[] = [],
  ) {
    const title = `${errors.length > 0 ? 'Error: ' : ''}${stepTitle(step)} · Plan my treatment`;
    const meta = {
      title,
      description: 'Answer a few questions and get an explained answer and a draft micro-needling plan.',
      path: '/plan',
      noindex: step !== 'concerns',
    };
    const today = clinicToday(site.clinic);
    const content =
      step === 'concerns' ? (
        <ConcernsStep state={state} errors={errors} />
      ) : step === 'areas' ? (
        <AreasStep state={state} errors={errors} />
      ) : step === 'skin' ? (
        <SkinStep state={state} errors={errors} />
      ) : (
        <HealthStep state={state} errors={errors} questions={questionsForState(state)} today={today} />
      );
    return sendPage(reply, site, meta, content);
  }

  app.get('/plan', publicRoute, async (_request, reply) => {
    const site = await helpers.loadSite();
    return renderStep(reply, site, 'concerns', readState({}));
  });

  app.post('/plan', publicRoute, async (request: FastifyRequest, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const site = await helpers.loadSite();
    const state = readState(body);
    const step = stepOf(body);
    if (step === undefined) return renderStep(reply, site, 'concerns', state);
    const index = STEPS.indexOf(step);
    if (body.go === 'back') return renderStep(reply, site, STEPS[Math.max(0, index - 1)] ?? 'concerns', state);

    if (step !== 'health') {
      const errors = checkStep(step, state);
      if (errors.length > 0) return renderStep(reply, site, step, state, errors);
      const next = STEPS[index + 1] ?? 'health';
      const incomplete = next === 'health' ? firstIncompleteStep(state) : undefined;
      return renderStep(reply, site, incomplete ?? next, state);
    }

    const incomplete = firstIncompleteStep(state);
    if (incomplete !== undefined) return renderStep(reply, site, incomplete, state, checkStep(incomplete, state));
    if (site.clinic === undefined) return reply.callNotFound();
    const today = clinicToday(site.clinic);
    const built = buildRequest(state, today);
    if (built.request === undefined) return renderStep(reply, site, 'health', state, built.errors);

    const clinic = site.clinic;
    const [settings, services] = await Promise.all([
      loadScreeningSettings(db, { id: clinic.id, timeZone: clinic.timeZone }),
      listActiveServices(db, clinic.id),
    ]);
    const result = await submitAssessment(
      db,
      { settings, actor: auditActor(request), patientId: ownPatientId(request), now: new Date() },
      { ...built.request, today },
    );
    const meta = {
      title: 'Your answer and plan · Plan my treatment',
      description: 'Your micro-needling answer and draft plan.',
      path: '/plan',
      noindex: true,
    };
    return sendPage(
      reply,
      site,
      meta,
      <ResultView result={result} state={state} today={today} services={services} printable={false} />,
    );
  });

  // The printable plan and its PDF: the same inputs and date assessed again (nothing is
  // stored a second time). A malformed form goes back to the wizard: `sent` is that reply.
  async function assessAgain(request: FastifyRequest, reply: FastifyReply) {
    const body = (request.body ?? {}) as FormBody;
    const site = await helpers.loadSite();
    const state = readState(body);
    if (site.clinic === undefined || firstIncompleteStep(state) !== undefined) {
      return { sent: reply.redirect('/plan', 303) };
    }
    const clinicDay = clinicToday(site.clinic);
    const sentToday = typeof body.today === 'string' && isIsoDate(body.today) ? body.today : clinicDay;
    const today = sentToday > clinicDay ? clinicDay : sentToday;
    const built = buildRequest(state, today);
    if (built.request === undefined) return { sent: renderStep(reply, site, 'health', state, built.errors) };
    const clinic = site.clinic;
    const [settings, services] = await Promise.all([
      loadScreeningSettings(db, { id: clinic.id, timeZone: clinic.timeZone }),
      listActiveServices(db, clinic.id),
    ]);
    const assessed = assessCandidate(built.request, { policy: settings.policy, prices: settings.prices, today });
    const reference = typeof body.ref === 'string' && UUID.test(body.ref) ? body.ref : undefined;
    return { site, clinic, state, today, services, assessed, reference };
  }

  // Laid out for paper; the browser's print dialog can save it as a PDF too.
  app.post('/plan/print', publicRoute, async (request, reply) => {
    const again = await assessAgain(request, reply);
    if ('sent' in again) return again.sent;
    const { site, state, today, services, assessed } = again;
    const ref = again.reference ?? '00000000-0000-4000-8000-000000000000';
    const meta = {
      title: 'My micro-needling plan (printable)',
      description: 'A printable copy of your micro-needling answer and draft plan.',
      path: '/plan/print',
      noindex: true,
    };
    return sendPage(
      reply,
      site,
      meta,
      <ResultView result={{ id: ref, ...assessed }} state={state} today={today} services={services} printable />,
    );
  });

  app.get('/plan/print', publicRoute, async (_request, reply) => reply.redirect('/plan', 303));

  // The same plan as a PDF file to download (plan-pdf.ts).
  app.post('/plan/pdf', publicRoute, async (request, reply) => {
    // A PDF takes 30-60 ms of the one thread to lay out: cap it per address so a
    // script cannot tie the server up. People print one or two.
    const bucket = await hitBucket(db, `plan-pdf:ip:${request.ip}`, PDF_WINDOW_SECONDS);
    if (bucket.count > PDF_LIMIT) {
      throw new RateLimitedError('Too many PDFs from this address. Wait a few minutes.', bucket.retryAfterSeconds);
    }
    const again = await assessAgain(request, reply);
    if ('sent' in again) return again.sent;
    const pdf = await renderPlanPdf({
      clinicName: again.clinic.name,
      today: again.today,
      result: again.assessed,
      reference: again.reference,
      services: again.services,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${PDF_FILENAME}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get<{ Querystring: { v?: string } }>('/static/plan.js', publicRoute, async (request, reply) => {
    const cacheControl = request.query.v === scriptVersion ? `public, max-age=${ONE_YEAR}, immutable` : 'no-cache';
    return reply.type('text/javascript; charset=utf-8').header('cache-control', cacheControl).send(script);
  });
}
