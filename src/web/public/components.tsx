// Building blocks shared by the public pages.
import type { ReactNode } from 'react';
import type { PublicService } from '../../db/repositories/clinics.ts';
import { evidenceLevels, type Concern, type EvidenceLevel } from './content/concerns.ts';
import { formatDuration, formatPrice } from './format.ts';
import { links } from './site-context.ts';

export function PageIntro({ eyebrow, title, children }: { eyebrow?: string; title: string; children: ReactNode }) {
  return (
    <div className="page-intro">
      <div className="container narrow">
        {eyebrow !== undefined && <p className="eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        <div className="lead">{children}</div>
      </div>
    </div>
  );
}

export function CallsToAction() {
  return (
    <div className="actions">
      <a className="button button-primary button-large" href={links.planTreatment}>
        Plan my treatment
      </a>
      <a className="button button-secondary button-large" href={links.bookConsultation}>
        Book a consultation
      </a>
    </div>
  );
}

/** The closing band of most pages: one clear next step. */
export function NextStepBand({
  headingId,
  title,
  children,
}: {
  headingId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="band band-brand" aria-labelledby={headingId}>
      <div className="container next-step">
        <div>
          <h2 id={headingId}>{title}</h2>
          <p>{children}</p>
        </div>
        <CallsToAction />
      </div>
    </section>
  );
}

export function EvidenceBadge({ level }: { level: EvidenceLevel }) {
  return <span className={`evidence evidence-${level}`}>{evidenceLevels[level].label}</span>;
}

/**
 * The concerns as cards. Those with very limited evidence span the full row at
 * the end: set apart on purpose, and no odd card left dangling.
 */
export function ConcernGrid({ concerns }: { concerns: readonly Concern[] }) {
  const ordered = [
    ...concerns.filter((concern) => concern.evidence !== 'very-low'),
    ...concerns.filter((concern) => concern.evidence === 'very-low'),
  ];
  return (
    <ul className="card-grid" role="list">
      {ordered.map((concern) => (
        <ConcernCard key={concern.slug} concern={concern} wide={concern.evidence === 'very-low'} />
      ))}
    </ul>
  );
}

export function ConcernCard({ concern, wide = false }: { concern: Concern; wide?: boolean }) {
  return (
    <li className={`card concern-card${wide ? ' concern-card-wide' : ''}`}>
      <EvidenceBadge level={concern.evidence} />
      <h3 className="card-title">
        <a className="card-link" href={`/treatments/${concern.slug}`}>
          {concern.name}
        </a>
      </h3>
      <p>{concern.summary}</p>
      <span className="card-more" aria-hidden="true">
        What to expect →
      </span>
    </li>
  );
}

export function ServiceCard({ service }: { service: PublicService }) {
  const isConsultation = service.kind === 'consultation';
  return (
    <li className={`card service-card${isConsultation ? ' service-card-featured' : ''}`}>
      <div className="service-text">
        {isConsultation && <p className="service-flag">Everyone starts here</p>}
        <h3 className="card-title">{service.name}</h3>
        <p>{service.description}</p>
      </div>
      <dl className="service-facts">
        <div>
          <dt>Price</dt>
          <dd className="price">{formatPrice(service.priceCents, service.currency)}</dd>
        </div>
        <div>
          <dt>Time in clinic</dt>
          <dd>{formatDuration(service.durationMinutes)}</dd>
        </div>
      </dl>
    </li>
  );
}

/** The menu: the consultation first and full width, then the treatments. */
export function ServiceMenu({ services }: { services: readonly PublicService[] }) {
  const ordered = [
    ...services.filter((service) => service.kind === 'consultation'),
    ...services.filter((service) => service.kind !== 'consultation'),
  ];
  return (
    <ul className="card-grid service-grid" role="list">
      {ordered.map((service) => (
        <ServiceCard key={service.id} service={service} />
      ))}
    </ul>
  );
}
