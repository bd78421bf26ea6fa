// The answer and the plan, as the person reads it right after the wizard (and as the
// printable version). Every figure comes from the assessment, with its source keys;
// the keys link to the reference list at the end, which names each source.
import type { ReactNode } from 'react';
import type { PublicService } from '../../../db/repositories/clinics.ts';
import { QUESTION_TEXTS } from '../../../domain/clinical/questionnaire.ts';
import { SOURCES } from '../../../domain/clinical/sources.ts';
import type { AreaId, Decision } from '../../../domain/clinical/vocabulary.ts';
import type {
  AssessmentResponse,
  NotSuitablePlan,
  ScreeningReason,
  SourcedRange,
  TreatmentPlan,
} from '../../../domain/contracts/assessment.ts';
import { formatPrice } from '../format.ts';
import { links } from '../site-context.ts';
import { DepthMap, type DepthBand, type MappedZone } from './body-map.tsx';
import { CONCERN_WORDS, DECISION_WORDS, EVIDENCE_WORDS, areaName, formatIsoDate, formatRange } from './words.ts';
import type { WizardState } from './wizard-state.ts';
import { hiddenFields } from './wizard-state.ts';

/** Collects every source key the page cites, in order of first citation. */
class Citations {
  readonly keys: string[] = [];
  cite(keys: readonly string[]): readonly string[] {
    for (const key of keys) if (!this.keys.includes(key)) this.keys.push(key);
    return keys;
  }
}

function Sources({ keys, citations }: { keys: readonly string[]; citations: Citations }) {
  if (keys.length === 0) return null;
  citations.cite(keys);
  return (
    <span className="sources">
      Sources:{' '}
      {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && ', '}
          <a href={`#source-${key}`}>{key}</a>
        </span>
      ))}
    </span>
  );
}

function DecisionBadge({ decision }: { decision: Decision }) {
  return <span className={`decision decision-${decision}`}>{DECISION_WORDS[decision].short}</span>;
}

function rangeText(range: SourcedRange): string {
  return formatRange(range.min, range.max, range.unit);
}

function Figure({ label, range, citations }: { label: string; range: SourcedRange; citations: Citations }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>
        <strong>{rangeText(range)}</strong>
        {range.typical !== undefined && range.typical !== range.min && (
          <span className="fact-typical"> (usually {range.typical})</span>
        )}
        {range.note !== undefined && <span className="fact-note">{range.note}</span>}
        <Sources keys={range.sources} citations={citations} />
      </dd>
    </div>
  );
}

function ReasonList({ reasons, citations }: { reasons: readonly ScreeningReason[]; citations: Citations }) {
  return (
    <ul className="reasons">
      {reasons.map((reason, index) => (
        <li key={`${reason.rule}-${index}`} className={`reason reason-${reason.decision}`}>
          <DecisionBadge decision={reason.decision} />
          <p>
            {reason.message}
            {reason.earliestDate !== undefined && (
              <strong className="reason-date"> Not before {formatIsoDate(reason.earliestDate)}.</strong>
            )}
          </p>
          <Sources keys={reason.sources} citations={citations} />
        </li>
      ))}
    </ul>
  );
}

function bandOf(depth: SourcedRange | null): DepthBand {
  if (depth === null) return 'unset';
  if (depth.max <= 0.5) return 'shallow';
  if (depth.max <= 1.0) return 'medium';
  return 'deep';
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="result-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function AreaAnswers({ result, citations }: { result: AssessmentResponse; citations: Citations }) {
  const { decision } = result;
  const general = decision.reasons.filter((reason) => reason.area === undefined && reason.missingAnswer === undefined);
  const areas = Object.keys(decision.byArea) as AreaId[];
  return (
    <Section id="by-area" title="Your answer, area by area">
      <ul className="area-answers">
        {areas.map((area) => {
          const own = decision.reasons.filter((reason) => reason.area === area && reason.missingAnswer === undefined);
          const areaDecision = decision.byArea[area] ?? 'physician_review';
          return (
            <li key={area} className="area-answer">
              <div className="area-answer-head">
                <h3>{areaName(area)}</h3>
                <DecisionBadge decision={areaDecision} />
              </div>
              {own.length > 0 ? (
                <ReasonList reasons={own} citations={citations} />
              ) : (
                <p className="small">
                  {general.length > 0
                    ? 'See the reasons that apply to every area below.'
                    : 'Nothing stands in the way here.'}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {general.length > 0 && (
        <>
          <h3 className="subheading">For every area you chose</h3>
          <ReasonList reasons={general} citations={citations} />
        </>
      )}
    </Section>
  );
}

function OpenQuestions({ result, citations }: { result: AssessmentResponse; citations: Citations }) {
  const missing = result.decision.missingAnswers;
  if (missing.length === 0) return null;
  const bySource = result.decision.reasons.filter((reason) => reason.missingAnswer !== undefined);
  return (
    <Section id="open-questions" title="Questions still open">
      <p>
        You left these open, so the answer above is more careful than it may need to be. Your practitioner will ask
        about them at the consultation.
      </p>
      <ul className="plain-list">
        {missing.map((id) => {
          const reason = bySource.find((candidate) => candidate.missingAnswer === id);
          return (
            <li key={id}>
              {QUESTION_TEXTS[id].text}
              {reason !== undefined && <Sources keys={reason.sources} citations={citations} />}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function priceName(code: string, services: readonly PublicService[]): string {
  return services.find((service) => service.code === code)?.name ?? code;
}

function TreatmentPlanView({
  plan,
  services,
  citations,
}: {
  plan: TreatmentPlan;
  services: readonly PublicService[];
  citations: Citations;
}) {
  const currency = services[0]?.currency ?? 'USD';
  const mapped: MappedZone[] = [
    ...plan.zones.map((zone) => ({ area: zone.area, band: bandOf(zone.depthMm) })),
    ...plan.excludedAreas.map((excluded) => ({ area: excluded.area, band: 'excluded' as const })),
  ].map((zone, index) => ({ ...zone, number: index + 1 }));
  const numberOf = (area: AreaId) => mapped.find((zone) => zone.area === area)?.number;
  return (
    <>
      {plan.meanwhile.length > 0 && (
        <Section id="meanwhile" title="What to do meanwhile">
          <ul className="plain-list">
            {plan.meanwhile.map((item) => (
              <li key={item.text}>
                {item.text} <Sources keys={item.sources} citations={citations} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="plan" title="Your personal plan">
        {plan.status !== 'ready' && (
          <p className="callout">
            {plan.status === 'deferred'
              ? `This plan applies once you can start${plan.earliestStart === undefined ? '' : `, from ${formatIsoDate(plan.earliestStart)}`}.`
              : 'This plan is provisional until a doctor agrees at your consultation.'}
          </p>
        )}
        <div className="course-list">
          {plan.courses.map((course) => (
            <article key={course.concern} className="course card">
              <div className="course-head">
                <h3>{CONCERN_WORDS[course.concern].name}</h3>
                <span className={`evidence evidence-${course.evidence.level}`}>
                  {EVIDENCE_WORDS[course.evidence.level]}
                </span>
              </div>
              <p className="small">Areas: {course.areas.map(areaName).join(', ')}</p>
              <p>
                {course.evidence.summary} <Sources keys={course.evidence.sources} citations={citations} />
              </p>
              {course.recommended ? (
                <dl className="facts">
                  {course.sessions !== undefined && (
                    <Figure label="Sessions" range={course.sessions} citations={citations} />
                  )}
                  {course.intervalWeeks !== undefined && (
                    <Figure label="Weeks apart" range={course.intervalWeeks} citations={citations} />
                  )}
                  {course.results !== undefined && (
                    <Figure
                      label={`Results judged, after the ${course.results.after === 'first_session' ? 'first' : 'last'} session`}
                      range={course.results.range}
                      citations={citations}
                    />
                  )}
                </dl>
              ) : (
                <p className="callout">
                  We do not plan a course for this concern: the evidence is too weak. Your practitioner will talk with
                  you about other options.
                </p>
              )}
              {course.maintenance !== undefined && (
                <p>
                  {course.maintenance.text} <Sources keys={course.maintenance.sources} citations={citations} />
                </p>
              )}
              {course.notes.length > 0 && (
                <ul className="plain-list small">
                  {course.notes.map((note) => (
                    <li key={note.text}>
                      {note.text} <Sources keys={note.sources} citations={citations} />
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </div>
        <dl className="facts facts-wide">
          <Figure label="Downtime" range={plan.downtimeDays} citations={citations} />
        </dl>
      </Section>

      <Section id="depth" title="Needle depth by zone">
        <p>
          {plan.device.titration.text} <Sources keys={plan.device.titration.sources} citations={citations} />
        </p>
        <div className="depth-layout">
          <DepthMap zones={mapped} label="Planned needle depth" />
          <div>
            <ul className="depth-legend" aria-label="Map colours">
              <li>
                <span className="swatch zone-depth-shallow" /> up to 0.5 mm
              </li>
              <li>
                <span className="swatch zone-depth-medium" /> up to 1.0 mm
              </li>
              <li>
                <span className="swatch zone-depth-deep" /> over 1.0 mm
              </li>
              <li>
                <span className="swatch zone-depth-unset" /> set from the device instructions
              </li>
              {plan.excludedAreas.length > 0 && (
                <li>
                  <span className="swatch zone-depth-excluded" /> not treated
                </li>
              )}
            </ul>
            <ol className="depth-list">
              {plan.zones.map((zone) => (
                <li key={zone.area}>
                  <span className="depth-number" aria-hidden="true">
                    {numberOf(zone.area)}
                  </span>
                  <div>
                    <h3>
                      {areaName(zone.area)}: {zone.depthMm === null ? 'no published depth' : rangeText(zone.depthMm)}
                    </h3>
                    {zone.depthMm !== null && (
                      <p className="small">
                        {zone.depthMm.note} <Sources keys={zone.depthMm.sources} citations={citations} />
                      </p>
                    )}
                    {zone.constraints.map((constraint) => (
                      <p key={constraint.text} className="small">
                        {constraint.text} <Sources keys={constraint.sources} citations={citations} />
                      </p>
                    ))}
                  </div>
                </li>
              ))}
              {plan.excludedAreas.map((excluded) => (
                <li key={excluded.area}>
                  <span className="depth-number" aria-hidden="true">
                    {numberOf(excluded.area)}
                  </span>
                  <div>
                    <h3>{areaName(excluded.area)}: not treated</h3>
                    <p className="small">{DECISION_WORDS[excluded.decision].explain}</p>
                  </div>
                </li>
              ))}
            </ol>
          </div>
        </div>
        <p className="small">
          {plan.device.outOfScope.text} <Sources keys={plan.device.outOfScope.sources} citations={citations} />
        </p>
      </Section>

      {plan.precautions.length > 0 && (
        <Section id="precautions" title="Precautions in your plan">
          <ul className="plain-list">
            {plan.precautions.map((item) => (
              <li key={item.text}>
                {item.text} <Sources keys={item.sources} citations={citations} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      {plan.adjuncts.length > 0 && (
        <Section id="adjuncts" title="Add-ons worth asking about">
          <ul className="adjuncts">
            {plan.adjuncts.map((adjunct) => (
              <li key={adjunct.id} className="card">
                <div className="course-head">
                  <h3>{adjunct.name}</h3>
                  <span className={`evidence evidence-${adjunct.evidence}`}>{EVIDENCE_WORDS[adjunct.evidence]}</span>
                </div>
                <p>
                  {adjunct.summary} <Sources keys={adjunct.sources} citations={citations} />
                </p>
                {!adjunct.suitable && <p className="callout">Your answers rule this one out for now.</p>}
                {adjunct.caution !== undefined && <p className="small">{adjunct.caution}</p>}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="before" title="Before each session">
        <ul className="plain-list">
          {plan.preCare.map((item) => (
            <li key={item.id}>
              {item.daysBefore !== undefined && (
                <strong className="when">
                  {item.daysBefore} {item.daysBefore === 1 ? 'day' : 'days'} before:{' '}
                </strong>
              )}
              {item.text} <Sources keys={item.sources} citations={citations} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="aftercare" title="Aftercare, day by day">
        <ol className="timeline">
          {plan.aftercare.map((step) => (
            <li key={`${step.fromDay}-${step.toDay}`}>
              <p className="timeline-day">
                {step.fromDay === step.toDay ? `Day ${step.fromDay}` : `Days ${step.fromDay}–${step.toDay}`}
              </p>
              <div>
                <h3>{step.title}</h3>
                {step.expect.length > 0 && <TimelineList title="What to expect" items={step.expect} />}
                {step.do.length > 0 && <TimelineList title="Do" items={step.do} />}
                {step.avoid.length > 0 && <TimelineList title="Avoid" items={step.avoid} />}
                <Sources keys={step.sources} citations={citations} />
              </div>
            </li>
          ))}
        </ol>
      </Section>

      <Section id="red-flags" title="Call the clinic if you notice">
        <ul className="plain-list red-flags">
          {plan.redFlags.map((item) => (
            <li key={item.text}>
              {item.text} <Sources keys={item.sources} citations={citations} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="price" title="What it may cost">
        {plan.price.lines.length > 0 && (
          <p className="price-range">
            {formatPrice(plan.price.minCents, currency)} to {formatPrice(plan.price.maxCents, currency)}
          </p>
        )}
        <table className="price-table">
          <caption className="visually-hidden">Price estimate by service</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Sessions</th>
              <th scope="col">Price each</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {plan.price.lines.map((line) => (
              <tr key={line.serviceCode}>
                <th scope="row">
                  {priceName(line.serviceCode, services)}
                  {line.units > 1 && ` × ${line.units} areas`}
                </th>
                <td>{formatRange(line.sessions.min, line.sessions.max, '')}</td>
                <td>{formatPrice(line.unitPriceCents, currency)}</td>
                <td>
                  {line.minCents === line.maxCents
                    ? formatPrice(line.minCents, currency)
                    : `${formatPrice(line.minCents, currency)}–${formatPrice(line.maxCents, currency)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small">
          {plan.price.note}
          {plan.price.missingServiceCodes.length > 0 &&
            ` The clinic's price list has no price yet for: ${plan.price.missingServiceCodes.join(', ')}.`}
        </p>
      </Section>
    </>
  );
}

function TimelineList({ title, items }: { title: string; items: readonly string[] }) {
  return (
    <>
      <p className="timeline-label">{title}</p>
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

function NotSuitableView({ plan, citations }: { plan: NotSuitablePlan; citations: Citations }) {
  return (
    <Section id="plan" title="Why there is no treatment plan">
      <ul className="plain-list">
        {plan.explanation.map((item) => (
          <li key={item.text}>
            {item.text} <Sources keys={item.sources} citations={citations} />
          </li>
        ))}
      </ul>
      {plan.alternatives.length > 0 && (
        <>
          <h3 className="subheading">Options to talk about with a doctor</h3>
          <ul className="plain-list">
            {plan.alternatives.map((item) => (
              <li key={item.text}>
                {item.text} <Sources keys={item.sources} citations={citations} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function References({ citations }: { citations: Citations }) {
  const sources = SOURCES as Record<string, { tier: string; title: string; url: string } | undefined>;
  return (
    <Section id="sources" title="Sources">
      <p className="small">
        Each key above points here. Tiers: L labelling or regulation, SR systematic review, C consensus, P clinical
        study, R review, CL clinic or vendor page (practice convention only).
      </p>
      <ol className="references">
        {citations.keys.map((key) => {
          const source = sources[key];
          return (
            <li key={key} id={`source-${key}`}>
              <span className="reference-key">{key}</span>{' '}
              {source === undefined ? (
                'Reference in the clinical fact base.'
              ) : (
                <>
                  <a href={source.url} rel="noopener noreferrer">
                    {source.title}
                  </a>{' '}
                  <span className="small">({source.tier})</span>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

export interface ResultViewProps {
  result: AssessmentResponse;
  state: WizardState;
  today: string;
  services: readonly PublicService[];
  printable: boolean;
}

export function ResultView({ result, state, today, services, printable }: ResultViewProps) {
  const citations = new Citations();
  const { decision, plan } = result;
  const overall = DECISION_WORDS[decision.overall];
  // The sections cite sources as they render; the reference list comes after them in
  // the tree, so it renders last and lists every key cited above it.
  const body = (
    <>
      <AreaAnswers result={result} citations={citations} />
      <OpenQuestions result={result} citations={citations} />
      {plan.kind === 'treatment' ? (
        <TreatmentPlanView plan={plan} services={services} citations={citations} />
      ) : (
        <NotSuitableView plan={plan} citations={citations} />
      )}
      <Section id="expectations" title="What micro-needling can and cannot promise">
        <ul className="plain-list">
          {plan.expectations.map((item) => (
            <li key={item.text}>
              {item.text} <Sources keys={item.sources} citations={citations} />
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
  return (
    <div className={`section result${printable ? ' result-printable' : ''}`}>
      <div className="container result-container">
        <header className={`result-head result-head-${decision.overall}`}>
          <p className="eyebrow">{printable ? 'My micro-needling plan' : 'Plan my treatment: your result'}</p>
          <h1>{overall.label}</h1>
          <p className="lead">{overall.explain}</p>
          {decision.earliestDate !== undefined && (
            <p className="earliest">
              Earliest date for a first session: <strong>{formatIsoDate(decision.earliestDate)}</strong>
            </p>
          )}
          <p className="small">
            Assessed on {formatIsoDate(today)} · reference {result.id.slice(0, 8)} · protocol {result.protocolVersion}.
            This is decision support, not a diagnosis: a practitioner checks every answer with you.
          </p>
        </header>
        <ResultActions state={state} today={today} result={result} printable={printable} />
        {body}
        <References citations={citations} />
        <ResultActions state={state} today={today} result={result} printable={printable} />
      </div>
    </div>
  );
}

/**
 * Where "book" and "save to my account" lead. An anonymous result carries its claim
 * token in the fragment, which the browser keeps to itself (never sent to a server,
 * never in a Referer); the app reads it there. A signed-in patient's result is in
 * their record already, so it needs none.
 */
export function appLink(base: string, result: Pick<AssessmentResponse, 'id' | 'claimToken'>): string {
  const query = `${base}?${new URLSearchParams({ assessment: result.id }).toString()}`;
  return result.claimToken === undefined
    ? query
    : `${query}#${new URLSearchParams({ claim: result.claimToken }).toString()}`;
}

function ResultActions({
  state,
  today,
  result,
  printable,
}: {
  state: WizardState;
  today: string;
  result: AssessmentResponse;
  printable: boolean;
}) {
  const id = result.id;
  if (printable) {
    return (
      <div className="result-actions no-print">
        <button type="button" className="button button-primary print-button" data-print hidden>
          Print or save as PDF
        </button>
        <PdfDownload state={state} today={today} id={id} />
        <p className="small">
          Use your browser’s Print command (Ctrl+P, ⌘P, or Share → Print on a phone) and choose “Save as PDF” to keep a
          copy.
        </p>
      </div>
    );
  }
  return (
    <div className="result-actions no-print">
      <a className="button button-primary button-large" href={appLink(links.bookConsultation, result)}>
        Book a consultation
      </a>
      {result.claimToken === undefined ? (
        <a className="button button-secondary button-large" href={`${links.portal}/plan/${id}`}>
          See it in my account
        </a>
      ) : (
        <a className="button button-secondary button-large" href={appLink(links.saveToAccount, result)}>
          Save to my account
        </a>
      )}
      <form method="post" action="/plan/print" target="_blank" className="inline-form">
        {hiddenFields(state, 'result').map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="today" value={today} />
        <input type="hidden" name="ref" value={id} />
        <button type="submit" className="button button-secondary button-large">
          Printable version
        </button>
      </form>
      <PdfDownload state={state} today={today} id={id} large />
    </div>
  );
}

/** "Download PDF": the printable version's form, answered with a PDF file (POST /plan/pdf, plan-pdf.ts). */
function PdfDownload({
  state,
  today,
  id,
  large = false,
}: {
  state: WizardState;
  today: string;
  id: string;
  large?: boolean;
}) {
  return (
    <form method="post" action="/plan/pdf" className="inline-form">
      {hiddenFields(state, 'result').map(([name, value], index) => (
        <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="today" value={today} />
      <input type="hidden" name="ref" value={id} />
      <button type="submit" className={`button button-secondary${large ? ' button-large' : ''}`}>
        Download PDF
      </button>
    </form>
  );
}
