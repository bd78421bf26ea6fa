// The home page: what micro-needling is, what it can help with and how sure we
// are, what a course looks like, and how we keep it safe.
import { CallsToAction, ConcernGrid, NextStepBand } from '../components.tsx';
import { concerns } from '../content/concerns.ts';
import { clinicName, type SiteContext } from '../site-context.ts';
import type { PublicArticleSummary } from '../../../db/repositories/articles-public.ts';
import { LatestArticles } from '../articles/article-components.tsx';

export function homeDescription(site: SiteContext): string {
  return `Micro-needling (collagen induction therapy) at ${clinicName(site)}: screening by clinicians, a written plan, honest evidence and day-by-day aftercare.`;
}

export function HomePage({
  site,
  latestArticles = [],
}: {
  site: SiteContext;
  latestArticles?: readonly PublicArticleSummary[];
}) {
  const name = clinicName(site);
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero-grid">
          <div className="hero-text">
            <p className="eyebrow">Collagen induction therapy</p>
            <h1 id="hero-title">Micro-needling, planned around your skin and explained honestly</h1>
            <p className="lead">
              At {name} a clinician screens your health and skin first, writes down a plan you can read at home, and
              stays with you through every day of recovery. No rushed sales, no promises the evidence cannot keep.
            </p>
            <CallsToAction />
            <p className="hero-note">
              Not sure yet? “Plan my treatment” asks a few questions and explains, in plain words, whether
              micro-needling suits you.
            </p>
          </div>
          <aside className="glance card" aria-labelledby="glance-title">
            <h2 id="glance-title" className="glance-title">
              A typical course at a glance
            </h2>
            <dl className="glance-list">
              <div>
                <dt>Sessions</dt>
                <dd>Usually 3 to 6, depending on the concern</dd>
              </div>
              <div>
                <dt>Time between sessions</dt>
                <dd>Most often about 4 weeks</dd>
              </div>
              <div>
                <dt>Time in clinic</dt>
                <dd>About an hour, including numbing</dd>
              </div>
              <div>
                <dt>Downtime</dt>
                <dd>Redness for hours to a day or two; dry, flaky skin for a few days</dd>
              </div>
              <div>
                <dt>Results</dt>
                <dd>Build slowly, over 3 to 6 months after the last session</dd>
              </div>
            </dl>
          </aside>
        </div>
      </section>

      <section className="section" aria-labelledby="what-title">
        <div className="container split">
          <div>
            <h2 id="what-title">What micro-needling is</h2>
            <p>
              Micro-needling uses a motorised pen with a cartridge of very fine, sterile needles. Passed over the skin,
              it makes thousands of tiny, evenly spaced channels in the skin. The skin repairs them, and in doing so
              builds new collagen and elastic tissue over the following weeks and months.
            </p>
            <p>
              Unlike resurfacing lasers and deep peels, needling leaves the surface of the skin largely in place, and it
              does not target pigment. That is why it can be used on every skin type and repeated, with extra care in
              darker skin, where temporary darkening after treatment is more common.
            </p>
            <p>
              Pens for aesthetic micro-needling are regulated medical devices in the United States. We use a new sterile
              cartridge for every patient, opened in front of you and thrown away afterwards.
            </p>
          </div>
          <SkinIllustration />
        </div>
      </section>

      <section className="section section-tinted" aria-labelledby="concerns-title">
        <div className="container">
          <div className="section-head">
            <h2 id="concerns-title">What it can help with, and how sure we are</h2>
            <p>
              The evidence for micro-needling is strong for some concerns and thin for others. We show you which is
              which, so that you can decide with the facts in front of you.
            </p>
          </div>
          <ConcernGrid concerns={concerns} />
        </div>
      </section>

      <section className="section" aria-labelledby="course-title">
        <div className="container">
          <div className="section-head">
            <h2 id="course-title">What a course looks like</h2>
            <p>From the first conversation to the final result, step by step.</p>
          </div>
          <ol className="steps">
            <li className="step">
              <h3>Consultation and screening</h3>
              <p>
                A practitioner looks at your skin, goes through your health and medicines, takes standard photos and
                tells you honestly whether micro-needling is the right tool for your concern.
              </p>
            </li>
            <li className="step">
              <h3>Your written plan</h3>
              <p>
                Number of sessions, time between them, the depth range for each area, expected downtime and the full
                cost, written down before you commit to anything.
              </p>
            </li>
            <li className="step">
              <h3>Getting ready</h3>
              <p>
                In the days before, you pause retinoid and exfoliating acid products and avoid sunburn. If you get cold
                sores, ask us about preventive medicine before your first session.
              </p>
            </li>
            <li className="step">
              <h3>Treatment day</h3>
              <p>
                Numbing cream first, then about 15 to 30 minutes of needling. Your skin will look flushed and feel warm
                and tight, much like a moderate sunburn.
              </p>
            </li>
            <li className="step">
              <h3>Recovery</h3>
              <p>
                Redness fades over hours to a couple of days; dryness and fine flaking follow for a few days. Gentle
                cleanser, moisturiser and, from the next day, sunscreen. We check in with you along the way.
              </p>
            </li>
            <li className="step">
              <h3>The next sessions, and the result</h3>
              <p>
                Sessions usually follow about four weeks apart. New collagen matures slowly, so the result is judged
                with photos three to six months after the last session.
              </p>
            </li>
          </ol>
        </div>
      </section>

      <section className="section section-tinted" aria-labelledby="safety-title">
        <div className="container split split-even">
          <div>
            <h2 id="safety-title">Safe in careful hands, never risk-free</h2>
            <p>
              Redness, swelling and tenderness are expected and usually settle within a week. Less often, treated skin
              darkens for a while, a cold sore flares, or an infection develops; rarely, lines of marks or lumpy
              reactions to products applied during treatment occur. We use only products meant for needled skin and
              screen every patient before every session.
            </p>
            <p>
              <a className="text-link" href="/treatments#safety">
                Read about safety and who should wait
              </a>
            </p>
          </div>
          <div className="card callout">
            <h3>We will ask you to wait if you</h3>
            <ul className="check-list">
              <li>are pregnant or breastfeeding</li>
              <li>are taking isotretinoin now</li>
              <li>have active acne, a cold sore, an infection or broken skin in the area</li>
              <li>have a bleeding disorder, or an allergy to stainless steel or numbing creams</li>
            </ul>
          </div>
        </div>
      </section>

      <LatestArticles articles={latestArticles} timeZone={site.clinic?.timeZone ?? 'UTC'} />

      <NextStepBand headingId="next-step-title" title="Find out if micro-needling suits your skin">
        Answer a few questions about your skin and health and get an explained answer and a draft plan, or talk it
        through with a practitioner at a consultation.
      </NextStepBand>
    </>
  );
}

/** A cross-section of skin with fine channels and new collagen: decoration only. */
function SkinIllustration() {
  const channels = [150, 190, 230, 270, 310];
  const fibres = [
    'M40 190 C 90 170, 130 210, 180 188 S 270 170, 340 192',
    'M40 222 C 100 205, 150 240, 200 218 S 290 205, 340 226',
    'M40 254 C 80 238, 140 270, 190 250 S 280 236, 340 258',
  ];
  return (
    <figure className="illustration">
      <svg viewBox="0 0 380 300" role="presentation" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="380" height="300" rx="24" fill="#eef7f6" />
        <path d="M20 96 C 90 82, 150 108, 220 92 S 330 84, 360 96 L 360 136 L 20 136 Z" fill="#f6d9c8" />
        <path d="M20 136 L 360 136 L 360 280 L 20 280 Z" fill="#f9e9df" />
        <path d="M20 96 C 90 82, 150 108, 220 92 S 330 84, 360 96" fill="none" stroke="#e2b59c" strokeWidth="3" />
        {fibres.map((d) => (
          <path key={d} d={d} fill="none" stroke="#e9b9a6" strokeWidth="3" strokeLinecap="round" opacity="0.8" />
        ))}
        <rect x="128" y="30" width="204" height="26" rx="9" fill="#0d6b66" />
        <rect x="140" y="38" width="180" height="10" rx="5" fill="#ffffff" opacity="0.25" />
        {channels.map((x) => (
          <g key={x}>
            <line x1={x} y1="56" x2={x} y2="160" stroke="#0d6b66" strokeWidth="3" strokeLinecap="round" />
            <circle cx={x} cy="160" r="7" fill="#0d6b66" opacity="0.18" />
            <circle cx={x} cy="160" r="3" fill="#0d6b66" />
          </g>
        ))}
        <text x="30" y="124" fontSize="13" fill="#7a4a35">
          Surface layer
        </text>
        <text x="30" y="270" fontSize="13" fill="#7a4a35">
          Deeper layer: new collagen forms here
        </text>
      </svg>
      <figcaption>Fine channels, left to heal, prompt the skin to build new collagen.</figcaption>
    </figure>
  );
}
