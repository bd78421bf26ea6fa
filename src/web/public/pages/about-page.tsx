// Who the clinic is, who treats there, how it works and how to get there.
import type { PublicPractitioner } from '../../../db/repositories/clinics.ts';
import { NextStepBand, PageIntro } from '../components.tsx';
import { telHref, timeZoneName } from '../format.ts';
import { clinicName, type SiteContext } from '../site-context.ts';

export function aboutDescription(site: SiteContext): string {
  return `Meet the team at ${clinicName(site)}, see how we plan and carry out micro-needling, and find our address and contact details.`;
}

export function AboutPage({ site, practitioners }: { site: SiteContext; practitioners: PublicPractitioner[] }) {
  const name = clinicName(site);
  const clinic = site.clinic;
  return (
    <>
      <PageIntro eyebrow="About us" title={`About ${name}`}>
        <p>
          We are a small dermatology team with a narrow focus: collagen induction therapy, done carefully. We would
          rather tell you that micro-needling is not the right tool for you than sell you a course that cannot deliver.
        </p>
      </PageIntro>

      <section className="section" aria-labelledby="team-title">
        <div className="container">
          <div className="section-head">
            <h2 id="team-title">Who will treat you</h2>
            <p>Every treatment is planned and carried out by a licensed clinician.</p>
          </div>
          {practitioners.length > 0 ? (
            <ul className="card-grid team-grid" role="list">
              {practitioners.map((practitioner) => (
                <li key={practitioner.userId} className="card person-card">
                  <span className="avatar" aria-hidden="true">
                    {initials(practitioner.displayName)}
                  </span>
                  <div>
                    <h3 className="card-title">{practitioner.displayName}</h3>
                    {practitioner.title !== null && <p className="person-title">{practitioner.title}</p>}
                    {practitioner.bio !== null && <p>{practitioner.bio}</p>}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <div className="card empty-note">
              <h3>Our team page is being written</h3>
              <p>You will meet your practitioner at your consultation.</p>
            </div>
          )}
        </div>
      </section>

      <section className="section section-tinted" aria-labelledby="principles-title">
        <div className="container">
          <div className="section-head">
            <h2 id="principles-title">How we work</h2>
          </div>
          <ul className="card-grid principles" role="list">
            <li className="card">
              <h3 className="card-title">Screening before needles</h3>
              <p>
                Your health, medicines and skin are reviewed before your first session and checked again before each
                one. When something needs a doctor's judgement, a doctor makes it.
              </p>
            </li>
            <li className="card">
              <h3 className="card-title">A plan in writing</h3>
              <p>
                Sessions, time between them, depth range per area, downtime and the full cost: written down, yours to
                take home and think over.
              </p>
            </li>
            <li className="card">
              <h3 className="card-title">Sterile, single-use, recorded</h3>
              <p>
                A new sterile cartridge for every treatment. We record the device, cartridge lot and settings used on
                each area, so your care can be traced and repeated.
              </p>
            </li>
            <li className="card">
              <h3 className="card-title">Honest about results</h3>
              <p>
                Change comes slowly, over months, and differs between people. We compare standard photos taken in the
                same light rather than relying on memory.
              </p>
            </li>
          </ul>
        </div>
      </section>

      <section className="section" aria-labelledby="visit-title">
        <div className="container split split-even">
          <div>
            <h2 id="visit-title">Visit us</h2>
            {clinic !== undefined && clinic.addressLines.length > 0 && (
              <address className="visit-address">
                <strong>{name}</strong>
                {clinic.addressLines.map((line) => (
                  <span key={line} className="address-line">
                    {line}
                  </span>
                ))}
              </address>
            )}
            <p>Treatments and consultations are by appointment only, so that we always have time for you.</p>
          </div>
          <div className="card">
            <h3 className="card-title">Get in touch</h3>
            <dl className="glance-list">
              {clinic?.phone != null && (
                <div>
                  <dt>Phone</dt>
                  <dd>
                    <a href={telHref(clinic.phone)}>{clinic.phone}</a>
                  </dd>
                </div>
              )}
              {clinic?.email != null && (
                <div>
                  <dt>Email</dt>
                  <dd>
                    <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
                  </dd>
                </div>
              )}
              {clinic !== undefined && (
                <div>
                  <dt>Appointment times</dt>
                  <dd>Shown in {timeZoneName(clinic.timeZone)}, the clinic's local time</dd>
                </div>
              )}
            </dl>
          </div>
        </div>
      </section>

      <NextStepBand headingId="next-step-title" title="Start with a conversation">
        Book a consultation to meet a practitioner, or answer a few questions online first.
      </NextStepBand>
    </>
  );
}

function initials(displayName: string): string {
  const words = displayName
    .replace(/^(Dr|Mr|Ms|Mrs|Mx)\.?\s+/i, '')
    .split(/[\s,]+/)
    .filter((word) => /^[A-Za-z]/.test(word) && word.toUpperCase() !== word);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
