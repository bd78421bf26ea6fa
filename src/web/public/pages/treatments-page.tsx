// The service menu with prices, the concerns we treat with their evidence grade,
// and the safety facts every patient should read before booking.
import type { PublicService } from '../../../db/repositories/clinics.ts';
import { ConcernGrid, NextStepBand, PageIntro, ServiceMenu } from '../components.tsx';
import { concerns } from '../content/concerns.ts';
import { telHref } from '../format.ts';
import { clinicName, type SiteContext } from '../site-context.ts';

export function treatmentsDescription(site: SiteContext): string {
  return `Micro-needling treatments and prices at ${clinicName(site)}, what each concern can expect, how strong the evidence is, and who should wait.`;
}

export function TreatmentsPage({ site, services }: { site: SiteContext; services: PublicService[] }) {
  return (
    <>
      <PageIntro eyebrow="Treatments" title="Treatments and prices">
        <p>
          Every course starts with a consultation. Prices are per session; your written plan lists how many sessions you
          are likely to need and the total cost before you commit to anything.
        </p>
      </PageIntro>

      <section className="section" aria-labelledby="menu-title">
        <div className="container">
          <div className="section-head">
            <h2 id="menu-title">Our service menu</h2>
          </div>
          {services.length > 0 ? <ServiceMenu services={services} /> : <MenuBeingUpdated site={site} />}
        </div>
      </section>

      <section className="section section-tinted" aria-labelledby="concerns-title">
        <div className="container">
          <div className="section-head">
            <h2 id="concerns-title">Concerns we treat</h2>
            <p>
              What to expect for each concern, how many sessions studies used, and how strong the evidence is. Choose
              one to read more.
            </p>
          </div>
          <ConcernGrid concerns={concerns} />
        </div>
      </section>

      <SafetySection />

      <NextStepBand headingId="next-step-title" title="Ready to talk it through?">
        A consultation covers your skin, your health and your goals, and ends with a written plan. There is no
        obligation to go ahead.
      </NextStepBand>
    </>
  );
}

function MenuBeingUpdated({ site }: { site: SiteContext }) {
  const phone = site.clinic?.phone;
  return (
    <div className="card empty-note">
      <h3>Our price list is being updated</h3>
      <p>
        {phone != null ? (
          <>
            Call us on <a href={telHref(phone)}>{phone}</a> for current prices, or book a consultation and we will go
            through them with you.
          </>
        ) : (
          <>Book a consultation and we will go through current prices with you.</>
        )}
      </p>
    </div>
  );
}

function SafetySection() {
  return (
    <section className="section" id="safety" aria-labelledby="safety-title">
      <div className="container">
        <div className="section-head">
          <h2 id="safety-title">Safety: what to expect and who should wait</h2>
          <p>
            Micro-needling is a well-tolerated procedure, but it is a procedure: it is not free of risk, and it is not
            right for everyone at every moment. This is what the published studies report.
          </p>
        </div>
        <div className="safety-grid">
          <div className="card">
            <h3>Expected, and short-lived</h3>
            <ul className="check-list">
              <li>Redness and warmth like a moderate sunburn, fading over hours to a couple of days</li>
              <li>Mild swelling, tightness and tenderness</li>
              <li>Pinpoint bleeding during treatment</li>
              <li>Dryness, fine flaking and occasional small bruises for a few days</li>
            </ul>
            <p className="small">These usually settle within a week with simple care.</p>
          </div>
          <div className="card">
            <h3>Less common, and why we screen</h3>
            <ul className="check-list">
              <li>
                Temporary darkening of treated skin, more likely in darker skin types (reported in up to about one in
                five people in some studies, and in none in others)
              </li>
              <li>A cold sore flare in people who get them</li>
              <li>Skin infection</li>
              <li>Rarely, lines of marks along the treatment tracks</li>
              <li>
                Rarely, firm lumps from a reaction to a product applied during needling. We use only products meant for
                needled skin.
              </li>
            </ul>
          </div>
          <div className="card">
            <h3>We will not treat (yet) if you</h3>
            <ul className="check-list">
              <li>are pregnant or breastfeeding</li>
              <li>are taking isotretinoin now</li>
              <li>have active, inflamed acne in the area: we treat the acne first</li>
              <li>have a cold sore, infection, open wound or irritated skin in the area</li>
              <li>have a skin cancer in the area</li>
              <li>have a bleeding disorder</li>
              <li>are allergic to stainless steel or to numbing medicines</li>
              <li>have a fresh sunburn</li>
            </ul>
          </div>
          <div className="card">
            <h3>A doctor reviews your case first if you</h3>
            <ul className="check-list">
              <li>take blood thinners (never stop them without your prescriber)</li>
              <li>have stopped isotretinoin in the past year</li>
              <li>tend to form keloid or raised scars</li>
              <li>have diabetes, an autoimmune condition, or take medicines that lower immunity</li>
              <li>have eczema or psoriasis near the area</li>
              <li>have had fillers, wrinkle-relaxing injections, a peel or laser treatment in the area recently</li>
            </ul>
          </div>
        </div>
        <div className="card alert-card">
          <h3>After treatment, call us if</h3>
          <p>
            redness, warmth, pain or swelling get worse instead of better, or you see pus; you have a fever or chills;
            blisters or a cold sore appear; redness has not settled after about a week; or new red bumps, dark patches
            or lines appear in the days and weeks after.
          </p>
        </div>
      </div>
    </section>
  );
}
