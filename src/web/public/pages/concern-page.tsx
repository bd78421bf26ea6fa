// One concern in depth: what micro-needling can do for it, how strong the
// evidence is, what a course looks like and what it costs at this clinic.
import type { PublicService } from '../../../db/repositories/clinics.ts';
import { ConcernCard, EvidenceBadge, NextStepBand, ServiceMenu } from '../components.tsx';
import { concerns, evidenceLevels, type Concern } from '../content/concerns.ts';

export function ConcernPage({ concern, services }: { concern: Concern; services: PublicService[] }) {
  const offered = services.filter((service) => concern.serviceCodes.includes(service.code));
  const others = concerns.filter((other) => other.slug !== concern.slug).slice(0, 3);
  return (
    <>
      <div className="page-intro">
        <div className="container narrow">
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <ol>
              <li>
                <a href="/treatments">Treatments</a>
              </li>
              <li>
                <a href={`/treatments/${concern.slug}`} aria-current="page">
                  {concern.name}
                </a>
              </li>
            </ol>
          </nav>
          <h1>{concern.title}</h1>
          <p className="lead">{concern.summary}</p>
        </div>
      </div>

      <div className="section">
        <div className="container concern-layout">
          <article className="prose" aria-labelledby="can-do-title">
            <h2 id="can-do-title">What it can do</h2>
            {concern.overview.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
            <h2>Good to know</h2>
            <ul className="check-list">
              {concern.goodToKnow.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </article>
          <aside className="concern-aside" aria-label="Evidence and typical course">
            <section className="card" aria-labelledby="evidence-title">
              <h2 id="evidence-title" className="card-title">
                How strong is the evidence?
              </h2>
              <EvidenceBadge level={concern.evidence} />
              <p>{concern.evidenceNote}</p>
              <p className="small">{evidenceLevels[concern.evidence].meaning}</p>
            </section>
            {concern.course !== undefined && (
              <section className="card" aria-labelledby="course-title">
                <h2 id="course-title" className="card-title">
                  A typical course
                </h2>
                <dl className="glance-list">
                  <div>
                    <dt>Sessions</dt>
                    <dd>{concern.course.sessions}</dd>
                  </div>
                  <div>
                    <dt>Time between sessions</dt>
                    <dd>{concern.course.interval}</dd>
                  </div>
                  <div>
                    <dt>When to judge the result</dt>
                    <dd>{concern.course.judgeResults}</dd>
                  </div>
                </dl>
                <p className="small">Your own plan may differ: it is set after your consultation.</p>
              </section>
            )}
          </aside>
        </div>
      </div>

      {offered.length > 0 && (
        <section className="section section-tinted" aria-labelledby="prices-title">
          <div className="container">
            <div className="section-head">
              <h2 id="prices-title">On our menu</h2>
              <p>Prices are per session. Everyone starts with a consultation.</p>
            </div>
            <ServiceMenu services={offered} />
          </div>
        </section>
      )}

      <section className="section" aria-labelledby="other-title">
        <div className="container">
          <div className="section-head">
            <h2 id="other-title">Other concerns</h2>
          </div>
          <ul className="card-grid" role="list">
            {others.map((other) => (
              <ConcernCard key={other.slug} concern={other} />
            ))}
          </ul>
          <p>
            <a className="text-link" href="/treatments#safety">
              Safety: what to expect and who should wait
            </a>
          </p>
        </div>
      </section>

      <NextStepBand headingId="next-step-title" title="Is it right for you?">
        A short questionnaire gives you an explained answer and a draft plan; a consultation turns it into a plan signed
        off by a practitioner.
      </NextStepBand>
    </>
  );
}
